"""DeepLabV3 feature extractor (Chen et al., "Rethinking Atrous Convolution for Semantic Image Segmentation", 2017,
§3.3): a dilated ResNet, then Atrous Spatial Pyramid Pooling (a 1×1 branch, three 3×3 atrous branches and an
image-level pooling branch, concatenated and projected) and a 3×3 convolution. LP3D uses these 1/8-resolution
features as the input of its low-resolution transformer (§4.1), not DeepLab's class logits."""

from typing import Sequence

import torch
from torch import nn

from resnet import DilatedResNet, conv_bn_relu


class ImagePooling(nn.Module):
    """ASPP's image-level branch: global average, 1×1 convolution, broadcast back over the feature map."""

    def __init__(self, inputs: int, outputs: int) -> None:
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.project = conv_bn_relu(inputs, outputs, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Broadcasting a 1×1 map is exactly the bilinear upsampling DeepLab describes, and exports as one Expand.
        return self.project(self.pool(x)).expand(-1, -1, x.shape[2], x.shape[3])


class AtrousSpatialPyramidPooling(nn.Module):
    def __init__(self, inputs: int, outputs: int, rates: Sequence[int]) -> None:
        super().__init__()
        branches = [conv_bn_relu(inputs, outputs, 1)]
        branches += [conv_bn_relu(inputs, outputs, 3, dilation=rate) for rate in rates]
        branches.append(ImagePooling(inputs, outputs))
        self.branches = nn.ModuleList(branches)
        self.project = conv_bn_relu(outputs * len(branches), outputs, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.project(torch.cat([branch(x) for branch in self.branches], dim=1))


class DeepLabV3Features(nn.Module):
    """[B, in, S, S] → [B, channels, S/8, S/8]."""

    def __init__(self, in_channels: int, blocks: Sequence[int], widths: Sequence[int], channels: int, rates: Sequence[int]) -> None:
        super().__init__()
        self.backbone = DilatedResNet(in_channels, blocks, widths)
        self.aspp = AtrousSpatialPyramidPooling(self.backbone.out_channels, channels, rates)
        self.head = conv_bn_relu(channels, channels, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.aspp(self.backbone(x)))
