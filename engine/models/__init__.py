"""Models and runtime: registry, cache, downloads, imports, onnxruntime installation and diagnostics."""
