"""Super-resolution with an ONNX model: contract, session, normalisation, tiles, blending.

Entry point: run.superresolve.
"""
