"""The training-data ablation: runs recorded by scripts/ablation.py, summarised as a table.

`training/ablation.jsonl` keeps the project's measured runs (one JSON object per trained
model, scored on gold-dev); the README and every model card show the same table from it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import numpy as np

RESULTS_FILE = Path(__file__).resolve().parent / "ablation.jsonl"


def read_runs(path: str | Path = RESULTS_FILE) -> list[dict]:
    path = Path(path)
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# How a run's inputs were cut to the scoring length. Runs recorded before model/encoding.py
# have no "context_cut": the tokenizer's longest-first cut, which trimmed the end of the text
# after the sentence (and long sentences themselves) instead of the context's far ends.
NEAREST_CONTEXT = "nearest context kept"
OLDER_CUT = "longest segment cut"


def ablation_table(runs: list[dict]) -> str:
    """Markdown table, one row per variant and scoring set-up: mean (± sample standard
    deviation over its runs)."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for run in runs:
        groups[(run["variant"], run.get("scoring_max_length"), run.get("context_cut", OLDER_CUT))].append(run)
    lines = ["| variant | scored at | runs | gold-dev macro-F1 | editorial F1 | end-to-end macro-F1 | profile error | train s |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (variant, length, cut), group in groups.items():
        def cell(key: str) -> str:
            values = np.array([run[key] for run in group])
            return f"{values.mean():.3f}" + (f" ± {values.std(ddof=1):.3f}" if len(values) > 1 else "")
        scored_at = f"{length} tokens" + ("" if cut == NEAREST_CONTEXT else f", {cut}")
        lines.append(f"| {variant} | {scored_at} | {len(group)} | {cell('macro_f1')} | {cell('editorial_f1')} | "
                     f"{cell('end_to_end_macro_f1')} | {cell('profile_error')} | "
                     f"{np.mean([run['train_seconds'] for run in group]):.0f} |")
    return "\n".join(lines)
