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


# How a run was made, where that changed over the record: (key, the current way, the way of
# runs recorded before the key existed, how the table names each earlier way).
# - context_cut: model/encoding.py keeps the context nearest the sentence; before it, the
#   tokenizer's longest-first cut trimmed the text after the sentence (and long sentences).
# - quote_marks: a sentence that starts inside a quotation is read with its opening mark
#   (`model.segment.reading_sentences`).
# - sentence_splitter: the splitter's view directs every double quotation mark and reads
#   "--" as a dash (before, mixed marks and "--" pairs glued sentences), and it joins
#   pysbd's cuts after an abbreviation that never end a news sentence ("D-Ill., said",
#   dateline and dash, month and day). End-to-end figures only.
# - class_offsets_rule: validation offsets by the one-standard-error rule; before, the offsets
#   with the best validation macro-F1.
# - head_init: the new classifier head is drawn after seeding; before, from whatever state
#   torch's generator was in (the same seed gave different models in different processes).
NEAREST_CONTEXT = "nearest context kept"
RESTORED_QUOTES = "restored"
ABBREVIATION_CUTS_JOINED = "abbreviation cuts joined"
ONE_STANDARD_ERROR = "one standard error"
SEEDED_HEAD = "seeded"

SETUP = (
    ("context_cut", NEAREST_CONTEXT, "longest segment cut", {"longest segment cut": "longest segment cut"}),
    ("quote_marks", RESTORED_QUOTES, "as split", {"as split": "quote marks not restored"}),
    ("sentence_splitter", ABBREVIATION_CUTS_JOINED, "pysbd as is",
     {"pysbd as is": "older splitter", "quotation marks directed": "abbreviation cuts not joined"}),
    ("class_offsets_rule", ONE_STANDARD_ERROR, "best on validation", {"best on validation": "best-F1 offsets"}),
    ("head_init", SEEDED_HEAD, "process state", {"process state": "unseeded head"}),
)


def current_setup() -> dict:
    """The set-up keys a run recorded now carries."""
    return {key: current for key, current, _, _ in SETUP}


def ablation_table(runs: list[dict]) -> str:
    """Markdown table, one row per variant and set-up: mean (± sample standard deviation over
    its runs)."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for run in runs:
        key = (run["variant"], run.get("scoring_max_length")) + tuple(run.get(name, older) for name, _, older, _ in SETUP)
        groups[key].append(run)
    lines = ["| variant | set-up | runs | gold-dev macro-F1 | editorial F1 | end-to-end macro-F1 | profile error | train s |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (variant, length, *ways), group in groups.items():
        def cell(key: str) -> str:
            values = np.array([run[key] for run in group])
            return f"{values.mean():.3f}" + (f" ± {values.std(ddof=1):.3f}" if len(values) > 1 else "")
        setup = [f"{length} tokens"] + [labels.get(way, way) for way, (_, current, _, labels) in zip(ways, SETUP) if way != current]
        lines.append(f"| {variant} | {', '.join(setup)} | {len(group)} | {cell('macro_f1')} | {cell('editorial_f1')} | "
                     f"{cell('end_to_end_macro_f1')} | {cell('profile_error')} | "
                     f"{np.mean([run['train_seconds'] for run in group]):.0f} |")
    return "\n".join(lines)
