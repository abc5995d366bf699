"""Post-training calibration on the validation split, folded into the classifier layer.

- Temperature scaling: one temperature T that minimises validation negative log-likelihood;
  dividing the classifier's weight and bias by T rescales the logits, so argmax (and every
  label) is unchanged and probabilities become better calibrated.
- Class-bias offsets (optional): per-label additions to the logits chosen on validation
  macro-F1, for when the training mix's label shares differ from the target's. The
  one-standard-error rule keeps them small: a validation set of ~150 articles ranks offsets
  with noise, and the best-scoring offset moved the quote label from -1.0 to +1.1 between
  seeds of the same data, and the profiles' quote shares with it.

Both are written into the final linear layer, so `transformers.pipeline` and
`FramingClassifier` see the same calibrated model; nothing extra is stored.
"""

from __future__ import annotations

import numpy as np
import torch

from model.metrics import classification_metrics

# Temperatures searched (log-spaced 0.25..8): calibration of fine-tuned BERTs lands in 1..3.
TEMPERATURES = np.exp(np.linspace(np.log(0.25), np.log(8.0), 121))
# Bias offsets searched per label, in logit units, nearest zero first.
OFFSETS = np.array(sorted(np.round(np.arange(-2.0, 2.01, 0.1), 2), key=abs))
# Resamples of the validation articles that measure how much of an offset's gain is noise;
# 100 puts the standard error itself within ~7%.
BOOTSTRAP_SAMPLES = 100


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def fit_temperature(logits: np.ndarray, references: np.ndarray) -> float:
    nll = [-_log_softmax(logits / t)[np.arange(len(references)), references].mean() for t in TEMPERATURES]
    return float(TEMPERATURES[int(np.argmin(nll))])


def fit_class_offsets(logits: np.ndarray, references: np.ndarray, groups: np.ndarray | None = None,
                      rounds: int = 2, seed: int = 0) -> np.ndarray:
    """Coordinate ascent on macro-F1 with the one-standard-error rule; label 0's offset stays
    0 (only differences matter).

    For each label in turn, every offset in OFFSETS is scored; the gain of the best one over
    the current offsets gets a standard error from bootstrap resamples of `groups` (the
    validation articles; each row its own group if None; `seed` draws the resamples), and
    the offset nearest zero that scores within one standard error of the best is kept."""
    offsets = np.zeros(logits.shape[1])
    groups = np.arange(len(references)) if groups is None else np.asarray(groups)
    # Rows of each group, in one pass (comparing every row with every group is quadratic).
    _, group_of_row = np.unique(groups, return_inverse=True)
    members = np.split(np.argsort(group_of_row, kind="stable"), np.cumsum(np.bincount(group_of_row))[:-1])
    rng = np.random.default_rng(seed)
    resamples = [np.concatenate([members[i] for i in rng.integers(0, len(members), len(members))])
                 for _ in range(BOOTSTRAP_SAMPLES)]

    def score(candidate, rows=slice(None)):
        return classification_metrics(references[rows], (logits[rows] + candidate).argmax(axis=1))["macro_f1"]

    for _ in range(rounds):
        for label in range(1, logits.shape[1]):
            candidates = []
            for value in OFFSETS:
                candidate = offsets.copy()
                candidate[label] = value
                candidates.append(candidate)
            scores = np.array([score(candidate) for candidate in candidates])
            best = candidates[int(np.argmax(scores))]
            gains = [score(best, rows) - score(offsets, rows) for rows in resamples]
            standard_error = float(np.std(gains))
            # OFFSETS runs nearest zero first, so the first good-enough candidate is the smallest.
            offsets = candidates[int(np.flatnonzero(scores >= scores.max() - standard_error - 1e-9)[0])]
    return offsets


def classifier_layer(model) -> torch.nn.Linear:
    layer = model.classifier if isinstance(getattr(model, "classifier", None), torch.nn.Linear) else None
    if layer is None:
        layer = getattr(getattr(model, "classifier", None), "out_proj", None)
    if not isinstance(layer, torch.nn.Linear):
        raise ValueError(f"{type(model).__name__}: no final linear classifier layer to calibrate")
    return layer


@torch.no_grad()
def fold_into_classifier(model, temperature: float, offsets: np.ndarray) -> None:
    """logits' = (logits + offsets) / temperature, written into the last linear layer."""
    layer = classifier_layer(model)
    bias = torch.as_tensor(offsets, dtype=layer.bias.dtype, device=layer.bias.device)
    layer.bias.add_(bias).div_(temperature)
    layer.weight.div_(temperature)
