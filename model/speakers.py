"""Who is quoted: the speaker of an `attributed_quote` sentence, as written.

Rules over the attribution cue, on a light tokenisation of the sentence in which quoted
words are masked (a cue inside a quotation is the source's, not the writer's):

- headlines and transcripts: "Kelly: There will be ...", "HOST: Let me ask you ...";
- a reporting clause after a quotation or a comma: "..., Kelly said.", "..., said Kelly,
  the secretary.", "...,” the spokesperson said.", "..., he suggested, and ...";
- "according to X", "as stated in X", "X's claim that ...";
- the subject of the first attribution cue: "Kelly said ...", "Officials at the agency,
  a division of ..., said ...", "The prosecutor, who took office in May, has insisted ...", "The
  report found ...", "... the department which reported ...", "X spotted Y and reported
  ...", "X began by saying ...";
- vivid verbs of saying ("slammed", "likened", "called") only when no plain cue is found,
  and a proper-name subject of a sentence that embeds a quotation as the last resort.

The speaker is the minimal noun phrase naming the source, with titles that belong to it
("White House press secretary Sean Spicer", "a spokesman for the governor", "the Ruiz
campaign") and without appositives, relative clauses or a place after a name ("Sgt. Mara
Lind of the county police" gives "Sgt. Mara Lind"). Returns None when no cue is
found, e.g. for a quotation that continues the previous sentence's speaker; at article
level `article_speakers` gives such a continuation the speaker before it, and a pronoun the
last person named before it (a quote's speaker or the subject of any other sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# -- vocabulary ---------------------------------------------------------------------------

_STRONG = (
    "say says said saying tell tells told telling stated stating announce announced announces announcing "
    "add added adds adding argue argued argues arguing insist insisted insists insisting claim claimed "
    "claiming warn warned warns warning write wrote writes tweeted tweeting explain explained "
    "explains explaining noted noting asked asks asking replied replies responded responds responding "
    "declare declared declares declaring acknowledge acknowledged acknowledges acknowledging admit admitted "
    "admits admitting maintain maintained maintains suggest suggested suggests suggesting predict predicted "
    "predicts contend contended contends countered counters recalled recalls emphasized emphasised stressed "
    "confirm confirmed confirms deny denied denies denying clarified clarifies commented comments commenting "
    "cautioned cautions complained complains complaining testified alleged alleges alleging asserted asserts "
    "asserting conceded concedes reported reports found finds find show shows showed shown concluded "
    "concludes estimated estimate described describes describing revealed reveals vowed vows vowing pledged "
    "pledges promised promises urged urges urging demanded demands insisted stressed wrote agreed agrees "
    "disagreed disputed disputes questioned questions believes believed thinks thought hoped hopes expects "
    "expected think believe hope expect fear feared fears agree disagree allege assert concede recall "
    "conclude pointed contended observed remarked recounted acknowledged objected indicated indicates signaled "
    "signalled informed assured joked quipped boasted bragged lamented mused added"
).split()
# Vivid verbs and reported states: attribution only when the sentence has no plain cue.
_WEAK = (
    "call called calls calling blasted blasts slammed slams praised praises criticized criticised criticizes "
    "accused accuses accusing attacked attacks defended defends defend defending likened likens compared "
    "dismissed dismisses rejected rejects condemned condemns denounced denounces decried decries decrying "
    "mocked echoed echoes touted touts tout remind reminded reminds reminding labeled labelled dubbed branded "
    "charged charges hailed welcomed welcomes lashed hammered grilled threatened threatens cited cites citing "
    "sent pushed pressed urge issued portrayed portrays characterized characterised blame blamed blames "
    "mention mentioned mentions"
).split()
# Reported states: a cue only before "that", "about", "over" or "by" ("protesters were
# frustrated that ...", not "he is too angry").
ADJECTIVE_CUES = frozenset(
    "frustrated concerned worried convinced confident hopeful skeptical sceptical adamant optimistic upset angry "
    "outraged furious".split()
)
# Cue forms that are as often nouns ("a Washington Post report detailed", "Ruiz claims on
# the budget"): a cue only before "that", a quotation, a colon or the end of the sentence,
# or after a pronoun or an auxiliary ("they fear that", "could not find").
AMBIGUOUS_CUES = frozenset(
    "claim claims comment comments question questions charges demands promises estimate estimates notes "
    "fear fears hope hopes tweets concerns find finds report reports cites blame".split()
)
STRONG_CUES = frozenset(_STRONG) | (AMBIGUOUS_CUES - frozenset(_WEAK))
WEAK_CUES = (frozenset(_WEAK) | ADJECTIVE_CUES) - STRONG_CUES
# Verbs that may stand before their subject after a quotation or comma: "..., said Kelly."
INVERTING = frozenset(
    "said says added wrote explained continued noted tweeted argued stated declared replied "
    "responded insisted warned recalled countered concluded".split()
)
# "continued" is a cue only before a colon or a quotation ("Kelly continued: ...").
_COLON_CUES = frozenset({"continued", "continues", "added", "adds", "wrote", "writes", "said", "says", "stated"})

DETERMINERS = frozenset(
    "the a an some many several other another both all most few two three four five six seven eight nine ten "
    "his her their its our my your this these those that one".split()
)
PRONOUNS = {"he", "she", "they", "we", "i"}
_QUANTIFIERS = {"some", "many", "others", "several", "most", "few", "both"}
_PLURAL_PRONOUNS = {"they", "we"}
# find_speaker returns third-person pronouns only: "I" and "we" outside quotation marks are
# the quoted source speaking on (an unmarked continuation) or the writer, who is no source.
_THIRD_PERSON = {"he", "she", "they"}
_NON_SPEAKERS = {
    "i", "we", "it", "this", "that", "there", "these", "those", "which", "who", "what", "you", "one", "all", "more",
    "less", "fewer", "half", "much", "none", "each", "every", "such", "any", "i've", "i'm", "i'd", "i'll", "we've",
    "we're", "we'd", "we'll", "you've", "you're", "it's", "that's", "there's", "here's", "here", "what's", "who's",
    "where's", "let's", "he's", "she's", "they're", "they've", "he'd", "she'd", "they'd", "he'll", "she'll", "they'll",
}
_STOP = frozenset(
    # prepositions that do not continue a speaker phrase, conjunctions and subordinators
    "in on from by with during to about after before into over under since as than through across against "
    "among amid despite via outside inside near within without while when because if though although whereas "
    "where but or so yet nor and who whom whose which that what how why whether until unless once like upon "
    "toward towards per".split()
)
_AUX = frozenset(
    "is are was were be been being has have had will would can could may might shall should must do does did "
    "not never also later then again previously repeatedly further once recently still often already even "
    "just now first earlier long too together separately publicly privately similarly likewise reportedly "
    "allegedly immediately quickly simply only kept keeps keep began begins begin started starts went goes "
    "continued continues go on to n't".split()
)
_TIME = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday tonight tomorrow morning afternoon evening "
    "night week month year weekend".split()
)
# Heads that "of", "for" or "at" may follow inside a speaker phrase ("a spokesman for X",
# "Secretary of State X", "officials at X", "a group of doctors", "an average of polls").
TITLES = frozenset(
    "secretary director chairman chairwoman chair president vice minister governor attorney general speaker "
    "head chief leader mayor commissioner ambassador administrator ceo dean professor justice member members "
    "representative senator sen. rep. gov. counsel inspector editor founder executive officer".split()
)
PERSON_NOUNS = frozenset(
    "official officials spokesman spokeswoman spokesperson spokespeople spokesmen aide aides source sources "
    "expert experts analyst analysts critic critics lawmaker lawmakers legislator legislators senator "
    "senators representatives member members leader leaders resident residents observer observers reporter "
    "reporters journalist journalists people person man woman men women employee employees staff staffer "
    "staffers worker workers advocate advocates activist activists protester protesters protestor "
    "protestors supporter supporters opponent opponents witness witnesses investigator investigators "
    "prosecutor prosecutors police authorities officer officers agent agents doctor doctors physician "
    "physicians scientist scientists researcher researchers economist economists voter voters friend friends "
    "counselor counselors counsellor counsellors therapist therapists faculty academic academics "
    "attendee attendees participant participants user users viewer viewers caller callers listener "
    "listeners customer customers patient patients victim victims survivor survivors family families "
    "neighbor neighbors neighbour neighbours diplomat diplomats aide adviser advisers advisor advisors "
    "insider insiders executive executives lawyer lawyers attorney attorneys candidate candidates nominee "
    "judge judges manager managers secretary director chairman chairwoman president governor mayor "
    "commissioner ambassador administrator chief head counsel owner owners parent parents student students "
    "teacher teachers citizens group groups organizers organisers democrats republicans conservatives "
    "liberals pollster pollsters strategist strategists consultant consultants historian historians "
    "commentator commentators host hosts anchor moderator campaigner campaigners engineer nurse farmer "
    "soldier troops pilot firefighter miner driver banker trader investor employer businessman "
    "businesswoman entrepreneur professor teacher union author writer columnist blogger novelist".split()
)
SOURCE_NOUNS = frozenset(
    "report reports study studies poll polls survey surveys statement statements document documents "
    "indictment filing filings lawsuit complaint ruling court letter letters memo memos cable cables data "
    "analysis review audit average office department agency agencies committee campaign administration "
    "government company firm organization organisation panel board commission council ministry newspaper "
    "paper website blog site network station magazine outlet media figures numbers estimates records "
    "order orders guidance proposal plan budget law legislation bill decision brief motion petition "
    "video videos footage photo photos image images recording recordings audio "
    "transcript transcripts slides emails email tweet tweets post posts release commentary article editorial "
    "column op-ed book findings results team party caucus house senate bureau service center centre "
    "institute foundation university school union association coalition alliance group".split()
)
PERSON_NOUNS = PERSON_NOUNS | {w + "s" for w in PERSON_NOUNS if not w.endswith("s")}
SOURCE_NOUNS = SOURCE_NOUNS | {w + "s" for w in SOURCE_NOUNS if not w.endswith("s")}
HEAD_NOUNS = PERSON_NOUNS | SOURCE_NOUNS | TITLES
# Nouns of saying after a possessive: "Okafor's insistence that ...".
_SAYING_NOUNS = frozenset(
    "claim claims assertion assertions statement statements remarks comments comment emphasis insistence "
    "argument arguments testimony warning warnings view position contention suggestion allegation "
    "allegations charge prediction promise pledge assurance insistence denial admission explanation "
    "repeated".split()
)
# Page furniture before a colon is no speaker: "More: ...", "UPDATE: ...", "JUST WATCHED ...".
_HEADLINE_STOP = frozenset(
    "update watch watched just now listen pictured caption credit breaking more related note photo photos video "
    "read see editor editors source sources correction exclusive opinion analysis live q a q&a transcript "
    "warning question answer".split()
)
_ABBREVIATIONS = frozenset(
    "mr. mrs. ms. dr. rev. sen. rep. gov. gen. lt. col. capt. sgt. maj. adm. cmdr. prof. st. jr. sr. ft. "
    "gens. reps. sens. messrs. no. vs. inc. co. corp. ltd. u.s. u.k. u.n. d.c. ariz. calif. fla. tex. wash. "
    "ill. mass. mich. minn. mo. va. ga. pa. n.y. n.j. md. conn. colo. okla. ore. tenn. ky. la. ala. miss. "
    "wis. ind. neb. nev. ark. kan. del. vt. r.i. s.c. n.c. n.h. n.m. n.d. s.d. w.va. wyo. mont. ida.".split()
)

# -- tokens -------------------------------------------------------------------------------

_TOKEN = re.compile(r"''|``|[“”\"]|--|[—–]|[,;:()\[\]]|[A-Za-z0-9$@#&](?:[\w$%&@#/.\-]|['’](?!['’]))*|\S")
_OPEN_QUOTES, _CLOSE_QUOTES = "“", "”"


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    kind: str  # "w" word, "p" punctuation, "q" masked quotation

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")


def _split_word(match: re.Match) -> list[tuple[str, int, int]]:
    """A word token, with a sentence-final period or trailing apostrophe-less dots split off
    unless the word is an abbreviation ("Rep.", "U.S.", "W.")."""
    text, start = match.group(), match.start()
    if text.endswith(".") and len(text) > 1:
        low = text.lower()
        is_abbrev = low in _ABBREVIATIONS or re.fullmatch(r"[a-z]\.", low) or re.fullmatch(r"(?:[a-z]\.){2,}", low)
        if not is_abbrev:
            stripped = text.rstrip(".")
            return [(stripped, start, start + len(stripped)), (".", start + len(stripped), match.end())] if stripped else [(text, start, match.end())]
    return [(text, start, match.end())]


def _tokens(text: str) -> list[_Tok]:
    """Tokens with every quotation collapsed into one "q" token and parentheses dropped. An
    unmatched closing mark quotes from the start; an unmatched opening one to the end."""
    raw: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(text):
        if match.group()[0].isalnum() or match.group()[0] in "$@#&":
            raw.extend(_split_word(match))
        else:
            raw.append((match.group(), match.start(), match.end()))
    # which marks open and which close a quotation
    marks = []
    for index, (tok, start, end) in enumerate(raw):
        if tok == _OPEN_QUOTES:
            marks.append((index, "open"))
        elif tok == _CLOSE_QUOTES:
            marks.append((index, "close"))
        elif tok in {'"', "''", "``"}:
            before = text[start - 1] if start > 0 else " "
            after = text[end] if end < len(text) else " "
            left_open = before.isspace() or before in "([—–-:"
            right_open = after.isspace() or after in ",.;:!?)]—–-"
            if tok == "``" or (left_open and not right_open):
                marks.append((index, "open"))
            elif right_open and not left_open:
                marks.append((index, "close"))
            else:  # spaced out ("said , " quoted " .") or glued: alternate
                pending = bool(marks) and marks[-1][1] == "open"
                marks.append((index, "close" if pending else "open"))
    quoted = [False] * len(raw)
    open_at: int | None = None
    for index, kind in marks:
        if kind == "open":
            if open_at is None:
                open_at = index
        else:
            begin = open_at if open_at is not None else 0
            for k in range(begin, index + 1):
                quoted[k] = True
            open_at = None
    if open_at is not None:
        for k in range(open_at, len(raw)):
            quoted[k] = True
    # a pair of dashes around a short aside ("the Tribune -- which keeps a tally -- and found")
    # is dropped like parentheses; a lone dash (a dateline, a break) stays
    dashes = [k for k, (tok, _, _) in enumerate(raw) if tok in {"--", "—", "–"} and not quoted[k] and k > 3]
    aside: set[int] = set()
    for a, b in zip(dashes[::2], dashes[1::2]):
        if b - a <= 25 and not any(quoted[a:b]):
            aside.update(range(a, b + 1))
    tokens: list[_Tok] = []
    depth = 0
    for index, (tok, start, end) in enumerate(raw):
        if index in aside:
            continue
        if quoted[index]:
            if tokens and tokens[-1].kind == "q":
                tokens[-1].end = end
            else:
                tokens.append(_Tok(tok, start, end, "q"))
            continue
        if tok in "([":
            depth += 1
            continue
        if tok in ")]":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        kind = "w" if tok[0].isalnum() or tok[0] in "$@#&" else "p"
        tokens.append(_Tok(tok, start, end, kind))
    return tokens


def _is_cap(tok: _Tok) -> bool:
    return tok.kind == "w" and (tok.text[0].isupper() or tok.text[0].isdigit())


def _is_acronym(tok: _Tok) -> bool:
    return tok.kind == "w" and len(tok.text) > 1 and tok.text[:2].isupper()


def _is_possessive(tok: _Tok) -> bool:
    return tok.kind == "w" and tok.low.endswith(("'s", "s'")) and len(tok.low) > 2


def _bare(low: str) -> str:
    """Lower-case word without a possessive ending."""
    return re.sub(r"'s?$", "", low)


def _is_head(tok: _Tok) -> bool:
    return _is_cap(tok) or _bare(tok.low) in HEAD_NOUNS


def _cue_at(tokens: list[_Tok], v: int, cues: frozenset, title_case: bool = False) -> bool:
    """Whether token v is an attribution cue of the set `cues` in its context: lower-case
    (any case in a title-case headline), and for a noun-like form, used as a verb."""
    tok = tokens[v]
    if tok.kind != "w" or tok.low not in cues or not (tok.text[0].islower() or title_case):
        return False
    if tok.low in ADJECTIVE_CUES:  # "protesters were frustrated that ...", not "is too angry"
        nxt = tokens[v + 1] if v + 1 < len(tokens) else None
        return nxt is not None and nxt.low in {"that", "about", "over", "by"}
    if tok.low in AMBIGUOUS_CUES:
        nxt = tokens[v + 1] if v + 1 < len(tokens) else None
        prev = tokens[v - 1] if v >= 1 else None
        if nxt is not None and (nxt.kind == "q" or nxt.low == "that" or nxt.text == ":"):
            return True
        if prev is None or prev.kind != "w":
            return False
        if prev.low in _THIRD_PERSON or prev.low in _AUX or prev.low in _QUANTIFIERS:
            return True
        # at the end of the sentence after a name: "..., the Austin Statesman reports."
        return (nxt is None or nxt.text in {".", "!", "?"}) and _is_head(prev) and not _is_possessive(prev)
    return True


def _verb_cue(tokens: list[_Tok], k: int) -> bool:
    """A cue word that ends a noun phrase: any cue, unless a noun-like one used as a noun."""
    low = tokens[k].low
    if k >= 1 and (tokens[k - 1].low in DETERMINERS - {"that"} or _is_possessive(tokens[k - 1])):
        return False  # "the alleged victims", "Ruiz's comments"
    return (low in STRONG_CUES or low in WEAK_CUES) and (low not in AMBIGUOUS_CUES or _cue_at(tokens, k, STRONG_CUES | WEAK_CUES))


def _title_case(tokens: list[_Tok]) -> bool:
    """A headline in title case: "Facing Voters, Mayor Defends Her Budget"."""
    words = [t for t in tokens if t.kind == "w" and len(t.text) > 3 and t.text[0].isalpha()]
    return len(words) >= 3 and sum(1 for t in words if t.text[0].isupper()) >= 0.8 * len(words)


def _is_participle(tok: _Tok) -> bool:
    low = tok.low
    return tok.kind == "w" and not _is_cap(tok) and (
        (low.endswith("ed") and len(low) > 4) or (low.endswith("ing") and len(low) > 5)
        or low in {"taken", "given", "written", "seen", "shown", "known", "drawn", "chosen", "sent", "held",
                   "made", "led", "put", "cut", "run", "set", "built", "brought", "kept", "left", "paid"})


# -- noun phrases ------------------------------------------------------------------------

_ADJECTIVE_ENDINGS = ("al", "ive", "ic", "an", "ern", "ish", "ese", "ous", "ary")


def _forward_np(tokens: list[_Tok], i: int, limit: int | None = None, tail: bool = False) -> tuple[int, int] | None:
    """The speaker phrase starting at token i, as (start, end) token indices. `tail` lets a
    common noun that ends the clause follow a name ("according to his LinkedIn page.")."""
    limit = len(tokens) if limit is None else limit
    start = i
    if i < limit and tokens[i].kind == "w" and tokens[i].low in {"and", "but", "so", "then", "yet", "or"}:
        i += 1
        start = i
    if i >= limit or tokens[i].kind != "w":
        return None
    first = tokens[i]
    if first.low in _AUX or first.low in STRONG_CUES or first.low in WEAK_CUES or first.low in _STOP - {"that"}:
        return None
    if first.low in _NON_SPEAKERS - {"that", "these", "those", "this", "all", "one"}:
        return None
    if first.low in _THIRD_PERSON:
        return (i, i + 1)
    j = i
    if first.low in DETERMINERS:
        j += 1
    while j < limit:
        tok = tokens[j]
        if tok.kind != "w" or j - start >= 12:
            break
        low = tok.low
        prev = tokens[j - 1] if j > start else None
        if low in {"of", "for", "at"}:
            quantity = low == "of" and j - 1 == i and first.low in DETERMINERS | _QUANTIFIERS  # "one of the victims"
            if prev is not None and prev.kind == "w" and (_bare(prev.low) in HEAD_NOUNS | TITLES or quantity) and j + 1 < limit and tokens[j + 1].kind == "w":
                inner = _forward_np(tokens, j + 1, limit)
                if inner and inner[1] > j + 1:
                    j = inner[1]
                    continue
            break
        if low == "and":
            nxt = tokens[j + 1] if j + 1 < limit else None
            if prev is not None and _is_cap(prev) and nxt is not None and (_is_cap(nxt) or nxt.low in {"the", "a", "an"}):
                j += 1
                continue
            break
        if (low in _STOP or low in _AUX or _verb_cue(tokens, j) or low in _TIME) and not (_is_cap(tok) and prev is not None and _is_cap(prev)):
            break
        if _is_cap(tok):
            if _bare(low) in _TIME and low not in {"today", "tonight", "morning", "night", "week"} and not _is_acronym(tok) \
                    and not (prev is not None and _is_possessive(prev)):
                break
            j += 1
            continue
        # a lower-case word: a modifier or head before the first capitalised word or head
        # noun, or after a name only on the way to a role noun ("Stein spokeswoman ...")
        if _is_participle(tok) and prev is not None and prev.low not in DETERMINERS and not prev.low.endswith("ly"):
            break
        if tail and prev is not None and _is_cap(prev) and (j + 1 >= limit or tokens[j + 1].kind != "w"):
            j += 1
            break
        # a capitalised adjective opening the sentence: "Conservative whites", "Federal officials"
        initial_adjective = j - 1 == i and _is_cap(prev) and not _is_acronym(prev) and prev.low.endswith(_ADJECTIVE_ENDINGS)
        if prev is not None and not initial_adjective and (_is_cap(prev) or _bare(prev.low) in HEAD_NOUNS) \
                and not prev.low.endswith(("'s", "'")) and prev.low not in DETERMINERS:
            k, found = j, False
            while k < limit and k < j + 4 and tokens[k].kind == "w" and not _is_cap(tokens[k]) and tokens[k].low not in _STOP | _AUX | STRONG_CUES | WEAK_CUES:
                if _bare(tokens[k].low) in HEAD_NOUNS:
                    found = True
                    break
                k += 1
            if not found:
                break
            j = k + 1
            continue
        j += 1
    if j == i or (j == i + 1 and first.low in DETERMINERS):
        return None
    return (start, j)


def _backward_np(tokens: list[_Tok], end: int, strict: bool = True, objects: bool = False) -> tuple[int, int] | None:
    """The speaker phrase ending just before token `end` (exclusive), or None. `strict`
    asks for a name, pronoun or known head noun at the end; `objects` accepts the object of
    a preposition ("came from China", for a relative clause's antecedent)."""
    j = end - 1
    if j < 0 or tokens[j].kind != "w":
        return None
    if tokens[j].low in _THIRD_PERSON:
        return (j, end)
    if tokens[j].low in _QUANTIFIERS and (j == 0 or tokens[j - 1].kind != "w" or tokens[j - 1].low in _STOP):
        return (j, end)  # "Some blame the media", "..., and many say ..."
    if _is_possessive(tokens[j]) or (not _is_acronym(tokens[j]) and (
            tokens[j].low in _NON_SPEAKERS or tokens[j].low in _STOP or tokens[j].low in DETERMINERS
            or (tokens[j].low in _AUX and not (_is_cap(tokens[j]) and j > 0)))):
        return None
    i = j
    while i - 1 >= 0 and end - i < 12:
        tok = tokens[i - 1]
        if tok.kind != "w":
            break
        low = tok.low
        if _is_acronym(tok):
            i -= 1
            continue
        if low in DETERMINERS and low not in {"that", "one", "all"}:
            i -= 1
            if i - 1 >= 0 and _is_possessive(tokens[i - 1]):
                continue  # "the world's two biggest polluters"
            # "China and the United States": a coordination of names goes on
            if i - 2 >= 0 and tokens[i - 1].low == "and" and _is_cap(tokens[i - 2]):
                i -= 1
                continue
            break
        if low in {"of", "for", "at"}:
            break  # a prepositional phrase: decided below
        if low in {"and", "or"}:
            if i - 2 >= 0 and tokens[i - 2].kind == "w" and (
                    (_is_cap(tokens[i]) and _is_cap(tokens[i - 2]))
                    or (_bare(tokens[i - 2].low) in PERSON_NOUNS | TITLES and _bare(tokens[i].low) in PERSON_NOUNS | TITLES)):
                i -= 1
                continue
            break
        if low in _STOP or low in _AUX or _verb_cue(tokens, i - 1) or low in _NON_SPEAKERS:
            break
        if _is_participle(tok) and not _is_cap(tokens[i]) and not (i - 2 >= 0 and tokens[i - 2].low in DETERMINERS):
            break
        if low.endswith("ly") and not _is_cap(tok) and _bare(low) not in HEAD_NOUNS:
            break  # "were mostly therapists": an adverb ends the phrase
        i -= 1
    if i - 1 >= 0 and tokens[i - 1].kind == "w" and tokens[i - 1].low in {"of", "for", "at", "in", "from", "by"} and not objects:
        low = tokens[i - 1].low
        before = _backward_np(tokens, i - 1)
        if before is None:
            return None  # "appeared in the journal found ...": the phrase is an object
        if before[1] < i - 1:
            return before  # the phrase before was itself cut short: "a study by X of Y"
        head = tokens[before[1] - 1]
        if low in {"of", "for", "at"} and _bare(head.low) in HEAD_NOUNS | TITLES:
            return (before[0], end)
        if _is_head(head):
            return before  # a place or organisation after a name or role is dropped
        return None
    if strict and not _valid(tokens, (i, end)):
        return None
    return (i, end)


def _skip_back(tokens: list[_Tok], v: int) -> int:
    """Index just after the subject of the verb at v: skip adverbs and auxiliaries."""
    k = v
    while k - 1 >= 0 and tokens[k - 1].kind == "w":
        low = tokens[k - 1].low
        if (low in _AUX and low != "to" or low.endswith("ly")) and not _is_cap(tokens[k - 1]):
            k -= 1
        elif _bare(low) in _TIME and not (k - 2 >= 0 and _is_cap(tokens[k - 2]) and _is_cap(tokens[k - 1]) and _bare(tokens[k - 2].low) not in _TIME):
            # "officials this week said", "the poll released Friday shows"
            k -= 1
            if k - 1 >= 0 and tokens[k - 1].low in {"this", "last", "next", "on", "earlier", "later", "late", "early"}:
                k -= 1
        else:
            break
    return k


_BOUNDARY_WORDS = frozenset("after before as that and but then when while because although though since if so".split())
_DASHES = frozenset({"--", "—", "–"})


def _clause_boundary(tokens: list[_Tok], v: int) -> int:
    """Index after the last quotation, semicolon, colon or dash before token v."""
    for k in range(v - 1, -1, -1):
        if tokens[k].kind == "q" or tokens[k].text in {";", ":"} | _DASHES:
            return k + 1
    return 0


def _appositive_subject(tokens: list[_Tok], k: int) -> tuple[int, int] | None:
    """For "X, a spokesman for Y, said" (the verb's subject at k is a comma): the phrase that
    ends at the comma opening the appositive and starts a clause."""
    for c in range(_clause_boundary(tokens, k), k - 1):
        if tokens[c].text != ",":
            continue
        np = _backward_np(tokens, c)
        if not _valid(tokens, np):
            continue
        opener = tokens[np[0] - 1] if np[0] >= 1 else None
        if opener is None or opener.kind == "q" or opener.text in {",", ";", ":", "--", "—", "–"} or opener.low in _BOUNDARY_WORDS:
            return np
    return None


def _clause_start_np(tokens: list[_Tok], v: int) -> tuple[int, int] | None:
    """The subject at the start of the clause holding token v: after the last quotation,
    semicolon, colon or dash before v, past introductory phrases ("On Monday, ...")."""
    b = _clause_boundary(tokens, v)
    # comma segments from b to v
    segments, seg_start = [], b
    for k in range(b, v):
        if tokens[k].text == ",":
            segments.append((seg_start, k))
            seg_start = k + 1
    segments.append((seg_start, v))
    for s, e in segments:
        if s >= e or tokens[s].kind != "w" or _is_intro(tokens[s:e], final=e == v):
            continue
        return _forward_np(tokens, s, e)
    return None


_SUBORDINATORS = frozenset("although though because while whereas where when if unless until since but so yet or".split())
_INTRO_FIRST = frozenset(
    "meanwhile however still instead later earlier last this next yet also now then asked pressed according "
    "separately finally first second indeed moreover furthermore overall often sometimes recently in".split()
)
_INTRO_LAST = frozenset("earlier later ago meanwhile however too instead then now today yesterday tonight".split())


def _is_intro(segment: list[_Tok], final: bool = False) -> bool:
    """An introductory phrase before the subject: "On Monday", "Heading into the debate",
    "Several hours earlier", "Meanwhile"."""
    first, last = segment[0].low, segment[-1].low
    if first in _STOP - {"and", "but", "so", "that", "yet", "or"} or first in _TIME or first in _INTRO_FIRST:
        return True
    if first.endswith("ing") and len(first) > 5 and len(segment) > 1 and first not in HEAD_NOUNS:
        return True
    if len(segment) == 1 and first.endswith("ly") and first not in HEAD_NOUNS and not first[:1].isdigit() and segment[0].text[1:].islower():
        return True  # "Similarly, ..."
    return not final and (last in _INTRO_LAST or last in _TIME)


def _valid(tokens: list[_Tok], np: tuple[int, int] | None, lenient: bool = False, any_noun: bool = False) -> bool:
    """Whether a phrase can be a speaker: a name, a third-person pronoun, a known person,
    source or title noun as its head; `lenient`/`any_noun` accept any common noun head
    where the structure vouches for a subject (an appositive after it, "who" after it)."""
    if np is None or np[0] >= np[1]:
        return False
    last = tokens[np[1] - 1]
    if _is_possessive(last):
        return False  # "Ruiz's": the phrase goes on past it
    if last.low in _THIRD_PERSON or (np[1] - np[0] == 1 and last.low in _QUANTIFIERS):
        return True
    if last.low in _NON_SPEAKERS and not (_is_cap(last) and np[1] - np[0] > 1 and _is_cap(tokens[np[1] - 2])):
        return False  # "it", "that", but "Defense One"
    if _bare(last.low) in _TIME and not (np[1] - np[0] > 1 and _is_cap(tokens[np[1] - 2]) and _is_cap(last)):
        return False  # "Monday", but "USA Today"
    # a capitalised first word alone that is a verb ("Keeps saying ...") is no speaker
    if np[1] - np[0] == 1 and tokens[np[0]].low in _AUX | STRONG_CUES | WEAK_CUES and (np[0] == 0 or not _is_cap(tokens[np[0]])):
        return False
    noun_like = last.kind == "w" and last.low not in _STOP | _AUX and not last.low.endswith("ly") and not _is_participle(last)
    if (lenient and (tokens[np[0]].low in DETERMINERS or np[1] - np[0] > 1) or any_noun) and noun_like:
        return True
    # "the Bloomberg ads", "the Ruiz team": a determiner, a name, a common noun
    if tokens[np[0]].low in DETERMINERS and noun_like and any(_is_cap(t) for t in tokens[np[0] + 1:np[1] - 1]):
        return True
    # "a spokesman for the agency", "Ohio's secretary of state": the head is before the "of"
    for k in range(np[0] + 1, np[1] - 1):
        if tokens[k].low in {"of", "for", "at"} and _bare(tokens[k - 1].low) in HEAD_NOUNS | TITLES:
            return True
    return _is_head(last)


def _text(text: str, tokens: list[_Tok], np: tuple[int, int]) -> str:
    phrase = text[tokens[np[0]].start:tokens[np[1] - 1].end]
    return " ".join(phrase.split()).strip(" ,;:\"“”")


# -- the rules -----------------------------------------------------------------------------

_HEADLINE = re.compile(r"^\s*[\"“]?\s*(?P<s>(?:[A-Z][\w.’'\-]*)(?:\s+[\w.’'\-]+){0,5})\s*:\s+\S")


def _headline(text: str) -> str | None:
    """ "Kelly: ...", "HOST: ...", "Homeland Security chief John Kelly: ...": capitalised words,
    and lower-case ones only for a title ("chief", "secretary"), before the colon."""
    match = _HEADLINE.match(text)
    if not match:
        return None
    words = match.group("s").split()
    if any(w.lower().strip(".") in _HEADLINE_STOP for w in words) or words[0].lower() in DETERMINERS | _STOP:
        return None
    lowercase = [w for w in words if not w[0].isupper()]
    if any(w.lower() not in TITLES for w in lowercase) or len(words) - len(lowercase) > 4:
        return None
    return match.group("s")


def _reporting_clause(tokens: list[_Tok]) -> tuple[int, int] | None:
    """The last reporting clause after a quotation or a comma: "..., Kelly said (...)",
    "..., said Kelly", "...” the spokesperson said"."""
    found = None
    for v, tok in enumerate(tokens):
        if not _cue_at(tokens, v, STRONG_CUES | INVERTING) or tok.low.endswith("ing"):
            continue
        k = _skip_back(tokens, v)
        before = tokens[k - 1] if k >= 1 else None
        if before is not None and (before.text == "," or before.kind == "q"):
            if tok.low in INVERTING:
                np = _forward_np(tokens, v + 1)
                if _valid(tokens, np) and tokens[np[0]].low not in _THIRD_PERSON and tokens[np[0]].low != "that":
                    found = np
            continue
        np = _backward_np(tokens, k)
        if _valid(tokens, np) and np[0] >= 1 and (tokens[np[0] - 1].text == "," or tokens[np[0] - 1].kind == "q"):
            found = np
    return found


def _relative_antecedent(tokens: list[_Tok], r: int) -> tuple[int, int] | None:
    """The noun phrase that "which"/"who" at r refers to, past one appositive."""
    end = r
    restrictive = not (end >= 1 and tokens[end - 1].text == ",")
    if not restrictive:
        end -= 1
    np = _backward_np(tokens, end, strict=False, objects=True)
    if np is not None and not restrictive and np[0] >= 2 and tokens[np[0] - 1].text == "," and tokens[np[0]].low in DETERMINERS:
        earlier = _backward_np(tokens, np[0] - 1, objects=True)
        if _valid(tokens, earlier):
            return earlier
    return np


def _subject_of(tokens: list[_Tok], v: int) -> tuple[int, int] | None:
    tok = tokens[v]
    k = _skip_back(tokens, v)
    before = tokens[k - 1] if k >= 1 else None
    clause_initial = k - 1 == 0 or (k >= 2 and (tokens[k - 2].kind != "w" or tokens[k - 2].low in _STOP))
    if before is not None and (_is_possessive(before) or (before.kind == "w" and before.low in DETERMINERS - {"that"}
                                                          and not (before.low in _QUANTIFIERS and clause_initial))):
        return None  # "Ruiz's comments", "the reports": a noun, not a cue
    immediate = tokens[v - 1] if v >= 1 else None
    if tok.low.endswith("ing") and immediate is not None and immediate.kind == "w" \
            and immediate.low not in {"by", "while", "after", "before", "in", "when", "of", "as"} | _AUX:
        return None  # "Keeps saying", "the growing calls": no finite cue here
    if before is not None and before.kind == "w" and before.low in {"which", "who"}:
        np = _relative_antecedent(tokens, k - 1)
        return np if _valid(tokens, np, any_noun=before.low == "who") else None
    if before is None:
        return None
    if before.kind == "w" and before.low not in _STOP | {"to", "by"}:
        np = _backward_np(tokens, k)
        if _valid(tokens, np):
            return np
    if before.text == ",":
        np = _appositive_subject(tokens, k)
        if np is not None:
            return np
    np = _clause_start_np(tokens, v)
    if np is not None and any(t.kind == "w" and t.low in _SUBORDINATORS for t in tokens[np[1]:k]):
        return None  # "X has a lead, although history says ...": another clause's subject
    # "A separate attendee, Ann Lee, noted ...": a subject set off by an appositive may have
    # any noun as its head
    return np if _valid(tokens, np, lenient=before.text == ",") else None


_ACCORDING = re.compile(r"\b(?:according to|as (?:stated|reported|noted|said|written|described|quoted|cited) (?:in|by))\s+", re.I)
_POSSESSIVE_CLAIM = re.compile(
    r"^(?:[\"“”]\s*)?(?P<s>(?:[A-Z][\w.\-]*\s+){0,4}[A-Z][\w.\-]*)(?:’s|'s|’|')\s+(?:[a-z]+\s+){0,2}(?P<n>[a-z]+)\s+that\b"
)
_PUT_IT = re.compile(r"\b[Aa]s\s+(?=[^,;:“”\"]{1,80}?(?:,[^,;:“”\"]{1,40},)?\s+(?:put|puts) it\b)")
_EMBEDDED_QUOTE = re.compile(r"[“\"][^”\"]{2,}[”\"]")


def find_speaker(sentence: str) -> str | None:
    """The speaker of a quote sentence as written ("Kelly", "White House press secretary
    Sean Spicer", "officials", "the report", "he"), or None when no attribution is found."""
    text = " ".join(sentence.split())
    if not text:
        return None
    headline = _headline(text)
    if headline:
        return headline
    tokens = _tokens(text)
    np = _reporting_clause(tokens)
    if np is not None:
        return _text(text, tokens, np)
    for match in _ACCORDING.finditer(text):
        rest = [k for k, t in enumerate(tokens) if t.start >= match.end()]
        if rest and tokens[rest[0]].kind == "w":
            np = _forward_np(tokens, rest[0], tail=True)
            if _valid(tokens, np):
                return _text(text, tokens, np)
    for match in _PUT_IT.finditer(text):
        rest = [k for k, t in enumerate(tokens) if t.start >= match.end()]
        np = _forward_np(tokens, rest[0]) if rest else None
        if _valid(tokens, np):
            return _text(text, tokens, np)
    claim = _POSSESSIVE_CLAIM.match(text)
    if claim and claim.group("n") in _SAYING_NOUNS:
        return claim.group("s")
    title_case = _title_case(tokens)
    for cues in (STRONG_CUES, WEAK_CUES):
        for v, tok in enumerate(tokens):
            if not _cue_at(tokens, v, cues, title_case):
                continue
            np = _subject_of(tokens, v)
            if np is not None:
                return _text(text, tokens, np)
    for v, tok in enumerate(tokens):
        if tok.kind == "w" and tok.low in _COLON_CUES and v + 1 < len(tokens) and tokens[v + 1].text == ":":
            np = _backward_np(tokens, _skip_back(tokens, v))
            if _valid(tokens, np):
                return _text(text, tokens, np)
    if _EMBEDDED_QUOTE.search(text) and not text.lstrip().startswith(("“", '"')):
        q = next((k for k, t in enumerate(tokens) if t.kind == "q"), None)
        if q is not None:
            np = _clause_start_np(tokens, q)
            if _valid(tokens, np) and (_is_cap(tokens[np[1] - 1]) or tokens[np[0]].low in _THIRD_PERSON) \
                    and tokens[np[0]].low not in DETERMINERS and np[1] < len(tokens) and tokens[np[1]].kind == "w":
                return _text(text, tokens, np)
    return None


# -- names within an article --------------------------------------------------------------

def normalise_speaker(name: str, known: list[str]) -> str:
    """The longest known speaker that ends with (or equals) `name`, so that "Kelly" and
    "John Kelly" count once within an article; `name` itself when none matches."""
    last = name.split()[-1].lower() if name.split() else name.lower()
    matches = [k for k in known if k.split() and k.split()[-1].lower() == last and k[:1].isupper() and name[:1].isupper()]
    return max(matches, key=len) if matches else name


_CASUAL_FIRST = DETERMINERS | HEAD_NOUNS | {"other", "political", "instant", "senior", "former", "federal", "local",
                                             "state", "top", "new", "latest", "recent", "several", "unnamed",
                                             "anonymous", "conservative", "liberal", "retired", "current"}


_GROUPS = frozenset("officials sources aides republicans democrats conservatives liberals".split())


def is_named(speaker: str) -> bool:
    """Whether the speaker is identified: a name ("Kelly", "White House press secretary
    Sean Spicer", "the Pentagon", "the Reuters/Ipsos poll"), not an anonymous person or
    group ("officials", "a senior official", "a Contoso spokesperson", "other
    lawmakers", "a new poll"). A capitalised first word counts only when it is not a common
    word capitalised at the start of a sentence."""
    words = speaker.replace("’", "'").split()
    if not words:
        return False
    if words[0].lower() in PRONOUNS:
        return False
    # the part before "of/for/at" carries the head: "a spokesman for the governor" is unnamed
    cut = next((k for k, w in enumerate(words) if w.lower() in {"of", "for", "at"} and k > 0), len(words))
    head_part = words[:cut]
    head = _bare(head_part[-1].lower())
    capitalised = [k for k, w in enumerate(head_part) if w[:1].isupper() or w[:1].isdigit() and not w.isdigit()]
    if capitalised and capitalised[0] == 0 and (words[0].lower() in _CASUAL_FIRST or _bare(words[0].lower()) in _CASUAL_FIRST):
        capitalised = capitalised[1:]
    if head_part[-1][:1].isupper() and head not in HEAD_NOUNS:
        return True  # a name is the head: "Kelly", "Rep. Dana Holt", "The Washington Post"
    if head in PERSON_NOUNS and not head_part[-1][:1].isupper() or head in _GROUPS:
        return False  # an anonymous person or group, whoever employs them
    if cut < len(words) and head in TITLES | SOURCE_NOUNS and words[-1][:1].isupper():
        return True  # "Secretary of State Dana Holt", "Department of Homeland Security" opening a sentence
    return bool(capitalised)  # a named report, poll or office: "the Pentagon report"


def _is_plural(speaker: str) -> bool:
    words = speaker.split()
    return bool(words) and (" and " in f" {speaker} " or (words[-1].lower().endswith("s") and not words[-1][:1].isupper()))


def quote_continuations(labels: list[str]) -> list[bool]:
    """For each `attributed_quote` among an article's sentence labels, in order: whether the
    sentence right before it is one too (`resolve_article_speakers`' `continues`)."""
    return [index > 0 and labels[index - 1] == "attributed_quote"
            for index, label in enumerate(labels) if label == "attributed_quote"]


def _is_person(speaker: str) -> bool:
    """Whether a named single speaker can be the "he"/"she" of a later sentence: a person's
    name ("Tillerson", "Rep. Dana Holt"), not a group or an organisation with an article
    ("The Guardian", "the Pentagon") or a source noun as its head ("Senate")."""
    words = speaker.split()
    return (is_named(speaker) and not _is_plural(speaker) and words[0].lower() not in DETERMINERS
            and _bare(words[-1].lower()) not in SOURCE_NOUNS)


def _next_named(speakers: list[str | None], index: int, named: list[str]) -> str | None:
    """For a pronoun before any named speaker (the person was introduced in a sentence that
    quotes no one): the next named single speaker of the article."""
    for speaker in speakers[index + 1:]:
        if speaker and _is_person(speaker):
            return normalise_speaker(speaker, named)
    return None


def resolve_article_speakers(speakers: list[str | None], continues: list[bool] | None = None,
                             mentioned: list[str | None] | None = None) -> list[str | None]:
    """Speakers of one article's quote sentences, in order, normalised so that "Kelly" and
    "John Kelly" are one speaker, "he"/"she" take the last person named before them and
    "they"/"we" the last group or organisation (never a single person).

    `continues[i]` says that quote sentence i directly follows another quote sentence of the
    article. One with no speaker of its own then continues that sentence's quotation or
    report (the rest of a multi-sentence quote, a paragraph that goes on quoting, a report's
    further findings) and takes its speaker; after any other sentence it stays None.

    `mentioned[i]` is the person that the sentences between quote sentence i - 1 and i
    last named as a subject (`sentence_subject`), or None: "Trump took offense at ... He
    claimed that ..." gives the "he" to Trump, not to whoever was quoted before."""
    continues = continues or [False] * len(speakers)
    mentioned = mentioned or [None] * len(speakers)
    named = [s for s in [*speakers, *mentioned] if s and s.lower() not in PRONOUNS and is_named(s)]
    resolved: list[str | None] = []
    last_person: str | None = None  # the last person named, for "he"/"she"
    last_group: str | None = None  # the last group or organisation, named or not, for "they"/"we"
    for speaker, continuation, subject in zip(speakers, continues, mentioned, strict=True):
        if subject is not None:
            last_person = normalise_speaker(subject, named)
        if speaker is None:
            resolved.append(resolved[-1] if continuation and resolved else None)
        elif speaker.lower() in _PLURAL_PRONOUNS:
            resolved.append(last_group)
        elif speaker.lower() in PRONOUNS:
            resolved.append(last_person or _next_named(speakers, len(resolved), named))
        elif is_named(speaker):
            name = normalise_speaker(speaker, named)
            if _is_person(speaker):
                last_person = name
            else:
                last_group = name  # "Mr. Ruiz and Ms. Chen", "the Pentagon"
            resolved.append(name)
        else:
            resolved.append(speaker.lower())
            if _is_plural(speaker):
                last_group = speaker.lower()
    return resolved


def sentence_subject(sentence: str, surnames: frozenset[str] = frozenset()) -> str | None:
    """The person a sentence names as the subject of its first clause ("Before Kelly spoke,
    Tillerson made a statement" gives "Tillerson", "WASHINGTON -- President Barack Obama on
    Friday defended ..." gives "President Barack Obama"), else the subject of its attribution
    cue, or None. A one-word name counts only when it is in `surnames` (`article_surnames`):
    a sentence's capitalised first word may be a common noun ("Rain fell ..."), a place or
    an outlet."""
    text = " ".join(sentence.split())
    tokens = _tokens(text)
    end = len(tokens)
    for k, tok in enumerate(tokens):
        dateline_dash = tok.text in _DASHES and k <= 6 and all(t.kind != "w" or _is_cap(t) for t in tokens[:k])
        if tok.kind == "q" or tok.text in {";", ":"} or (tok.text in _DASHES and not dateline_dash):
            end = k
            break
    np = _clause_start_np(tokens, end)
    # a possessor is no subject: `_tokens` splits a pre-tokenised " 's" into "'" and "s"
    if np is not None and np[1] > np[0] and not (np[1] < len(tokens) and tokens[np[1]].low == "'"):
        subject = _text(text, tokens, np)
        if _is_known_person(subject, surnames):
            return subject
    speaker = find_speaker(text)
    return speaker if speaker and _is_known_person(speaker, surnames) else None


def _is_known_person(phrase: str, surnames: frozenset[str]) -> bool:
    """A subject that reads as a person's name: capitalised to its last word ("Biden's
    comments come" is no name), not a day ("Super Tuesday") or a headline in capitals."""
    words = phrase.replace("’", "'").split()
    if not words or not words[-1][:1].isupper() or any(w.endswith(("'s", "'")) for w in words):
        return False
    if _bare(words[-1].lower()) in _TIME or (len(words) > 2 and phrase.isupper()):
        return False
    return _is_person(phrase) and (len(words) > 1 or words[0].strip(".,") in surnames)


_NAME_RUN = re.compile(r"(?:\b[A-Z][\w.'’\-]*\s+)+[A-Z][\w'’\-]*")


def article_surnames(sentences: list[str]) -> frozenset[str]:
    """The last words of an article's runs of two or more capitalised words ("Rex
    Tillerson", "Sen. Marco Rubio"): the one-word names its sentences may go on to use."""
    return frozenset(match.group().split()[-1].removesuffix("'s").removesuffix("’s") for text in sentences
                     for match in _NAME_RUN.finditer(" ".join(text.split())))


def article_speakers(labels: list[str], texts: list[str], speakers: list[str | None]) -> list[str | None]:
    """The resolved speaker of each of an article's `attributed_quote` sentences, in order,
    from every sentence's label, text and written speaker (None where it quotes no one):
    `resolve_article_speakers` with continuations, and with the persons named as subjects by
    the sentences that quote no one (or quote without a speaker found)."""
    surnames = article_surnames(texts)
    quoted, mentioned, subject = [], [], None
    for label, text, speaker in zip(labels, texts, speakers, strict=True):
        if label == "attributed_quote":
            quoted.append(speaker)
            mentioned.append(subject)
            # a quote whose speaker was not found may still name a new one as its subject
            # ("But Senator Ruth Adler draws a distinction ...") for the pronouns after it
            subject = sentence_subject(text, surnames) if speaker is None else None
        else:
            subject = sentence_subject(text, surnames) or subject
    return resolve_article_speakers(quoted, quote_continuations(labels), mentioned)
