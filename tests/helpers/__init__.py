"""What the tests share: where the checkout's files are, rasters and ONNX models written for a test, batch
manifests, and the processes a test talks to (the FloodSR server, qgis_process, a local HTTP server).

pytest.ini puts tests/ on the path, so that this package imports as `helpers`; tools/bench.py and tools/loadtest.py
do the same to reuse it."""
