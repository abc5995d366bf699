"""Interrupted training resumes to the same result; the same seed gives the same model and
profiles; scoring order does not change results; bad training input fails before training."""

import json

import numpy as np
import pytest
from transformers import TrainerCallback

from model import FramingClassifier, build_profiles
from model.cli import main as framelens
from model.io import Article
from training.config import load_config
from training.train import train

from .conftest import REPO


def tiny_config(*overrides):
    config = load_config(REPO / "configs" / "tiny.yaml", list(overrides))
    config.data.sources[0].path = str(REPO / config.data.sources[0].path)
    return config


class Interrupt(TrainerCallback):
    def __init__(self, at_step):
        self.at_step = at_step

    def on_step_end(self, args, state, control, **kwargs):
        if state.global_step == self.at_step:
            raise KeyboardInterrupt


TEXTS = ["The council met on Monday.", "\"We will act,\" the mayor said.", "A shameful, reckless plan.", "Rates rose 2 percent."]


def probabilities(model_dir):
    return FramingClassifier.from_pretrained(model_dir, precision="fp32").predict_proba(TEXTS)


def test_resume_reaches_the_same_model(tmp_path, trained_tiny_model):
    interrupted = tmp_path / "interrupted"
    with pytest.raises(KeyboardInterrupt):
        train(tiny_config(), interrupted, callbacks=[Interrupt(at_step=6)])  # after the epoch-1 checkpoint (step 4)
    assert (interrupted / "checkpoints" / "checkpoint-4").is_dir()
    train(tiny_config(), interrupted, resume=True)
    resumed = json.loads((interrupted / "metrics.json").read_text())["validation"]
    uninterrupted = json.loads((trained_tiny_model / "metrics.json").read_text())["validation"]
    assert resumed == uninterrupted
    np.testing.assert_allclose(probabilities(interrupted), probabilities(trained_tiny_model), atol=1e-6)


def test_resume_without_checkpoint_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no checkpoint to resume from"):
        train(tiny_config(), tmp_path / "fresh", resume=True)


def test_same_seed_same_model_and_profiles(tmp_path, trained_tiny_model):
    again = train(tiny_config(), tmp_path / "again")
    np.testing.assert_array_equal(probabilities(again), probabilities(trained_tiny_model))
    articles = [Article(article_id=f"a{i}", text=" ".join(TEXTS[i:] + TEXTS[:i]), source=f"S{i % 2}") for i in range(4)]
    first = build_profiles(FramingClassifier.from_pretrained(again, precision="fp32").score_articles(articles))
    second = build_profiles(FramingClassifier.from_pretrained(trained_tiny_model, precision="fp32").score_articles(articles))
    assert {k: v.to_dict() for k, v in first.items()} == {k: v.to_dict() for k, v in second.items()}


def test_a_new_classifier_head_comes_from_the_seed_not_the_process(tmp_path, trained_tiny_model):
    """A hub base model has no head for our labels; its random start must depend on the
    training seed only, not on what the process drew from torch's generator before."""
    import torch
    from transformers import BertForSequenceClassification

    body_only = tmp_path / "body-only-base"
    BertForSequenceClassification.from_pretrained(trained_tiny_model).bert.save_pretrained(body_only)
    for file in ("tokenizer.json", "tokenizer_config.json"):
        (body_only / file).write_bytes((trained_tiny_model / file).read_bytes())
    runs = []
    for process_state in (1, 2):
        torch.manual_seed(process_state)
        runs.append(probabilities(train(tiny_config(f"model.base_model={body_only}"), tmp_path / f"run{process_state}")))
    np.testing.assert_array_equal(runs[0], runs[1])


def test_scoring_order_does_not_change_results(tiny_classifier):
    articles = [Article(article_id=f"a{i}", text=" ".join(TEXTS[: i + 1]) + f" Item {i} ends here.", source="S") for i in range(6)]
    forward = {s.article_id: s for s in tiny_classifier.score_articles(articles, buffer_sentences=5)}
    backward = {s.article_id: s for s in tiny_classifier.score_articles(list(reversed(articles)), buffer_sentences=7)}
    for article_id, score in forward.items():
        other = backward[article_id]
        assert [s.label for s in score.sentences] == [s.label for s in other.sentences]
        for a, b in zip(score.sentences, other.sentences):
            assert a.probabilities == pytest.approx(b.probabilities, abs=1e-4)


def test_bad_training_data_fails_before_training(tmp_path, capsys):
    from scripts.train import main as train_script

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "Fine.", "label": "neutral_reporting"}) + "\n" + json.dumps({"text": "x", "label": "spin"}) + "\n")
    code = train_script(["--config", str(REPO / "configs" / "tiny.yaml"), "--output-dir", str(tmp_path / "m"),
                         "--set", f"data.sources=[{{kind: sentences, path: {bad}}}]"])
    assert code == 2
    err = capsys.readouterr().err
    assert f"{bad}:2: unknown label 'spin'" in err
    assert not (tmp_path / "m").exists()


def test_unknown_config_key_lists_valid_keys(tmp_path, capsys):
    from scripts.train import main as train_script

    assert train_script(["--config", str(REPO / "configs" / "tiny.yaml"), "--set", "training.epochz=1"]) == 2
    assert "valid keys here: training.epochs" in capsys.readouterr().err


def test_unwritable_output_folder(trained_tiny_model, capsys):
    out = "/proc/framelens-cannot-write-here"
    assert framelens(["score", str(REPO / "seeds"), "--model", str(trained_tiny_model), "--out", out, "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and out in err and "not writable" in err
