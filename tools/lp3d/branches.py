"""LP3D's two feature branches (Trevithick et al. 2023, §4.1 and the encoder figure). Both see the image with its two
positional-encoding channels and produce features at half the input resolution, the triplane resolution.

- E_low: DeepLabV3 features at 1/8, a SegFormer stage (1/16, wide tokens: global context, including the parts of
  the head the input view does not show), then pixel shuffle, bilinear upsampling and convolutions back up to 1/2.
- E_high: a shallow convolutional network at 1/2 that keeps the high-frequency detail the low branch loses.
"""

from typing import Sequence

import torch
from torch import nn
from torch.nn import functional

from configs import Lp3dConfig
from deeplab import DeepLabV3Features
from segformer import TransformerStage


def upsample2(x: torch.Tensor) -> torch.Tensor:
    return functional.interpolate(x, scale_factor=2.0, mode="bilinear", align_corners=False)


def conv3x3(inputs: int, outputs: int) -> nn.Conv2d:
    return nn.Conv2d(inputs, outputs, 3, padding=1)


def leaky_convs(inputs: int, widths: Sequence[int]) -> nn.Sequential:
    """3×3 convolutions, each followed by LeakyReLU(0.01)."""
    layers = []
    for width in widths:
        layers += [conv3x3(inputs, width), nn.LeakyReLU(0.01)]
        inputs = width
    return nn.Sequential(*layers)


class LowResolutionBranch(nn.Module):
    """E_low: [B, 5, S, S] → F_low [B, low_out, S/2, S/2]."""

    def __init__(self, config: Lp3dConfig, in_channels: int) -> None:
        super().__init__()
        self.deeplab = DeepLabV3Features(in_channels, config.resnet_blocks, config.resnet_widths, config.aspp_channels, config.aspp_rates)
        self.transformer = TransformerStage(config.aspp_channels, config.low_dim, config.low_blocks, config.low_heads,
                                            config.low_mlp_ratio, config.low_reduction)
        self.shuffle = nn.PixelShuffle(2)
        first, second = config.low_widths
        self.conv1 = conv3x3(config.low_dim // 4, first)
        self.conv2 = conv3x3(first, second)
        self.conv3 = conv3x3(second, config.low_out)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.shuffle(self.transformer(self.deeplab(x)))  # 1/8 → 1/16 → 1/8
        x = self.relu(self.conv1(upsample2(x)))  # 1/4
        x = self.relu(self.conv2(upsample2(x)))  # 1/2
        return self.conv3(x)


class HighResolutionBranch(nn.Module):
    """E_high: [B, 5, S, S] → F_high [B, high_out, S/2, S/2]."""

    def __init__(self, config: Lp3dConfig, in_channels: int) -> None:
        super().__init__()
        first = config.high_widths[0]
        self.stem = nn.Sequential(nn.Conv2d(in_channels, first, 7, stride=2, padding=3), nn.LeakyReLU(0.01))
        self.convs = leaky_convs(first, config.high_widths[1:])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.convs(self.stem(x))
