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
# Whether a sentence that starts inside a quotation got its opening mark back
# (`model.segment.reading_sentences`); runs recorded before that have no "quote_marks".
RESTORED_QUOTES = "restored"
OLDER_QUOTES = "as split"


def ablation_table(runs: list[dict]) -> str:
    """Markdown table, one row per variant and scoring set-up: mean (± sample standard
    deviation over its runs)."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for run in runs:
        key = (run["variant"], run.get("scoring_max_length"), run.get("context_cut", OLDER_CUT),
               run.get("quote_marks", OLDER_QUOTES))
        groups[key].append(run)
    lines = ["| variant | inputs | runs | gold-dev macro-F1 | editorial F1 | end-to-end macro-F1 | profile error | train s |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (variant, length, cut, quotes), group in groups.items():
        def cell(key: str) -> str:
            values = np.array([run[key] for run in group])
            return f"{values.mean():.3f}" + (f" ± {values.std(ddof=1):.3f}" if len(values) > 1 else "")
        inputs = [f"{length} tokens"]
        inputs += [] if cut == NEAREST_CONTEXT else [cut]
        inputs += [] if quotes == RESTORED_QUOTES else ["quote marks not restored"]
        lines.append(f"| {variant} | {', '.join(inputs)} | {len(group)} | {cell('macro_f1')} | {cell('editorial_f1')} | "
                     f"{cell('end_to_end_macro_f1')} | {cell('profile_error')} | "
                     f"{np.mean([run['train_seconds'] for run in group]):.0f} |")
    return "\n".join(lines)
