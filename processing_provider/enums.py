"""Processing enum values valid from QGIS 3.22 (unscoped, Qt5) to Qt6 builds (scoped, in Qgis.*)."""

from qgis.core import (
    Qgis,
    QgsProcessing,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
)


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


def _field_type(meta_type: str, variant_type: str):
    """A QgsField type: QMetaType.Type from QGIS 3.38 on (all Qt6 builds have), QVariant.Type before."""
    from qgis.PyQt.QtCore import QMetaType, QVariant

    if Qgis.QGIS_VERSION_INT >= 33800:
        return getattr(QMetaType.Type, meta_type)
    return getattr(QVariant.Type, variant_type)


DOUBLE_FIELD = _field_type("Double", "Double")
STRING_FIELD = _field_type("QString", "String")
POINT_GEOMETRY = _value("ProcessingSourceType", "VectorPoint", QgsProcessing, "TypeVectorPoint")
POLYGON_GEOMETRY = _value("ProcessingSourceType", "VectorPolygon", QgsProcessing, "TypeVectorPolygon")
NUMERIC_FIELD = _value("ProcessingFieldParameterDataType", "Numeric", QgsProcessingParameterField, "Numeric")
