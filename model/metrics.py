"""Classification metrics over LABELS: the one implementation that training (through the
local `evaluate` module) and gold-set evaluation both report."""

from __future__ import annotations

from typing import Sequence

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from .labels import LABELS


def classification_metrics(references: Sequence[int], predictions: Sequence[int]) -> dict:
    """accuracy, macro_f1, per-class precision/recall/f1/support and the confusion matrix
    (rows: gold, columns: predicted), label ids in LABELS order."""
    references = np.asarray(references, dtype=np.int64)
    predictions = np.asarray(predictions, dtype=np.int64)
    ids = list(range(len(LABELS)))
    precision, recall, f1, support = precision_recall_fscore_support(
        references, predictions, labels=ids, zero_division=0
    )
    metrics = {
        "accuracy": float((references == predictions).mean()) if len(references) else 0.0,
        "macro_f1": float(np.mean(f1)),
    }
    for i, label in enumerate(LABELS):
        metrics[f"{label}_precision"] = float(precision[i])
        metrics[f"{label}_recall"] = float(recall[i])
        metrics[f"{label}_f1"] = float(f1[i])
        metrics[f"{label}_support"] = int(support[i])
    metrics["confusion_matrix"] = confusion_matrix(references, predictions, labels=ids).tolist()
    return metrics
