"""Building footprints as GeoPackages: any polygons, and a house on the bundled sample's flood."""

from osgeo import ogr, osr

# The sample's corner (EPSG:3794, fine cells of 2 m)
SAMPLE_X0, SAMPLE_Y0 = 564003.5, 146995.5
# The sample's fine rows 324-331 and columns 244-251: inside the wet coarse cell (20, 15), which keeps its other cells
SAMPLE_HOUSE_CELLS = (slice(324, 332), slice(244, 252))


def polygons_file(path, rings, epsg=3794, kind=ogr.wkbPolygon):
    """A GeoPackage of one polygon per ring ((x, y) vertices), in `epsg`."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = source.CreateLayer("buildings", srs, kind)
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
    rows, columns = SAMPLE_HOUSE_CELLS
    left, right = SAMPLE_X0 + 2 * columns.start, SAMPLE_X0 + 2 * columns.stop
    top, bottom = SAMPLE_Y0 - 2 * rows.start, SAMPLE_Y0 - 2 * rows.stop
    return polygons_file(folder / "house.gpkg", [[(left, top), (right, top), (right, bottom), (left, bottom)]])
