"""`FramingClassifier`: a fine-tuned model directory, used to label sentences and articles.

Batching, precision and device choices live here. A model directory is a plain
`save_pretrained` folder (safetensors only); framelens adds keys to its config.json:
`framelens_context_window` (neighbouring sentences read as a second segment),
`framelens_max_length` (tokens per input in training) and `framelens_inference_max_length`
(tokens per input when scoring; `encoding.InputEncoder` cuts the context's far ends first).
"""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from .encoding import Context, InputEncoder
from .io import Article
from .labels import ID2LABEL, LABELS
from .scores import ArticleScore, SentenceScore
from .segment import neighbours, reading_sentences, split_sentences
from .speakers import find_speaker

PRECISIONS = ("auto", "fp32", "bf16", "int8")
DEFAULT_MAX_LENGTH = 128
# Sentences per forward pass, each pass on one core (see `workers`): 16, 32 and 64 measured
# within noise of each other on this CPU; a padded bf16 batch stays well under 100 MB.
DEFAULT_BATCH_SIZE = 32
# Sentences gathered across articles before one length-sorted pass: bounds memory while
# giving the sort enough material to make batches of similar length.
DEFAULT_BUFFER_SENTENCES = 2048


_thread_setting_lock = threading.Lock()
_one_thread_users = 0
_threads_before = 1


@contextmanager
def _one_thread_per_op():
    """Each op on one thread while batches run in parallel, then the caller's setting back.
    torch's thread count is process-wide, so the first of any overlapping users (classifiers
    scoring at once in different threads) saves it and the last restores it."""
    global _one_thread_users, _threads_before
    with _thread_setting_lock:
        if _one_thread_users == 0:
            _threads_before = torch.get_num_threads()
            torch.set_num_threads(1)
        _one_thread_users += 1
    try:
        yield
    finally:
        with _thread_setting_lock:
            _one_thread_users -= 1
            if _one_thread_users == 0:
                torch.set_num_threads(_threads_before)


class ModelLoadError(RuntimeError):
    """A model directory that cannot be used, with the reason in one line."""


@lru_cache(maxsize=1)
def cpu_supports_bf16() -> bool:
    """True on CPUs with native bf16 (AVX512-BF16 or AMX); detected, not assumed."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def check_model_dir(path: str | os.PathLike) -> Path:
    """The directory if it holds a framelens model, else ModelLoadError saying why."""
    path = Path(path)
    if not path.is_dir():
        raise ModelLoadError(f"{path}: model directory does not exist")
    config_file = path / "config.json"
    if not config_file.is_file():
        raise ModelLoadError(f"{path}: not a model directory (no config.json)")
    try:
        config = json.loads(config_file.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ModelLoadError(f"{config_file}: not valid JSON ({error})") from None
    id2label = config.get("id2label") or {}
    labels = tuple(id2label.get(str(i)) for i in range(len(id2label)))
    if labels != LABELS:
        raise ModelLoadError(f"{path}: model labels {list(labels)} differ from framelens LABELS {list(LABELS)}")
    if not (path / "model.safetensors").is_file():
        raise ModelLoadError(f"{path}: no model.safetensors (framelens loads safetensors weights only)")
    return path


@dataclass
class _Pending:
    article: Article
    spans: list
    first: int  # index of this article's first sentence in the buffer


class FramingClassifier:
    """Labels sentences as LABELS; `predict_proba` columns follow LABELS order."""

    def __init__(self, model, tokenizer, *, precision: str = "auto", batch_size: int = DEFAULT_BATCH_SIZE,
                 context_window: int | None = None, max_length: int | None = None, device: str | None = None,
                 workers: int | None = None):
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
        config = model.config
        self.context_window = int(getattr(config, "framelens_context_window", 0) if context_window is None else context_window)
        self.max_length = int(max_length or getattr(config, "framelens_inference_max_length", None)
                              or getattr(config, "framelens_max_length", DEFAULT_MAX_LENGTH))
        self.batch_size = batch_size
        self.tokenizer = tokenizer
        self.encoder = InputEncoder(tokenizer, self.max_length)
        if device is None:  # int8 dynamic quantisation exists on CPU only
            device = "cuda" if torch.cuda.is_available() and precision != "int8" else "cpu"
        self.device = torch.device(device)
        model = model.eval().to(self.device)
        if precision == "auto":
            precision = "bf16" if (self.device.type == "cuda" or cpu_supports_bf16()) else "fp32"
        if precision == "bf16":
            # bf16 weights, not autocast: no per-call weight casts (measured ~18% faster on
            # this CPU than autocast, same gold-dev F1); logits go back to fp32 for softmax.
            model = model.to(torch.bfloat16)
        if precision == "int8":
            if self.device.type != "cpu":
                raise ValueError("int8 dynamic quantisation runs on CPU only")
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        self.precision = precision
        self.model = model
        # On CPU, batches run side by side, one thread each: a model this small keeps one core
        # busier alone than two cores splitting each op (measured 1.33x on 2 cores).
        if workers is None:
            workers = torch.get_num_threads() if self.device.type == "cpu" else 1
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers

    @classmethod
    def from_pretrained(cls, path: str | os.PathLike, **options) -> "FramingClassifier":
        path = check_model_dir(path)
        try:
            model = AutoModelForSequenceClassification.from_pretrained(path, use_safetensors=True, trust_remote_code=False)
            tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=False)
        except Exception as error:  # noqa: BLE001 - any loader failure is one clear message
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise ModelLoadError(f"{path}: cannot load model ({first_line})") from error
        return cls(model, tokenizer, **options)

    # ---- sentences ----

    def predict_proba(self, texts: Sequence[str], contexts: Sequence[Context] | None = None) -> np.ndarray:
        """Probabilities, shape (len(texts), len(LABELS)), in LABELS order. A context is the
        (before, after) text around a sentence, as `segment.neighbours` gives it, or one string.
        Texts are read as given; `score_articles` passes `segment.reading_sentences`."""
        encoded = self.encoder.encode(texts, contexts)
        probabilities = np.zeros((len(texts), len(LABELS)), dtype=np.float32)
        # Length-sorted batches waste little on padding; results go back to input order.
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]["input_ids"]))
        batches = [order[start : start + self.batch_size] for start in range(0, len(order), self.batch_size)]

        def run(indices: list[int]) -> None:
            probabilities[indices] = self._forward([encoded[i] for i in indices])

        if self.workers > 1 and len(batches) > 1:
            with _one_thread_per_op(), ThreadPoolExecutor(self.workers) as pool:
                list(pool.map(run, batches))  # list() re-raises a worker's exception here
        else:
            for indices in batches:
                run(indices)
        return probabilities

    def predict(self, texts: Sequence[str], contexts: Sequence[Context] | None = None) -> list[str]:
        return [LABELS[i] for i in self.predict_proba(texts, contexts).argmax(axis=1)]

    def _forward(self, encoded: list[dict[str, list[int]]]) -> np.ndarray:
        batch = {name: tensor.to(self.device) for name, tensor in self.encoder.collate(encoded).items()}
        with torch.inference_mode():
            logits = self.model(**batch).logits
        return torch.softmax(logits.float(), dim=-1).cpu().numpy()

    # ---- articles ----

    def score_article(self, text: str, source: str | None = None, article_id: str | None = None,
                      title: str | None = None) -> ArticleScore:
        article = Article(article_id=article_id or "article", text=text, source=source or "unknown", title=title)
        return next(self.score_articles([article]))

    def score_articles(self, articles: Iterable[Article], buffer_sentences: int = DEFAULT_BUFFER_SENTENCES) -> Iterator[ArticleScore]:
        """Scores in input order, streaming: sentences of many articles are batched together,
        and at most about `buffer_sentences` sentences are held at once."""
        pending: list[_Pending] = []
        texts: list[str] = []
        contexts: list[Context] = []
        for article in articles:
            spans = split_sentences(article.text)
            sentences = reading_sentences(article.text, [(span.start, span.end) for span in spans])
            pending.append(_Pending(article, spans, len(texts)))
            texts.extend(sentences)
            contexts.extend(neighbours(sentences, i, self.context_window) for i in range(len(sentences)))
            if len(texts) >= buffer_sentences:
                yield from self._flush(pending, texts, contexts)
                pending, texts, contexts = [], [], []
        if pending:
            yield from self._flush(pending, texts, contexts)

    def _flush(self, pending: list[_Pending], texts: list[str], contexts: list[Context]) -> Iterator[ArticleScore]:
        probabilities = self.predict_proba(texts, contexts) if texts else np.zeros((0, len(LABELS)))
        for item in pending:
            rows = probabilities[item.first : item.first + len(item.spans)]
            sentences = []
            for index, (span, row) in enumerate(zip(item.spans, rows)):
                label = ID2LABEL[int(row.argmax())]
                sentences.append(SentenceScore(
                    index=index, start=span.start, end=span.end, text=span.text, label=label,
                    probabilities={name: round(float(p), 5) for name, p in zip(LABELS, row)},
                    speaker=find_speaker(span.text) if label == "attributed_quote" else None,
                ))
            article = item.article
            yield ArticleScore(article_id=article.article_id, source=article.source, sentences=sentences,
                               title=article.title, event=article.event, date=article.date, text=article.text)
