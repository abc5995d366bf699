"""From configured corpora to tokenised train/validation `datasets`.

Validation is split by article (sentences of one article are not independent), stratified
by label and seeded, so the same config gives the same split.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from datasets import Dataset
from sklearn.model_selection import StratifiedGroupKFold

from model.labels import LABEL2ID, LABELS
from model.encoding import InputEncoder
from model.segment import neighbours

from .config import Config, DataSource
from .corpora import DataError, LabelledArticle, load_corpus


@dataclass
class Splits:
    train: list[dict]
    validation: list[dict]

    def summary(self) -> dict:
        return {name: _label_counts(rows) for name, rows in (("train", self.train), ("validation", self.validation))}


def _label_counts(rows: list[dict]) -> dict[str, int]:
    counts = np.bincount([row["label"] for row in rows], minlength=len(LABELS))
    return {label: int(counts[i]) for i, label in enumerate(LABELS)}


def _cap(articles: list[LabelledArticle], source: DataSource, seed: int) -> list[LabelledArticle]:
    """A seeded sample of whole articles holding about `max_sentences` labelled sentences."""
    if source.max_sentences is None:
        return articles
    order = np.random.default_rng(seed).permutation(len(articles))
    kept, total = [], 0
    for index in order:
        if total >= source.max_sentences:
            break
        kept.append(articles[index])
        total += sum(label is not None for label in articles[index].labels)
    return kept


def to_rows(articles: list[LabelledArticle], context_window: int, corpus: str) -> list[dict]:
    """One row per labelled sentence: text, its neighbours as context, label id, group."""
    rows = []
    for article in articles:
        read = article.reading_sentences()
        for index, (text, label) in enumerate(zip(read, article.labels)):
            if label is None:
                continue
            rows.append({
                "text": text,
                "context": neighbours(read, index, context_window),
                "label": LABEL2ID[label],
                "group": f"{corpus}/{article.article_id}",
                "corpus": corpus,
            })
    return rows


def load_rows(config: Config) -> list[dict]:
    """Rows of every configured corpus. An article whose id an earlier corpus already gave
    (PolNeAR articles that train-llm relabelled by the guideline) is taken only once."""
    rows = []
    seen_ids: set[str] = set()
    for source in config.data.sources:
        articles = [a for a in load_corpus(source.kind, config.source_path(source)) if a.article_id not in seen_ids]
        seen_ids.update(a.article_id for a in articles)
        articles = _cap(articles, source, config.data.split_seed)
        corpus_rows = to_rows(articles, config.model.context_window, source.name)
        if not corpus_rows:
            raise DataError(f"{config.source_path(source)}: {source.name} gave no labelled sentences")
        rows.extend(corpus_rows)
    return rows


def split_rows(rows: list[dict], validation_fraction: float, seed: int) -> Splits:
    labels = np.array([row["label"] for row in rows])
    counts = np.bincount(labels, minlength=len(LABELS))
    folds = max(2, round(1 / validation_fraction))
    for i, label in enumerate(LABELS):
        if counts[i] == 0:
            raise DataError(f"training data has no examples of {label}; every label needs examples")
        if counts[i] < folds:
            raise DataError(
                f"training data has {counts[i]} example(s) of {label}: too few for a stratified "
                f"validation split of {validation_fraction} (needs at least {folds})"
            )
    groups = np.array([row["group"] for row in rows])
    if len(set(groups)) < folds:
        raise DataError(f"training data has {len(set(groups))} article(s): too few to split by article into {folds} folds")
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    train_index, validation_index = next(splitter.split(np.zeros(len(rows)), labels, groups))
    for name, index in (("training", train_index), ("validation", validation_index)):
        missing = [LABELS[i] for i in range(len(LABELS)) if not np.any(labels[index] == i)]
        if missing:
            raise DataError(
                f"the {name} split has no {missing[0]} examples: that label occurs in too few articles "
                f"to split by article (add articles with it, or lower data.validation_fraction)"
            )
    return Splits([rows[i] for i in train_index], [rows[i] for i in validation_index])


def tokenise(rows: list[dict], tokenizer, max_length: int, with_context: bool) -> Dataset:
    """Rows encoded as scoring encodes them (`model.encoding.InputEncoder`), with labels."""
    contexts = [row["context"] for row in rows] if with_context else None
    encoded = InputEncoder(tokenizer, max_length).encode([row["text"] for row in rows], contexts)
    return Dataset.from_list([{**item, "label": row["label"]} for item, row in zip(encoded, rows)])
