"""FloodSR for QGIS: entry point that QGIS calls to create the plugin."""


def classFactory(iface):  # noqa: N802 - name required by QGIS
    from .floodsr_plugin.plugin import FloodSRPlugin

    return FloodSRPlugin(iface)
