"""The five research-corpus adapters (BABE, BASIL, PolNeAR, CheckThat!, MultiDimNews).

Each gets a tiny fake corpus in its own file format, written here with invented sentences
(nothing from ../shared), checked for the mapping and the article grouping; and one test
that loads the real corpus from FRAMELENS_DATA_ROOT/corpora/<name> when it is there.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from model.labels import LABELS
from training.corpora import DataError, load_corpus
from training.corpora import babe, basil, checkthat, multidimnews, polnear
from training.corpora.heuristics import carries_attribution, factual_label, is_attribution_cue

N, Q, E = "neutral_reporting", "attributed_quote", "editorial_framing"

DATA_ROOT = Path(os.environ.get("FRAMELENS_DATA_ROOT", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
CORPORA = DATA_ROOT / "corpora"


def by_id(articles):
    ids = [a.article_id for a in articles]
    assert len(ids) == len(set(ids)), "article ids must be unique"
    return {a.article_id: a for a in articles}


# --- the shared heuristic ------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ('"We will reopen the bridge by spring," the engineer said.', True),
    ("Harbour officials told reporters the ferry would resume.", True),
    ("According to the audit, costs doubled.", True),
    ("Councillor Ames: There will be no new tolls", True),
    ("Councillor Ames slammed the toll plan on Friday.", True),
    ('"And we will not stop until every road is fixed.', True),  # a quote continued across sentences
    ("The ferry leaves at noon on weekdays.", False),
    ("The harbour authority declined to comment.", False),
    ("Ames did not say whether she would run again.", False),
    ('The so-called "reform" passed.', False),  # a two-word scare quote is not attribution
    ("UPDATE: The ferry is running again.", False),
])
def test_carries_attribution(sentence, expected):
    assert carries_attribution(sentence) is expected
    assert factual_label(sentence) == (Q if expected else N)


def test_attribution_cue_lexicon():
    assert is_attribution_cue("said") and is_attribution_cue("told reporters") and is_attribution_cue(":")
    assert is_attribution_cue("believes") and is_attribution_cue("according to")
    assert not is_attribution_cue("seemed") and not is_attribution_cue("is expected")
    assert not is_attribution_cue("declined") and not is_attribution_cue("did not say")
    assert not is_attribution_cue("in") and is_attribution_cue("in", source="a new survey")


# --- BABE ----------------------------------------------------------------------------------

BABE_HEADER = ["text", "news_link", "outlet", "topic", "type", "label_bias", "label_opinion", "biased_words"]


def write_babe(folder: Path, rows):
    (folder / "data").mkdir(parents=True)
    with open(folder / "data" / "final_labels_SG2.csv", "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(BABE_HEADER)
        for text, link, outlet, bias, opinion, words in rows:
            writer.writerow([text, link, outlet, "transport", "center", bias, opinion, words])


def test_babe_mapping_and_grouping(tmp_path):
    a, b = "https://example.test/a", "https://example.test/b"
    write_babe(tmp_path, [
        ("The council approved the ferry budget on Tuesday.", a, "Harbour Post", "Non-biased", "Entirely factual", "[]"),
        ('"We will keep every route," the mayor said.', a, "Harbour Post", "Non-biased", "Entirely factual", "[]"),
        ("The mayor's reckless plan is a gift to developers.", b, "Quay Times", "Biased", "Expresses writer’s opinion", "['reckless']"),
        ("The bloated budget passed after a short debate.", b, "Quay Times", "Biased", "Somewhat factual but also opinionated", "['bloated']"),
        ('"This budget protects every school," the mayor said in her usual grandiose style.', a, "Harbour Post",
         "Biased", "Somewhat factual but also opinionated", "['grandiose']"),
        ("Critics said the budget was a disaster for renters.", b, "Quay Times", "Biased",
         "Somewhat factual but also opinionated", "['disaster']"),
        ("The vote came after midnight.", b, "Quay Times", "Non-biased", "Somewhat factual but also opinionated", "[]"),
        ("Officials approved the plan.", a, "Harbour Post", "Non-biased", "No agreement", "[]"),
        ("Residents were crammed into the hall.", "", "Pier Weekly", "Biased", "Entirely factual", "['crammed']"),
        ("Tickets went on sale on Monday.", "", "Pier Weekly", "Non-biased", "Entirely factual", "[]"),
    ])
    articles = by_id(babe.load(tmp_path))
    assert len(articles) == 4  # two links, and two link-less rows as one-sentence articles
    first = articles[f"babe:{a}"]
    assert first.source == "Harbour Post"
    assert first.sentences[0].startswith("The council approved")  # file order within a link
    assert first.labels == [N, Q, E, None]
    second = articles[f"babe:{b}"]
    assert second.source == "Quay Times"
    assert second.labels == [E, E, None, None]
    loose = [art for key, art in articles.items() if key.startswith("babe:row")]
    assert sorted(art.labels[0] or "" for art in loose) == ["", N]
    assert all(art.source == "Pier Weekly" for art in loose)
    assert load_corpus("babe", tmp_path)[0].labels == first.labels  # through the registry too


def test_babe_errors(tmp_path):
    write_babe(tmp_path, [("The ferry sailed.", "x", "Harbour Post", "Non-biased", "Mostly factual", "[]")])
    with pytest.raises(DataError, match=r"final_labels_SG2\.csv:2: unknown label_opinion"):
        babe.load(tmp_path)
    with pytest.raises(DataError, match="no data/final_labels_SG2.csv"):
        babe.load(tmp_path / "elsewhere")


# --- BASIL ---------------------------------------------------------------------------------

def span(sentence: str, part: str, bias: str, quote: str) -> dict:
    start = sentence.index(part)
    return {"start": start, "end": start + len(part) - 1, "bias": bias, "quote": quote, "text": part,
            "target": "Senator Vale", "polarity": "Negative", "aim": "Direct", "speaker": ""}


def write_basil(folder: Path, name: str, source: str, sentences: list[tuple[str, list[dict]]]):
    (folder / "data").mkdir(parents=True, exist_ok=True)
    body = [{"sentence": text, "sentence-index": i, "annotations": anns} for i, (text, anns) in enumerate(sentences)]
    body.reverse()  # the adapter must order by sentence-index, not file order
    row = {"source": source, "title": "Vale unveils water bill", "url": "https://example.test", "date": "2030-01-01",
           "main-entities": ["Senator Vale"], "article-level-annotations": {}, "annotators": ["A"], "body": body}
    (folder / "data" / f"{name}.json").write_text(json.dumps(row), encoding="utf-8")


def test_basil_mapping_and_grouping(tmp_path):
    s2 = "The senator's cynical ploy drew applause from donors."
    s3 = "Her rival slammed the proposal on Tuesday."
    s4 = "The bill follows a similar measure that failed last year."
    s5 = 'Opponents called it "a reckless giveaway to farms."'
    write_basil(tmp_path, "7_fox", "fox", [
        ("The senator introduced the water bill on Monday.", []),
        ('"This bill will protect our rivers," she said.', []),
        (s2, [span(s2, "cynical ploy", "Lexical", "No")]),
        (s3, [span(s3, "slammed", "Lexical", "No")]),  # a vivid verb of saying is attribution
        (s4, [span(s4, "a similar measure that failed last year", "Informational", "No")]),
        (s5, [span(s5, "reckless giveaway", "Lexical", "Yes")]),
        ("''", []),  # an empty sentence is skipped
    ])
    write_basil(tmp_path, "7_NYT", "nyt", [("The hearing is set for Thursday.", [])])
    articles = by_id(basil.load(tmp_path))
    assert set(articles) == {"basil:7_fox", "basil:7_nyt"}
    fox = articles["basil:7_fox"]
    assert fox.source == "Fox News" and articles["basil:7_nyt"].source == "New York Times"
    assert fox.sentences[0] == "The senator introduced the water bill on Monday."
    assert len(fox.sentences) == 6
    assert fox.labels == [N, Q, E, Q, None, Q]
    assert articles["basil:7_nyt"].labels == [N]


def test_basil_errors(tmp_path):
    s = "The senator spoke."
    write_basil(tmp_path, "1_hpo", "hpo", [(s, [span(s, "spoke", "Emotional", "No")])])
    with pytest.raises(DataError, match="unknown annotation bias='Emotional'"):
        basil.load(tmp_path)


# --- PolNeAR -------------------------------------------------------------------------------

def brat(text: str, relations, discontinuous: dict | None = None) -> str:
    """brat lines for (source, cue, content) phrases of `text` (source may be None)."""
    lines, t = [], 0
    for number, (source, cue, content) in enumerate(relations, 1):
        refs = {}
        for role, phrase in (("Source", source), ("Cue", cue), ("Content", content)):
            if phrase is None:
                continue
            t += 1
            start = text.index(phrase)
            offsets = f"{start} {start + len(phrase)}"
            if discontinuous and phrase in discontinuous:
                cut = start + discontinuous[phrase]
                offsets = f"{start} {cut};{cut + 1} {start + len(phrase)}"
            lines.append(f"T{t}\t{role} {offsets}\t{phrase}")
            refs[role] = f"T{t}"
        t += 1
        kind = "Attribution" if source else "Attribution-no-source"
        lines.append(f"T{t}\t{kind} {text.index(cue)} {text.index(cue) + len(cue)}\t{cue}")
        args = " ".join(f"{role}:{ref}" for role, ref in refs.items())
        lines.append(f"E{number}\t{kind}:T{t} {args}")
    return "\n".join(lines) + "\n"


WIRE_TEXT = (
    "Council passes transit budget.\n\n"
    "The city council passed the transit budget on Thursday. "
    '"Every bus route in the city stays open," the mayor said. '
    "A spokesman declined to comment on fares.\n\n"
    "Union leaders believe the deal protects jobs. "
    "The vote seemed rushed. "
    "We mocked the plan last week.\n"
)
OPINION_TEXT = (
    "Rally draws a crowd.\n\n"
    "According to the police, three thousand people attended the rally. "
    "The crowd cheered loudly.\n"
)


def write_polnear(folder: Path):
    data = folder / "data"
    (data / "train" / "text").mkdir(parents=True)
    (data / "train" / "attributions").mkdir()
    wire, other = "nyt_2030-01-02_council-passes-transit", "breitbart_2030-01-03_rally-draws-a-crowd"
    (data / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\ttrump_count\tclinton_count\tcredit\twire\n"
        f"train\t{wire}\t1\tab12\tnyt\t2030-01-02\tStaff\tCouncil passes transit budget\t0\t0\tNone\tAP\n"
        f"train\t{other}\t1\tab12|zz99\tbreitbart\t2030-01-03\tStaff\tRally draws a crowd\t0\t0\tNone\tNone\n",
        encoding="utf-8")
    (data / "train" / "text" / f"{wire}.txt").write_text(WIRE_TEXT, encoding="utf-8")
    (data / "train" / "text" / f"{other}.txt").write_text(OPINION_TEXT, encoding="utf-8")
    (data / "train" / "attributions" / f"{wire}_ab12.ann").write_text(
        brat(WIRE_TEXT, [
            ("the mayor", "said", '"Every bus route in the city stays open,"'),
            ("A spokesman", "declined", "to comment on fares"),
            ("Union leaders", "believe", "the deal protects jobs"),
            ("The vote", "seemed", "rushed"),
            ("We", "mocked", "the plan"),
        ], discontinuous={'"Every bus route in the city stays open,"': 10})
        + "#1\tAnnotatorNotes T1\tcheck this one\n",
        encoding="utf-8")
    (data / "train" / "attributions" / f"{other}_ab12.ann").write_text(
        brat(OPINION_TEXT, [(None, "According to", "three thousand people attended the rally")])
        + "continuation line of a multi-line span text\n",
        encoding="utf-8")
    # a second annotator's file: ignored (the first annotator id in sort order is used)
    (data / "train" / "attributions" / f"{other}_zz99.ann").write_text(
        brat(OPINION_TEXT, [("The crowd", "cheered", "loudly")]), encoding="utf-8")
    return wire, other


def test_polnear_mapping_and_grouping(tmp_path):
    wire, other = write_polnear(tmp_path)
    articles = by_id(polnear.load(tmp_path))
    assert set(articles) == {f"polnear:{wire}", f"polnear:{other}"}
    news = articles[f"polnear:{wire}"]
    assert news.source == "nyt"
    assert news.sentences == [
        "Council passes transit budget.",
        "The city council passed the transit budget on Thursday.",
        '"Every bus route in the city stays open," the mayor said.',
        "A spokesman declined to comment on fares.",
        "Union leaders believe the deal protects jobs.",
        "The vote seemed rushed.",
        "We mocked the plan last week.",
    ]
    # wire copy: unattributed -> neutral; said/believe -> quote; declined -> neutral;
    # the writer's perception and the writer as source -> undecided
    assert news.labels == [N, N, Q, N, Q, None, None]
    rally = articles[f"polnear:{other}"]
    assert rally.source == "breitbart"
    assert rally.labels == [None, Q, None]  # not wire copy: unattributed sentences stay None


def test_polnear_errors(tmp_path):
    wire, _ = write_polnear(tmp_path)
    ann = tmp_path / "data" / "train" / "attributions" / f"{wire}_ab12.ann"
    ann.write_text("T1\tCue 5 99999\tsaid\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"_ab12\.ann:1: span 5-99999 outside the text"):
        polnear.load(tmp_path)
    ann.unlink()
    with pytest.raises(DataError, match="no attributions/"):
        polnear.load(tmp_path)


# --- CheckThat! ----------------------------------------------------------------------------

def test_checkthat_mapping(tmp_path):
    folder = tmp_path / "data" / "english"
    folder.mkdir(parents=True)
    (folder / "train_en.tsv").write_text(
        "sentence_id\tsentence\tlabel\tsolved_conflict\n"
        "id-1\tThe ferry timetable changes in March.\tOBJ\tFalse\n"
        "id-2\tWhat a spectacular waste of public money this ferry has been.\tSUBJ\tTrue\n"
        'id-3\t"""We will not cut a single sailing,"" the operator said."\tOBJ\tFalse\n'
        "id-4\tThe operator said fares would rise by four percent.\tOBJ\tFalse\n",
        encoding="utf-8")
    (folder / "dev_test_en.tsv").write_text(
        "sentence_id\tsentence\tlabel\n"
        "id-5\tNobody in their right mind would defend this timetable.\tSUBJ\n"
        "id-9\tThe ferry timetable changes in March.\tOBJ\n",  # read first (files in name order)
        encoding="utf-8")
    articles = checkthat.load(tmp_path)
    # id-1 repeats id-9's text from the file read before it: dropped
    assert [a.article_id for a in articles] == ["checkthat:id-5", "checkthat:id-9", "checkthat:id-2",
                                                "checkthat:id-3", "checkthat:id-4"]
    assert all(len(a.sentences) == 1 and a.source == "unknown" for a in articles)
    labels = {a.article_id: a.labels[0] for a in articles}
    assert labels == {"checkthat:id-9": N, "checkthat:id-2": E, "checkthat:id-3": Q,
                      "checkthat:id-4": Q, "checkthat:id-5": E}
    assert articles[3].sentences[0] == '"We will not cut a single sailing," the operator said.'


def test_checkthat_errors(tmp_path):
    (tmp_path / "x.tsv").write_text("sentence_id\tsentence\tlabel\nid-1\tThe ferry sailed.\tMAYBE\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"x\.tsv:2: unknown label 'MAYBE'"):
        checkthat.load(tmp_path)


# --- MultiDimNews --------------------------------------------------------------------------

def sentence_json(article: str, position: int, text: str, judgements: list[float]) -> dict:
    return {"id": f"sent_{position}", "article": article, "position_in_article": position, "content": text,
            "subjectivity": {"score": {}, "judgements": judgements, "cw_origins": ["XXX"] * len(judgements)},
            "hidden_assumptions": {}, "framing": {}, "bias": {}}


def write_multidim(folder: Path, number: int, sentences):
    (folder / "all-data-as-json").mkdir(parents=True, exist_ok=True)
    article = f"article_{number}"
    items = [sentence_json(article, i, text, j) for i, (text, j) in enumerate(sentences)]
    items.reverse()  # the adapter must order by position_in_article
    row = {"id": article, "sentences": items, "subjectivity": {}, "hidden_assumptions": {}, "framing": {}, "bias": {}}
    (folder / "all-data-as-json" / f"{article}.json").write_text(json.dumps(row), encoding="utf-8")


def test_multidimnews_mapping_and_grouping(tmp_path):
    write_multidim(tmp_path, 10, [
        ("Talks resume in the capital", [0, 0, 0, 1, 0]),
        ("The minister said the ceasefire would hold.", [0, 0, 2, 0, 0]),
        ("The talks are a shameful capitulation.", [3, 2, 3, 0, 1]),
        ('"This is a historic betrayal of our soldiers," the opposition leader said.', [3, 3, 2, 0, 0]),
        ("The convoy crossed the border at dawn.", [2, 0, 3, 0, 0]),
        ("Observers counted forty trucks.", []),
    ])
    write_multidim(tmp_path, 2, [("Grain exports fell in May.", [0, 0, 0, 0, 0])])
    articles = multidimnews.load(tmp_path)
    assert [a.article_id for a in articles] == ["multidimnews:article_2", "multidimnews:article_10"]
    talks = articles[1]
    assert talks.sentences[0] == "Talks resume in the capital"
    assert talks.labels == [N, Q, E, None, None, None]
    assert articles[0].labels == [N]
    assert all(a.source == "unknown" for a in articles)


def test_multidimnews_errors(tmp_path):
    write_multidim(tmp_path, 0, [("The convoy crossed the border.", [0, 5, 0, 0, 0])])
    with pytest.raises(DataError, match="subjectivity judgements must be 0-3"):
        multidimnews.load(tmp_path)


# --- the real corpora ----------------------------------------------------------------------

REAL = {
    "babe": CORPORA / "babe",
    "basil": CORPORA / "basil",
    "polnear": CORPORA / "polnear",
    "checkthat": CORPORA / "checkthat2025_subjectivity_en",
    "multidimnews": CORPORA / "multidimnews_ukraine",
}


def check_real(kind: str, minimum: int):
    articles = load_corpus(kind, REAL[kind])
    by_id(articles)
    counts = Counter(label for article in articles for label in article.labels if label is not None)
    assert sum(counts.values()) >= minimum, counts
    assert len(counts) >= 2, counts
    assert set(counts) <= set(LABELS)
    for article in articles:
        assert article.sentences and article.source and article.article_id.startswith(f"{kind}:")
        assert all(isinstance(s, str) and s.strip() for s in article.sentences), article.article_id
    return counts


@pytest.mark.skipif(not REAL["babe"].exists(), reason="BABE corpus not available (set FRAMELENS_DATA_ROOT)")
def test_real_babe():
    counts = check_real("babe", 1000)
    assert len(counts) == 3


@pytest.mark.skipif(not REAL["basil"].exists(), reason="BASIL corpus not available (set FRAMELENS_DATA_ROOT)")
def test_real_basil():
    counts = check_real("basil", 1000)
    assert len(counts) == 3


@pytest.mark.skipif(not REAL["polnear"].exists(), reason="PolNeAR corpus not available (set FRAMELENS_DATA_ROOT)")
def test_real_polnear():
    counts = check_real("polnear", 1000)
    assert counts[Q] > counts[N] > 0 and E not in counts


@pytest.mark.skipif(not REAL["checkthat"].exists(), reason="CheckThat! corpus not available (set FRAMELENS_DATA_ROOT)")
def test_real_checkthat():
    counts = check_real("checkthat", 500)
    assert len(counts) == 3


@pytest.mark.skipif(not REAL["multidimnews"].exists(), reason="MultiDimNews corpus not available (set FRAMELENS_DATA_ROOT)")
def test_real_multidimnews():
    check_real("multidimnews", 500)
