"""Source (outlet) framing profiles: pure functions of article scores.

Intervals come from a two-stage bootstrap (articles with replacement, then sentences within
each drawn article), so a source with a single article still gets an honest interval from its
sentences. The generator is seeded: the same scores give the same profile.
"""

from __future__ import annotations

import hashlib

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Iterable

import numpy as np

from .labels import LABELS
from .scores import ArticleScore, SentenceScore
from .speakers import article_speakers, is_named

__all__ = ["ArticleScore", "SentenceScore", "SourceProfile", "build_profiles"]

# 1,000 replicates put the Monte Carlo error of a 95% interval end near 0.005 on a share.
DEFAULT_BOOTSTRAP = 1000
DEFAULT_TOP_K = 5
CONFIDENCE = 0.95


@dataclass
class Interval:
    estimate: float
    low: float
    high: float


@dataclass
class EditorialSentence:
    text: str
    article_id: str
    probability: float


@dataclass
class EventDifference:
    event: str
    other_sources: list[str]
    # this source's article-averaged share minus the other sources', per label
    share_difference: dict[str, Interval]


@dataclass
class SourceProfile:
    source: str
    articles: int
    sentences: int
    label_counts: dict[str, int]
    label_shares: dict[str, float]  # sentence-weighted
    article_shares: dict[str, Interval]  # article-averaged, 95% bootstrap interval
    mean_probability: dict[str, float]
    top_editorial: list[EditorialSentence]
    quotes: int = 0
    top_speakers: list[tuple[str, int]] = field(default_factory=list)
    unnamed_quote_share: float | None = None
    event_differences: list[EventDifference] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def build_profiles(scores: Iterable[ArticleScore], top_k: int = DEFAULT_TOP_K,
                   n_bootstrap: int = DEFAULT_BOOTSTRAP, seed: int = 0) -> dict[str, SourceProfile]:
    """One profile per source, keyed and ordered by source name."""
    by_source: dict[str, list[ArticleScore]] = defaultdict(list)
    for score in scores:
        by_source[score.source].append(score)
    profiles = {}
    for source in sorted(by_source):
        rng = np.random.default_rng([seed, _stable_hash(source)])
        profiles[source] = _profile(source, by_source[source], top_k, n_bootstrap, rng)
    _add_event_differences(profiles, by_source, n_bootstrap, seed)
    return profiles


def _stable_hash(text: str) -> int:
    """The same number for the same text in every process (unlike hash()), from all of it."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def _label_matrix(articles: list[ArticleScore]) -> list[np.ndarray]:
    return [np.array([LABELS.index(s.label) for s in a.sentences], dtype=np.int64) for a in articles]


def _bootstrap_shares(label_ids: list[np.ndarray], n_bootstrap: int, rng: np.random.Generator) -> np.ndarray:
    """(n_bootstrap, len(LABELS)) article-averaged shares from a two-stage bootstrap."""
    label_ids = [ids for ids in label_ids if len(ids)]
    if not label_ids:
        return np.zeros((n_bootstrap, len(LABELS)))
    lengths = np.array([len(ids) for ids in label_ids])
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    flat = np.concatenate(label_ids)
    n_articles = len(label_ids)
    replicates = np.zeros((n_bootstrap, len(LABELS)))
    for r in range(n_bootstrap):
        picked = rng.integers(0, n_articles, size=n_articles)
        sizes = lengths[picked]
        owner = np.repeat(np.arange(n_articles), sizes)  # which drawn article each draw belongs to
        drawn = flat[np.repeat(offsets[picked], sizes) + (rng.random(sizes.sum()) * np.repeat(sizes, sizes)).astype(np.int64)]
        per_article = np.zeros((n_articles, len(LABELS)))
        np.add.at(per_article, (owner, drawn), 1.0)
        replicates[r] = (per_article / sizes[:, None]).mean(axis=0)
    return replicates


def _article_mean(label_ids: list[np.ndarray]) -> np.ndarray:
    shares = [np.bincount(ids, minlength=len(LABELS)) / len(ids) for ids in label_ids if len(ids)]
    return np.mean(shares, axis=0) if shares else np.zeros(len(LABELS))


def _intervals(estimate: np.ndarray, replicates: np.ndarray) -> dict[str, Interval]:
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(replicates, [tail, 100 - tail], axis=0)
    # The percentile interval of a skewed share can miss the point estimate by rounding;
    # widen to include it so the interval always contains what it is an interval of.
    return {
        label: Interval(round(float(estimate[i]), 4), round(float(min(low[i], estimate[i])), 4), round(float(max(high[i], estimate[i])), 4))
        for i, label in enumerate(LABELS)
    }


def _profile(source: str, articles: list[ArticleScore], top_k: int, n_bootstrap: int, rng) -> SourceProfile:
    sentences = [(a, s) for a in articles for s in a.sentences]
    counts = Counter(s.label for _, s in sentences)
    total = len(sentences)
    label_ids = _label_matrix(articles)
    estimate = _article_mean(label_ids)
    mean_probability = {
        label: round(float(np.mean([s.probabilities[label] for _, s in sentences])), 4) if total else 0.0
        for label in LABELS
    }
    editorial = sorted(
        ((a, s) for a, s in sentences if s.label == "editorial_framing"),
        key=lambda pair: (-pair[1].probabilities["editorial_framing"], pair[0].article_id, pair[1].index),
    )
    top_editorial = [EditorialSentence(s.text, a.article_id, round(s.probabilities["editorial_framing"], 4)) for a, s in editorial[:top_k]]
    speakers = []
    for article in articles:
        speakers.extend(article_speakers([s.label for s in article.sentences], [s.text for s in article.sentences],
                                         [s.speaker for s in article.sentences]))
    found = [s for s in speakers if s]
    return SourceProfile(
        source=source,
        articles=len(articles),
        sentences=total,
        label_counts={label: counts.get(label, 0) for label in LABELS},
        label_shares={label: round(counts.get(label, 0) / total, 4) if total else 0.0 for label in LABELS},
        article_shares=_intervals(estimate, _bootstrap_shares(label_ids, n_bootstrap, rng)),
        mean_probability=mean_probability,
        top_editorial=top_editorial,
        quotes=len(speakers),
        top_speakers=[(name, n) for name, n in sorted(Counter(s for s in found if is_named(s)).items(), key=lambda kv: (-kv[1], kv[0]))[:top_k]],
        unnamed_quote_share=round(sum(1 for s in found if not is_named(s)) / len(found), 4) if found else None,
    )


def _add_event_differences(profiles: dict[str, SourceProfile], by_source: dict[str, list[ArticleScore]],
                           n_bootstrap: int, seed: int) -> None:
    """For each event covered by two or more sources: each source's article-averaged share
    minus that of the other sources together, with a bootstrap interval of the difference."""
    events: dict[str, dict[str, list[ArticleScore]]] = defaultdict(lambda: defaultdict(list))
    for source, articles in by_source.items():
        for article in articles:
            if article.event:
                events[article.event][source].append(article)
    for event in sorted(events):
        covering = events[event]
        if len(covering) < 2:
            continue
        for source in sorted(covering):
            others = [a for other, arts in sorted(covering.items()) if other != source for a in arts]
            rng = np.random.default_rng([seed, _stable_hash(source), _stable_hash(event)])
            mine, theirs = _label_matrix(covering[source]), _label_matrix(others)
            estimate = _article_mean(mine) - _article_mean(theirs)
            replicates = _bootstrap_shares(mine, n_bootstrap, rng) - _bootstrap_shares(theirs, n_bootstrap, rng)
            profiles[source].event_differences.append(EventDifference(
                event=event,
                other_sources=sorted(other for other in covering if other != source),
                share_difference=_intervals(estimate, replicates),
            ))
