#!/usr/bin/python3
"""Exports an LP3D-class triplane encoder (Trevithick et al., SIGGRAPH 2023) and EG3D's OSG decoder as a
PortraitStream model bundle (docs/model-bundle.md):

    /usr/bin/python3 tools/lp3d/export.py --config tiny|lt|full [--checkpoint FILE] [--seed N] --out DIR

Without --checkpoint the weights are random (seeded, deterministic) and model.json says "trained": false.
EG3D's super-resolution module is not exported: the server renders the raw neural image at the requested size.
"""

import argparse
import sys
from pathlib import Path
from typing import List, Optional

import torch

import bundle_writer
import checkpoint
import onnx_export
import reference
from configs import CONFIGS
from encoder import Lp3dEncoder
from osg_decoder import OsgDecoder


def parse(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", choices=sorted(CONFIGS), required=True, help="network size")
    parser.add_argument("--out", type=Path, required=True, help="bundle folder to write (created if needed)")
    parser.add_argument("--checkpoint", type=Path, help="torch.save'd state dict with encoder and EG3D decoder weights")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random initialisation (default 0)")
    parser.add_argument("--normalisation", choices=sorted(bundle_writer.NORMALISATIONS), default="unit",
                        help="input range the encoder was trained on: unit [0,1] (default), signed [-1,1], imagenet")
    parser.add_argument("--decoder-lr-mul", type=float, default=1.0,
                        help="EG3D's decoder_lr_mul, baked into decoder.bin (EG3D FFHQ: 1)")
    parser.add_argument("--name", help="model name shown by the server (default lp3d-CONFIG)")
    parser.add_argument("--reference", type=Path, help="also write a reference crop and PyTorch's triplanes for it here")
    parser.add_argument("--write-state-dict", type=Path, metavar="FILE",
                        help="also torch.save the weights under the names --checkpoint reads (a template for converting)")
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    args = parse(argv)
    config = CONFIGS[args.config]
    torch.manual_seed(args.seed)
    encoder = Lp3dEncoder(config).eval()
    decoder = OsgDecoder(config.triplane_channels, args.decoder_lr_mul).eval()
    trained = args.checkpoint is not None
    if trained:
        try:
            ignored = checkpoint.load(args.checkpoint, encoder, decoder, config.name)
        except checkpoint.CheckpointError as error:
            print(f"export.py: {error}", file=sys.stderr)
            return 1
        print(f"loaded {args.checkpoint} ({ignored} tensors not used by the encoder or decoder)")

    parameters = sum(p.numel() for p in encoder.parameters())
    print(f"config {config.name}: encoder {parameters:,} parameters ({parameters / 1e6:.2f} M), "
          f"{config.image_size}² → 3×{config.triplane_channels}×{config.triplane_resolution}², "
          f"decoder {sum(p.numel() for p in decoder.parameters()):,}")

    args.out.mkdir(parents=True, exist_ok=True)
    onnx_export.export(encoder, args.out / bundle_writer.ENCODER_FILE)
    bundle_writer.write_decoder(args.out / bundle_writer.DECODER_FILE, decoder.baked_layers())
    name = args.name or f"lp3d-{config.name}"
    bundle_writer.write_manifest(args.out / "model.json", bundle_writer.manifest(name, config, trained, args.normalisation))
    if args.reference is not None:
        reference.write(args.reference, encoder, args.normalisation, args.seed)
    if args.write_state_dict is not None:
        checkpoint.save(args.write_state_dict, encoder, decoder)
    print(f"wrote {args.out} ({'trained' if trained else 'untrained: random weights, seed ' + str(args.seed)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
