"""Fine-resolution flood simulation with itzi (a 2D local-inertial shallow-water solver), from numpy arrays.

Dev-only: runs in its own venv (.venv-floodgen, numpy 2) and is never imported by the plugin.
Parameters follow shared/specs/flood-simulation.md: dtmax 0.5 s (larger steps blow up under rain on
2 m LiDAR), free-outfall edges as bctype 4 with bcval 0 (bctype 2 imports water), mass-balance abort off.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Callable, Optional

import numpy as np
from itzi.configreader import SimulationTimes
from itzi.rasterdomain import DomainData
from itzi.simulation_factories import create_memory_simulation

CLOSED, FREE_OUTFALL = 0, 4
EDGES = {"N": np.s_[0, :], "S": np.s_[-1, :], "W": np.s_[:, 0], "E": np.s_[:, -1]}


def _duration(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


@dataclass(frozen=True)
class FloodEvent:
    """What floods a terrain, for `seconds`: rain (mm/h) over every cell and an inflow, a function of time (s) ->
    discharge (m3/s) spread over the boolean `source` cells; `outfalls` are the edges (letters N, S, W, E) where
    water leaves freely, the others are walls."""

    seconds: int
    rain_mm_per_h: float = 0.0
    inflow: Optional[Callable[[float], float]] = None
    source: Optional[np.ndarray] = None
    outfalls: str = "S"


def simulate_max_depth(dem, cell, event: FloodEvent, manning=0.035):
    """Running maximum depth (m, float32) of a flood on `dem` (row 0 north); `manning`: one Manning's n, or one
    per cell (an array of the DEM's shape)."""
    rows, cols = dem.shape
    times = SimulationTimes(
        {"duration": _duration(int(event.seconds)), "start_time": None, "end_time": None, "record_step": "00:10:00"}
    )
    parameters = dict(
        hmin=0.005,
        cfl=0.7,
        theta=0.9,
        g=9.80665,
        vrouting=0.1,
        dtmax=0.5,
        slmax=0.1,
        dtinf=60.0,
        max_error=1e9,
        inf_model="null",
    )
    drainage = dict(swmm_inp=None, output=None, orifice_coeff=0.167, free_weir_coeff=0.54, submerged_weir_coeff=0.056)
    domain = DomainData(north=rows * cell, south=0.0, east=cols * cell, west=0.0, rows=rows, cols=cols)
    simulation = create_memory_simulation(
        times, {"water_depth": "h"}, parameters, drainage, domain, np.zeros((rows, cols), bool), np.float32
    )
    simulation.set_array("dem", np.array(dem, np.float32))  # itzi overwrites NaNs in place: pass copies
    simulation.set_array("friction", np.array(np.broadcast_to(manning, (rows, cols)), np.float32))
    boundary = np.full((rows, cols), CLOSED, np.float32)
    for edge in event.outfalls:
        boundary[EDGES[edge]] = FREE_OUTFALL
    simulation.set_array("bctype", boundary)
    simulation.set_array("bcval", np.zeros((rows, cols), np.float32))
    simulation.set_array("rain", np.full((rows, cols), event.rain_mm_per_h / 3.6e6, np.float32))
    simulation.initialize()
    for t in range(60, int(event.seconds) + 1, 60):  # inputs held constant over each minute
        if event.inflow is not None:
            rate = np.zeros((rows, cols), np.float32)
            rate[event.source] = event.inflow(t - 30) / (event.source.sum() * cell * cell)
            simulation.set_array("inflow", rate)
        simulation.update_until(timedelta(seconds=t))
    simulation.finalize()
    return np.array(simulation.get_array("hmax"), np.float32)


def coarsen(fine, factor):
    """Block mean (dry cells count as zero), as coarse flood inputs are made from fine truth."""
    rows, cols = fine.shape[0] // factor, fine.shape[1] // factor
    return (
        fine[: rows * factor, : cols * factor].reshape(rows, factor, cols, factor).mean(axis=(1, 3)).astype(np.float32)
    )
