#!/usr/bin/env python
"""Token-length distribution of a config's training inputs (sentence + neighbour context),
to choose `model.max_length`: python scripts/token_lengths.py --config configs/full.yaml"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from transformers import AutoTokenizer  # noqa: E402

from model.segment import CONTEXT_SEPARATOR  # noqa: E402
from training.config import load_config  # noqa: E402
from training.data import load_rows  # noqa: E402
from training.train import resolve_base_model  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True)
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    args = parser.parse_args(argv)
    config = load_config(args.config, args.overrides)
    rows = load_rows(config)
    tokenizer = AutoTokenizer.from_pretrained(resolve_base_model(config.model.base_model, Path("/tmp")))
    for name, pairs in (("sentence", None), ("sentence + context", [CONTEXT_SEPARATOR.join(r["context"]) for r in rows])):
        encoded = tokenizer([r["text"] for r in rows], pairs, truncation=False)
        lengths = np.array([len(ids) for ids in encoded["input_ids"]])
        p50, p90, p99 = np.percentile(lengths, [50, 90, 99])
        print(f"{name:20} n={len(lengths)} median={p50:.0f} p90={p90:.0f} p99={p99:.0f} max={lengths.max()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
