"""FloodSR engine: model contract, onnxruntime session, grids, tiling, blending and raster I/O.

Nothing here imports QGIS, so the engine runs from plain Python scripts and tests too.
"""
