"""framelens inference: load a trained model and score articles into source profiles.

`from model import LABELS, FramingClassifier, build_profiles`. The classifier (and with it
torch) is imported on first use, so reading labels or building profiles stays light.
"""

from .labels import LABELS
from .profiles import ArticleScore, SentenceScore, SourceProfile, build_profiles

__all__ = ["LABELS", "FramingClassifier", "ArticleScore", "SentenceScore", "SourceProfile", "build_profiles"]


def __getattr__(name):
    if name == "FramingClassifier":
        from .classifier import FramingClassifier

        return FramingClassifier
    raise AttributeError(f"module 'model' has no attribute {name!r}")
