"""Post-training calibration on the validation split, folded into the classifier layer.

- Temperature scaling: one temperature T that minimises validation negative log-likelihood;
  dividing the classifier's weight and bias by T rescales the logits, so argmax (and every
  label) is unchanged and probabilities become better calibrated.
- Class-bias offsets (optional): per-label additions to the logits that maximise validation
  macro-F1, for when the training mix's label shares differ from the target's.

Both are written into the final linear layer, so `transformers.pipeline` and
`FramingClassifier` see the same calibrated model; nothing extra is stored.
"""

from __future__ import annotations

import numpy as np
import torch

from model.metrics import classification_metrics

# Temperatures searched (log-spaced 0.25..8): calibration of fine-tuned BERTs lands in 1..3.
TEMPERATURES = np.exp(np.linspace(np.log(0.25), np.log(8.0), 121))
# Bias offsets searched per label, in logit units, nearest zero first: validation macro-F1
# moves in steps of one sentence, so many offsets tie, and the smallest change that reaches the
# best score is kept (searched from -2 upwards, ties once settled on the extreme -2.0).
OFFSETS = np.array(sorted(np.round(np.arange(-2.0, 2.01, 0.1), 2), key=abs))


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def fit_temperature(logits: np.ndarray, references: np.ndarray) -> float:
    nll = [-_log_softmax(logits / t)[np.arange(len(references)), references].mean() for t in TEMPERATURES]
    return float(TEMPERATURES[int(np.argmin(nll))])


def fit_class_offsets(logits: np.ndarray, references: np.ndarray, rounds: int = 2) -> np.ndarray:
    """Coordinate ascent on macro-F1; label 0's offset stays 0 (only differences matter)."""
    offsets = np.zeros(logits.shape[1])

    def score(candidate):
        return classification_metrics(references, (logits + candidate).argmax(axis=1))["macro_f1"]

    best = score(offsets)
    for _ in range(rounds):
        for label in range(1, logits.shape[1]):
            for value in OFFSETS:
                candidate = offsets.copy()
                candidate[label] = value
                value_score = score(candidate)
                if value_score > best + 1e-9:
                    best, offsets = value_score, candidate
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
