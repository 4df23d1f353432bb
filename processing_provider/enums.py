"""Processing enum values valid from QGIS 3.22 (unscoped, Qt5) to Qt6 builds (scoped, in Qgis.*)."""

from qgis.core import Qgis, QgsProcessingParameterDefinition, QgsProcessingParameterFile, QgsProcessingParameterNumber


def _value(scoped_enum: str, member: str, legacy_owner, legacy_name: str):
    """The scoped Qgis.<enum>.<member> where QGIS has it (3.36+), else the legacy class attribute."""
    scoped = getattr(Qgis, scoped_enum, None)
    if scoped is not None and hasattr(scoped, member):
        return getattr(scoped, member)
    return getattr(legacy_owner, legacy_name)


INTEGER = _value("ProcessingNumberParameterType", "Integer", QgsProcessingParameterNumber, "Integer")
DOUBLE = _value("ProcessingNumberParameterType", "Double", QgsProcessingParameterNumber, "Double")
FILE = _value("ProcessingFileParameterBehavior", "File", QgsProcessingParameterFile, "File")
FOLDER = _value("ProcessingFileParameterBehavior", "Folder", QgsProcessingParameterFile, "Folder")
ADVANCED = _value("ProcessingParameterFlag", "Advanced", QgsProcessingParameterDefinition, "FlagAdvanced")
HIDDEN = _value("ProcessingParameterFlag", "Hidden", QgsProcessingParameterDefinition, "FlagHidden")

WARNING = _value("MessageLevel", "Warning", Qgis, "Warning")
