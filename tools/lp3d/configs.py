"""Network sizes of the LP3D triplane encoder.

Trevithick et al., "Real-Time Radiance Fields for Single-Image Portrait View Synthesis" (SIGGRAPH 2023), §4.1 and
their architecture figure: a DeepLabV3 feature extractor and SegFormer-style transformer blocks on a low-resolution
branch, a convolutional high-resolution branch, and a fusion transformer plus convolutions decoding 3 × 32-channel
256² triplanes from a 512² RGB image (plus two positional-encoding channels). The paper reports 87 M parameters for
the full encoder and 63 M for the lighter "LT" variant; it does not list the LT layers, so ours is a guess (see
README.md).
"""

from dataclasses import dataclass, replace
from typing import Dict, Tuple


@dataclass(frozen=True)
class Lp3dConfig:
    """Every width and depth of the encoder; the triplane resolution is image_size / 2."""

    name: str
    image_size: int = 512
    triplane_channels: int = 32  # EG3D's 32 features per plane
    # DeepLabV3 on a dilated ResNet-34 (output stride 8: four BasicBlock stages).
    resnet_blocks: Tuple[int, int, int, int] = (3, 4, 6, 3)
    resnet_widths: Tuple[int, int, int, int] = (64, 128, 256, 512)
    aspp_channels: int = 256
    aspp_rates: Tuple[int, int, int] = (12, 24, 36)  # DeepLabV3's rates for output stride 8
    # Low-resolution branch: patch embedding + transformer blocks, then upsampling convolutions.
    low_dim: int = 1024
    low_blocks: int = 5
    low_heads: int = 4
    low_mlp_ratio: int = 2
    low_reduction: int = 1
    low_widths: Tuple[int, int] = (128, 128)
    low_out: int = 96
    # High-resolution branch: a 7×7 stride-2 convolution and 3×3 convolutions at half the input resolution.
    high_widths: Tuple[int, ...] = (64, 96, 96, 96, 96)
    # Fusion: convolutions over [F_low, F_high], one transformer stage, convolutions to the triplanes.
    fuse_widths: Tuple[int, int] = (256, 128)
    fuse_dim: int = 1024
    fuse_blocks: int = 1
    fuse_heads: int = 2
    fuse_mlp_ratio: int = 2
    fuse_reduction: int = 2
    head_widths: Tuple[int, ...] = (256, 128, 128)

    @property
    def triplane_resolution(self) -> int:
        return self.image_size // 2

    @property
    def high_out(self) -> int:
        return self.high_widths[-1]


FULL = Lp3dConfig(name="full")

# Three fewer low-resolution transformer blocks: 87 M → 62 M parameters, close to the paper's 63 M for LT.
LT = replace(FULL, name="lt", low_blocks=2)

# Same topology, small widths and a 64² input: exports and runs in seconds, for tests.
TINY = Lp3dConfig(
    name="tiny",
    image_size=64,
    resnet_blocks=(1, 1, 1, 1),
    resnet_widths=(8, 16, 16, 32),
    aspp_channels=16,
    low_dim=64,
    low_blocks=1,
    low_heads=2,
    low_widths=(16, 16),
    low_out=16,
    high_widths=(8, 16, 16),
    fuse_widths=(32, 16),
    fuse_dim=64,
    fuse_heads=2,
    head_widths=(32, 16),
)

CONFIGS: Dict[str, Lp3dConfig] = {c.name: c for c in (FULL, LT, TINY)}
