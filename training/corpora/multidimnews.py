"""MultiDimNews, the Ukraine-crisis news-bias dataset: ../shared/data/corpora/multidimnews_ukraine.

Source: Färber, Burkard, Jatowt, Lim, "A Multidimensional Dataset Based on Crowdsourcing
for Analyzing and Detecting News Bias", CIKM 2020; repo michaelfaerber/ukraine-news-bias,
Zenodo 10.5281/zenodo.3885351. Licence: none stated in the GitHub repo (the Zenodo record
is listed as CC BY-NC elsewhere, not checked here); research use, cite the paper; article
texts are the publishers': never redistribute or copy them into this project.

Read: `all-data-as-json/article_<n>.json` (or `article_*.json` in the folder given), one
article each: `id`, `sentences` = [{id, article, position_in_article, content,
subjectivity: {score: {avg, maj, intensified}, judgements, cw_origins}, hidden_assumptions,
framing, bias}]. The crowd judgement scale for subjectivity (the authors' articleHandler.py)
is 0 objective, 1 rather objective, 2 rather subjective, 3 subjective, five crowd workers a
sentence (ten for three sentences). The headerless CSVs in all-data-as-csv/ are a binary
derivative (subjective = average judgement > 1) without article ids, and are not used.

Articles: `multidimnews:article_<n>`, sentences in `position_in_article` order (position 0
is the headline), source "unknown" (the data has no outlet names; articles come from 33
countries).

Mapping, from the share s of judgements that say subjective (2 or 3):
- s > 1/2 (a crowd majority calls it subjective) -> editorial_framing, unless the sentence
  carries attribution (quotation of 3+ words, said/told/according to/...,
  `heuristics.carries_attribution`): the subjectivity may be the quoted source's -> None;
- s <= 1/5 (at most one of five dissents) -> attributed_quote if the sentence carries
  attribution, else neutral_reporting (`heuristics.factual_label`);
- otherwise (two of five say subjective) -> None;
- a sentence with no subjectivity judgements -> None.
The hidden-assumption, framing (representation of governments) and pro-Russia/pro-West bias
dimensions are not used: they are about stance, not the writer's voice.

Known noise: crowd labels, with low agreement reported by the authors; non-Western workers
judge more sentences subjective. Crowd "subjective" often reacts to the topic or to quoted
opinions rather than the writer's own voice, and crowd "objective" lets loaded wording pass
(only ~3% of sentences reach a subjective majority, far below the editorial_framing share
of our gold sets), so editorial_framing is under-represented and some of the
neutral_reporting is the writer's framing. The neutral/attributed split is a surface
heuristic.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import DataError, LabelledArticle, check_label, check_text
from .articles import read_json_object
from .heuristics import EDITORIAL, carries_attribution, factual_label

SUBFOLDER = "all-data-as-json"
SUBJECTIVE_MIN = 2  # judgement >= 2: "rather subjective" or "subjective"
OBJECTIVE_MAX_SHARE = 0.2
SUBJECTIVE_MIN_SHARE = 0.5


def json_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    folder = path / SUBFOLDER if (path / SUBFOLDER).is_dir() else path
    files = sorted(folder.glob("article_*.json"), key=lambda p: _number(p.stem))
    if not files:
        raise DataError(f"{path}: no MultiDimNews article_*.json files (looked in {folder})")
    return files


def _number(stem: str) -> tuple[int, str]:
    match = re.search(r"(\d+)$", stem)
    return (int(match.group(1)) if match else -1, stem)


def subjective_share(judgements, where: str) -> float | None:
    if judgements is None or judgements == []:
        return None
    if not isinstance(judgements, list):
        raise DataError(f"{where}: subjectivity judgements must be a list")
    try:
        values = [float(v) for v in judgements]
    except (TypeError, ValueError):
        raise DataError(f"{where}: non-numeric subjectivity judgement in {judgements!r}") from None
    if any(v not in (0.0, 1.0, 2.0, 3.0) for v in values):
        raise DataError(f"{where}: subjectivity judgements must be 0-3, got {judgements!r}")
    return sum(v >= SUBJECTIVE_MIN for v in values) / len(values)


def map_label(text: str, share: float | None) -> str | None:
    if share is None:
        return None
    if share > SUBJECTIVE_MIN_SHARE:
        return None if carries_attribution(text) else EDITORIAL
    if share <= OBJECTIVE_MAX_SHARE:
        return factual_label(text)
    return None


def load(path: Path) -> list[LabelledArticle]:
    articles = []
    for file in json_files(path):
        row = read_json_object(file, "sentences")
        items = row["sentences"]
        for k, item in enumerate(items):
            if not isinstance(item, dict):
                raise DataError(f"{file} sentence {k}: a sentence must be an object")
        items = sorted(items, key=lambda s: s.get("position_in_article", 0))
        sentences, labels = [], []
        for item in items:
            where = f"{file} sentence {item.get('id', item.get('position_in_article'))}"
            text = check_text(item.get("content"), where).strip()
            judgements = (item.get("subjectivity") or {}).get("judgements")
            label = map_label(text, subjective_share(judgements, where))
            sentences.append(text)
            labels.append(None if label is None else check_label(label, where))
        if sentences:
            key = f"multidimnews:{row.get('id') or file.stem}"
            articles.append(LabelledArticle(key, "unknown", sentences, labels))
    return articles
