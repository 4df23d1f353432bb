"""Scoring a fine depth map against a reference: metrics, rasters and the HTML report; entry point run.evaluate."""
