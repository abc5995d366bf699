"""The project's local `evaluate` metric module (see framing_metrics/)."""

from pathlib import Path

import evaluate

METRIC_PATH = Path(__file__).parent / "framing_metrics" / "framing_metrics.py"


def load_metric():
    return evaluate.load(str(METRIC_PATH))
