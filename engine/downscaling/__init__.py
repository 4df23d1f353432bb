"""Model-free downscaling of coarse depth or water surface onto a fine DEM; entry point run.downscale."""
