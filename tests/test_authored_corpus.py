"""The authored corpora: schema, balance, coverage, no duplicates, nothing copied.

`authored/` is the main corpus (balance and coverage are checked on it); `boundary/` is the
quote-versus-editorial drill set, held apart because gold-dev did not show it helping."""

import json
import re
from collections import Counter

import pytest

from model import LABELS
from training.corpora.authored import REQUIRED_KEYS, load

from .conftest import DATA_ROOT, REPO, needs_shared_data

CORPUS = REPO / "training" / "data" / "authored"
BOUNDARY = REPO / "training" / "data" / "boundary"
TOPICS = {"politics", "immigration", "economy", "health", "crime", "courts", "climate", "science", "tech",
          "sport", "culture", "foreign-affairs", "local"}
STYLES = {"wire", "broadcast", "tabloid", "partisan-left", "partisan-right", "opinion", "letters",
          "press-release", "live-blog", "pre-tokenised"}
SHINGLE = 8  # a copied sentence shares most of its 8-word runs with the original


def _read(folder):
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def main_rows():
    return _read(CORPUS)


@pytest.fixture(scope="module")
def rows(main_rows):
    """Both folders: every written sentence must pass the schema, duplicate and copy checks."""
    return main_rows + _read(BOUNDARY)


def words(text):
    return re.findall(r"\w+", text.lower())


def test_schema_loads(rows):
    assert all(set(REQUIRED_KEYS) <= set(row) for row in rows)
    assert len(load(CORPUS)) + len(load(BOUNDARY)) == len(rows)
    assert len({row["article_id"] for row in rows}) == len(rows)
    assert all(s["label"] in LABELS for row in rows for s in row["sentences"])
    assert all(row["topic"] in TOPICS and row["style"] in STYLES for row in rows)


def test_size_and_label_balance(main_rows):
    labels = Counter(s["label"] for row in main_rows for s in row["sentences"])
    total = sum(labels.values())
    assert total >= 3000
    assert set(labels) == set(LABELS)
    assert all(count / total >= 0.25 for count in labels.values()), labels


def test_topics_and_styles(main_rows):
    assert {row["topic"] for row in main_rows} == TOPICS
    assert {row["style"] for row in main_rows} == STYLES


def test_no_duplicate_sentences(rows):
    texts = Counter(" ".join(words(s["text"])) for row in rows for s in row["sentences"] if len(words(s["text"])) >= 6)
    assert [t for t, n in texts.items() if n > 1] == []


def _shingles(text):
    w = words(text)
    return {tuple(w[i : i + SHINGLE]) for i in range(len(w) - SHINGLE + 1)}


def test_nothing_from_the_seeds(rows):
    seeds = set().union(*(_shingles(p.read_text(encoding="utf-8")) for p in (REPO / "seeds").glob("*.txt")))
    copied = [s["text"] for row in rows for s in row["sentences"] if _shingles(s["text"]) & seeds]
    assert copied == []


@needs_shared_data
def test_nothing_from_shared_data(rows):
    """Like the before-stop hook: a sentence of 12+ words counts as copied when half or more of
    its 8-word runs come from one shared sentence. Stock phrases ("did not immediately respond
    to a request for comment") share a run or two and are not copies."""
    owner = {}
    for path in list(DATA_ROOT.glob("gold-dev/*.jsonl")) + list(DATA_ROOT.glob("train-llm/*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            for sentence in json.loads(line)["sentences"]:
                for shingle in _shingles(sentence["text"]):
                    owner.setdefault(shingle, (path.name, number, sentence["i"]))
    copied = []
    for row in rows:
        for sentence in row["sentences"]:
            shingles = _shingles(sentence["text"])
            if len(words(sentence["text"])) < 12:
                continue
            hits = Counter(owner[s] for s in shingles if s in owner)
            if hits and hits.most_common(1)[0][1] >= 0.5 * len(shingles):
                copied.append(sentence["text"])
    assert copied == []
