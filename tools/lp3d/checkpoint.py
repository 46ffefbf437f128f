"""Loads trained weights from an EG3D-family checkpoint (a torch.save'd state dict) into the encoder and the OSG
decoder, refusing, with one clear message, a checkpoint that does not fit the chosen config.

Name mapping: wrapper prefixes ("module.", "model.") are dropped; encoder tensors are found under "triplane_encoder.",
"encoder." or at the top level with this package's names; the decoder is EG3D's "decoder.net.{0,2}.{weight,bias}"
wherever it sits (e.g. "G.decoder.net.0.weight"). Everything else (super-resolution, discriminator, optimiser state)
is counted and ignored."""

import re
from pathlib import Path
from typing import Dict, List, Tuple

import torch
from torch import nn

WRAPPER_PREFIXES = ("module.", "model.")
ENCODER_PREFIXES = ("triplane_encoder.", "encoder.", "")
CONTAINER_KEYS = ("state_dict", "model", "G_ema")
DECODER_KEY = re.compile(r"(?:^|\.)decoder\.net\.([02])\.(weight|bias)$")

StateDict = Dict[str, torch.Tensor]


class CheckpointError(Exception):
    """The checkpoint cannot be used with this config; the message says why."""


def read_state_dict(path: Path) -> StateDict:
    try:
        content = torch.load(str(path), map_location="cpu")
    except Exception as error:  # torch.load raises many types (pickle, zip, runtime); all mean "not readable".
        raise CheckpointError(f"{path}: not a readable torch checkpoint ({error})") from error
    for key in CONTAINER_KEYS:
        if isinstance(content, dict) and isinstance(content.get(key), dict):
            content = content[key]
    if isinstance(content, nn.Module):
        content = content.state_dict()
    if not isinstance(content, dict) or not content or not all(isinstance(v, torch.Tensor) for v in content.values()):
        raise CheckpointError(f"{path}: not a state dict of tensors; EG3D's .pkl network pickles need EG3D's own code, "
                              "so load them there and torch.save(network.state_dict(), FILE)")
    return content


def _strip_wrappers(key: str) -> str:
    while key.startswith(WRAPPER_PREFIXES):
        key = key.split(".", 1)[1]
    return key


def split(state: StateDict, encoder_names: List[str]) -> Tuple[StateDict, StateDict, int]:
    """(encoder tensors, decoder tensors, number ignored), renamed to this package's module names."""
    wanted = set(encoder_names)
    encoder: StateDict = {}
    decoder: StateDict = {}
    ignored = 0
    for raw_key, tensor in state.items():
        key = _strip_wrappers(raw_key)
        match = DECODER_KEY.search(key)
        if match:
            decoder[f"net.{match.group(1)}.{match.group(2)}"] = tensor
            continue
        name = next((key[len(p):] for p in ENCODER_PREFIXES if key.startswith(p) and key[len(p):] in wanted), None)
        if name is None:
            ignored += 1
        else:
            encoder[name] = tensor
    return encoder, decoder, ignored


def _check(part: str, found: StateDict, module: nn.Module, config_name: str, path: Path) -> None:
    expected = module.state_dict()
    missing = [k for k in expected if k not in found]
    if missing:
        raise CheckpointError(f"{path}: lacks {len(missing)} of the {len(expected)} {part} tensors config '{config_name}' "
                              f"needs (first: {', '.join(missing[:3])}); is it another config or architecture?")
    for key, tensor in expected.items():
        if found[key].shape != tensor.shape:
            raise CheckpointError(f"{path}: {part} tensor {key} has shape {list(found[key].shape)}, "
                                  f"config '{config_name}' expects {list(tensor.shape)}")


def save(path: Path, encoder: nn.Module, decoder: nn.Module) -> None:
    """Writes both modules as one state dict under the names `load` reads first ("triplane_encoder.", EG3D's
    "decoder.net."): a template showing what a converted checkpoint must contain."""
    state = {f"triplane_encoder.{k}": v for k, v in encoder.state_dict().items()}
    state.update({f"decoder.{k}": v for k, v in decoder.state_dict().items()})
    torch.save(state, str(path))


def load(path: Path, encoder: nn.Module, decoder: nn.Module, config_name: str) -> int:
    """Loads the checkpoint into both modules; returns how many of its tensors were ignored."""
    state = read_state_dict(path)
    encoder_state, decoder_state, ignored = split(state, list(encoder.state_dict()))
    _check("encoder", encoder_state, encoder, config_name, path)
    _check("decoder (EG3D OSG decoder.net.0/net.2)", decoder_state, decoder, config_name, path)
    encoder.load_state_dict(encoder_state, strict=True)
    decoder.load_state_dict(decoder_state, strict=True)
    return ignored
