#!/usr/bin/env python
"""Accuracy of `model.speakers.find_speaker` against the hand-annotated speaker gold.

The gold file (training/data/speaker_gold/gold-dev-speakers.jsonl) stores only ids and
annotations; the sentence text is joined from gold-dev at run time.

Figures, over the items whose gold speaker is written in the sentence (pronouns included):
- exact: the speaker as written, case-insensitive, ignoring surrounding punctuation and a
  leading "the";
- lenient: the head (last word) matches;
- named: `is_named` of the prediction after in-article resolution (`article_speakers` over
  all of the article's sentences with their gold labels, as the profiles do) equals the gold
  `named` flag; a missing prediction counts as wrong;
- null rate: no speaker found although one is written;
- resolved: the head of the resolved prediction matches the gold `resolved` head;
and over the continuation items (no speaker written): the share where None is returned, and
the share whose resolved prediction (the speaker carried over from the quote sentence before,
`article_speakers`) has the gold `resolved` head (None for None).

    python scripts/speaker_accuracy.py [--gold-dev PATH] [--speakers PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from model.speakers import article_speakers, find_speaker, is_named, resolve_article_speakers  # noqa: E402

DEFAULT_GOLD_DEV = REPO.parent / "shared" / "data" / "gold-dev" / "gold-dev.jsonl"
DEFAULT_SPEAKERS = REPO / "training" / "data" / "speaker_gold" / "gold-dev-speakers.jsonl"
PRONOUNS = {"he", "she", "they", "we", "i", "it"}


def normalise(phrase: str | None) -> str | None:
    if phrase is None:
        return None
    text = " ".join(phrase.replace("’", "'").replace("‘", "'").split()).lower()
    text = text.strip(" \t,.;:!?\"“”'()[]—–-")
    text = re.sub(r"^the\s+", "", text)
    return text or None


def head(phrase: str | None) -> str | None:
    text = normalise(phrase)
    if not text:
        return None
    word = text.split()[-1].strip(".,;:'\"")
    return re.sub(r"'s?$", "", word)


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(gold_dev: Path, speakers: Path) -> dict:
    articles = {a["article_id"]: a for a in load_jsonl(gold_dev)}
    gold = load_jsonl(speakers)

    # Predictions for every gold quote sentence of the articles involved, then resolved in
    # article order exactly as model/profiles.py does.
    resolved_pred: dict[tuple[str, int], str | None] = {}
    raw_pred: dict[tuple[str, int], str | None] = {}
    for article_id in {g["article_id"] for g in gold}:
        sentences = articles[article_id]["sentences"]
        labels = [s["label"] for s in sentences]
        written = [find_speaker(s["text"]) if label == "attributed_quote" else None for s, label in zip(sentences, labels)]
        resolved_all = article_speakers(labels, [s["text"] for s in sentences], written)
        quotes = [(s, speaker) for s, speaker, label in zip(sentences, written, labels) if label == "attributed_quote"]
        for (sentence, speaker), resolved in zip(quotes, resolved_all, strict=True):
            raw_pred[(article_id, sentence["i"])] = speaker
            resolved_pred[(article_id, sentence["i"])] = resolved

    rows = []
    for item in gold:
        key = (item["article_id"], item["i"])
        sentence = articles[item["article_id"]]["sentences"][item["i"]]
        if key not in raw_pred:  # the gold label changed: score the sentence on its own
            raw_pred[key] = find_speaker(sentence["text"])
            resolved_pred[key] = resolve_article_speakers([raw_pred[key]])[0]
        pred, resolved = raw_pred[key], resolved_pred[key]
        written = item["speaker"] is not None
        row = {
            **item,
            "text": sentence["text"],
            "pred": pred,
            "pred_resolved": resolved,
            "written": written,
            "exact": normalise(pred) == normalise(item["speaker"]),
            "lenient": head(pred) == head(item["speaker"]),
            "null": written and pred is None,
            "named_ok": written and pred is not None and resolved is not None and is_named(resolved) == item["named"],
            "resolved_ok": written and item["resolved"] is not None and head(resolved) == head(item["resolved"]),
            "continuation_ok": not written and head(resolved) == head(item["resolved"]),
        }
        rows.append(row)

    with_speaker = [r for r in rows if r["written"]]
    continuation = [r for r in rows if not r["written"]]
    pronoun = [r for r in with_speaker if r["speaker"].lower() in PRONOUNS]

    def share(items, field):
        return round(sum(1 for r in items if r[field]) / len(items), 4) if items else None

    metrics = {
        "items": len(rows),
        "with_speaker": len(with_speaker),
        "continuation": len(continuation),
        "exact": share(with_speaker, "exact"),
        "lenient": share(with_speaker, "lenient"),
        "named": share(with_speaker, "named_ok"),
        "null_rate": share(with_speaker, "null"),
        "resolved": share(with_speaker, "resolved_ok"),
        "pronoun_resolved": share(pronoun, "resolved_ok"),
        "continuation_none": share(continuation, "exact"),
        "continuation_resolved": share(continuation, "continuation_ok"),
        "exact_all": share(rows, "exact"),
    }
    return {"metrics": metrics, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold-dev", type=Path, default=DEFAULT_GOLD_DEV)
    parser.add_argument("--speakers", type=Path, default=DEFAULT_SPEAKERS)
    parser.add_argument("--json", action="store_true", help="print metrics and misses as JSON")
    args = parser.parse_args(argv)

    result = evaluate(args.gold_dev, args.speakers)
    metrics, rows = result["metrics"], result["rows"]
    misses = [r for r in rows if not r["exact"]]
    if args.json:
        keep = ("article_id", "i", "speaker", "pred", "resolved", "pred_resolved", "named", "lenient")
        print(json.dumps({"metrics": metrics, "misses": [{k: r[k] for k in keep} for r in misses]}, indent=2))
        return 0

    n, c = metrics["with_speaker"], metrics["continuation"]
    table = [
        ("exact (speaker as written)", metrics["exact"], n),
        ("lenient (head word)", metrics["lenient"], n),
        ("named/unnamed (after resolution)", metrics["named"], n),
        ("null rate (none found, one written)", metrics["null_rate"], n),
        ("resolved head (in-article)", metrics["resolved"], n),
        ("  of which pronoun speakers", metrics["pronoun_resolved"], sum(1 for r in rows if r["written"] and r["speaker"].lower() in PRONOUNS)),
        ("continuations left None", metrics["continuation_none"], c),
        ("continuations resolved (carried over)", metrics["continuation_resolved"], c),
        ("exact, all items (None = None)", metrics["exact_all"], metrics["items"]),
    ]
    print(f"{'figure':<40}{'value':>8}{'n':>6}")
    for name, value, count in table:
        print(f"{name:<40}{'-' if value is None else f'{value:.3f}':>8}{count:>6}")
    print(f"\nmisses ({len(misses)}):")
    for r in misses:
        mark = "~" if r["lenient"] else "x"
        text = r["text"] if len(r["text"]) <= 160 else r["text"][:157] + "..."
        print(f" {mark} {r['article_id']}#{r['i']}: gold={r['speaker']!r} pred={r['pred']!r}\n     {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
