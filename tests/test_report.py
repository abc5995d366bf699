"""The HTML report: built from a small invented results folder, no model needed."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from model.cli import ScoreSummary, write_profiles
from model.labels import LABELS
from model.profiles import build_profiles
from model.report import ReportError, write_report
from model.scores import ArticleScore, SentenceScore

N, Q, E = LABELS
ARTICLES = [
    ("ledger-001", "Daily Ledger", "Bridge closes after inspection finds cracks", "bridge-closure", [
        ("The Harbor Street bridge closed on Monday after inspectors found cracks in two supports.", N, None),
        ("\"We will not reopen it until it is safe,\" Mayor Ana Ruiz said.", Q, "Mayor Ana Ruiz"),
        ("Engineers expect repairs to take six weeks.", N, None),
        ("Officials said detours would add ten minutes to commutes.", Q, "Officials"),
    ]),
    ("star-17", "Morning Star", "City's crumbling bridge: years of neglect finally catch up", "bridge-closure", [
        ("Years of reckless neglect have finally caught up with the city.", E, None),
        ("The bridge was closed on Monday.", N, None),
        ("\"This was entirely preventable,\" said Tom Okafor, a local engineer.", Q, "Tom Okafor"),
        ("Residents deserve better than <script>alert('x')</script> & empty promises.", E, None),
    ]),
    ("ledger-002", "Daily Ledger", None, "school-budget", [
        ("The school board approved a budget of 41 million dollars.", N, None),
        ("It is a shameful betrayal of teachers.", E, None),
    ]),
]


def _probabilities(label: str) -> dict[str, float]:
    rest = [other for other in LABELS if other != label]
    return {label: 0.8, rest[0]: 0.15, rest[1]: 0.05}


def make_results(folder: Path) -> Path:
    """A results folder as `framelens score` writes it, from the invented ARTICLES."""
    folder.mkdir(parents=True, exist_ok=True)
    scores, sentence_lines = [], []
    for article_id, source, title, event, sentences in ARTICLES:
        items, start = [], 0
        for index, (text, label, speaker) in enumerate(sentences):
            items.append(SentenceScore(index, start, start + len(text), text, label, _probabilities(label), speaker))
            start += len(text) + 1
        score = ArticleScore(article_id, source, items, title=title, event=event, date="2024-05-06")
        scores.append(score)
        sentence_lines += [json.dumps({"article_id": article_id, "source": source, **s.to_dict()}) for s in items]
    (folder / "sentences.jsonl").write_text("\n".join(sentence_lines) + "\n", encoding="utf-8")
    (folder / "articles.jsonl").write_text("".join(json.dumps(s.to_dict()) + "\n" for s in scores), encoding="utf-8")
    summary = ScoreSummary(folder, articles=len(scores), sentences=len(sentence_lines))
    write_profiles(folder, build_profiles(scores, n_bootstrap=200), summary)
    return folder


class TagChecker(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.problems, self.tabindexed = [], [], 0

    def handle_starttag(self, tag, attrs):
        if dict(attrs).get("tabindex") == "0":
            self.tabindexed += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()


@pytest.fixture
def report(tmp_path) -> tuple[Path, str]:
    results = make_results(tmp_path / "results")
    out = write_report(results, tmp_path / "report.html")
    return out, out.read_text(encoding="utf-8")


def test_report_is_well_formed_and_self_contained(report):
    path, text = report
    checker = TagChecker()
    checker.feed(text)
    checker.close()
    assert checker.problems == [] and checker.stack == []
    assert text.startswith("<!DOCTYPE html>") and '<meta name="viewport"' in text
    for tag in ("html", "head", "body", "main", "svg", "style"):
        assert text.count(f"<{tag}") == text.count(f"</{tag}>") >= 1, tag
    assert "http://" not in text and "https://" not in text
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_report_names_every_source_and_article(report):
    path, text = report
    for article_id, source, title, event, sentences in ARTICLES:
        assert source in text and article_id in text and event in text
        if title:
            assert title.replace("'", "&#x27;") in text
    assert 'class="legend"' in text and all(label in text for label in LABELS)
    assert "Mayor Ana Ruiz" in text and "Tom Okafor" in text  # quoted speakers


def test_sentences_are_focusable_and_described(report):
    path, text = report
    checker = TagChecker()
    checker.feed(text)
    assert checker.tabindexed == sum(len(article[4]) for article in ARTICLES)
    assert 'aria-label="editorial (neutral 0.15' in text or 'aria-label="editorial (neutral 0.05' in text
    assert ".s:focus::after" in text  # probabilities on keyboard focus, not only hover


def test_overview_png_is_written_beside_the_report(report):
    path, text = report
    png = path.with_name("report-overview.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "report-overview.png" in text
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_missing_profiles_json_is_a_report_error(tmp_path):
    results = make_results(tmp_path / "results")
    (results / "profiles.json").unlink()
    with pytest.raises(ReportError, match="profiles.json") as caught:
        write_report(results, tmp_path / "report.html")
    assert "\n" not in str(caught.value) and "missing" in str(caught.value)
    assert not (tmp_path / "report.html").exists()


@pytest.mark.parametrize("name, content, problem", [
    ("sentences.jsonl", "{not json\n", "malformed JSON"),
    ("articles.jsonl", '{"article_id": 3}\n', "article_id"),
    ("profiles.json", '{"labels": [], "profiles": {}}', "labels"),
])
def test_invalid_files_are_report_errors(tmp_path, name, content, problem):
    results = make_results(tmp_path / "results")
    (results / name).write_text(content, encoding="utf-8")
    with pytest.raises(ReportError, match=problem) as caught:
        write_report(results, tmp_path / "report.html")
    assert name in str(caught.value)
