"""Which model a request runs: the engine's `resolve_model` over the server's cache, a name or models:/ URI the
client sent or the default model the operator configured; never a file path."""

from pathlib import Path

from engine.scene import ResolvedModel, resolve_model


class ModelResolver:
    def __init__(self, cache_dir: Path, default_model: str = ""):
        """`default_model`: a registered name or a models:/ URI; empty is the engine's default model."""
        self.cache_dir = cache_dir
        self.default_model = default_model

    def resolve(self, model: str) -> ResolvedModel:
        """A registered, installed and intact model, fetching a models:/ URI first; ModelError otherwise."""
        return resolve_model(model, self.cache_dir)
