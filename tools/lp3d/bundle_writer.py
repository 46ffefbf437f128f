"""Writes a model bundle as docs/model-bundle.md specifies: model.json and decoder.bin (the encoder's ONNX file is
written by onnx_export.py). The rendering block carries EG3D's FFHQ settings (Chan et al. 2022, their
`rendering_kwargs` for FFHQ and `FOV_to_intrinsics(18.837)`), since LP3D renders its triplanes with EG3D's renderer."""

import json
import struct
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import torch

from configs import Lp3dConfig
from osg_decoder import FEATURES, HIDDEN

ENCODER_FILE = "encoder.onnx"
DECODER_FILE = "decoder.bin"
IMAGE_INPUT = "image"
TRIPLANE_OUTPUT = "triplanes"

# (scale, mean, std): each 8-bit value v becomes (v·scale − mean[c]) / std[c].
NORMALISATIONS: Dict[str, Tuple[float, Sequence[float], Sequence[float]]] = {
    "unit": (1 / 255, (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)),  # [0, 1]
    "signed": (1 / 255, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5)),  # [−1, 1], EG3D's image range
    "imagenet": (1 / 255, (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),
}

EG3D_FFHQ_RENDERING = {
    "boxWarp": 1, "rayNear": 2.25, "rayFar": 3.3, "coarseSamples": 48, "importanceSamples": 48,
    "densityBias": -1, "cameraRadius": 2.7, "lookAt": [0, 0, 0.2], "focalLength": 4.2647,
}

# The project's default framing (src/Inference/Faces/FaceFraming.cs), chosen to be close to EG3D's FFHQ crops.
FFHQ_LIKE_FRAMING = {"cropScale": 2.2, "eyeDistanceToFaceSize": 2.1, "verticalOffset": 0}


def manifest(name: str, config: Lp3dConfig, trained: bool, normalisation: str) -> dict:
    scale, mean, std = NORMALISATIONS[normalisation]
    return {
        "format": "portrait-stream.model",
        "version": 1,
        "name": name,
        "trained": trained,
        "encoder": {
            "file": ENCODER_FILE,
            "image": {"name": IMAGE_INPUT, "size": config.image_size, "layout": "NCHW", "channels": "RGB",
                      "scale": scale, "mean": list(mean), "std": list(std)},
            "framing": FFHQ_LIKE_FRAMING,
        },
        "triplanes": {"output": TRIPLANE_OUTPUT, "planes": 3, "channels": config.triplane_channels,
                      "resolution": config.triplane_resolution, "dtype": "float32",
                      # EG3D projects on XY, XZ and ZX (not YZ); checkpoints depend on it.
                      "axes": ["xy", "xz", "zx"]},
        "decoder": {"file": DECODER_FILE, "hidden": HIDDEN, "activation": "softplus", "outputs": 1 + FEATURES},
        "rendering": EG3D_FFHQ_RENDERING,
    }


def write_manifest(path: Path, content: dict) -> None:
    path.write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")


def write_decoder(path: Path, layers: List[Tuple[torch.Tensor, torch.Tensor]]) -> None:
    """decoder.bin: 'PSDW', version 1, (inputs, hidden, outputs), then W1, b1, W2, b2 as little-endian float32."""
    if not all(bool(torch.isfinite(t).all()) for layer in layers for t in layer):
        raise ValueError("decoder weights are not all finite")
    (w1, b1), (w2, b2) = layers
    hidden, inputs = w1.shape
    outputs = w2.shape[0]
    with path.open("wb") as file:
        file.write(b"PSDW" + struct.pack("<Iiii", 1, inputs, hidden, outputs))
        for tensor in (w1, b1, w2, b2):
            file.write(tensor.to(torch.float32).contiguous().numpy().astype("<f4").tobytes())
