"""FloodSR's HTTP inference server (make serve): development and deployment only, never in the plugin zip."""
