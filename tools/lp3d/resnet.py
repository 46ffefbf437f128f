"""Dilated ResNet-34-style backbone for DeepLabV3 (He et al. 2016; Chen et al., "Rethinking Atrous Convolution",
2017, §3.1): the last two stages trade their stride for dilation, so features stay at 1/8 of the input (output
stride 8) with the receptive field of the undilated network."""

from typing import Sequence

import torch
from torch import nn


def conv_bn_relu(inputs: int, outputs: int, kernel: int, stride: int = 1, dilation: int = 1) -> nn.Sequential:
    """Convolution without bias (the batch norm has one), batch norm, ReLU."""
    padding = dilation * (kernel // 2)
    return nn.Sequential(
        nn.Conv2d(inputs, outputs, kernel, stride=stride, padding=padding, dilation=dilation, bias=False),
        nn.BatchNorm2d(outputs),
        nn.ReLU(inplace=True),
    )


class BasicBlock(nn.Module):
    """Two 3×3 convolutions with a residual connection (1×1 projection when the shape changes)."""

    def __init__(self, inputs: int, outputs: int, stride: int, dilation: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, outputs, 3, stride=stride, padding=dilation, dilation=dilation, bias=False)
        self.bn1 = nn.BatchNorm2d(outputs)
        self.conv2 = nn.Conv2d(outputs, outputs, 3, padding=dilation, dilation=dilation, bias=False)
        self.bn2 = nn.BatchNorm2d(outputs)
        self.relu = nn.ReLU(inplace=True)
        self.shortcut: nn.Module = nn.Identity()
        if stride != 1 or inputs != outputs:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride=stride, bias=False), nn.BatchNorm2d(outputs))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return self.relu(y + self.shortcut(x))


class DilatedResNet(nn.Module):
    """Stem (7×7/2 + 3×3 max pool/2), stage 1 at 1/4, stage 2 at 1/8, stages 3 and 4 dilated 2 and 4 at 1/8."""

    def __init__(self, in_channels: int, blocks: Sequence[int], widths: Sequence[int]) -> None:
        super().__init__()
        self.stem = nn.Sequential(conv_bn_relu(in_channels, widths[0], 7, stride=2), nn.MaxPool2d(3, stride=2, padding=1))
        strides, dilations = (1, 2, 1, 1), (1, 1, 2, 4)
        stages = []
        inputs = widths[0]
        for count, width, stride, dilation in zip(blocks, widths, strides, dilations):
            layers = [BasicBlock(inputs, width, stride, dilation)]
            layers += [BasicBlock(width, width, 1, dilation) for _ in range(count - 1)]
            stages.append(nn.Sequential(*layers))
            inputs = width
        self.stages = nn.Sequential(*stages)
        self.out_channels = inputs

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.stages(self.stem(x))
