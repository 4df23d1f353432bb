"""Shared by the model and setup algorithms: their group."""

from .algorithm import FloodSRAlgorithm


class SetupAlgorithm(FloodSRAlgorithm):
    def group(self):
        return self.tr("Models and setup")

    def groupId(self):  # noqa: N802 - QGIS API name
        return "setup"
