"""Baselines every evaluation reports beside the model.

- `RuleBaseline`: the guideline's decision order as rules (an evaluative word outside
  quotation marks -> editorial; quotation marks or an attribution cue -> attributed; else
  neutral).
- `TfidfBaseline`: TF-IDF + logistic regression, fitted by training on the same data and
  saved inside the model directory as JSON + npz (vocabulary, idf, coefficients), never pickle.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .labels import LABELS

BASELINE_DIR = "baseline"
_PARAMS_FILE = "tfidf.json"
_ARRAYS_FILE = "tfidf.npz"

_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’")
_CUES = re.compile(
    r"\b(said|says|told|tells|stated|announced|added|argued|insisted|claimed|claims|warned|wrote|tweeted|"
    r"according to|in a statement|explained|noted|asked|replied|responded|declared|vowed|urged|"
    r"testified|alleged|acknowledged|admitted|reported|described)\b",
    re.I,
)
_EVALUATIVE = re.compile(
    r"\b(fake|notorious|notoriously|heated|falsely|disastrous|shameful|reckless|outrageous|absurd|"
    r"ridiculous|radical|extreme|extremist|bizarre|desperate|pathetic|stunning|shocking|alarming|"
    r"brazen|blatant|baseless|dubious|so-called|disgraceful|scandal|chaos|chaotic|crisis|"
    r"incompetent|failed|failing|dangerous|controversial|infamous|egregious|sham|hypocrisy|"
    r"hypocritical|clearly|obviously|unfortunately|sadly|remarkably|notably|bid to|apparently|"
    r"disgusting|vile|hysterical|hysteria|smear|propaganda|regime|elite|elites|mob|thugs?|"
    r"tirade|rant|slammed|blasted)\b",
    re.I,
)


class RuleBaseline:
    """The decision order of LABELS.md as keyword rules: the floor a model must clear."""

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [self._label(text) for text in texts]

    @staticmethod
    def _label(text: str) -> str:
        outside_quotes = _QUOTED.sub(" ", text)
        if _EVALUATIVE.search(outside_quotes) or outside_quotes.rstrip().endswith("?"):
            return "editorial_framing"
        if _QUOTED.search(text) or _CUES.search(text) or re.match(r"^[^:]{2,60}:\s", text):
            return "attributed_quote"
        return "neutral_reporting"


class TfidfBaseline:
    """TF-IDF features and a multinomial logistic regression over LABELS."""

    def __init__(self, vectorizer: TfidfVectorizer, classifier: LogisticRegression):
        self.vectorizer = vectorizer
        self.classifier = classifier

    @classmethod
    def fit(cls, texts: Sequence[str], label_ids: Sequence[int], seed: int = 0) -> "TfidfBaseline":
        # Word uni- and bigrams with sublinear tf; min_df=2 drops one-off names; C=4 was the
        # usual optimum for sentence-length texts of this size (weakly regularised).
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, lowercase=True)
        features = vectorizer.fit_transform(texts)
        classifier = LogisticRegression(C=4.0, max_iter=2000, random_state=seed)
        classifier.fit(features, np.asarray(label_ids))
        return cls(vectorizer, classifier)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        probabilities = np.zeros((len(texts), len(LABELS)))
        probabilities[:, self.classifier.classes_] = self.classifier.predict_proba(self.vectorizer.transform(texts))
        return probabilities

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [LABELS[i] for i in self.predict_proba(texts).argmax(axis=1)]

    def save(self, model_dir: str | Path) -> Path:
        directory = Path(model_dir) / BASELINE_DIR
        directory.mkdir(parents=True, exist_ok=True)
        params = {
            "ngram_range": list(self.vectorizer.ngram_range),
            "sublinear_tf": self.vectorizer.sublinear_tf,
            "lowercase": self.vectorizer.lowercase,
            "vocabulary": {term: int(index) for term, index in self.vectorizer.vocabulary_.items()},
            "classes": [int(c) for c in self.classifier.classes_],
            "labels": list(LABELS),
        }
        (directory / _PARAMS_FILE).write_text(json.dumps(params), encoding="utf-8")
        np.savez(directory / _ARRAYS_FILE, idf=self.vectorizer.idf_, coef=self.classifier.coef_,
                 intercept=self.classifier.intercept_)
        return directory

    @classmethod
    def load(cls, model_dir: str | Path) -> "TfidfBaseline":
        directory = Path(model_dir) / BASELINE_DIR
        params = json.loads((directory / _PARAMS_FILE).read_text(encoding="utf-8"))
        if tuple(params["labels"]) != LABELS:
            raise ValueError(f"{directory}: baseline labels {params['labels']} differ from LABELS")
        arrays = np.load(directory / _ARRAYS_FILE, allow_pickle=False)
        vectorizer = TfidfVectorizer(ngram_range=tuple(params["ngram_range"]), sublinear_tf=params["sublinear_tf"],
                                     lowercase=params["lowercase"], vocabulary=params["vocabulary"])
        vectorizer.idf_ = arrays["idf"]
        classifier = LogisticRegression()
        classifier.classes_ = np.asarray(params["classes"])
        classifier.coef_ = arrays["coef"]
        classifier.intercept_ = arrays["intercept"]
        return cls(vectorizer, classifier)

    @staticmethod
    def exists(model_dir: str | Path) -> bool:
        return (Path(model_dir) / BASELINE_DIR / _PARAMS_FILE).is_file()
