"""Every method on the bundled sample (real terrain, simulated flood), scored by floodsr:evaluate; prints a table.

Usage: .venv/bin/python tools/compare_on_sample.py [NAME=MODEL.onnx]   (default: the default bundled model, as
users get it with its guard and raw)
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "benchmark"))
from accuracy import default_model, estimates, start_qgis  # noqa: E402

SAMPLE = ROOT / "resources" / "sample"
COLUMNS = ("MAE", "RMSE", "CSI", "BIAS", "HIT_RATE", "FALSE_ALARM_RATIO", "VOLUME_RATIO")


def main(models: dict):
    _app, _plugin = start_qgis()
    import processing

    out = ROOT / "build" / "sample-comparison"
    out.mkdir(parents=True, exist_ok=True)
    truth = str(SAMPLE / "depth_2m_truth.tif")
    print("| method | MAE (m) | RMSE (m) | CSI | bias (m) | hit rate | false alarm ratio | volume ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for method, estimate in estimates(out, str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif"), models).items():
        scores = processing.run("floodsr:evaluate", {"ESTIMATE": estimate, "TRUTH": truth})
        print(
            f"| {method} | "
            + " | ".join(f"{scores[key]:.4f}" if key != "CSI" else f"{scores[key]:.3f}" for key in COLUMNS)
            + " |"
        )
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(dict([sys.argv[1].split("=", 1)]) if len(sys.argv) > 1 else default_model())
