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
    lines = [
        "| method | MAE (m) | RMSE (m) | CSI | bias (m) | hit rate | false alarm ratio | SSIM |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for method in METHODS_SHOWN:
        v = means[method]
        lines.append(
            f"| {method} | {v['MAE']:.4f} | {v['RMSE']:.4f} | {v['CSI']:.3f} | {v['BIAS']:+.4f} | "
            f"{v['HIT_RATE']:.3f} | {v['FALSE_ALARM_RATIO']:.3f} | {v['SSIM']:.3f} |"
        )
    return "\n".join(lines)


def case_table(cases):
    lines = ["| flood | " + " | ".join(METHODS_SHOWN) + " |", "|---" * (len(METHODS_SHOWN) + 1) + "|"]
    for case in cases.values():
        cells = [f"{case['scores'][m]['RMSE']:.3f} / {case['scores'][m]['CSI']:.2f}" for m in METHODS_SHOWN]
        lines.append(
            f"| {case['family']}, {case['event']} ({case['size'][1]} x {case['size'][0]}) | " + " | ".join(cells) + " |"
        )
    return "\n".join(lines)


def verdict(means, cases):
    ours, bilinear = means["FloodSR-small"], means["bilinear"]
    better = [key for key in ("MAE", "RMSE") if ours[key] < bilinear[key]] + (
        ["CSI"] if ours["CSI"] > bilinear["CSI"] else []
    )
    worse = [key for key in ("MAE", "RMSE", "CSI") if key not in better]
    text = [
        f"Against bilinear resampling, mean of {len(cases)} held-out floods: MAE {ours['MAE']:.4f} vs "
        f"{bilinear['MAE']:.4f} m, "
        f"RMSE {ours['RMSE']:.4f} vs {bilinear['RMSE']:.4f} m, CSI {ours['CSI']:.3f} vs {bilinear['CSI']:.3f}. "
        f"FloodSR-small is better on {', '.join(better) or 'none'}"
        + (f" and worse on {', '.join(worse)}." if worse else ".")
    ]
    margin = (bilinear["RMSE"] - ours["RMSE"]) / bilinear["RMSE"]
    if abs(margin) < 0.05:
        text.append(f"The RMSE difference is small ({margin:+.1%}): on RMSE the two are about even.")
    lost = [
        f"{case['family']} ({case['event']})"
        for case in cases.values()
        if case["scores"]["bilinear"]["RMSE"] < case["scores"]["FloodSR-small"]["RMSE"]
    ]
    if lost:
        text.append(f"Bilinear has the lower RMSE on {len(lost)} of {len(cases)} floods: {', '.join(lost)}.")
    text += classic_wins(cases)
    classic = {method: means[method] for method in METHODS_SHOWN[2:]}
    best_csi = max(classic, key=lambda method: classic[method]["CSI"])
    if classic[best_csi]["CSI"] > ours["CSI"]:
        text.append(
            f"{best_csi} finds the wet area better (CSI {classic[best_csi]['CSI']:.3f} vs {ours['CSI']:.3f}), "
            "though with far larger depth errors."
        )
    else:
        text.append(
            f"Averaged over all floods, no classic method finds the wet area better (best: {best_csi}, CSI "
            f"{classic[best_csi]['CSI']:.3f}); CostGrow's means are MAE {classic['costgrow']['MAE']:.4f} m, RMSE "
            f"{classic['costgrow']['RMSE']:.4f} m, CSI {classic['costgrow']['CSI']:.3f}, behind on all three."
        )
    text.append(
        "The classic methods assume the coarse depth sits on a flat water surface over the mean ground of each "
        "coarse cell. With block-averaged depth over terrain that varies inside a coarse cell (channels, streets, "
        "rain films in furrows), that surface is too high in the low parts, so they overfill channels and flood "
        "banks: their depth errors are several times bilinear's."
    )
    return " ".join(text)


def classic_wins(cases):
    """Sentences naming every flood where a classic method beats FloodSR-small on CSI or RMSE."""
    sentences = []
    for case in cases.values():
        scores, ours = case["scores"], case["scores"]["FloodSR-small"]
        wins = [
            f"{method} on CSI ({scores[method]['CSI']:.2f} vs {ours['CSI']:.2f})"
            for method in METHODS_SHOWN[2:]
            if scores[method]["CSI"] > ours["CSI"]
        ]
        wins += [
            f"{method} on RMSE ({scores[method]['RMSE']:.3f} vs {ours['RMSE']:.3f} m)"
            for method in METHODS_SHOWN[2:]
            if scores[method]["RMSE"] < ours["RMSE"]
        ]
        if wins:
            sentences.append(f"On {case['family']} ({case['event']}) classic methods still win: {'; '.join(wins)}.")
    return sentences


def main(scores_path: Path, training_log: Path, model: Path, seconds_per_tile: float):
    scores = json.loads(scores_path.read_text())
    log = json.loads(training_log.read_text())
    means, cases = scores["mean"], scores["cases"]
    params = sum(int(np.prod(init.dims)) for init in onnx.load(str(model)).graph.initializer)
    values = {
        "__PARAMS__": f"{params:,}",
        "__MB__": f"{model.stat().st_size / 2**20:.1f}",
        "__TILE_S__": f"{seconds_per_tile:.2f}",
        "__TRAIN_CASES__": str(len(log["cases"])),
        "__STEPS__": str(log["steps"]),
        "__TRAIN_MINUTES__": str(round(log["seconds"] / 60)),
        "__TEST_CASES__": str(len(cases)),
        "__TEST_LIST__": ", ".join(sorted({case["family"] for case in cases.values()})),
        "__MEAN_TABLE__": mean_table(means),
        "__CASE_TABLE__": case_table(cases),
        "__VERDICT__": verdict(means, cases),
    }
    text = TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace(key, value)
    target = ROOT / "resources" / "models" / "MODEL_CARD.md"
    target.write_text(text)
    print(target)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4]))
