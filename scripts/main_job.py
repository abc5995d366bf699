#!/usr/bin/env python
"""The main job: train the default model if there is none, then score the seed articles
into per-source profiles (outputs/seeds/) and print the profile table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from model.cli import main as framelens  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", default=str(REPO / "configs" / "default.yaml"), help="config to train when no model exists")
    parser.add_argument("--model", default=str(REPO / "models" / "default"), help="model directory (trained if missing)")
    parser.add_argument("--out", default=str(REPO / "outputs" / "seeds"), help="where the seed profiles go")
    args = parser.parse_args(argv)
    if not (Path(args.model) / "model.safetensors").is_file():
        from training.config import load_config
        from training.train import train

        print(f"no model at {args.model}: training {args.config} (about 4 minutes on 2 CPU cores)", file=sys.stderr)
        train(load_config(args.config), args.model)
    return framelens(["score", str(REPO / "seeds"), "--model", args.model, "--out", args.out, "--overwrite", "--html"])


if __name__ == "__main__":
    sys.exit(main())
