import json

import numpy as np
import pytest
from transformers import pipeline

from model import LABELS, FramingClassifier
from model.baselines import TfidfBaseline
from model.classifier import ModelLoadError


def test_model_directory_contents(trained_tiny_model):
    names = {p.name for p in trained_tiny_model.iterdir()}
    assert {"model.safetensors", "config.json", "tokenizer.json", "README.md", "metrics.json",
            "training_config.yaml", "versions.json", "baseline"} <= names
    assert not any(n.endswith((".bin", ".pt", ".pkl", ".pickle")) for n in names)
    assert "checkpoints" not in names
    config = json.loads((trained_tiny_model / "config.json").read_text())
    assert [config["id2label"][str(i)] for i in range(3)] == list(LABELS)
    metrics = json.loads((trained_tiny_model / "metrics.json").read_text())
    assert 0.0 <= metrics["validation"]["macro_f1"] <= 1.0
    assert "macro-F1" in (trained_tiny_model / "README.md").read_text()


def test_both_loaders_agree(trained_tiny_model):
    texts = ["The council met on Monday.", "\"No,\" the mayor said.", "A shameful, reckless plan."]
    classifier = FramingClassifier.from_pretrained(trained_tiny_model, precision="fp32")
    ours = classifier.predict_proba(texts)
    assert ours.shape == (3, len(LABELS))
    np.testing.assert_allclose(ours.sum(axis=1), 1.0, rtol=1e-5)
    hub = pipeline("text-classification", model=str(trained_tiny_model), top_k=None)
    theirs = np.array([[next(d["score"] for d in row if d["label"] == label) for label in LABELS] for row in hub(texts)])
    np.testing.assert_allclose(ours, theirs, atol=1e-5)
    assert classifier.predict(texts) == [LABELS[i] for i in theirs.argmax(axis=1)]


def test_reload_gives_identical_probabilities(trained_tiny_model):
    texts = ["Police said two men were arrested.", "The bridge reopened."]
    first = FramingClassifier.from_pretrained(trained_tiny_model, precision="fp32").predict_proba(texts)
    second = FramingClassifier.from_pretrained(trained_tiny_model, precision="fp32").predict_proba(texts)
    np.testing.assert_array_equal(first, second)


def test_saved_tfidf_baseline_loads(trained_tiny_model):
    baseline = TfidfBaseline.load(trained_tiny_model)
    assert baseline.predict_proba(["the vote is monday"]).shape == (1, 3)


def test_bf16_and_int8_paths_stay_close_to_fp32(trained_tiny_model):
    texts = ["The council met on Monday.", "\"No,\" the mayor said."]
    reference = FramingClassifier.from_pretrained(trained_tiny_model, precision="fp32").predict_proba(texts)
    for precision in ("bf16", "int8"):
        other = FramingClassifier.from_pretrained(trained_tiny_model, precision=precision).predict_proba(texts)
        np.testing.assert_allclose(other, reference, atol=0.05)


def test_scoring_cuts_inputs_to_the_inference_length(trained_tiny_model):
    config = json.loads((trained_tiny_model / "config.json").read_text())
    assert (config["framelens_max_length"], config["framelens_inference_max_length"]) == (64, 48)
    classifier = FramingClassifier.from_pretrained(trained_tiny_model, precision="fp32")
    assert classifier.max_length == 48
    seen = []
    forward = classifier.model.forward
    classifier.model.forward = lambda **inputs: seen.append(inputs["input_ids"].shape[1]) or forward(**inputs)
    long_context = " ".join(["the council said the vote is monday"] * 20)
    classifier.predict_proba(["The mayor said no."], [long_context])
    assert seen == [48]
    assert FramingClassifier.from_pretrained(trained_tiny_model, max_length=64).max_length == 64


def test_parallel_batches_match_serial_ones(trained_tiny_model):
    import torch

    texts = [f"The council said the vote on plan {i} is monday." + " the" * (i % 7) for i in range(40)]
    contexts = [texts[i - 1] if i else None for i in range(40)]
    threads = torch.get_num_threads()
    serial = FramingClassifier.from_pretrained(trained_tiny_model, precision="fp32", batch_size=4, workers=1)
    parallel = FramingClassifier.from_pretrained(trained_tiny_model, precision="fp32", batch_size=4, workers=3)
    np.testing.assert_allclose(parallel.predict_proba(texts, contexts), serial.predict_proba(texts, contexts), atol=1e-6)
    assert torch.get_num_threads() == threads  # the caller's thread setting is restored
    with pytest.raises(ValueError, match="workers"):
        FramingClassifier.from_pretrained(trained_tiny_model, workers=0)


def test_overlapping_parallel_scoring_restores_the_thread_setting_once_all_are_done():
    import torch

    from model.classifier import _one_thread_per_op

    before = torch.get_num_threads()
    first, second = _one_thread_per_op(), _one_thread_per_op()  # two classifiers, two threads
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert torch.get_num_threads() == 1  # the second is still scoring on one thread per op
    second.__exit__(None, None, None)
    assert torch.get_num_threads() == before


def test_missing_model_directory(tmp_path):
    with pytest.raises(ModelLoadError, match="does not exist"):
        FramingClassifier.from_pretrained(tmp_path / "nope")


def test_directory_that_is_not_a_model(tmp_path):
    with pytest.raises(ModelLoadError, match="no config.json"):
        FramingClassifier.from_pretrained(tmp_path)


def test_model_with_other_labels(trained_tiny_model, tmp_path):
    import shutil

    copy = shutil.copytree(trained_tiny_model, tmp_path / "m")
    config = json.loads((copy / "config.json").read_text())
    config["id2label"] = {"0": "positive", "1": "negative", "2": "neutral"}
    (copy / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelLoadError, match="differ from framelens LABELS"):
        FramingClassifier.from_pretrained(copy)


def test_truncated_weights(trained_tiny_model, tmp_path):
    import shutil

    copy = shutil.copytree(trained_tiny_model, tmp_path / "m")
    weights = copy / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(ModelLoadError, match="cannot load model"):
        FramingClassifier.from_pretrained(copy)


def test_pickle_only_model_is_refused(trained_tiny_model, tmp_path):
    import shutil

    copy = shutil.copytree(trained_tiny_model, tmp_path / "m")
    (copy / "model.safetensors").rename(copy / "pytorch_model.bin")
    with pytest.raises(ModelLoadError, match="safetensors weights only"):
        FramingClassifier.from_pretrained(copy)


def test_scoring_reads_a_continued_quotation_with_its_opening_mark(tiny_classifier):
    # An unclosed paragraph (a transcript turn, a multi-paragraph quote) splits into sentences
    # with no mark of their own; the model reads them as quoted, the output keeps the text.
    text = '"ANCHOR: Good evening. The storm has passed.\nCrews began repairs overnight.'
    seen = []
    predict_proba = tiny_classifier.predict_proba
    tiny_classifier.predict_proba = lambda texts, contexts: seen.extend(texts) or predict_proba(texts, contexts)
    score = tiny_classifier.score_article(text)
    assert seen == ['"ANCHOR: Good evening.', '"The storm has passed.', "Crews began repairs overnight."]
    assert [s.text for s in score.sentences] == ['"ANCHOR: Good evening.', "The storm has passed.", "Crews began repairs overnight."]
