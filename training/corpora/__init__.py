"""One adapter per training corpus, each mapping its source's labels onto LABELS.

Every adapter is `load(path: Path) -> list[LabelledArticle]`: articles keep sentence order so
that the neighbouring-sentence context can be built; a sentence whose label the mapping
cannot decide has label None (kept as context, never trained on). Sentence-only corpora give
one-sentence articles. Errors are `DataError` naming the file (and line) and the problem.
The mapping rules and their known noise are documented in each adapter's docstring.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from model.labels import LABELS
from model.segment import joined_article, reading_sentences


class DataError(ValueError):
    """A training-data problem, in one line naming the file (and line)."""


@dataclass
class LabelledArticle:
    article_id: str
    source: str
    sentences: list[str]
    labels: list[str | None]
    # The article's text with each sentence's offsets, where the corpus keeps them (line breaks
    # bound quotations, see `model.segment.reading_sentences`); else the sentences joined.
    text: str | None = None
    spans: list[tuple[int, int]] | None = None

    def __post_init__(self):
        if len(self.sentences) != len(self.labels):
            raise ValueError(f"{self.article_id}: {len(self.sentences)} sentences but {len(self.labels)} labels")

    def reading_sentences(self) -> list[str]:
        """The sentences as the model reads them (`model.segment.reading_sentences`)."""
        text, spans = (self.text, self.spans) if self.text is not None else joined_article(self.sentences)
        return reading_sentences(text, spans)


def check_label(label, where: str) -> str:
    if label not in LABELS:
        raise DataError(f"{where}: unknown label {label!r}; expected one of {', '.join(LABELS)}")
    return label


def check_text(text, where: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise DataError(f"{where}: empty or missing text")
    return text


ADAPTERS = {
    "authored": "training.corpora.authored",
    "sentences": "training.corpora.sentences",
    "articles": "training.corpora.articles",
    "babe": "training.corpora.babe",
    "basil": "training.corpora.basil",
    "polnear": "training.corpora.polnear",
    "checkthat": "training.corpora.checkthat",
    "multidimnews": "training.corpora.multidimnews",
}


def load_corpus(kind: str, path: Path) -> list[LabelledArticle]:
    if kind not in ADAPTERS:
        raise DataError(f"unknown corpus kind {kind!r}; expected one of {', '.join(ADAPTERS)}")
    if not path.exists():
        raise DataError(f"{path}: {kind} corpus not found")
    return import_module(ADAPTERS[kind]).load(path)
