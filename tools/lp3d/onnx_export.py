"""Exports the encoder to ONNX at a fixed opset with fixed shapes: input "image" [1, 3, S, S], output "triplanes"
[1, 3, C, R, R], float32, as docs/model-bundle.md requires."""

import warnings
from pathlib import Path

import onnx
import torch

from bundle_writer import IMAGE_INPUT, TRIPLANE_OUTPUT
from encoder import Lp3dEncoder

# The newest opset torch 1.13's exporter supports; ONNX Runtime 1.31 runs it on CPU and CUDA.
OPSET = 17


def _shape(value: onnx.ValueInfoProto) -> list:
    return [d.dim_value for d in value.type.tensor_type.shape.dim]


def export(encoder: Lp3dEncoder, path: Path) -> None:
    config = encoder.config
    example = torch.zeros(1, 3, config.image_size, config.image_size)
    with torch.no_grad(), warnings.catch_warnings():
        # torch 1.13 warns that it cannot infer the shape of folded constants (the interpolation scales); the graph's
        # shapes are all fixed and checked below, so the warning only hides real errors from the user.
        warnings.filterwarnings("ignore", message="The shape inference of prim::Constant type is missing")
        torch.onnx.export(encoder, (example,), str(path), opset_version=OPSET, input_names=[IMAGE_INPUT],
                          output_names=[TRIPLANE_OUTPUT], do_constant_folding=True)
    model = onnx.load(str(path))
    onnx.checker.check_model(model)
    expected = [1, 3, config.triplane_channels, config.triplane_resolution, config.triplane_resolution]
    actual = _shape(model.graph.output[0])
    if actual != expected:
        raise RuntimeError(f"exported {path.name} has output shape {actual}, expected {expected}")
