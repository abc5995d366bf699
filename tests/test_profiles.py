import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import LABELS, build_profiles
from model.scores import ArticleScore, SentenceScore


def sentence(index, label, text=None, speaker=None):
    probabilities = {name: (0.8 if name == label else 0.1) for name in LABELS}
    return SentenceScore(index, 0, 1, text or f"sentence {index}", label, probabilities, speaker)


def article(article_id, source, labels, event=None, speakers=None):
    speakers = speakers or [None] * len(labels)
    return ArticleScore(article_id, source, [sentence(i, l, speaker=s) for i, (l, s) in enumerate(zip(labels, speakers))], event=event)


N, Q, E = LABELS


def test_counts_and_shares():
    profiles = build_profiles([article("a1", "Gazette", [N, N, Q, E]), article("a2", "Gazette", [Q, Q])])
    profile = profiles["Gazette"]
    assert profile.articles == 2 and profile.sentences == 6
    assert profile.label_counts == {N: 2, Q: 3, E: 1}
    assert profile.label_shares[Q] == pytest.approx(0.5)
    # article-averaged: (0.25 + 1.0) / 2 for quotes
    assert profile.article_shares[Q].estimate == pytest.approx(0.625)
    assert math.isclose(sum(profile.label_shares.values()), 1.0, abs_tol=1e-3)
    assert math.isclose(sum(i.estimate for i in profile.article_shares.values()), 1.0, abs_tol=1e-3)


def test_intervals_contain_estimates_and_are_seeded():
    scores = [article(f"a{i}", "Herald", [N, Q, E, E, Q][: 2 + i % 4]) for i in range(12)]
    first, again = build_profiles(scores, seed=3), build_profiles(scores, seed=3)
    assert first == again
    for interval in first["Herald"].article_shares.values():
        assert 0.0 <= interval.low <= interval.estimate <= interval.high <= 1.0
    assert first["Herald"].article_shares[E].high > first["Herald"].article_shares[E].low


def test_single_article_source_gets_a_sentence_level_interval():
    profile = build_profiles([article("a", "Solo", [N, Q, E, Q, N, E, Q, Q])])["Solo"]
    assert profile.article_shares[Q].low < profile.article_shares[Q].estimate < profile.article_shares[Q].high


def test_top_editorial_sentences_are_editorial_and_ranked():
    scores = [article("a", "Times", [N, E, Q, E])]
    scores[0].sentences[1].probabilities[E] = 0.95
    scores[0].sentences[3].probabilities[E] = 0.7
    profile = build_profiles(scores, top_k=3)["Times"]
    assert [s.probability for s in profile.top_editorial] == [0.95, 0.7]


def test_same_event_differences():
    scores = [
        article("x", "Left Post", [E, E, Q, N], event="summit"),
        article("y", "Right Wire", [Q, Q, Q, N], event="summit"),
        article("z", "Right Wire", [N, N], event="other"),
    ]
    profiles = build_profiles(scores)
    (difference,) = profiles["Left Post"].event_differences
    assert difference.other_sources == ["Right Wire"]
    assert difference.share_difference[E].estimate == pytest.approx(0.5)
    assert profiles["Right Wire"].event_differences[0].share_difference[E].estimate == pytest.approx(-0.5)
    for interval in difference.share_difference.values():
        assert interval.low <= interval.estimate <= interval.high


def test_speakers_are_resolved_within_an_article():
    scores = [article("a", "Wire", [Q, Q, Q, Q], speakers=["John Kelly", "Kelly", "he", "officials"])]
    profile = build_profiles(scores)["Wire"]
    assert profile.top_speakers[0] == ("John Kelly", 3)
    assert profile.unnamed_quote_share == pytest.approx(0.25)


def test_a_quote_sentence_without_a_speaker_counts_for_the_quote_before_it():
    # "A. B," Kelly said. -> split, the first half names no one; a report's next finding too.
    labels = [Q, Q, N, Q, Q, Q]
    scores = [article("a", "Wire", labels, speakers=["Maria Kelly", None, None, None, "Tomas Ruiz", None])]
    profile = build_profiles(scores)["Wire"]
    assert profile.top_speakers == [("Maria Kelly", 2), ("Tomas Ruiz", 2)]  # the quote after N stays unattributed
    assert profile.quotes == 5


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(LABELS), min_size=1, max_size=12), min_size=1, max_size=8))
def test_shares_sum_to_one_and_intervals_contain_estimates(label_lists):
    scores = [article(f"a{i}", "S", labels) for i, labels in enumerate(label_lists)]
    profile = build_profiles(scores, n_bootstrap=200)["S"]
    assert math.isclose(sum(profile.label_shares.values()), 1.0, abs_tol=2e-4 * len(LABELS))
    assert math.isclose(sum(i.estimate for i in profile.article_shares.values()), 1.0, abs_tol=2e-4 * len(LABELS))
    for interval in profile.article_shares.values():
        assert interval.low <= interval.estimate <= interval.high


def test_bootstrap_seed_reads_the_whole_source_name():
    from model.profiles import _stable_hash

    assert _stable_hash("ABC News") != _stable_hash("ABC Nightly")  # the first four bytes once decided
    assert _stable_hash("The New York Times") != _stable_hash("The New York Times Magazine")
    assert _stable_hash("ABC News") == _stable_hash("ABC News")
