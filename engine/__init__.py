"""FloodSR engine: super-resolution, downscaling, evaluation and models, with no QGIS imports.

Nothing here imports QGIS, so the engine runs from plain Python scripts, tests, batch workers and the server.
Each flow has one entry module, `run.py`, in its subpackage; raster I/O and models are shared.
"""
