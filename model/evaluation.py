"""Gold-set evaluation behind `framelens evaluate`.

Gold files are article-format JSONL (`{article_id, source, text, sentences: [{i, start, end,
text, label}]}`). Reported: sentence-level metrics on the gold sentences (with the gold
neighbours as context), end-to-end metrics on framelens' own segmentation (each predicted
sentence aligned to the gold sentence it overlaps most), per-source profile error, expected
calibration error, the most confident mistakes, segmentation boundary F1, and the rule and
TF-IDF baselines on the same sentences.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .baselines import RuleBaseline, TfidfBaseline
from .io import Article, json_objects
from .labels import LABEL2ID, LABELS
from .metrics import classification_metrics
from .segment import neighbours, reading_sentences

# Ten equal-width confidence bins: the usual ECE resolution for ~1,000 predictions.
CALIBRATION_BINS = 10
MISTAKES_PER_CLASS = 20


class GoldError(ValueError):
    pass


@dataclass
class GoldArticle:
    article_id: str
    source: str
    text: str
    spans: list[tuple[int, int]]
    sentences: list[str]
    labels: list[str]
    event: str | None = None
    title: str | None = None


def read_gold(path: str | Path) -> list[GoldArticle]:
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise GoldError(f"{path}: no gold JSONL file found")
    articles = []
    for file in files:
        for number, row in json_objects(file.read_text(encoding="utf-8"), file, GoldError):
            try:
                sentences = row["sentences"]
                labels = [s["label"] for s in sentences]
                bad = [label for label in labels if label not in LABEL2ID]
                if bad:
                    raise GoldError(f"{file}:{number}: unknown label {bad[0]!r}")
                articles.append(GoldArticle(
                    article_id=str(row["article_id"]), source=str(row.get("source") or "unknown"),
                    text=row["text"], spans=[(s["start"], s["end"]) for s in sentences],
                    sentences=[s["text"] for s in sentences], labels=labels,
                    event=row.get("event"), title=row.get("title"),
                ))
            except (KeyError, TypeError) as error:
                raise GoldError(f"{file}:{number}: not a gold article ({type(error).__name__}: {error})") from None
    return articles


def expected_calibration_error(probabilities: np.ndarray, references: np.ndarray, bins: int = CALIBRATION_BINS) -> float:
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == references
    edges = np.linspace(0, 1, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            error += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(error)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def align_to_gold(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[int | None]:
    """For each predicted span, the index of the gold span it overlaps most (None if none)."""
    aligned = []
    for span in predicted:
        overlaps = [_overlap(span, g) for g in gold]
        best = int(np.argmax(overlaps)) if overlaps else 0
        aligned.append(best if overlaps and overlaps[best] > 0 else None)
    return aligned


def boundary_scores(articles: list[GoldArticle], predicted_spans: list[list[tuple[int, int]]]) -> dict:
    """Precision, recall and F1 of sentence end offsets (framelens' splitter against gold)."""
    true_positive = predicted_total = gold_total = 0
    for article, spans in zip(articles, predicted_spans, strict=True):
        gold_ends = {end for _, end in article.spans}
        predicted_ends = {end for _, end in spans}
        true_positive += len(gold_ends & predicted_ends)
        predicted_total += len(predicted_ends)
        gold_total += len(gold_ends)
    precision = true_positive / predicted_total if predicted_total else 0.0
    recall = true_positive / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold_sentences": gold_total, "predicted_sentences": predicted_total}


def _shares(label_ids: list[int]) -> np.ndarray:
    return np.bincount(label_ids, minlength=len(LABELS)) / max(1, len(label_ids))


def profile_error(gold: dict[str, list[int]], predicted: dict[str, list[int]]) -> dict:
    """Per source: mean absolute difference between predicted and gold label shares."""
    per_source = {
        source: float(np.abs(_shares(predicted.get(source, [])) - _shares(gold[source])).mean())
        for source in sorted(gold)
    }
    return {"mean": float(np.mean(list(per_source.values()))) if per_source else 0.0,
            "max": max(per_source.values(), default=0.0), "per_source": per_source}


def _mistakes(articles_rows: list[tuple[str, str]], probabilities: np.ndarray, references: np.ndarray) -> dict:
    predicted = probabilities.argmax(axis=1)
    mistakes = {}
    for gold_id, label in enumerate(LABELS):
        wrong = np.where((references == gold_id) & (predicted != gold_id))[0]
        wrong = wrong[np.argsort(-probabilities[wrong].max(axis=1))][:MISTAKES_PER_CLASS]
        mistakes[label] = [
            {"article_id": articles_rows[i][0], "text": articles_rows[i][1], "predicted": LABELS[predicted[i]],
             "probability": round(float(probabilities[i].max()), 4)}
            for i in wrong
        ]
    return mistakes


def evaluate_gold(classifier, gold_path: str | Path, model_dir: str | Path | None = None) -> dict:
    articles = read_gold(gold_path)
    texts, contexts, references, where, sources = [], [], [], [], []
    for article in articles:
        read = reading_sentences(article.text, article.spans)
        for index, sentence in enumerate(article.sentences):
            texts.append(read[index])
            contexts.append(neighbours(read, index, classifier.context_window))
            references.append(LABEL2ID[article.labels[index]])
            where.append((article.article_id, sentence))
            sources.append(article.source)
    references = np.array(references)
    probabilities = classifier.predict_proba(texts, contexts)
    predicted = probabilities.argmax(axis=1)

    # End to end: framelens' own segmentation, aligned to gold spans by character overlap.
    end_gold, end_predicted, predicted_spans = [], [], []
    gold_by_source: dict[str, list[int]] = defaultdict(list)
    predicted_by_source: dict[str, list[int]] = defaultdict(list)
    scored = classifier.score_articles(
        Article(article_id=a.article_id, text=a.text, source=a.source, event=a.event, title=a.title) for a in articles
    )
    for article, score in zip(articles, scored):
        gold_by_source[article.source].extend(LABEL2ID[label] for label in article.labels)
        predicted_spans.append([(s.start, s.end) for s in score.sentences])
        alignment = align_to_gold(predicted_spans[-1], article.spans)
        for sentence, gold_index in zip(score.sentences, alignment):
            predicted_by_source[article.source].append(LABEL2ID[sentence.label])
            if gold_index is not None:
                end_gold.append(LABEL2ID[article.labels[gold_index]])
                end_predicted.append(LABEL2ID[sentence.label])

    sentence_by_source: dict[str, list[int]] = defaultdict(list)
    for source, label_id in zip(sources, predicted):
        sentence_by_source[source].append(int(label_id))

    report = {
        "gold": str(gold_path),
        "articles": len(articles),
        "sentences": len(texts),
        "sources": len(gold_by_source),
        "model": {"precision": classifier.precision, "context_window": classifier.context_window,
                  "max_length": classifier.max_length},
        "sentence_level": classification_metrics(references, predicted),
        "end_to_end": classification_metrics(end_gold, end_predicted),
        "profile_error": profile_error(gold_by_source, predicted_by_source),
        "profile_error_gold_sentences": profile_error(gold_by_source, sentence_by_source),
        "calibration_ece": expected_calibration_error(probabilities, references),
        "segmentation": boundary_scores(articles, predicted_spans),
        "baselines": {"rule": classification_metrics(references, [LABEL2ID[x] for x in RuleBaseline().predict(texts)])},
        "confident_mistakes": _mistakes(where, probabilities, references),
    }
    if model_dir is not None and TfidfBaseline.exists(model_dir):
        tfidf = TfidfBaseline.load(model_dir)
        report["baselines"]["tfidf"] = classification_metrics(references, tfidf.predict_proba(texts).argmax(axis=1))
    model_f1 = report["sentence_level"]["macro_f1"]
    report["margins"] = {name: model_f1 - metrics["macro_f1"] for name, metrics in report["baselines"].items()}
    return report


def format_report(report: dict) -> str:
    """A readable summary of `evaluate_gold`'s report."""
    lines = [f"gold: {report['gold']} ({report['articles']} articles, {report['sentences']} sentences, {report['sources']} sources)"]
    model = report["model"]
    lines.append(f"model: {model['precision']}, {model['context_window']} neighbour(s) each side, {model['max_length']} tokens per input")
    header = f"{'':24}{'accuracy':>10}{'macro-F1':>10}" + "".join(f"{label[:10]:>12}" for label in LABELS)
    lines.append(header)
    rows = [("model (gold sentences)", report["sentence_level"]), ("model (end to end)", report["end_to_end"])]
    rows += [(f"baseline: {name}", metrics) for name, metrics in report["baselines"].items()]
    for name, metrics in rows:
        lines.append(f"{name:24}{metrics['accuracy']:>10.3f}{metrics['macro_f1']:>10.3f}"
                     + "".join(f"{metrics[f'{label}_f1']:>12.3f}" for label in LABELS))
    lines.append("(per-label columns are F1)")
    lines.append("confusion matrix, gold sentences (rows gold, columns predicted; " + ", ".join(LABELS) + "):")
    for label, row in zip(LABELS, report["sentence_level"]["confusion_matrix"]):
        lines.append(f"  {label:20}" + "".join(f"{n:>7}" for n in row))
    error = report["profile_error"]
    lines.append(f"profile share error (end to end): mean {error['mean']:.3f}, worst {error['max']:.3f}")
    for source, value in error["per_source"].items():
        lines.append(f"  {source:24}{value:.3f}")
    lines.append(f"calibration ECE: {report['calibration_ece']:.3f}")
    seg = report["segmentation"]
    lines.append(f"segmentation boundary F1: {seg['f1']:.3f} (P {seg['precision']:.3f}, R {seg['recall']:.3f})")
    lines.append("margin over baselines (macro-F1): " + ", ".join(f"{k} {v:+.3f}" for k, v in report["margins"].items()))
    return "\n".join(lines)
