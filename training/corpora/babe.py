"""BABE (Bias Annotations By Experts), subgroup SG2: ../shared/data/corpora/babe.

Source: Spinde et al., "Neural Media Bias Detection Using Distant Supervision With BABE",
Findings of EMNLP 2021; repo Media-Bias-Group/Neural-Media-Bias-Detection-Using-Distant-
Supervision-With-BABE. Licence: the repo is GNU AGPL-3.0, no separate data licence; the
sentences are publishers' text: research use, never redistribute or copy into this project.

Read: `data/final_labels_SG2.csv` (';'-separated, UTF-8 with BOM; 3,674 sentences labelled
by 5 expert annotators, majority vote). Columns used: text, news_link, outlet, label_bias
(Biased / Non-biased / No agreement), label_opinion, biased_words. The xlsx files are not
needed (SG1 repeats MBIC sentences; the raw per-annotator labels only give the same votes).

Articles: sentences sharing a `news_link` form one article `babe:<news_link>` (rows with an
empty link are one-sentence articles `babe:row<line>`), source = `outlet`. BABE samples a
few sentences per article and the file is sorted alphabetically, so an article's sentences
are in file order, NOT reading order, and are rarely adjacent in the original: the
neighbouring-sentence context built from these articles is not real context.

Mapping (label_opinion first, then label_bias; "carries attribution" is
`heuristics.carries_attribution`: quotation of 3+ words, said/told/according to/..., or a
`Speaker: ...` headline):
- "Expresses writer's opinion" -> editorial_framing (whatever label_bias says).
- "Somewhat factual but also opinionated" + Biased -> editorial_framing when the sentence
  carries no attribution, or when it has a direct quotation and one of the annotators'
  biased_words occurs outside the quotation marks (the writer's own loaded word next to a
  quote: rule 1 before rule 2); otherwise None.
- "Somewhat factual but also opinionated" + Non-biased -> None.
- "Entirely factual" + Non-biased -> attributed_quote if it carries attribution, else
  neutral_reporting (`heuristics.factual_label`).
- "Entirely factual" + Biased (annotators contradict themselves: a loaded word in a
  "factual" sentence) -> None.
- "No agreement" on label_opinion -> None.

Known noise: "Entirely factual" mixes neutral and attributed sentences, and the split is a
surface heuristic (misses cue-less reported speech; it puts about half of the 1,481
factual non-biased SG2 sentences in attributed_quote). BABE's "opinion" is about the whole sentence,
so an opinion that belongs to a quoted source can still be labelled "Expresses writer's
opinion" (-> editorial_framing here, attributed_quote by the guideline). "Entirely factual"
also contains writer framing the annotators let pass (an evaluative adverb on a verb of
saying), and a few truncated one-word fragments come through as neutral_reporting. Expert majority labels, but
BABE's bias/opinion notions are not LABELS.md's: measure on gold-dev.
"""

from __future__ import annotations

import ast
import csv
from pathlib import Path

from . import DataError, LabelledArticle, check_label, check_text
from .heuristics import EDITORIAL, carries_attribution, factual_label, has_quotation, unquoted_text

FILE = Path("data") / "final_labels_SG2.csv"
COLUMNS = ("text", "news_link", "outlet", "label_bias", "label_opinion", "biased_words")

OPINION = "expresses writer's opinion"
SOMEWHAT = "somewhat factual but also opinionated"
FACTUAL = "entirely factual"
NO_AGREEMENT = "no agreement"


def _norm(value: str) -> str:
    return " ".join((value or "").replace("’", "'").split()).lower()


def biased_words(value: str, where: str) -> list[str]:
    """The annotators' biased words: a Python list literal such as "['bizarre', 'fake']"."""
    value = (value or "").strip()
    if not value:
        return []
    try:
        words = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        raise DataError(f"{where}: biased_words is not a list literal: {value[:60]!r}") from None
    if not isinstance(words, (list, tuple)):
        raise DataError(f"{where}: biased_words is not a list: {value[:60]!r}")
    return [str(w) for w in words if str(w).strip()]


def _word_outside_quotes(sentence: str, words: list[str]) -> bool:
    outside = _norm(unquoted_text(sentence))
    return any(_norm(word) and _norm(word) in outside for word in words)


def map_label(text: str, bias: str, opinion: str, words: list[str], where: str) -> str | None:
    bias, opinion = _norm(bias), _norm(opinion)
    if opinion == OPINION:
        return EDITORIAL
    if opinion == SOMEWHAT:
        if bias != "biased":
            return None
        if not carries_attribution(text):
            return EDITORIAL
        if has_quotation(text) and _word_outside_quotes(text, words):
            return EDITORIAL
        return None
    if opinion == FACTUAL:
        return factual_label(text) if bias == "non-biased" else None
    if opinion == NO_AGREEMENT:
        return None
    raise DataError(f"{where}: unknown label_opinion {opinion!r}")


def resolve_file(path: Path) -> Path:
    if path.is_file():
        return path
    for candidate in (path / FILE, path / FILE.name):
        if candidate.is_file():
            return candidate
    raise DataError(f"{path}: no {FILE} (BABE SG2) found")


def load(path: Path) -> list[LabelledArticle]:
    file = resolve_file(path)
    articles: dict[str, LabelledArticle] = {}
    with open(file, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(f"{file}: missing column(s) {', '.join(missing)} (is it ';'-separated?)")
        for row in reader:
            where = f"{file}:{reader.line_num}"
            text = check_text(row["text"], where).strip()
            label = map_label(text, row["label_bias"], row["label_opinion"],
                              biased_words(row["biased_words"], where), where)
            link = (row["news_link"] or "").strip()
            key = f"babe:{link}" if link else f"babe:row{reader.line_num}"
            article = articles.setdefault(key, LabelledArticle(key, (row["outlet"] or "").strip() or "unknown", [], []))
            article.sentences.append(text)
            article.labels.append(None if label is None else check_label(label, where))
    return list(articles.values())
