"""The Processing provider 'floodsr' and its algorithms: thin adapters from QGIS to the engine."""
