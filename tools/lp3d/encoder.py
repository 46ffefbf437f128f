"""The LP3D triplane encoder (Trevithick et al. 2023, §4.1): image → canonical EG3D triplanes.

F_low and F_high are concatenated and fused by convolutions and a SegFormer stage with spatially reduced attention
(tokens at 1/4 of the input); pixel shuffle returns to the triplane resolution, F_low joins again through a skip
connection, and convolutions decode 3·C channels, reshaped to EG3D's [B, 3, C, R, R] (planes XY, XZ, ZX in EG3D's
order). Where the paper's figure leaves a detail open (the skip connection carries F_low; a layer norm closes each
transformer stage, as in SegFormer) this reading is ours.
"""

import torch
from torch import nn

from branches import HighResolutionBranch, LowResolutionBranch, conv3x3, leaky_convs
from configs import Lp3dConfig
from positional import PixelCoordinates
from segformer import TransformerStage

IMAGE_CHANNELS = 3


class Lp3dEncoder(nn.Module):
    """[B, 3, S, S] image (as model.json's normalisation makes it) → [B, 3, C, S/2, S/2] triplanes."""

    def __init__(self, config: Lp3dConfig) -> None:
        super().__init__()
        self.config = config
        self.coordinates = PixelCoordinates(config.image_size)
        in_channels = IMAGE_CHANNELS + 2
        self.low = LowResolutionBranch(config, in_channels)
        self.high = HighResolutionBranch(config, in_channels)
        self.fuse = leaky_convs(config.low_out + config.high_out, config.fuse_widths)
        self.transformer = TransformerStage(config.fuse_widths[-1], config.fuse_dim, config.fuse_blocks, config.fuse_heads,
                                            config.fuse_mlp_ratio, config.fuse_reduction)
        self.shuffle = nn.PixelShuffle(2)
        self.head = leaky_convs(config.fuse_dim // 4 + config.low_out, config.head_widths)
        self.out = conv3x3(config.head_widths[-1], 3 * config.triplane_channels)

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        x = self.coordinates(image)
        f_low = self.low(x)
        f_high = self.high(x)
        f = self.shuffle(self.transformer(self.fuse(torch.cat([f_low, f_high], dim=1))))
        planes = self.out(self.head(torch.cat([f, f_low], dim=1)))
        resolution = self.config.triplane_resolution
        return planes.reshape(image.shape[0], 3, self.config.triplane_channels, resolution, resolution)
