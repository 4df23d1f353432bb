"""Building footprints as GeoPackages: any polygons, and a house on the bundled sample's flood."""

from pathlib import Path

from osgeo import ogr, osr

# The sample's corner (EPSG:3794, fine cells of 2 m)
SAMPLE_X0, SAMPLE_Y0 = 564003.5, 146995.5
# The sample's fine rows 324-331 and columns 244-251: inside the wet coarse cell (20, 15), which keeps its other cells
SAMPLE_HOUSE_CELLS = (slice(324, 332), slice(244, 252))


def polygons_file(path, rings, epsg=3794, kind=ogr.wkbPolygon, layer_name="buildings"):
    """A GeoPackage of one polygon per ring ((x, y) vertices), in `epsg`, in the layer `layer_name`: added to the
    GeoPackage at `path` when there is one."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    if Path(path).exists():
        source = ogr.Open(str(path), update=1)
    else:
        source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = source.CreateLayer(layer_name, srs, kind)
    for ring in rings:
        geometry = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in list(ring) + [ring[0]]:
            geometry.AddPoint_2D(x, y)
        polygon = ogr.Geometry(ogr.wkbPolygon)
        polygon.AddGeometry(geometry)
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(polygon)
        layer.CreateFeature(feature)
    source = None
    return str(path)


def sample_house(folder):
    """A GeoPackage of one house covering SAMPLE_HOUSE_CELLS of the sample."""
    return polygons_file(folder / "house.gpkg", [sample_house_ring()])


def sample_house_ring():
    """The outline of the house on SAMPLE_HOUSE_CELLS, in the sample's CRS."""
    rows, columns = SAMPLE_HOUSE_CELLS
    left, right = SAMPLE_X0 + 2 * columns.start, SAMPLE_X0 + 2 * columns.stop
    top, bottom = SAMPLE_Y0 - 2 * rows.start, SAMPLE_Y0 - 2 * rows.stop
    return [(left, top), (right, top), (right, bottom), (left, bottom)]
