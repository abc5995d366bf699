import pytest

from model.baselines import RuleBaseline
from training.metrics import load_metric


def test_local_evaluate_module():
    scores = load_metric().compute(predictions=[0, 1, 2, 2], references=[0, 1, 1, 2])
    assert scores["accuracy"] == pytest.approx(0.75)
    assert scores["attributed_quote_recall"] == pytest.approx(0.5)
    assert scores["editorial_framing_precision"] == pytest.approx(0.5)
    assert scores["macro_f1"] == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)
    assert scores["confusion_matrix"] == [[1, 0, 0], [0, 1, 1], [0, 0, 1]]


def test_rule_baseline_follows_the_decision_order():
    rule = RuleBaseline()
    assert rule.predict([
        "The bridge reopened on Monday.",
        "\"It is a disaster,\" the mayor said.",
        "The mayor falsely claimed the bridge was safe.",
    ]) == ["neutral_reporting", "attributed_quote", "editorial_framing"]
