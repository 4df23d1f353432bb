"""Super-resolution with an ONNX model: contract, session, normalisation, tiles, blending; entry point run.superresolve."""
