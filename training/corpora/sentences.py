"""Plain sentence files: JSONL or CSV with `text` and `label` (optional `article_id`,
`source`), read with `datasets`' offline json/csv builders. Rows sharing an `article_id`
form one article in file order; rows without one are one-sentence articles."""

from __future__ import annotations

from pathlib import Path

from datasets import load_dataset

from . import DataError, LabelledArticle, check_label, check_text

BUILDERS = {".jsonl": "json", ".json": "json", ".csv": "csv"}


def load(path: Path) -> list[LabelledArticle]:
    files = sorted(p for p in path.iterdir() if p.suffix in BUILDERS) if path.is_dir() else [path]
    articles: dict[str, LabelledArticle] = {}
    for file in files:
        if file.suffix not in BUILDERS:
            raise DataError(f"{file}: expected .jsonl, .json or .csv")
        try:
            table = load_dataset(BUILDERS[file.suffix], data_files=str(file), split="train")
        except Exception as error:  # noqa: BLE001 - the builders raise many kinds
            raise DataError(f"{file}: cannot read ({str(error).splitlines()[0]})") from None
        for column in ("text", "label"):
            if column not in table.column_names:
                raise DataError(f"{file}: no '{column}' column (columns: {', '.join(table.column_names)})")
        first_line = 2 if file.suffix == ".csv" else 1  # CSV line 1 is the header
        for offset, row in enumerate(table):
            where = f"{file}:{first_line + offset}"
            text = check_text(row["text"], where)
            label = check_label(row["label"], where)
            key = str(row.get("article_id") or f"{file.name}:{first_line + offset}")
            article = articles.setdefault(key, LabelledArticle(key, str(row.get("source") or "unknown"), [], []))
            article.sentences.append(text)
            article.labels.append(label)
    return list(articles.values())
