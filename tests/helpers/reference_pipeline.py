"""A plain whole-array implementation of the FloodSR reference pipeline, kept apart from the engine on purpose.

It reads everything into memory, pads to a multiple of 512 with zeros as the reference tool
does, tiles, normalises, runs one tile at a time, blends in metres and inverts: the yardstick
the streaming engine must match to 1e-4 m.
"""

import numpy as np
import onnxruntime as ort

LR, HR, SCALE, OVERLAP, STRIDE = 32, 512, 16, 128, 384


def _starts(size, stride):
    starts = list(range(0, size - HR + 1, stride))
    if starts[-1] != size - HR:
        starts.append(size - HR)
    return starts


def _feather(first, last):
    weight = np.ones(HR)
    ramp = np.arange(1, OVERLAP + 1) / (OVERLAP + 1)
    if not first:
        weight[:OVERLAP] = ramp
    if not last:
        weight[-OVERLAP:] = ramp[::-1]
    return np.maximum(weight, 1e-3)


def _hard(starts, index):
    weight = np.zeros(HR)
    owned_from = 0 if index == 0 else starts[index - 1] + HR - starts[index]
    weight[owned_from:] = 1
    return weight


def reference_superresolve(
    depth_lr, dem_hr, model_path, max_depth=5.0, pct=95.0, blend="feather", zero_pad=True, raw_outputs=None
):
    """zero_pad=False tiles the raster as it is (last tile flush with the edge), as the engine does. The model's
    raw output of each tile, before the clip, is appended to the list `raw_outputs` when one is given."""
    session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    height, width = dem_hr.shape
    padded_h, padded_w = (-(-height // HR) * HR, -(-width // HR) * HR) if zero_pad else (height, width)
    dem = np.zeros((padded_h, padded_w), np.float64)
    dem[:height, :width] = dem_hr
    depth = np.zeros((padded_h // SCALE, padded_w // SCALE), np.float64)
    depth[: depth_lr.shape[0], : depth_lr.shape[1]] = depth_lr
    stride = STRIDE if blend == "feather" else HR
    ys, xs = _starts(padded_h, stride), _starts(padded_w, stride)

    def weights(starts):
        if blend == "feather":
            return [_feather(i == 0, i == len(starts) - 1) for i in range(len(starts))]
        return [_hard(starts, i) for i in range(len(starts))]

    wy, wx = weights(ys), weights(xs)
    total = np.zeros_like(dem)
    weight_sum = np.zeros_like(dem)
    for i, y0 in enumerate(ys):
        for j, x0 in enumerate(xs):
            d = depth[y0 // SCALE : y0 // SCALE + LR, x0 // SCALE : x0 // SCALE + LR]
            d_norm = np.clip(np.log1p(np.clip(d, 0, max_depth)) / np.log1p(max_depth), 0, 1)
            tile = dem[y0 : y0 + HR, x0 : x0 + HR]
            a = np.maximum(tile, 0)
            p = np.percentile(a, pct)
            s = np.clip(a, 0, p)
            low, high = s.min(), s.max()
            z = np.zeros_like(tile) if high - low <= 0 else np.clip((np.clip(tile, 0, p) - low) / (high - low), 0, 1)
            prediction = session.run(
                None,
                {
                    "depth_lr": d_norm[None, :, :, None].astype(np.float32),
                    "dem_hr": z[None, :, :, None].astype(np.float32),
                },
            )[0][0, :, :, 0]
            if raw_outputs is not None:
                raw_outputs.append(prediction)
            metres = np.clip(np.expm1(np.clip(prediction, 0, 1) * np.log1p(max_depth)), 0, max_depth)
            w = np.outer(wy[i], wx[j])
            total[y0 : y0 + HR, x0 : x0 + HR] += w * metres
            weight_sum[y0 : y0 + HR, x0 : x0 + HR] += w
    out = np.clip((total / weight_sum)[:height, :width], 0, max_depth)
    out[out < 0.001] = 0
    return out.astype(np.float32)
