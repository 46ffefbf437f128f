"""Reference data for the parity test: a deterministic synthetic crop and the PyTorch encoder's triplanes for it, so
ONNX Runtime (C#, same crop through the bundle's normalisation) can be compared with PyTorch element by element.

Files: input.rgb (S·S·3 bytes, rows top to bottom, RGB), triplanes.f32 (little-endian float32 [1, 3, C, R, R]) and
reference.json describing them."""

import json
from pathlib import Path

import numpy as np
import torch

from bundle_writer import NORMALISATIONS
from encoder import Lp3dEncoder


def synthetic_crop(size: int, seed: int) -> np.ndarray:
    """[S, S, 3] uint8: smooth colour ramps plus noise, so every layer sees structure and texture."""
    rng = np.random.RandomState(seed)
    ramp = np.linspace(0.0, 1.0, size, dtype=np.float64)
    y, x = np.meshgrid(ramp, ramp, indexing="ij")
    base = np.stack([x, y, 0.5 + 0.5 * np.sin(6.0 * (x + y))], axis=-1) * 200.0
    return np.clip(base + rng.uniform(0.0, 55.0, base.shape), 0, 255).astype(np.uint8)


def normalise(pixels: np.ndarray, normalisation: str) -> torch.Tensor:
    """What the server's ImageTensor does: (v·scale − mean[c]) / std[c], NCHW float32."""
    scale, mean, std = NORMALISATIONS[normalisation]
    values = (pixels.astype(np.float32) * np.float32(scale) - np.asarray(mean, np.float32)) / np.asarray(std, np.float32)
    return torch.from_numpy(np.ascontiguousarray(values.transpose(2, 0, 1)[None]))


def write(directory: Path, encoder: Lp3dEncoder, normalisation: str, seed: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    size = encoder.config.image_size
    pixels = synthetic_crop(size, seed)
    with torch.no_grad():
        triplanes = encoder(normalise(pixels, normalisation)).numpy()
    (directory / "input.rgb").write_bytes(pixels.tobytes())
    (directory / "triplanes.f32").write_bytes(triplanes.astype("<f4").tobytes())
    description = {"input": "input.rgb", "size": size, "triplanes": "triplanes.f32", "shape": list(triplanes.shape)}
    (directory / "reference.json").write_text(json.dumps(description, indent=2) + "\n", encoding="utf-8")
