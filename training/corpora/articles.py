"""Article-format JSONL: ../shared/data/gold-dev and train-llm, and any export in that format.

One article per line: `{article_id, source, text, sentences: [{i, start, end, text, label}]}`,
labels already in LABELS (annotated by the guideline), so no mapping and no mapping noise;
train-llm has a few percent annotator noise (see its README).
"""

from __future__ import annotations

import json
from pathlib import Path

from model.io import json_objects

from . import DataError, LabelledArticle, check_label, check_text


def jsonl_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def read_jsonl(path: Path):
    """(line number, object) for each non-blank line; DataError on malformed JSON."""
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    yield from json_objects(content, path, DataError)


def read_json_object(path: Path, list_key: str) -> dict:
    """A one-article JSON file: an object whose `list_key` holds its sentences."""
    try:
        row = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DataError(f"{path}: malformed JSON ({error.msg})") from None
    if not isinstance(row, dict) or not isinstance(row.get(list_key), list):
        raise DataError(f"{path}: expected an object with a '{list_key}' list")
    return row


def load(path: Path) -> list[LabelledArticle]:
    articles = []
    for file in jsonl_files(path):
        for number, row in read_jsonl(file):
            where = f"{file}:{number}"
            if not isinstance(row.get("sentences"), list):
                raise DataError(f"{where}: missing 'sentences' list")
            sentences = row["sentences"]
            texts = [check_text(s.get("text"), f"{where} sentence {k}") for k, s in enumerate(sentences)]
            text, spans = _text_and_spans(row, texts, where)
            articles.append(LabelledArticle(
                article_id=str(row.get("article_id") or f"{file.stem}:{number}"),
                source=str(row.get("source") or "unknown"),
                sentences=texts,
                labels=[check_label(s.get("label"), f"{where} sentence {k}") for k, s in enumerate(sentences)],
                text=text,
                spans=spans,
            ))
    return articles


def _text_and_spans(row: dict, texts: list[str], where: str) -> tuple[str | None, list[tuple[int, int]] | None]:
    """The article text and sentence offsets when the row has both (its line breaks bound
    quotations); (None, None) for a row without them."""
    text = row.get("text")
    offsets = [(s.get("start"), s.get("end")) for s in row["sentences"]]
    if not isinstance(text, str) or not all(isinstance(a, int) and isinstance(b, int) for a, b in offsets):
        return None, None
    for k, ((start, end), sentence) in enumerate(zip(offsets, texts)):
        if text[start:end] != sentence:
            raise DataError(f"{where} sentence {k}: start/end {start}:{end} do not match the sentence text in the article text")
    return text, offsets
