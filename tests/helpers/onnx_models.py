"""Small ONNX models with (or deliberately without) the FloodSR contract, built for the tests."""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13


def _value(name, shape, elem=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, elem, shape)


def _save(path, nodes, inputs, outputs, initializers=()):
    graph = helper.make_graph(nodes, "floodsr_test", inputs, outputs, list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def _save_contract_model(path, nodes, initializers, lr, hr, batch):
    """A graph with the FloodSR inputs and output, of `batch` tiles (a number, or a name for any number)."""
    return _save(
        path,
        nodes,
        [_value("depth_lr", [batch, lr, lr, 1]), _value("dem_hr", [batch, hr, hr, 1])],
        [_value("depth_hr_pred", [batch, hr, hr, 1])],
        initializers,
    )


def _upsampled_depth_nchw(lr, hr, nodes, initializers):
    """depth_lr NHWC -> NCHW, nearest-upsampled to the HR tile: output 'depth_up'."""
    scale = float(hr // lr)
    initializers += [
        numpy_helper.from_array(np.array([], np.float32), "roi"),
        numpy_helper.from_array(np.array([1, 1, scale, scale], np.float32), "scales"),
    ]
    nodes += [
        helper.make_node("Transpose", ["depth_lr"], ["depth_nchw"], perm=[0, 3, 1, 2]),
        helper.make_node("Resize", ["depth_nchw", "roi", "scales"], ["depth_up"], mode="nearest"),
    ]


def pointwise_model(path, lr=32, hr=512, batch="N"):
    """Each output pixel depends only on the inputs at that pixel: out = 0.6*depth + 0.4*depth*dem.

    Blending such a model's tiles must give exactly the tile value wherever inputs repeat.
    """
    nodes, initializers = [], []
    _upsampled_depth_nchw(lr, hr, nodes, initializers)
    initializers += [
        numpy_helper.from_array(np.array(0.6, np.float32), "a"),
        numpy_helper.from_array(np.array(0.4, np.float32), "b"),
    ]
    nodes += [
        helper.make_node("Transpose", ["dem_hr"], ["dem_nchw"], perm=[0, 3, 1, 2]),
        helper.make_node("Mul", ["depth_up", "a"], ["term_a"]),
        helper.make_node("Mul", ["depth_up", "dem_nchw"], ["depth_dem"]),
        helper.make_node("Mul", ["depth_dem", "b"], ["term_b"]),
        helper.make_node("Add", ["term_a", "term_b"], ["out_nchw"]),
        helper.make_node("Transpose", ["out_nchw"], ["depth_hr_pred"], perm=[0, 2, 3, 1]),
    ]
    return _save_contract_model(path, nodes, initializers, lr, hr, batch)


def random_cnn_model(path, seed, lr=32, hr=512, hidden=4, batch="N", extra_layers=0, linear_head=False):
    """A random-weight DEM-conditioned CNN: upsample depth, concat DEM, 3x3 convs with ReLU, sigmoid.

    extra_layers adds hidden -> hidden convolutions, to make a model as costly as a real one. linear_head ends in
    the convolution itself, as the published model does, so its raw output leaves [0, 1] on both sides.
    """
    rng = np.random.default_rng(seed)
    nodes, initializers = [], []
    _upsampled_depth_nchw(lr, hr, nodes, initializers)
    nodes += [
        helper.make_node("Transpose", ["dem_hr"], ["dem_nchw"], perm=[0, 3, 1, 2]),
        helper.make_node("Concat", ["depth_up", "dem_nchw"], ["layer0"], axis=1),
    ]
    widths = [2] + [hidden] * (1 + extra_layers)
    for index, (width_in, width_out) in enumerate(zip(widths[:-1], widths[1:]), start=1):
        scale = np.sqrt(2.0 / (9 * width_in))
        initializers += [
            numpy_helper.from_array(
                (rng.standard_normal((width_out, width_in, 3, 3)) * scale).astype(np.float32), f"w{index}"
            ),
            numpy_helper.from_array((rng.standard_normal(width_out) * 0.1).astype(np.float32), f"b{index}"),
        ]
        nodes += [
            helper.make_node(
                "Conv", [f"layer{index - 1}", f"w{index}", f"b{index}"], [f"conv{index}"], pads=[1, 1, 1, 1]
            ),
            helper.make_node("Relu", [f"conv{index}"], [f"layer{index}"]),
        ]
    last = len(widths) - 1
    initializers += [
        numpy_helper.from_array((rng.standard_normal((1, hidden, 3, 3)) * 0.5).astype(np.float32), "w_out"),
        numpy_helper.from_array(np.array([-0.5], np.float32), "b_out"),
    ]
    nodes += [
        helper.make_node("Conv", [f"layer{last}", "w_out", "b_out"], ["logits"], pads=[1, 1, 1, 1]),
        helper.make_node("Identity" if linear_head else "Sigmoid", ["logits"], ["out_nchw"]),
        helper.make_node("Transpose", ["out_nchw"], ["depth_hr_pred"], perm=[0, 2, 3, 1]),
    ]
    return _save_contract_model(path, nodes, initializers, lr, hr, batch)


def identity_model(path, inputs, output):
    """Passes dem-shaped input straight through: for building contract breakers by shape and name."""
    (dem_name, dem_shape), *others = inputs
    nodes = [helper.make_node("Identity", [dem_name], [output[0]])]
    values = [_value(dem_name, dem_shape)] + [_value(name, shape) for name, shape in others]
    return _save(path, nodes, values, [_value(*output)])


def scaled_dem_model(path, factor, lr=32, hr=512, batch="N", extra_inputs=()):
    """out = factor * dem_hr, with depth_lr declared but unused: factor NaN makes a model whose output is NaN;
    extra_inputs (name, shape) declares inputs FloodSR does not feed."""
    nodes = [helper.make_node("Mul", ["dem_hr", "factor"], ["depth_hr_pred"])]
    inputs = [_value("depth_lr", [batch, lr, lr, 1]), _value("dem_hr", [batch, hr, hr, 1])]
    inputs += [_value(name, shape) for name, shape in extra_inputs]
    initializers = [numpy_helper.from_array(np.array(factor, np.float32), "factor")]
    return _save(path, nodes, inputs, [_value("depth_hr_pred", [batch, hr, hr, 1])], initializers)


def depth_times_model(path, factor, lr=32, hr=512, batch="N", nan_above=None):
    """out = depth_up * factor, where factor is a number or an array broadcast over the [N, 1, H, W] tile
    (a column ramp makes the model depend on orientation); NaN where depth_up > nan_above (0 x sqrt(negative))."""
    nodes, initializers = [], []
    _upsampled_depth_nchw(lr, hr, nodes, initializers)
    initializers.append(numpy_helper.from_array(np.asarray(factor, np.float32), "factor"))
    nodes.append(helper.make_node("Mul", ["depth_up", "factor"], ["scaled"]))
    if nan_above is None:
        nodes.append(helper.make_node("Identity", ["scaled"], ["out_nchw"]))
    else:
        initializers += [
            numpy_helper.from_array(np.array(nan_above, np.float32), "nan_above"),
            numpy_helper.from_array(np.array(0.0, np.float32), "zero"),
        ]
        nodes += [
            helper.make_node("Sub", ["nan_above", "depth_up"], ["headroom"]),
            helper.make_node("Sqrt", ["headroom"], ["root"]),
            helper.make_node("Mul", ["root", "zero"], ["nan_or_zero"]),
            helper.make_node("Add", ["scaled", "nan_or_zero"], ["out_nchw"]),
        ]
    nodes.append(helper.make_node("Transpose", ["out_nchw"], ["depth_hr_pred"], perm=[0, 2, 3, 1]))
    return _save_contract_model(path, nodes, initializers, lr, hr, batch)


def column_ramp(hr=512):
    """0 at the left column to 1 at the right, as an [1, 1, 1, hr] factor for depth_times_model."""
    return (np.arange(hr, dtype=np.float32) / (hr - 1)).reshape(1, 1, 1, hr)


def version_2_model(path, passes="prior_hr", lr=32, hr=512, version="2", inputs=("depth_lr", "dem_hr", "prior_hr")):
    """A contract-version-2 model (metadata floodsr_contract = version) whose output is one of its fine inputs,
    unchanged: the test sees exactly what the engine fed it."""
    shapes = {"depth_lr": ["N", lr, lr, 1], "dem_hr": ["N", hr, hr, 1], "prior_hr": ["N", hr, hr, 1]}
    graph = helper.make_graph(
        [helper.make_node("Identity", [passes], ["depth_hr"])],
        "floodsr_test_v2",
        [_value(name, shapes[name]) for name in inputs],
        [_value("depth_hr", ["N", hr, hr, 1])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 7
    helper.set_model_props(model, {"floodsr_contract": version})
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def version_3_model(path, correction=1.0, volume=None, lr=32, hr=512):
    """A contract-version-3 model that asks for the same water-surface correction (m) in every coarse cell,
    whatever its inputs: the engine's gate and volume step alone decide what reaches the output."""
    shapes = {"depth_lr": ["N", lr, lr, 1], "dem_hr": ["N", hr, hr, 1], "prior_hr": ["N", hr, hr, 1]}
    graph = helper.make_graph(
        [
            helper.make_node("Mul", ["depth_lr", "zero"], ["nothing"]),
            helper.make_node("Add", ["nothing", "correction"], ["correction_lr"]),
        ],
        "floodsr_test_v3",
        [_value(name, shape) for name, shape in shapes.items()],
        [_value("correction_lr", ["N", lr, lr, 1])],
        [
            numpy_helper.from_array(np.array(0.0, np.float32), "zero"),
            numpy_helper.from_array(np.array(correction, np.float32), "correction"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 7
    helper.set_model_props(model, {"floodsr_contract": "3", **({"floodsr_volume": volume} if volume else {})})
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path
