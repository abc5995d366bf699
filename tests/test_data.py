import json

import pytest

from training.config import load_config
from training.corpora import DataError, load_corpus
from training.data import load_rows, split_rows

from .conftest import REPO


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_unknown_label_names_file_and_line(tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", [{"text": "A fact.", "label": "neutral_reporting"}, {"text": "B.", "label": "opinion"}])
    with pytest.raises(DataError, match=r"s\.jsonl:2: unknown label 'opinion'"):
        load_corpus("sentences", path)


def test_empty_text_names_file_and_line(tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", [{"text": "A fact.", "label": "neutral_reporting"}, {"text": "  ", "label": "attributed_quote"}])
    with pytest.raises(DataError, match=r"s\.jsonl:2: empty or missing text"):
        load_corpus("sentences", path)


def test_csv_line_numbers_count_the_header(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("text,label\nA fact.,neutral_reporting\nB.,bogus\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"s\.csv:3: unknown label 'bogus'"):
        load_corpus("sentences", path)


def test_missing_label_column(tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", [{"text": "A fact.", "tag": "x"}])
    with pytest.raises(DataError, match="no 'label' column"):
        load_corpus("sentences", path)


def test_rows_sharing_an_article_id_keep_their_order(tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", [
        {"text": "One.", "label": "neutral_reporting", "article_id": "a"},
        {"text": "Two.", "label": "attributed_quote", "article_id": "a"},
        {"text": "Solo.", "label": "editorial_framing"},
    ])
    articles = load_corpus("sentences", path)
    assert [a.sentences for a in articles] == [["One.", "Two."], ["Solo."]]


def _rows(per_label, articles_per_label=None):
    rows = []
    for label in range(3):
        for i in range(per_label):
            rows.append({"text": f"t{label}-{i}", "context": "", "label": label, "group": f"g{label}-{i % (articles_per_label or per_label)}", "corpus": "x"})
    return rows


def test_split_is_stratified_by_article_and_reproducible():
    rows = _rows(40, articles_per_label=20)
    first, again = split_rows(rows, 0.25, seed=5), split_rows(rows, 0.25, seed=5)
    assert [r["text"] for r in first.validation] == [r["text"] for r in again.validation]
    train_groups = {r["group"] for r in first.train}
    assert not train_groups & {r["group"] for r in first.validation}
    counts = first.summary()["validation"]
    assert all(count > 0 for count in counts.values())


def test_split_too_small_for_stratification():
    with pytest.raises(DataError, match="too few for a stratified validation split"):
        split_rows(_rows(2), 0.25, seed=1)


def test_class_with_no_examples():
    rows = [r for r in _rows(10) if r["label"] != 2]
    with pytest.raises(DataError, match="no examples of editorial_framing"):
        split_rows(rows, 0.25, seed=1)


def test_tiny_config_rows_carry_context():
    config = load_config(REPO / "configs" / "tiny.yaml")
    config.data.sources[0].path = str(REPO / config.data.sources[0].path)
    rows = load_rows(config)
    assert len(rows) == 36
    assert all(len(row["context"]) == 2 and any(row["context"]) for row in rows)  # (before, after)


def test_label_confined_to_one_article_is_caught():
    rows = _rows(20, articles_per_label=10)
    for row in rows:
        if row["label"] == 2:
            row["group"] = "only-article"
    with pytest.raises(DataError, match="split has no editorial_framing examples"):
        split_rows(rows, 0.25, seed=1)


def _article_row(text, sentences):
    spans, cursor = [], 0
    for sentence, label in sentences:
        start = text.index(sentence, cursor)
        cursor = start + len(sentence)
        spans.append({"start": start, "end": cursor, "text": sentence, "label": label})
    return {"article_id": "a1", "source": "Harbour Daily", "text": text, "sentences": spans}


def test_article_rows_read_quotations_across_the_article_text(tmp_path):
    from training.data import to_rows

    text = '"PILOT: We are landing. Stay seated.\n\nThe plane landed at noon.'
    row = _article_row(text, [('"PILOT: We are landing.', "attributed_quote"), ("Stay seated.", "attributed_quote"),
                              ("The plane landed at noon.", "neutral_reporting")])
    articles = load_corpus("articles", write_jsonl(tmp_path / "a.jsonl", [row]))
    rows = to_rows(articles, context_window=1, corpus="test")
    assert [r["text"] for r in rows] == ['"PILOT: We are landing.', '"Stay seated.', "The plane landed at noon."]
    assert rows[2]["context"] == ('"Stay seated.', "")


def test_article_offsets_that_miss_the_text_name_the_sentence(tmp_path):
    row = _article_row("Rain fell. Roads closed.", [("Rain fell.", "neutral_reporting"), ("Roads closed.", "neutral_reporting")])
    row["sentences"][1]["start"] += 1
    path = write_jsonl(tmp_path / "a.jsonl", [row])
    with pytest.raises(DataError, match=rf"{path}:1 sentence 1: start/end 12:24 do not match"):
        load_corpus("articles", path)
