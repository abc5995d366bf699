"""framing_metrics: accuracy, macro-F1 and per-class precision/recall/F1 over framelens LABELS.

A local `evaluate` module (loaded by path, never from the hub). The arithmetic lives in
`model.metrics` so that gold-set evaluation reports exactly the same figures.
"""

import datasets
import evaluate

from model.metrics import classification_metrics

_DESCRIPTION = "Accuracy, macro-F1 and per-class precision, recall and F1 for the three framelens labels."
_KWARGS_DESCRIPTION = """
Args:
    predictions: predicted label ids (LABELS order).
    references: gold label ids (LABELS order).
Returns:
    accuracy, macro_f1, <label>_precision, <label>_recall, <label>_f1, <label>_support, confusion_matrix.
"""


class FramingMetrics(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation="",
            inputs_description=_KWARGS_DESCRIPTION,
            features=datasets.Features({"predictions": datasets.Value("int64"), "references": datasets.Value("int64")}),
        )

    def _compute(self, predictions, references):
        return classification_metrics(references, predictions)
