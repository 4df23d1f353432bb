"""FloodSR for QGIS: entry point that QGIS calls to create the plugin."""


def classFactory(iface):
    from .floodsr_plugin.plugin import FloodSRPlugin

    return FloodSRPlugin(iface)
