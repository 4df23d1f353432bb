"""Seconds per 512 x 512 tile of an ONNX model with onnxruntime on 2 CPU threads (best of 5 runs)."""

import sys
import time

import numpy as np
import onnxruntime as ort


def seconds_per_tile(model: str) -> float:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    inputs = {
        "depth_lr": np.full((1, 32, 32, 1), 0.3, np.float32),
        "dem_hr": np.random.default_rng(0).random((1, 512, 512, 1), dtype=np.float32),
    }
    session.run(None, inputs)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        session.run(None, inputs)
        timings.append(time.perf_counter() - started)
    return min(timings)


if __name__ == "__main__":
    print(f"{seconds_per_tile(sys.argv[1]):.3f}")
