"""Fill resources/models/MODEL_CARD.md from the template and the training and evaluation logs."""

import json
import sys
from pathlib import Path

import numpy as np
import onnx

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = Path(__file__).resolve().parent / "templates" / "MODEL_CARD.md"
METHODS_SHOWN = ("FloodSR-small", "bilinear", "basic", "simplefilter", "buffergrowloop", "schumann14", "costgrow")


def mean_table(means):
    lines = ["| method | MAE (m) | RMSE (m) | CSI | bias (m) | hit rate | false alarm ratio | SSIM |",
             "|---|---|---|---|---|---|---|---|"]
    for method in METHODS_SHOWN:
        v = means[method]
        lines.append(f"| {method} | {v['MAE']:.4f} | {v['RMSE']:.4f} | {v['CSI']:.3f} | {v['BIAS']:+.4f} | "
                     f"{v['HIT_RATE']:.3f} | {v['FALSE_ALARM_RATE']:.3f} | {v['SSIM']:.3f} |")
    return "\n".join(lines)


def case_table(cases):
    lines = ["| flood | " + " | ".join(METHODS_SHOWN) + " |", "|---" * (len(METHODS_SHOWN) + 1) + "|"]
    for name, case in cases.items():
        cells = [f"{case['scores'][m]['RMSE']:.3f} / {case['scores'][m]['CSI']:.2f}" for m in METHODS_SHOWN]
        lines.append(f"| {case['family']}, {case['event']} ({case['size'][1]} x {case['size'][0]}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(means):
    ours, bilinear = means["FloodSR-small"], means["bilinear"]
    beats = [key for key in ("MAE", "RMSE") if ours[key] < bilinear[key]] + (["CSI"] if ours["CSI"] > bilinear["CSI"] else [])
    classic_csi = {m: means[m]["CSI"] for m in METHODS_SHOWN[2:]}
    best_classic = max(classic_csi, key=classic_csi.get)
    text = [f"FloodSR-small beats bilinear resampling on {', '.join(beats) or 'none'} of MAE, RMSE and CSI "
            f"(MAE {ours['MAE']:.4f} vs {bilinear['MAE']:.4f} m, RMSE {ours['RMSE']:.4f} vs {bilinear['RMSE']:.4f} m, "
            f"CSI {ours['CSI']:.3f} vs {bilinear['CSI']:.3f})."]
    if classic_csi[best_classic] > ours["CSI"]:
        text.append(f"Where a classic method still wins: {best_classic} finds the wet area better (CSI "
                    f"{classic_csi[best_classic]:.3f} vs {ours['CSI']:.3f}), though with far larger depth errors.")
    costgrow = means["costgrow"]
    text.append(f"CostGrow does not win here on any of these scores (MAE {costgrow['MAE']:.4f} m, RMSE {costgrow['RMSE']:.4f} m, "
                f"CSI {costgrow['CSI']:.3f})" if costgrow["CSI"] <= ours["CSI"] and costgrow["RMSE"] >= ours["RMSE"] else
                f"CostGrow wins on {'CSI' if costgrow['CSI'] > ours['CSI'] else 'RMSE'} here.")
    text.append("The classic methods assume the coarse depth sits on a flat water surface over the mean ground of "
                "each coarse cell. With block-averaged depth over terrain that varies inside a coarse cell (channels, "
                "streets, rain films in furrows), that water surface is too high in the low parts, so they overfill "
                "channels and flood banks; their depth errors are several times bilinear's.")
    return " ".join(text)


def main(scores_path: Path, training_log: Path, model: Path, seconds_per_tile: float):
    scores = json.loads(scores_path.read_text())
    log = json.loads(training_log.read_text())
    means, cases = scores["mean"], scores["cases"]
    params = sum(int(np.prod(init.dims)) for init in onnx.load(str(model)).graph.initializer)
    values = {
        "__PARAMS__": f"{params:,}", "__MB__": f"{model.stat().st_size / 2 ** 20:.1f}", "__TILE_S__": f"{seconds_per_tile:.2f}",
        "__TRAIN_CASES__": str(len(log["cases"])), "__STEPS__": str(log["steps"]), "__TRAIN_MINUTES__": str(round(log["seconds"] / 60)),
        "__TEST_CASES__": str(len(cases)), "__TEST_LIST__": ", ".join(sorted({case["family"] for case in cases.values()})),
        "__MEAN_TABLE__": mean_table(means), "__CASE_TABLE__": case_table(cases), "__VERDICT__": verdict(means),
    }
    text = TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace(key, value)
    target = ROOT / "resources" / "models" / "MODEL_CARD.md"
    target.write_text(text)
    print(target)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4]))
