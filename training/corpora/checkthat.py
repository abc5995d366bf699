"""CheckThat! 2025 Task 1, subjectivity in news, English (NewsSD-ENG):
../shared/data/corpora/checkthat2025_subjectivity_en.

Source: CLEF CheckThat! lab 2023-2025, task 1 (gitlab.com/checkthat_lab/clef2025-checkthat-lab),
staged from the GitHub copy mehreganmohseni/Subjectivity-in-News-Articles, data/english/.
Licence: CC BY-NC-SA 4.0 (non-commercial, share-alike; the licence text ships with the data):
never redistribute the sentences or copy them into this project, and a model trained on them
inherits the non-commercial condition.

Read: every `*.tsv` under `data/english/` (or under the folder given, or the file given):
train_en.tsv, dev_en.tsv, dev_test_en.tsv. Tab-separated with a header, CSV-style quoting
(a field that starts with a double quote is quoted and its inner quotes are doubled);
columns `sentence_id`, `sentence`, `label` (SUBJ/OBJ), optional `solved_conflict`. The
labelled test file is kept out of this copy for evaluation.

Articles: none in the source (sentence UUIDs only, no outlet): every sentence is a
one-sentence article `checkthat:<sentence_id>`, source "unknown".

Mapping:
- SUBJ (the author's own subjective view) -> editorial_framing.
- OBJ -> attributed_quote if the sentence carries attribution (quotation of 3+ words,
  said/told/according to/..., `Speaker: ...` headline: `heuristics.factual_label`), else
  neutral_reporting. (The CheckThat! guideline labels third-party opinions that are
  reported, not endorsed, as OBJ.)
Nothing is undecidable here; only repeats are dropped (a sentence id or text already read
from an earlier file, so that train and dev copies cannot straddle a validation split).

Known noise: the OBJ split is a surface heuristic (cue-less reported speech stays
neutral_reporting; a bare quoted sentence of fewer than three words does not count).
CheckThat! "subjective" is wider than our editorial_framing in places (sarcasm, rhetorical
questions, exclamations inside quotes), and many sentences come from opinion pieces and
blogs rather than news, some with scraping artefacts (a section heading run into the
sentence).
Sentences were judged out of context, so framing that depends on the article is missed.
Annotator conflicts were resolved by discussion (`solved_conflict`), which is not used.
"""

from __future__ import annotations

import csv
from pathlib import Path

from . import DataError, LabelledArticle, check_label, check_text
from .heuristics import EDITORIAL, factual_label

SUBFOLDER = Path("data") / "english"


def tsv_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    folder = path / SUBFOLDER if (path / SUBFOLDER).is_dir() else path
    files = sorted(folder.glob("*.tsv"))
    if not files:
        raise DataError(f"{path}: no CheckThat! .tsv files (looked in {folder})")
    return files


def map_label(text: str, label: str, where: str) -> str:
    label = (label or "").strip().upper()
    if label == "SUBJ":
        return EDITORIAL
    if label == "OBJ":
        return factual_label(text)
    raise DataError(f"{where}: unknown label {label!r}; expected SUBJ or OBJ")


def load(path: Path) -> list[LabelledArticle]:
    articles = []
    seen: set[str] = set()
    for file in tsv_files(path):
        with open(file, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            missing = [c for c in ("sentence_id", "sentence", "label") if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(f"{file}: missing column(s) {', '.join(missing)}")
            for row in reader:
                where = f"{file}:{reader.line_num}"
                text = check_text(row["sentence"], where).strip()
                label = check_label(map_label(text, row["label"], where), where)
                key = f"checkthat:{(row['sentence_id'] or '').strip() or f'{file.stem}:{reader.line_num}'}"
                duplicate = " ".join(text.split()).lower()
                if key in seen or duplicate in seen:  # a sentence in two files: keep the first
                    continue
                seen.update((key, duplicate))
                articles.append(LabelledArticle(key, "unknown", [text], [label]))
    return articles
