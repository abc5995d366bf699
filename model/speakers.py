"""Who is quoted: the speaker of an `attributed_quote` sentence, as written.

Rules over the attribution cue: "X said", "said X", "according to X", "X told reporters",
"X: ..." headlines. Returns the speaker phrase ("Kelly", "White House press secretary Sean
Spicer", "officials", "the report") or None when no cue is found.
"""

from __future__ import annotations

import re

CUES = (
    "said|says|told|tells|stated|states|announced|announces|added|adds|argued|argues|insisted|insists|"
    "claimed|claims|warned|warns|wrote|writes|tweeted|tweets|explained|explains|noted|notes|asked|asks|"
    "replied|replies|responded|responds|declared|declares|acknowledged|acknowledges|admitted|admits|"
    "maintained|maintains|suggested|suggests|predicted|predicts|contended|contends|continued|"
    "blasted|slammed|vowed|vows|urged|urges|reported|reports|found|finds|shows|showed|concluded|"
    "described|pointed out|testified|alleged|alleges|countered|recalled|emphasized|stressed|confirmed|"
    "denied|denies|praised|criticized|criticised|accused|accuses|clarified|clarifies"
)
INVERTING_CUES = "said|says|told|added|wrote|asked|explained|continued|noted|tweeted|argued|stated|declared|replied"
# A speaker phrase: optional determiner and title words, then up to six name-like words.
_WORD = r"[A-Z][\w.’'\-]*"
_NAME = rf"(?:(?:the|a|an|The|A|An)\s+)?(?:[\w.’'\-]+\s+){{0,5}}?{_WORD}(?:\s+{_WORD}){{0,3}}"
_LOWER_SPEAKER = r"(?:the\s+|a\s+|an\s+|some\s+|many\s+)?(?:[a-z][\w\-]*\s+){0,3}?(?:officials?|spokes(?:man|woman|person)|aides?|sources?|experts?|critics?|analysts?|residents?|lawmakers?|authorities|police|prosecutors?|investigators?|report|study|poll|survey|statement|indictment|filing|lawsuit|complaint|ruling|court|documents?|he|she|they|we|it)"

_PATTERNS = [
    # "..., Kelly said."  /  "..., White House press secretary Sean Spicer told reporters."
    re.compile(rf"[,”\"’]\s*(?P<s>{_NAME}|{_LOWER_SPEAKER})\s+(?:{CUES})\b"),
    # "..., said Kelly in a statement." (only verbs that invert with their subject)
    re.compile(rf"\b(?:{INVERTING_CUES})\s+(?P<s>{_NAME})(?=[\s,.;]|$)"),
    # "According to the report, ..." / "... according to officials."
    re.compile(rf"\b[Aa]ccording to\s+(?P<s>{_NAME}|{_LOWER_SPEAKER})"),
    # "Kelly: There will be ..." (headline form)
    re.compile(rf"^(?P<s>{_NAME}):\s"),
    # "Kelly said ..." / "Officials told reporters ..." at the start of the sentence
    re.compile(rf"^(?P<s>{_NAME}|{_LOWER_SPEAKER.replace('(?:the', '(?:[Tt]he')})\s+(?:(?:also|later|then|again|previously|repeatedly|had|has|have|would|will)\s+)*(?:{CUES})\b"),
]
_STOP_START = re.compile(r"^(?:and|but|so|as|while|when|that|which|who)\s+", re.I)


def find_speaker(sentence: str) -> str | None:
    text = " ".join(sentence.split())
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            speaker = _STOP_START.sub("", match.group("s").strip(" ,.;:\"“”’'"))
            if speaker and not speaker.lower() in {"it", "this", "that"}:
                return speaker
    return None


def normalise_speaker(name: str, known: list[str]) -> str:
    """The longest known speaker that ends with (or equals) `name`, so that "Kelly" and
    "John Kelly" count once within an article; `name` itself when none matches."""
    last = name.split()[-1].lower() if name.split() else name.lower()
    matches = [k for k in known if k.split() and k.split()[-1].lower() == last and k[:1].isupper() and name[:1].isupper()]
    return max(matches, key=len) if matches else name


PRONOUNS = {"he", "she", "they", "we", "i"}


def is_named(speaker: str) -> bool:
    """A named speaker has a capitalised word past its first (or is one capitalised word
    that is not a determiner): "Kelly", "the Pentagon"; "officials", "a spokesman" are not."""
    words = speaker.split()
    if not words:
        return False
    if words[0].lower() in {"the", "a", "an", "some", "many", "several"}:
        return any(w[:1].isupper() for w in words[1:])
    return any(w[:1].isupper() for w in words) and words[0].lower() not in {"officials", "sources", "critics", "experts", "analysts", "residents", "police", "prosecutors"}


def resolve_article_speakers(speakers: list[str | None]) -> list[str | None]:
    """Speakers of one article's quote sentences, in order, normalised so that "Kelly" and
    "John Kelly" are one speaker and "he"/"she" take the last named speaker before them."""
    named = [s for s in speakers if s and s.lower() not in PRONOUNS and is_named(s)]
    resolved: list[str | None] = []
    last_named: str | None = None
    for speaker in speakers:
        if speaker is None:
            resolved.append(None)
        elif speaker.lower() in PRONOUNS:
            resolved.append(last_named)
        elif is_named(speaker):
            last_named = normalise_speaker(speaker, named)
            resolved.append(last_named)
        else:
            resolved.append(speaker.lower())
    return resolved
