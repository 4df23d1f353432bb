"""Manifests over the bundled sample for the batch tests."""

from pathlib import Path

from osgeo import gdal

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample"


def write_manifest(folder: Path, rows, header="id,depth,dem,output,method,model") -> Path:
    """`rows`: tuples in the header's order; paths may be relative to `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "manifest.csv"
    path.write_text("\n".join([header] + [",".join(row) for row in rows]) + "\n", encoding="utf-8")
    return path


def sample_rows(out_folder: str, methods=("costgrow", "basic", "model")):
    depth, dem = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
    return [(f"scene_{method}", depth, dem, f"{out_folder}/{method}.tif", method, "") for method in methods]


def pixels(path) -> bytes:
    dataset = gdal.Open(str(path))  # held: a band outlives nothing of its dataset
    return dataset.GetRasterBand(1).ReadRaster()
