"""Classic model-free flood downscalers (Bryant et al., FloodDownscaler): baselines and a tool in their own right."""
