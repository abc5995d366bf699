#!/usr/bin/env python
"""Train config variants and measure each on gold-dev: the ablation table.

    python scripts/ablation.py --variant "authored only=configs/default.yaml" \
        --variant "+ train-llm=configs/full.yaml" \
        --variant "no context=configs/default.yaml;model.context_window=0" \
        --seeds 42,43,44

A variant is NAME=CONFIG[;key=value;...]. Results are appended to --results as they finish
(one JSON object per run), so an interrupted ablation keeps what it measured; the table is
printed from everything in that file.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from training.ablation import RESULTS_FILE, ablation_table, current_setup, read_runs  # noqa: E402


def run_variant(name: str, spec: str, seed: int, gold: Path, keep: Path | None) -> dict:
    from model import FramingClassifier
    from model.evaluation import evaluate_gold
    from training.config import load_config
    from training.train import train

    config_path, *overrides = spec.split(";")
    config = load_config(REPO / config_path, overrides + [f"training.seed={seed}"])
    with tempfile.TemporaryDirectory() as scratch:
        output = (keep / f"{name}-{seed}".replace(" ", "_").replace("/", "_")) if keep else Path(scratch) / "model"
        started = time.perf_counter()
        model_dir = train(config, output)
        seconds = time.perf_counter() - started
        classifier = FramingClassifier.from_pretrained(model_dir)
        report = evaluate_gold(classifier, gold, model_dir=model_dir)
        calibration = json.loads((model_dir / "metrics.json").read_text())["calibration"]
    return {
        "variant": name, "spec": spec, "seed": seed, "train_seconds": round(seconds, 1),
        "scoring_max_length": classifier.max_length, **current_setup(),
        "temperature": calibration["temperature"], "class_offsets": calibration["class_offsets"],
        "macro_f1": report["sentence_level"]["macro_f1"],
        "editorial_f1": report["sentence_level"]["editorial_framing_f1"],
        "end_to_end_macro_f1": report["end_to_end"]["macro_f1"],
        "profile_error": report["profile_error"]["mean"],
        "tfidf_macro_f1": report["baselines"].get("tfidf", {}).get("macro_f1"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variant", action="append", default=[], help="NAME=CONFIG[;key=value...] (repeatable)")
    parser.add_argument("--seeds", default="42", help="comma-separated training seeds (default 42)")
    parser.add_argument("--gold", default=str(REPO.parent / "shared" / "data" / "gold-dev" / "gold-dev.jsonl"))
    parser.add_argument("--results", default=str(RESULTS_FILE), help="JSON lines file the runs are appended to (default: the project's record, training/ablation.jsonl)")
    parser.add_argument("--keep-models", help="keep each trained model under this folder")
    args = parser.parse_args(argv)
    results = Path(args.results)
    keep = Path(args.keep_models) if args.keep_models else None
    for variant in args.variant:
        name, spec = variant.split("=", 1)
        for seed in (int(s) for s in args.seeds.split(",")):
            run = run_variant(name, spec, seed, Path(args.gold), keep)
            with results.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(run) + "\n")
            print(json.dumps(run), file=sys.stderr)
    print(ablation_table(read_runs(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
