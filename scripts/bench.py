#!/usr/bin/env python
"""Benchmark framelens' scoring path against the naive transformers pipeline, in one run.

Same trained model, same workload (real articles from the unlabelled AllSides corpus under
../shared/data when present, else the authored corpus), same process:
- naive: `transformers.pipeline("text-classification")`, fp32, batch 32, sentences in input order;
- framelens: `FramingClassifier.score_articles` with its defaults (what `framelens score` runs).
Reports sentences/s of each, the speedup, peak RSS, macro-F1 of both on gold-dev, and
(unless --skip-training) training throughput bf16 vs fp32 and the default config's wall time.

    python scripts/bench.py --json out.json
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from model.io import Article  # noqa: E402
from model.labels import LABEL2ID  # noqa: E402
from model.segment import joined_article, neighbour_context, neighbours, reading_sentences, split_sentences  # noqa: E402


def allsides_articles(data_root: Path, limit: int) -> list[Article]:
    folder = data_root / "corpora" / "article_bias_prediction" / "data" / "jsons"
    articles = []
    for path in sorted(folder.glob("*.json"))[:limit]:
        record = json.loads(path.read_text(encoding="utf-8"))
        text = record.get("content_original") or ""
        if text.strip():
            articles.append(Article(article_id=record["ID"], text=text, source=record.get("source") or "unknown"))
    return articles


def authored_articles(limit: int) -> list[Article]:
    from training.corpora.authored import load

    return [Article(article_id=a.article_id, text=joined_article(a.sentences)[0], source=a.source)
            for a in load(REPO / "training" / "data" / "authored")][:limit]


def workload(data_root: Path, limit: int) -> tuple[str, list[Article]]:
    articles = allsides_articles(data_root, limit)
    if len(articles) >= min(limit, 300):
        return "allsides (../shared/data/corpora/article_bias_prediction)", articles
    return "authored corpus", authored_articles(limit)


def peak_rss_mb() -> float:
    """This process's peak resident set size. VmHWM, not ru_maxrss: a child's ru_maxrss starts
    at its parent's size at fork (it survives exec), which made every probe report the bench's own peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def naive_inputs(sentences: list[str], window: int) -> list:
    if window == 0:
        return sentences
    return [{"text": s, "text_pair": neighbour_context(sentences, i, window)} for i, s in enumerate(sentences)]


def run_naive(model_dir: str, articles: list[Article], window: int, max_length: int) -> tuple[float, int]:
    import torch
    from transformers import pipeline

    classify = pipeline("text-classification", model=model_dir, device=-1, dtype=torch.float32)
    started = time.perf_counter()
    count = 0
    for article in articles:  # sentences in input order, article by article
        sentences = reading_sentences(article.text, [(span.start, span.end) for span in split_sentences(article.text)])
        if sentences:
            classify(naive_inputs(sentences, window), batch_size=32, truncation=True, max_length=max_length)
        count += len(sentences)
    return time.perf_counter() - started, count


def run_framelens(model_dir: str, articles: list[Article], **options) -> tuple[float, int]:
    from model import FramingClassifier

    classifier = FramingClassifier.from_pretrained(model_dir, **options)
    started = time.perf_counter()
    count = sum(len(score.sentences) for score in classifier.score_articles(articles))
    return time.perf_counter() - started, count


def gold_inputs(gold: Path, window: int, as_text: bool):
    """Gold sentences, their contexts and label ids; contexts as one "before | after" string
    for the plain pipeline (`as_text`), else as framelens' (before, after) neighbours."""
    from model.evaluation import read_gold

    context_of = neighbour_context if as_text else neighbours
    texts, contexts, references = [], [], []
    for article in read_gold(gold):
        read = reading_sentences(article.text, article.spans)
        for index, sentence in enumerate(read):
            texts.append(sentence)
            contexts.append(context_of(read, index, window))
            references.append(LABEL2ID[article.labels[index]])
    return texts, contexts, np.array(references)


def f1_naive(model_dir: str, gold: Path, window: int, max_length: int) -> float:
    import torch
    from transformers import pipeline

    from model.metrics import classification_metrics

    texts, contexts, references = gold_inputs(gold, window, as_text=True)
    classify = pipeline("text-classification", model=model_dir, device=-1, dtype=torch.float32)
    inputs = [{"text": t, "text_pair": c} for t, c in zip(texts, contexts)] if window else texts
    outputs = classify(inputs, batch_size=32, truncation=True, max_length=max_length)
    predicted = [LABEL2ID[o["label"]] for o in outputs]
    return classification_metrics(references, predicted)["macro_f1"]


def f1_framelens(model_dir: str, gold: Path, **options) -> float:
    from model import FramingClassifier
    from model.metrics import classification_metrics

    classifier = FramingClassifier.from_pretrained(model_dir, **options)
    texts, contexts, references = gold_inputs(gold, classifier.context_window, as_text=False)
    return classification_metrics(references, classifier.predict_proba(texts, contexts).argmax(axis=1))["macro_f1"]


def memory_probe(model_dir: str, data_root: Path, count: int) -> float:
    """Peak RSS (MB) of a fresh process scoring `count` articles with framelens' defaults."""
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from scripts.bench import peak_rss_mb, workload\n"
        "from model import FramingClassifier\n"
        "from pathlib import Path\n"
        "_, articles = workload(Path(%r), %d)\n"
        "c = FramingClassifier.from_pretrained(%r)\n"
        "for _ in c.score_articles(iter(articles)): pass\n"
        "print(peak_rss_mb())\n"
    ) % (str(REPO), str(data_root), count, model_dir)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def training_figures(config_path: Path, fp32_epochs: float) -> dict:
    """Wall time of the default config as shipped, and training throughput against fp32."""
    from training.config import load_config
    from training.train import train

    figures = {}
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        default_dir = train(load_config(config_path), Path(scratch) / "default")
        figures["train_seconds"] = round(time.perf_counter() - started, 1)
        default_metrics = json.loads((default_dir / "metrics.json").read_text())
        figures["train_sps_default"] = default_metrics["train_samples_per_second"]
        figures["train_bf16"] = default_metrics["bf16"]
        fp32 = load_config(config_path, [f"training.epochs={fp32_epochs}", "training.precision=fp32", "training.baseline=false"])
        fp32_dir = train(fp32, Path(scratch) / "fp32")
        figures["train_sps_fp32"] = json.loads((fp32_dir / "metrics.json").read_text())["train_samples_per_second"]
    figures["train_speedup"] = round(figures["train_sps_default"] / figures["train_sps_fp32"], 2)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(REPO / "models" / "default"), help="trained model directory (trained with configs/default.yaml if missing)")
    parser.add_argument("--data-root", default=str(REPO.parent / "shared" / "data"), help="../shared/data")
    parser.add_argument("--articles", type=int, default=300, help="articles in the scoring workload (default 300)")
    parser.add_argument("--memory-sizes", default="100,1000", help="article counts for the peak-RSS probe ('' to skip)")
    parser.add_argument("--skip-training", action="store_true", help="skip the training figures")
    parser.add_argument("--fp32-epochs", type=float, default=0.25, help="epochs of the fp32 throughput run (default 0.25)")
    parser.add_argument("--json", help="write the figures to this JSON file")
    args = parser.parse_args(argv)

    data_root = Path(args.data_root)
    config_path = REPO / "configs" / "default.yaml"
    if not (Path(args.model) / "model.safetensors").is_file():
        from training.config import load_config
        from training.train import train

        train(load_config(config_path), args.model)
    from model import FramingClassifier

    probe = FramingClassifier.from_pretrained(args.model)
    window, precision, scoring_max_length = probe.context_window, probe.precision, probe.max_length
    # The naive pipeline reads inputs as the model was trained on them; framelens may cut
    # the context shorter when scoring (framelens_inference_max_length), and f1_drop shows the cost.
    max_length = int(getattr(probe.model.config, "framelens_max_length", scoring_max_length))
    del probe
    name, articles = workload(data_root, args.articles)
    print(f"workload: {len(articles)} articles from the {name}", file=sys.stderr)

    naive_seconds, sentences = run_naive(args.model, articles, window, max_length)
    print(f"naive pipeline: {sentences} sentences in {naive_seconds:.1f}s", file=sys.stderr)
    framelens_seconds, framelens_sentences = run_framelens(args.model, articles)
    print(f"framelens: {framelens_sentences} sentences in {framelens_seconds:.1f}s ({precision})", file=sys.stderr)
    figures = {
        "workload": name,
        "articles": len(articles),
        "sentences": sentences,
        "framelens_precision": precision,
        "naive_max_length": max_length,
        "framelens_max_length": scoring_max_length,
        "naive_seconds": round(naive_seconds, 2),
        "framelens_seconds": round(framelens_seconds, 2),
        "naive_sps": round(sentences / naive_seconds, 1),
        "framelens_sps": round(framelens_sentences / framelens_seconds, 1),
    }
    figures["speedup"] = round(figures["framelens_sps"] / figures["naive_sps"], 2)
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)

    gold = data_root / "gold-dev" / "gold-dev.jsonl"
    if gold.is_file():
        figures["naive_f1"] = round(f1_naive(args.model, gold, window, max_length), 4)
        figures["framelens_f1"] = round(f1_framelens(args.model, gold), 4)
        figures["f1_drop"] = round(figures["naive_f1"] - figures["framelens_f1"], 4)
    else:
        figures["f1_drop"] = None
    for size in filter(None, args.memory_sizes.split(",")):
        figures[f"peak_rss_mb_{int(size)}_articles"] = round(memory_probe(args.model, data_root, int(size)), 1)
    if not args.skip_training:
        figures.update(training_figures(config_path, args.fp32_epochs))

    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        from model.io import write_text_atomic

        write_text_atomic(args.json, text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
