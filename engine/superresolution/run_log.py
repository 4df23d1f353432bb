"""What a super-resolution run tells its log: its setup before the tiles, its outcome after them."""

from pathlib import Path

from ..messages import Message, Plural
from ..options import BLEND_LABELS
from ..progress import Progress
from ..rasters.inputs import InferenceInputs
from .feeds import output_range
from .request import SuperResolveRequest
from .session import ModelSession
from .tile_work import TileCounts, TileJob
from .tiles import TilePlan


def log_setup(
    progress: Progress, request: SuperResolveRequest, session: ModelSession, inputs: InferenceInputs, plan: TilePlan
) -> None:
    contract, lr, model, output = (
        session.contract,
        inputs.flood.coarse_grid,
        inputs.model_grid,
        inputs.flood.output_grid,
    )
    progress.log(
        Message(
            "Model {model} on {device} ({lr_tile} -> {hr_tile} px tiles, x{scale}).",
            model=request.model_name or Path(request.model_path).name,
            device=session.device_used,
            lr_tile=contract.lr_tile,
            hr_tile=contract.hr_tile,
            scale=contract.scale,
        )
    )
    progress.log(
        Message(
            "Depth grid {width} x {height} cells of {cell:.4g} m; model grid {model_width} x {model_height} "
            "of {model_cell:.4g} m; output grid {output_width} x {output_height} of {output_cell:.4g} m.",
            width=lr.width,
            height=lr.height,
            cell=lr.dx,
            model_width=model.width,
            model_height=model.height,
            model_cell=model.dx,
            output_width=output.width,
            output_height=output.height,
            output_cell=output.dx,
        )
    )
    progress.log(
        Message(
            "{tiles} ({rows} x {columns}), blend {blend}, overlap {overlap} coarse px.",
            tiles=Plural("%Ln tile(s)", plan.tile_count),
            rows=Plural("%Ln row(s)", len(plan.y.starts)),
            columns=Plural("%Ln column(s)", len(plan.x.starts)),
            blend=BLEND_LABELS[request.blend],
            overlap=request.overlap_lr,
        )
    )
    for note in inputs.flood.notes:
        progress.log(note)


def log_augmentation(progress: Progress, job: TileJob) -> None:
    variants = job.settings.augmentations
    if job.settings.runs_model and variants > 1:
        progress.log(
            Message(
                "Test-time augmentation: every tile runs through the model {variants} times (flipped and "
                "rotated), so the model takes {variants} times as long.",
                variants=variants,
            )
        )


def log_outcome(progress: Progress, job: TileJob, counts: TileCounts) -> None:
    if job.settings.runs_model:
        progress.log(
            Message(
                "{dry} of {total} were dry (no water in their coarse window): depth 0 there, without the model.",
                dry=counts.dry_tiles,
                total=Plural("%Ln tile(s)", job.plan.tile_count * len(job.settings.input_bands)),
            )
        )
    if counts.clipped_cells:
        progress.log(
            Message(
                "{share:.2%} of the model's output values ({count:,} of {total:,}) were outside its range 0 to {top:g} "
                "and were clipped to it, as its contract says.",
                share=counts.clipped_cells / counts.output_cells,
                count=counts.clipped_cells,
                total=counts.output_cells,
                top=output_range(job.contract),
            )
        )
    if counts.fallback_tiles:
        progress.log(
            Message(
                "{tiles} fell back to the subgrid estimate because the model's output was unusable there.",
                tiles=Plural("%Ln tile(s)", len(counts.fallback_tiles)),
            )
        )
    summary = counts.applicability()
    if summary is not None:
        progress.log(summary)
