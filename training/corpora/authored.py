"""The authored corpus (training/data/authored/*.jsonl), written for this project by the
guideline; see training/data/AUTHORING.md. Labels are the guideline's, so no mapping."""

from __future__ import annotations

from pathlib import Path

from . import DataError, LabelledArticle, check_label, check_text
from .articles import jsonl_files, read_jsonl

REQUIRED_KEYS = ("article_id", "source", "title", "topic", "style", "sentences")


def load(path: Path) -> list[LabelledArticle]:
    articles = []
    for file in jsonl_files(path):
        for number, row in read_jsonl(file):
            where = f"{file}:{number}"
            missing = [key for key in REQUIRED_KEYS if key not in row]
            if missing:
                raise DataError(f"{where}: missing {', '.join(missing)}")
            sentences = row["sentences"]
            articles.append(LabelledArticle(
                article_id=str(row["article_id"]),
                source=str(row["source"]),
                sentences=[check_text(s.get("text"), f"{where} sentence {k}") for k, s in enumerate(sentences)],
                labels=[check_label(s.get("label"), f"{where} sentence {k}") for k, s in enumerate(sentences)],
            ))
    return articles
