"""PolNeAR, the Political News Attribution Relations corpus: ../shared/data/corpora/polnear.

Source: Newell, Margolin & Ruths, "An Attribution Relations Corpus for Political News",
LREC 2018; repo networkdynamics/PolNeAR (v1.0.0). Licence: none stated (no LICENSE, no
terms in the README); research use, cite the paper; the article texts are the publishers'
(Breitbart, HuffPost, NYT, Politico, USA Today, Washington Post, Western Journal, 2016 US
election): never redistribute or copy them into this project. This copy holds only the
train split (840 articles); dev and test are kept out (gold-dev and held-out evaluation).

Read: `data/<split>/text/<name>.txt` with `data/<split>/attributions/<name>_<annotator>.ann`
(brat standoff: `T<n>\\t<Type> <start> <end>[;<start> <end>]\\t<text>` with Type in Source,
Cue, Content, Attribution, Attribution-no-source, Discuss, Discard, and
`E<n>\\tAttribution:T.. Content:T.. Cue:T.. Source:T..`; offsets are characters of the
.txt, end exclusive; a span's text may run over several lines, only offsets are used), and
`data/metadata.tsv` (publisher, wire). An article annotated by several annotators (16 in
train) uses the file of the annotator whose id sorts first.

Articles: `polnear:<name>` (the ids gold-dev and train-llm use), source = the publisher
code (breitbart, huff-post, nyt, politico, usa-today, wash-post, west-journal), sentences
from `model.segment.split_sentences` over the whole text (the title line first), in order.

Mapping, per sentence (rules in order):
1. attributed_quote: the sentence overlaps the Content or Cue span of an attribution that
   LABELS.md counts: its cue is a verb of saying or writing, a document/poll verb, a
   reported belief, intention or position ("think", "wants", "vowed", "supports", "shows"),
   "according to", or a headline colon (`heuristics.is_attribution_cue`); not counted are
   the writer's perception ("seemed", "appeared"), routine forecasts ("is expected"), empty
   attributions ("declined to comment", "did not say"), bare prepositions unless the source
   is a poll or document, and first/second-person sources (I, we, you) in a sentence with
   no quotation marks (the writer as their own source, or the reader addressed).
2. neutral_reporting: the sentence overlaps no attribution span at all (or only empty
   ones: "declined to comment"), carries no attribution by the surface heuristic either
   (`heuristics.carries_attribution`), and the article is wire copy (metadata `wire` is
   AP, UPI, Reuters or AFP: hard news from a wire service, 69 of the 840 articles), or the
   sentence's only attribution is an empty one ("X declined to comment").
3. otherwise None (kept as context): PolNeAR annotates attribution only, so an
   unattributed sentence outside wire copy may be neutral or the writer's framing.
No sentence is mapped to editorial_framing.

Known noise: attribution here is broader than a quote (beliefs, intentions, documents,
polls), and the writer's loaded framing around an attribution ("falsely claimed", "his
latest tirade"), which LABELS.md rule 1 makes editorial_framing, is labelled
attributed_quote. Q&A interviews: answers without quote marks ("A: I think ...") come out
None. Wire copy still contains some writer framing, labelled neutral_reporting. Sentence
boundaries are ours, not the annotators'; an attribution span that crosses a boundary marks
both sentences. Estimated attribution recall of the annotation is about 94% (the paper), so
a few unmarked attributions remain; rule 2's heuristic catches some of them.
Note: train-llm relabels 98 of these 840 articles by the guideline under the same
`polnear:<name>` ids; prefer those labels when both are loaded.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from model.segment import split_sentences

from . import DataError, LabelledArticle, check_label, check_text
from .heuristics import NEUTRAL, QUOTE, carries_attribution, has_quotation, is_attribution_cue, is_empty_attribution

WIRE_SERVICES = {"ap", "upi", "reuters", "afp"}
PERSONAL = {"i", "we", "you", "me", "us", "my", "our", "your", "myself", "ourselves", "yourself", "yourselves"}

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(\S.*)$")


@dataclass
class Attribution:
    content: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)

    def spans(self) -> list[tuple[int, int]]:
        return self.content + self.cue + self.source


def parse_ann(file: Path, text_length: int) -> list[Attribution]:
    """The attribution relations of one brat .ann file (text-bound T lines and E events;
    continuation lines of multi-line span texts and annotator notes are skipped)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[tuple[int, str]] = []
    with open(file, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if match := _T_LINE.match(line):
                pieces = []
                for piece in match.group(3).split(";"):
                    start, end = map(int, piece.split())
                    if not 0 <= start <= end <= text_length:
                        raise DataError(f"{file}:{number}: span {start}-{end} outside the text ({text_length} chars)")
                    pieces.append((start, end))
                spans[match.group(1)] = (match.group(2), pieces)
            elif match := _E_LINE.match(line):
                events.append((number, match.group(2)))
    relations = []
    for number, args in events:
        relation = Attribution()
        for arg in args.split():
            role, _, ref = arg.partition(":")
            if ref not in spans:
                raise DataError(f"{file}:{number}: {role} refers to unknown span {ref!r}")
            pieces = spans[ref][1]
            if role.startswith("Content"):
                relation.content += pieces
            elif role == "Cue":
                relation.cue += pieces
            elif role == "Source":
                relation.source += pieces
        relations.append(relation)
    return relations


def read_metadata(file: Path) -> dict[str, dict[str, str]]:
    if not file.is_file():
        return {}
    with open(file, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if "filename" not in (reader.fieldnames or []):
            raise DataError(f"{file}: no 'filename' column")
        return {row["filename"]: row for row in reader}


def _text_of(text: str, pieces: list[tuple[int, int]]) -> str:
    return " ".join(text[start:end] for start, end in pieces)


def _overlaps(start: int, end: int, pieces: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in pieces)


def classify(text: str, relation: Attribution) -> str:
    """'counts' (attribution by LABELS.md), 'empty' (declined to comment...) or 'other'."""
    cue, source = _text_of(text, relation.cue), _text_of(text, relation.source)
    if is_empty_attribution(cue):
        return "empty"
    if not is_attribution_cue(cue, source):
        return "other"
    return "counts"


def label_sentences(text: str, relations: list[Attribution], wire: bool) -> list[tuple[str, str | None]]:
    kinds = [(classify(text, r), r) for r in relations]
    labelled = []
    for span in split_sentences(text):
        sentence = span.text.strip()
        if not sentence:
            continue
        touching = [(kind, r) for kind, r in kinds if _overlaps(span.start, span.end, r.spans())]
        quoted = has_quotation(sentence)
        counted = False
        for kind, relation in touching:
            if kind != "counts" or not _overlaps(span.start, span.end, relation.content + relation.cue):
                continue
            words = set(re.findall(r"[\w’']+", _text_of(text, relation.source).lower()))
            if words and words <= PERSONAL and not quoted:
                continue
            counted = True
            break
        if counted:
            label = QUOTE
        elif all(kind == "empty" for kind, _ in touching) and not carries_attribution(sentence) and (wire or touching):
            label = NEUTRAL
        else:
            label = None
        labelled.append((sentence, label))
    return labelled


def _splits(path: Path) -> tuple[Path, list[Path]]:
    data = path / "data" if (path / "data").is_dir() else path
    if (data / "text").is_dir():
        return data.parent, [data]
    splits = sorted(p for p in data.iterdir() if (p / "text").is_dir() and (p / "attributions").is_dir())
    if not splits:
        raise DataError(f"{path}: no PolNeAR <split>/text and <split>/attributions folders found")
    return data, splits


def load(path: Path) -> list[LabelledArticle]:
    data, splits = _splits(path)
    metadata = read_metadata(data / "metadata.tsv")
    articles = []
    for split in splits:
        by_article: dict[str, list[Path]] = {}
        for ann in sorted((split / "attributions").glob("*.ann")):
            by_article.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
        for text_file in sorted((split / "text").glob("*.txt")):
            name = text_file.stem
            annotations = by_article.get(name, [])
            if not annotations:
                raise DataError(f"{text_file}: no attributions/{name}_<annotator>.ann")
            with open(text_file, encoding="utf-8", newline="") as handle:
                text = handle.read()
            check_text(text, str(text_file))
            relations = parse_ann(annotations[0], len(text))
            row = metadata.get(name, {})
            wire = (row.get("wire") or "").strip().lower() in WIRE_SERVICES
            publisher = (row.get("publisher") or name.split("_", 1)[0]).strip()
            labelled = label_sentences(text, relations, wire)
            where = str(text_file)
            articles.append(LabelledArticle(
                article_id=f"polnear:{name}",
                source=publisher,
                sentences=[check_text(s, where) for s, _ in labelled],
                labels=[None if label is None else check_label(label, where) for _, label in labelled],
            ))
    return articles
