"""Positional-encoding channels appended to the input image (LP3D §4.1: the encoder sees 3 colour + 2 coordinate
channels, so the convolutions know where in the crop a feature lies)."""

import torch
from torch import nn


class PixelCoordinates(nn.Module):
    """Appends x and y in [-1, 1] (left→right, top→bottom) as two channels: [B, 3, S, S] → [B, 5, S, S]."""

    def __init__(self, size: int) -> None:
        super().__init__()
        ramp = torch.linspace(-1.0, 1.0, size)
        grid = torch.stack([ramp.view(1, size).expand(size, size), ramp.view(size, 1).expand(size, size)])
        # A buffer, not a parameter: it is fixed, and ONNX export folds it into a constant.
        self.register_buffer("grid", grid.unsqueeze(0), persistent=False)

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return torch.cat([image, self.grid.expand(image.shape[0], -1, -1, -1)], dim=1)
