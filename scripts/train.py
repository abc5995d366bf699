#!/usr/bin/env python
"""Train a framelens model: python scripts/train.py --config configs/NAME.yaml [--output-dir DIR] [--set key=value ...] [--resume]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a clone without installing

from training.config import ConfigError, load_config  # noqa: E402
from training.corpora import DataError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True, help="YAML config (see configs/)")
    parser.add_argument("--output-dir", help="model directory to write (default: the config's output_dir)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="override a config value, e.g. --set training.epochs=2 (repeatable)")
    parser.add_argument("--resume", action="store_true", help="continue from the last checkpoint in the output directory")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config, args.overrides)
        from training.train import train  # heavy imports only once the config is valid

        output = train(config, args.output_dir, resume=args.resume)
    except (ConfigError, DataError, FileExistsError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"model written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
