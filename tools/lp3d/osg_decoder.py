"""EG3D's OSG decoder (Chan et al., "Efficient Geometry-aware 3D Generative Adversarial Networks", CVPR 2022, §4):
the mean of the three planes' C features → FC(C, 64) → softplus → FC(64, 1 + 32): raw density, then 32 features whose
first three are colour. The layer names (net.0, net.2) follow EG3D's so its state dicts load unchanged.

EG3D's FullyConnectedLayer (from StyleGAN2) stores weights scaled for an equalised learning rate and multiplies them
by lr_mul / √in (the bias by lr_mul) at run time; the bundle's decoder.bin holds the final product (baked)."""

import math
from typing import List, Tuple

import torch
from torch import nn

HIDDEN = 64
FEATURES = 32  # EG3D's decoder_output_dim


class FullyConnectedLayer(nn.Module):
    """Parameters as EG3D stores them: weight [out, in] ~ N(0, 1) / lr_mul at initialisation, bias 0."""

    def __init__(self, inputs: int, outputs: int, lr_mul: float) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.randn(outputs, inputs) / lr_mul)
        self.bias = nn.Parameter(torch.zeros(outputs))
        self.weight_gain = lr_mul / math.sqrt(inputs)
        self.bias_gain = lr_mul

    def baked(self) -> Tuple[torch.Tensor, torch.Tensor]:
        """The weight and bias the layer actually applies."""
        return self.weight.detach() * self.weight_gain, self.bias.detach() * self.bias_gain


class OsgDecoder(nn.Module):
    def __init__(self, channels: int, lr_mul: float) -> None:
        super().__init__()
        self.net = nn.Sequential(FullyConnectedLayer(channels, HIDDEN, lr_mul), nn.Softplus(),
                                 FullyConnectedLayer(HIDDEN, 1 + FEATURES, lr_mul))

    def baked_layers(self) -> List[Tuple[torch.Tensor, torch.Tensor]]:
        """[(W1, b1), (W2, b2)] with EG3D's run-time gains applied."""
        return [self.net[0].baked(), self.net[2].baked()]
