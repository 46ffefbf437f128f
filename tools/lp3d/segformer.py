"""SegFormer-style transformer stage (Xie et al., "SegFormer: Simple and Efficient Design for Semantic Segmentation
with Transformers", NeurIPS 2021, §3.1), which LP3D uses for both of its transformer parts (§4.1): an overlapping
patch embedding (a strided 3×3 convolution, no positional embedding), blocks of efficient self-attention (keys and
values spatially reduced by a strided convolution) and Mix-FFN (an MLP with a 3×3 depthwise convolution that carries
position), and a final layer norm. Shapes: feature maps are [B, C, H, W]; tokens are [B, H·W, C], row-major."""

from typing import Tuple

import torch
from torch import nn


def to_tokens(x: torch.Tensor) -> torch.Tensor:
    return x.flatten(2).transpose(1, 2)


def to_map(tokens: torch.Tensor, height: int, width: int) -> torch.Tensor:
    return tokens.transpose(1, 2).reshape(tokens.shape[0], tokens.shape[2], height, width)


class OverlapPatchEmbed(nn.Module):
    """3×3 convolution with stride 2 (patches overlap by one pixel), then layer norm: halves H and W."""

    def __init__(self, inputs: int, dim: int) -> None:
        super().__init__()
        self.proj = nn.Conv2d(inputs, dim, 3, stride=2, padding=1)
        self.norm = nn.LayerNorm(dim)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, int, int]:
        x = self.proj(x)
        return self.norm(to_tokens(x)), x.shape[2], x.shape[3]


class EfficientSelfAttention(nn.Module):
    """Multi-head self-attention whose keys and values come from a map reduced `reduction`× per side (SegFormer
    Eq. 2): the cost falls from (HW)² to (HW)²/reduction²."""

    def __init__(self, dim: int, heads: int, reduction: int) -> None:
        super().__init__()
        if dim % heads:
            raise ValueError(f"attention width {dim} is not divisible by {heads} heads")
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.q = nn.Linear(dim, dim)
        self.kv = nn.Linear(dim, 2 * dim)
        self.proj = nn.Linear(dim, dim)
        self.reduce: nn.Module = nn.Identity()
        self.reduce_norm: nn.Module = nn.Identity()
        if reduction > 1:
            self.reduce = nn.Conv2d(dim, dim, reduction, stride=reduction)
            self.reduce_norm = nn.LayerNorm(dim)

    def forward(self, x: torch.Tensor, height: int, width: int) -> torch.Tensor:
        batch, count, dim = x.shape
        head_dim = dim // self.heads
        q = self.q(x).reshape(batch, count, self.heads, head_dim).transpose(1, 2)
        context = x
        if not isinstance(self.reduce, nn.Identity):
            context = self.reduce_norm(to_tokens(self.reduce(to_map(x, height, width))))
        kv = self.kv(context).reshape(batch, -1, 2, self.heads, head_dim).permute(2, 0, 3, 1, 4)
        weights = torch.softmax((q @ kv[0].transpose(-2, -1)) * self.scale, dim=-1)
        out = (weights @ kv[1]).transpose(1, 2).reshape(batch, count, dim)
        return self.proj(out)


class MixFeedForward(nn.Module):
    """Linear → 3×3 depthwise convolution → GELU → linear (SegFormer Eq. 3)."""

    def __init__(self, dim: int, ratio: int) -> None:
        super().__init__()
        hidden = dim * ratio
        self.fc1 = nn.Linear(dim, hidden)
        self.dwconv = nn.Conv2d(hidden, hidden, 3, padding=1, groups=hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x: torch.Tensor, height: int, width: int) -> torch.Tensor:
        y = to_tokens(self.dwconv(to_map(self.fc1(x), height, width)))
        return self.fc2(self.act(y))


class TransformerBlock(nn.Module):
    """Pre-norm residual block: x + attention(norm(x)), then x + Mix-FFN(norm(x))."""

    def __init__(self, dim: int, heads: int, mlp_ratio: int, reduction: int) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = EfficientSelfAttention(dim, heads, reduction)
        self.norm2 = nn.LayerNorm(dim)
        self.ffn = MixFeedForward(dim, mlp_ratio)

    def forward(self, x: torch.Tensor, height: int, width: int) -> torch.Tensor:
        x = x + self.attn(self.norm1(x), height, width)
        return x + self.ffn(self.norm2(x), height, width)


class TransformerStage(nn.Module):
    """[B, inputs, H, W] → [B, dim, H/2, W/2]: patch embedding, `depth` blocks, layer norm."""

    def __init__(self, inputs: int, dim: int, depth: int, heads: int, mlp_ratio: int, reduction: int) -> None:
        super().__init__()
        self.embed = OverlapPatchEmbed(inputs, dim)
        self.blocks = nn.ModuleList([TransformerBlock(dim, heads, mlp_ratio, reduction) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        tokens, height, width = self.embed(x)
        for block in self.blocks:
            tokens = block(tokens, height, width)
        return to_map(self.norm(tokens), height, width)
