"""Sentence spans with character offsets into the original text.

pysbd does the splitting, on a *view* of each block in which scraping artefacts are
deleted (spaces before punctuation and contractions, "U. S.", a space inside quotation
marks, "[ " before a quote) and a few characters are swapped one for one so that pysbd's
rules read them as news means them (every double quotation mark says whether it opens or
closes; "--" is a dash, not a parenthesis). The view only ever deletes or swaps characters,
so every view index maps back to one original index and `text[start:end]` is always an exact
slice of the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import pysbd

# A "sentence" longer than this (a scraped page with no punctuation) is cut at whitespace so
# that it fits the model's window and memory stays bounded; 1,000 characters is about 200
# words, far beyond any real news sentence.
MAX_SENTENCE_CHARS = 1000
# pysbd's cost grows with block length; blocks are pre-cut at whitespace beyond this size.
MAX_BLOCK_CHARS = 20_000
# A line break inside a paragraph is a wrap (joined), not a boundary, when the line is at
# least this fraction of the document's longest line and does not end a sentence.
WRAP_LINE_FRACTION = 0.6
# Documents whose longest line is shorter than this are not treated as hard-wrapped.
MIN_WRAP_WIDTH = 40

_TERMINAL = tuple('.!?:"”’\')')
_DELETIONS = [
    re.compile(r"(?<=\S)[ \t]+(?=[.,;:!?%](?:\s|$|[\"”’']))"),  # "aliens ." -> "aliens."
    re.compile(r"(?<=\S)[ \t]+(?=[’'](?:s|ll|re|ve|d|m)\b|n[’']t\b)"),  # "America ’s", "he 'll", "does n't"
    re.compile(r"(?<=\b[A-Z]\.)[ \t]+(?=[A-Z]\.)"),  # "U. S." -> "U.S."
    re.compile(r"\[[ \t]*(?=[\"“])"),  # '[ "' artefact before a quote
    # pre-tokenised curly quotes, each spaced on its outer side too: '“ We won , ”' -> '“We won,”'
    re.compile(r"(?:(?<=\s“)|(?<=^“))[ \t]+|[ \t]+(?=”(?:\s|$))"),
    re.compile(r"(?<=[ \t])[ \t]+"),  # runs of spaces -> one
]

# Double quotation marks that say by themselves whether they open or close; a straight '"'
# says it by its spacing (see `_straight_quote_opens`). Single quotes are left out: "’" is
# also the apostrophe.
_OPENING_MARKS = "“«„"
_CLOSING_MARKS = "”»"
_QUOTE_STATE_EVENTS = re.compile('[\n"“”«»„]')


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[Span]:
    """Sentences of `text` as spans; `text[s.start:s.end] == s.text` for each."""
    spans: list[Span] = []
    for block_start, block_end in _blocks(text):
        for start, end in _joined_continuations(text, _split_block(text, block_start, block_end)):
            spans.extend(_cap_length(text, start, end))
    return spans


def _joined_continuations(text: str, pieces: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """`pieces` with each one that continues the one before joined to it.

    pysbd takes an abbreviation for a sentence end when a capital, a comma or a digit
    follows. Four of those cuts are never sentence ends in news: before a comma or
    semicolon (AP style's "Rep. Jane Doe, D-Ill., said ..."), between a dateline and its
    dash ("PORTLAND, Ore. -- The ..."), between a month and its day ("the pre-Oct. 3
    rules"), and between a state and a title after a lower-case word ("lobbying Ore. Gov.
    Lena Marsh"). Left cut, the halves read as a bare name and a speakerless clause."""
    previous = None
    for start, end in pieces:
        if previous is not None and _continues(text[previous[0] : previous[1]], text[start:end]):
            previous = (previous[0], end)
            continue
        if previous is not None:
            yield previous
        previous = (start, end)
    if previous is not None:
        yield previous


_DATELINE = re.compile(r"[A-Z][A-Z.' -]*, (?:[A-Z][A-Za-z]*\.)(?: ?[A-Z][A-Za-z]*\.)*")
_MONTH_ABBREVIATION_END = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.$")
_DASH_START = re.compile(r"(?:—|–|--?)\s")
# "calling for Ariz. || Gov. Jane Roe": after a lower-case word a state abbreviation is a
# title's modifier (AP style abbreviates a state only after a city, in a party label or
# before a title), not the end of a sentence
_STATE_AFTER_WORD_END = re.compile(
    r"\b[a-z]+ (?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|"
    r"Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|Tenn|Tex|Vt|Va|Wash|W\.Va|Wis|Wyo)\.$"
)
_TITLE_START = re.compile(r"(?:Gov|Lt\. Gov|Sen|Rep|Atty\. Gen)\. [A-Z]")


def _continues(previous: str, piece: str) -> bool:
    if piece[0] in ",;":
        return True
    if _TITLE_START.match(piece):
        return _STATE_AFTER_WORD_END.search(previous) is not None
    if _DASH_START.match(piece):
        return _DATELINE.fullmatch(previous) is not None
    return piece[0].isdigit() and _MONTH_ABBREVIATION_END.search(previous) is not None


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Paragraph-like blocks: blank lines and short lines (headlines) end a block; long
    wrapped lines are joined into the block."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    if not lines:
        return
    longest = max(len(text[s:e].rstrip()) for s, e in lines)
    hard_wrapped = longest >= MIN_WRAP_WIDTH and sum(
        1 for s, e in lines if len(text[s:e].rstrip()) >= WRAP_LINE_FRACTION * longest
    ) >= 3 and longest <= 200
    block_start, previous_end = None, None
    for start, end in lines:
        line = text[start:end].strip()
        if not line:
            if block_start is not None:
                yield from _cut_block(text, block_start, previous_end)
            block_start = None
            continue
        if block_start is not None:
            previous = text[block_start:previous_end].rstrip()
            last_line = previous.rsplit("\n", 1)[-1]
            blank_between = text.count("\n", previous_end, start) > 1
            wrapped = (
                hard_wrapped
                and not blank_between
                and len(last_line) >= WRAP_LINE_FRACTION * longest
                and not last_line.endswith(_TERMINAL)
            )
            if not wrapped:
                yield from _cut_block(text, block_start, previous_end)
                block_start = None
        if block_start is None:
            block_start = start
        previous_end = end
    if block_start is not None:
        yield from _cut_block(text, block_start, previous_end)


def _cut_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_BLOCK_CHARS:
        window = text[start : start + MAX_BLOCK_CHARS]
        cut = window.rfind(". ")  # prefer a sentence end, then any whitespace
        if cut <= 0:
            cut = max(window.rfind("\n"), window.rfind(" "))
        cut = start + (cut + 1 if cut > 0 else MAX_BLOCK_CHARS)
        yield start, cut
        start = cut
    yield start, end


def _view(block: str) -> tuple[str, list[int]]:
    """The block as pysbd should read it (artefacts deleted, quotation marks directed), and
    for each of its characters the block index it stands for."""
    drop = bytearray(len(block))
    for pattern in _DELETIONS:
        for match in pattern.finditer(block):
            drop[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    # A straight quote with spaces on both sides (pre-tokenised text) is ambiguous: whether it
    # opens or closes comes from the quotes before it. Any other quote says which it is by
    # itself, which also resynchronises that count after an unbalanced quote.
    inside = False
    for match in re.finditer('"', block):
        i = match.start()
        space_before = i == 0 or block[i - 1].isspace()
        space_after = i + 1 == len(block) or block[i + 1].isspace()
        if space_before and space_after:
            if not inside and i + 1 < len(block):
                drop[i + 1] = 1  # '" Everything' -> '"Everything'
            elif inside and i > 0:
                drop[i - 1] = 1  # 'States . "' -> 'States."'
            inside = not inside
        else:
            inside = space_before
    keep = [i for i in range(len(block)) if not drop[i]]
    view = "".join(block[i] for i in keep).replace("\n", " ")
    # pysbd never splits between two "--" (it reads them as a parenthesis); news uses "--" as
    # a dash ("WASHINGTON -- ..."), so the view shows it as "–-".
    view = re.sub("-(?=-)", "–", view)
    return _directed_quotes(view), keep


def _directed_quotes(view: str) -> str:
    """`view` with every double quotation mark written as the curly mark of its direction.

    pysbd never splits inside a quotation, and finds one by pairing marks of the same kind: a
    straight '"' that opens a quotation closed by a curly '”' (scraped text mixes them) pairs
    with the next straight quote instead, however far away, and the sentences between are
    glued together. Directed marks pair as the writer meant them."""
    if '"' not in view and "„" not in view:
        return view
    chars = list(view)
    depth = 0
    for match in _QUOTE_STATE_EVENTS.finditer(view):
        mark, i = match.group(), match.start()
        if mark == "\n":
            continue
        opens = mark in _OPENING_MARKS or (mark == '"' and _straight_quote_opens(view, i, depth > 0))
        depth = depth + 1 if opens else max(0, depth - 1)
        if mark in '"„':
            chars[i] = "“" if opens else "”"
    return "".join(chars)


def _split_block(text: str, block_start: int, block_end: int) -> Iterator[tuple[int, int]]:
    block = text[block_start:block_end]
    view, keep = _view(block)
    cursor = 0
    for sentence in _segmenter().segment(view):
        found = view.find(sentence, cursor)
        if found < 0:  # pysbd returned text it changed; fall back to its length
            found = cursor
        cursor = found + len(sentence)
        piece_start = found
        # pysbd keeps 'was "imperfect." "You are' together: split after a closing quote that
        # ends a sentence when a new quote or a capitalised word follows.
        for boundary in _QUOTE_BOUNDARY.finditer(view, found, cursor):
            yield from _trimmed(view, keep, block_start, piece_start, boundary.end())
            piece_start = boundary.end()
        yield from _trimmed(view, keep, block_start, piece_start, cursor)
    # pysbd may leave a tail unconsumed when it altered text: keep it as a sentence.
    yield from _trimmed(view, keep, block_start, cursor, len(view))


_QUOTE_BOUNDARY = re.compile(r'(?<=[.!?]["”])\s+(?=["“]?[A-Z])')


def _trimmed(view: str, keep: list[int], block_start: int, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The original-text span of view[start:end] without surrounding whitespace, if any."""
    piece = view[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece.rstrip())
    if trail > lead:
        yield block_start + keep[start + lead], block_start + keep[start + trail - 1] + 1


def _cap_length(text: str, start: int, end: int) -> Iterator[Span]:
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield Span(start, cut, text[start:cut])
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield Span(start, end, text[start:end])


# Marks, in the second segment the model reads beside a sentence, where the sentence itself
# sits between the text before and after it.
CONTEXT_SEPARATOR = " | "


def neighbours(sentences: list[str], index: int, window: int) -> tuple[str, str] | None:
    """The `window` sentences before and after `sentences[index]` as (before, after), or None
    for window 0."""
    if window <= 0:
        return None
    return " ".join(sentences[max(0, index - window) : index]), " ".join(sentences[index + 1 : index + 1 + window])


def neighbour_context(sentences: list[str], index: int, window: int) -> str | None:
    """`neighbours` as one string, "before | after": what a plain text-pair pipeline reads."""
    pair = neighbours(sentences, index, window)
    return None if pair is None else f"{pair[0]}{CONTEXT_SEPARATOR}{pair[1]}"


def _straight_quote_opens(text: str, index: int, inside: bool) -> bool:
    """Whether the straight quote at `index` opens: space (or a bracket or dash) before and a
    word after opens, a word before and space or punctuation after closes; spaced on both
    sides (pre-tokenised text) or on neither, it closes a quotation if one is open (`inside`),
    whichever mark opened it, else opens one."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    space_before = before.isspace() or before in "([{—–-"
    space_after = after.isspace() or after in ".,;:!?)]}”’»"
    if space_before != space_after:
        return space_before
    return not inside


def reading_sentences(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The sentences `text[start:end]` as the model reads them: a sentence that starts inside
    a quotation opened by an earlier sentence of the same line gets the (outermost) opening
    mark back; a quotation inside the quotation ('"She called it “a rescue.” That was...')
    does not end it.

    Sentence splitting cuts a multi-sentence quotation ('"We will fight. We will win," she
    said.') and a long turn of a transcript into sentences with no quotation mark of their
    own, though each carries the speaker's words (LABELS.md: a quoted sentence that continues
    a speaker's quote is `attributed_quote`); the restored mark says so at any context
    length. A line break ends every quotation: news paragraphs that continue a quotation
    open it again, and a quote left unclosed by a typo cannot run past its paragraph.
    """
    sentences = []
    open_marks: list[str] = []  # the opening marks of the quotations we are inside, outermost first
    events = _QUOTE_STATE_EVENTS.finditer(text)
    event = next(events, None)

    def advance(to: int) -> None:
        nonlocal event
        while event is not None and event.start() < to:
            mark = event.group()
            if mark == "\n":
                open_marks.clear()
            elif mark in _OPENING_MARKS:
                open_marks.append(mark)
            elif mark in _CLOSING_MARKS:
                # closes the innermost quotation whatever opened it: scraped text mixes '"' and '”'
                if open_marks:
                    open_marks.pop()
            elif _straight_quote_opens(text, event.start(), bool(open_marks)):
                open_marks.append(mark)
            elif open_marks:
                open_marks.pop()
            event = next(events, None)

    for start, end in spans:
        advance(start)
        sentence = text[start:end]
        if open_marks and not sentence.startswith(('"', *_OPENING_MARKS, *_CLOSING_MARKS)):
            sentence = open_marks[0] + sentence
        sentences.append(sentence)
        advance(end)
    return sentences


def joined_article(sentences: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """An article's text rebuilt from its sentences (one space between), with each
    sentence's offsets: for corpora that keep sentences but not the text."""
    spans, cursor = [], 0
    for sentence in sentences:
        spans.append((cursor, cursor + len(sentence)))
        cursor += len(sentence) + 1
    return " ".join(sentences), spans
