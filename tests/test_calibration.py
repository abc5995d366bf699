import numpy as np
import torch

from training.calibration import fit_class_offsets, fit_temperature, fold_into_classifier


def test_overconfident_logits_get_a_temperature_above_one():
    rng = np.random.default_rng(0)
    references = rng.integers(0, 3, size=600)
    logits = rng.normal(size=(600, 3))
    logits[np.arange(600), references] += 1.0
    assert fit_temperature(logits * 5, references) > 2.0


def test_offsets_recover_a_shifted_class():
    rng = np.random.default_rng(1)
    references = rng.integers(0, 3, size=900)
    logits = rng.normal(size=(900, 3))
    logits[np.arange(900), references] += 2.0
    logits[:, 2] -= 1.5  # class 2 under-predicted
    offsets = fit_class_offsets(logits, references)
    assert offsets[0] == 0.0 and offsets[2] > 0.8


def test_offsets_whose_gain_is_within_noise_stay_at_zero():
    rng = np.random.default_rng(1)
    references = rng.integers(0, 3, size=900)
    logits = rng.normal(size=(900, 3))
    logits[np.arange(900), references] += 2.0  # unbiased: any gain from an offset is noise
    one_article = np.zeros(900)  # resampling one article measures no noise: the best score wins
    assert fit_class_offsets(logits, references, one_article).tolist() == [0.0, 0.2, 0.2]
    ninety_articles = np.repeat(np.arange(90), 10)
    assert fit_class_offsets(logits, references, ninety_articles).tolist() == [0.0, 0.0, 0.0]


def test_offsets_take_the_smallest_change_among_equally_good_ones():
    references = np.array([0, 1, 2, 2])
    logits = np.array([[0.0, -1.0, 0.25],  # a neutral sentence read as editorial by 0.25
                       [0.0, 5.0, 0.0], [0.0, 0.0, 5.0], [0.0, 0.0, 5.0]])
    offsets = fit_class_offsets(logits, references)
    # any editorial offset from -0.3 to -2.0 fixes it without breaking anything else
    assert offsets[1] == 0.0 and offsets[2] == -0.3


def test_folding_rescales_logits_exactly(tiny_classifier):
    model = tiny_classifier.model
    encoded = tiny_classifier.tokenizer(["The vote is Monday.", "\"No,\" she said."], return_tensors="pt", padding=True)
    with torch.no_grad():
        before = model(**encoded).logits
        fold_into_classifier(model, 2.0, np.array([0.0, 0.5, -0.5]))
        after = model(**encoded).logits
    torch.testing.assert_close(after, (before + torch.tensor([0.0, 0.5, -0.5])) / 2.0, atol=1e-5, rtol=1e-5)
