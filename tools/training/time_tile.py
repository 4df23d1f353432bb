"""Seconds per 512 x 512 tile of an ONNX model with onnxruntime on 2 CPU threads (best of 5 runs)."""

import sys
import time

import numpy as np
import onnxruntime as ort


def seconds_per_tile(model: str) -> float:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    inputs = {  # whatever the contract version: random values of each input's shape, batch of one
        node.name: rng.random([1] + node.shape[1:], dtype=np.float32) for node in session.get_inputs()
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
