"""One onnxruntime session: execution provider choice, threads, and running batches of tiles."""

import contextlib
import os
import threading
import time
from pathlib import Path
from typing import Callable, Iterator, List

import numpy as np

from ..errors import CancelledError, InputError, ModelError
from ..options import DEVICE_PROVIDERS, DEVICES
from .contract import ModelContract, contract_from_io, read_train_config

ACCELERATOR_BATCH = 8
INTRA_OP_SPINNING = "0"
CANCEL_POLL_S = 0.1


def usable_cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity API
        return os.cpu_count() or 1


def choose_providers(device: str, available: List[str]) -> List[str]:
    """Providers to ask for, best first; CPU is always the last resort."""
    if device == "auto":
        wanted = [DEVICE_PROVIDERS[name] for name in ("cuda", "directml", "coreml")]
        return [provider for provider in wanted if provider in available] + [DEVICE_PROVIDERS["cpu"]]
    if device not in DEVICE_PROVIDERS:
        raise InputError("Unknown device {device!r}; use one of {choices}.", device=device, choices=", ".join(DEVICES))
    provider = DEVICE_PROVIDERS[device]
    if provider not in available:
        raise ModelError(
            "Device {device!r} needs onnxruntime's {provider}, which this onnxruntime does not have (it has "
            "{available}). Choose 'auto' or 'cpu', or install an onnxruntime build with it.",
            device=device,
            provider=provider,
            available=", ".join(available),
        )
    return [provider] if device == "cpu" else [provider, DEVICE_PROVIDERS["cpu"]]


class ModelSession:
    """An onnxruntime session for a model with the FloodSR contract."""

    def __init__(self, model_path, device: str = "auto", threads: int = 0):
        import onnxruntime as ort

        self.model_path = Path(model_path)
        if not self.model_path.is_file():
            raise ModelError(
                "Model file {path} does not exist. Check the path or fetch the model again.", path=self.model_path
            )
        # Measured on the bundled models (one tile per run, every setting alternated in one process, medians of
        # 15, CPU time per tile, 2 cores at a load average of 8 to 11, 2026-12-06): these settings against
        # EXTENDED / BASIC graph optimisation, one intra-op thread, the CPU memory arena off, spinning threads,
        # memory patterns off: floodsr_subgrid 121 ms against 138 / 148 / 99 / 151 / 164 / 150 ms,
        # floodsr_small 117 against 156 / 155 / 107 / 158 / 176 / 157 ms, floodsr_surface 7 ms, all within 1 ms
        # of it (its contract-3 head around the model costs a hundred times more). One thread saves about a tenth
        # of the CPU on a busy machine but is slower on idle cores: threads stay at the usable cores. IO binding
        # saves nothing on the CPU provider (one small output array per tile).
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = threads or usable_cpu_count()
        options.inter_op_num_threads = 1
        # Idle intra-op threads sleep instead of spinning: the thread that reads and blends the next tiles, GDAL's
        # compression and other programs need those cores while the model waits for them.
        options.add_session_config_entry("session.intra_op.allow_spinning", INTRA_OP_SPINNING)
        options.log_severity_level = 3
        providers = choose_providers(device, ort.get_available_providers())
        try:
            self._session = ort.InferenceSession(str(self.model_path), options, providers=providers)
        except Exception as error:  # onnxruntime raises its own untyped Fail/InvalidProtobuf errors
            raise ModelError(
                "{path} could not be loaded as an ONNX model ({error}). The file is corrupt, truncated or not ONNX: "
                "download or export it again.",
                path=self.model_path,
                error=_first_line(error),
            ) from error
        self.contract: ModelContract = contract_from_io(
            self._session.get_inputs(),
            self._session.get_outputs(),
            read_train_config(self.model_path),
            self._session.get_modelmeta().custom_metadata_map,
        )
        self.device_used = self._session.get_providers()[0]
        self.run_seconds = 0.0

    @property
    def batch_size(self) -> int:
        """Tiles per call: one on CPU (cancel stays within one tile), more on accelerators."""
        if self.contract.batch is not None:
            return self.contract.batch
        return 1 if self.device_used == DEVICE_PROVIDERS["cpu"] else ACCELERATOR_BATCH

    def run(
        self,
        depth_lr: np.ndarray,
        dem_hr: np.ndarray,
        *more: np.ndarray,
        is_cancelled: Callable[[], bool] = lambda: False,
    ) -> np.ndarray:
        """The contract's inputs in its order ([n,lr,lr,1], then [n,hr,hr,1] each), float32, as the contract
        prepares them (superresolution/feeds.py); its output [n,hr,hr,1] out. A model with a fixed batch gets its
        batch filled up with copies of the last tile. A cancel stops onnxruntime mid-run."""
        import onnxruntime as ort

        tensors = (depth_lr, dem_hr) + more
        count = len(depth_lr)
        fixed = self.contract.batch
        if fixed is not None and count < fixed:
            tensors = tuple(_filled_up(tiles, fixed) for tiles in tensors)
        options = ort.RunOptions()
        started = time.perf_counter()
        try:
            with _terminated_on_cancel(options, is_cancelled):
                (prediction,) = self._session.run(
                    [self.contract.output_name], dict(zip(self.contract.input_names, tensors)), options
                )
        except Exception as error:  # onnxruntime raises its own untyped Fail/InvalidArgument errors
            if options.terminate:
                raise CancelledError() from error
            raise ModelError(
                "The model {path} failed while running ({error}). It may not follow the FloodSR contract: "
                "check it with floodsr:importmodel, or use another model.",
                path=self.model_path,
                error=_first_line(error),
            ) from error
        self.run_seconds += time.perf_counter() - started
        return prediction[:count]


def _filled_up(tiles: np.ndarray, batch: int) -> np.ndarray:
    return np.concatenate([tiles, np.repeat(tiles[-1:], batch - len(tiles), axis=0)])


@contextlib.contextmanager
def _terminated_on_cancel(options, is_cancelled: Callable[[], bool]) -> Iterator[None]:
    """A watcher sets onnxruntime's terminate flag as soon as cancel is asked for, which stops the run between
    two of its operators (a big model on a CPU may take minutes per call)."""
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(CANCEL_POLL_S):
            if is_cancelled():
                options.terminate = True
                return

    if is_cancelled():
        options.terminate = True
        raise CancelledError()
    watcher = threading.Thread(target=watch, name="floodsr-cancel-watch", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        finished.set()
        watcher.join()


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
