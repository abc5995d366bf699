"""The `framelens` command: score | evaluate | report. Each subcommand parses its arguments
and calls one plain function; training is `python scripts/train.py`."""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .io import Article, InputError, InputWarning, atomic_open, read_inputs, write_json_atomic, write_text_atomic
from .labels import LABELS
from .profiles import SourceProfile, build_profiles
from .report import ReportError, chart_path, write_report
from .scores import ArticleScore

OUTPUT_FILES = ("sentences.jsonl", "articles.jsonl", "profiles.json", "profiles.csv", "profiles.md")
REPORT_NAME = "report.html"
MAX_LENGTH_HELP = ("tokens per input; the neighbour context loses its far ends first "
                   "(default: the model's framelens_inference_max_length, else its training max_length)")
EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem with the command as given (model, output folder): exit 2, nothing scored."""


@dataclass
class ScoreSummary:
    out_dir: Path
    articles: int = 0
    sentences: int = 0
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)
    profiles: dict[str, SourceProfile] = field(default_factory=dict)


def prepare_output_dir(out_dir: Path, overwrite: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: output path exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not overwrite:
        raise UsageError(f"{out_dir}: output folder exists and is not empty; pass --overwrite to replace its files")
    report = out_dir / REPORT_NAME
    for path in [out_dir / name for name in OUTPUT_FILES] + [report, chart_path(report)]:
        with contextlib.suppress(FileNotFoundError):  # an earlier run's files never mix with this run's
            path.unlink()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".framelens-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as error:
        raise UsageError(f"{out_dir}: output folder is not writable ({error.strerror})") from None


def score_to_directory(inputs: Sequence[str], model_dir: str, out_dir: str, source: str | None = None,
                       overwrite: bool = False, precision: str = "auto", batch_size: int | None = None,
                       top_k: int = 5, progress: bool = True, html: bool = False,
                       max_length: int | None = None) -> ScoreSummary:
    """Score every readable article under `inputs`; write the five outputs atomically."""
    from .classifier import DEFAULT_BATCH_SIZE, FramingClassifier, ModelLoadError

    out = Path(out_dir)
    try:
        classifier = FramingClassifier.from_pretrained(model_dir, precision=precision, max_length=max_length,
                                                       batch_size=batch_size or DEFAULT_BATCH_SIZE)
    except (ModelLoadError, ValueError) as error:  # ValueError: an option the model cannot take
        raise UsageError(str(error)) from None
    prepare_output_dir(out, overwrite)
    summary = ScoreSummary(out)

    def articles() -> Iterable[Article]:
        for item in read_inputs(inputs, source=source):
            if isinstance(item, Article):
                yield item
            elif isinstance(item, InputWarning):
                summary.warnings.append(item)
                print(str(item), file=sys.stderr)
            else:
                summary.errors.append(item)
                print(f"error: {item}", file=sys.stderr)

    scores: list[ArticleScore] = []
    with atomic_open(out / "sentences.jsonl") as sentences_file, atomic_open(out / "articles.jsonl") as articles_file:
        stream = classifier.score_articles(articles())
        if progress:
            from tqdm import tqdm

            stream = tqdm(stream, desc="scoring", unit=" articles", file=sys.stderr)
        for score in stream:
            for sentence in score.sentences:
                record = {"article_id": score.article_id, "source": score.source, **sentence.to_dict()}
                sentences_file.write(json.dumps(record, ensure_ascii=False) + "\n")
            articles_file.write(json.dumps(score.to_dict(), ensure_ascii=False) + "\n")
            summary.articles += 1
            summary.sentences += len(score.sentences)
            score.text = ""  # profiles need labels and sentences, not the full text
            scores.append(score)
    summary.profiles = build_profiles(scores, top_k=top_k)
    write_profiles(out, summary.profiles, summary)
    if html:
        write_report(out, out / REPORT_NAME)
    return summary


def write_profiles(out: Path, profiles: dict[str, SourceProfile], summary: ScoreSummary) -> None:
    payload = {
        "labels": list(LABELS),
        "articles": summary.articles,
        "sentences": summary.sentences,
        "failed_inputs": [str(error) for error in summary.errors],
        "profiles": {source: profile.to_dict() for source, profile in profiles.items()},
    }
    write_json_atomic(out / "profiles.json", payload)
    write_text_atomic(out / "profiles.csv", profiles_csv(profiles))
    write_text_atomic(out / "profiles.md", profiles_markdown(profiles))


def profiles_csv(profiles: dict[str, SourceProfile]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["source", "articles", "sentences"]
    header += [f"share_{label}" for label in LABELS]
    header += [f"article_share_{label}{suffix}" for label in LABELS for suffix in ("", "_low", "_high")]
    header += [f"mean_probability_{label}" for label in LABELS]
    header += ["quotes", "unnamed_quote_share", "top_speakers"]
    writer.writerow(header)
    for profile in profiles.values():
        row = [profile.source, profile.articles, profile.sentences]
        row += [profile.label_shares[label] for label in LABELS]
        for label in LABELS:
            interval = profile.article_shares[label]
            row += [interval.estimate, interval.low, interval.high]
        row += [profile.mean_probability[label] for label in LABELS]
        row += [profile.quotes, "" if profile.unnamed_quote_share is None else profile.unnamed_quote_share,
                "; ".join(f"{name} ({n})" for name, n in profile.top_speakers)]
        writer.writerow(row)
    return buffer.getvalue()


def profiles_markdown(profiles: dict[str, SourceProfile]) -> str:
    short = {"neutral_reporting": "neutral", "attributed_quote": "quote", "editorial_framing": "editorial"}
    lines = [
        "| source | articles | sentences | " + " | ".join(f"{short[label]} share (95% CI)" for label in LABELS) + " | top speakers |",
        "| --- | ---: | ---: | " + " | ".join("---:" for _ in LABELS) + " | --- |",
    ]
    for profile in profiles.values():
        cells = []
        for label in LABELS:
            interval = profile.article_shares[label]
            cells.append(f"{interval.estimate:.2f} ({interval.low:.2f}–{interval.high:.2f})")
        speakers = ", ".join(f"{name} ({n})" for name, n in profile.top_speakers[:3]) or "–"
        lines.append(f"| {profile.source} | {profile.articles} | {profile.sentences} | " + " | ".join(cells) + f" | {speakers} |")
    differences = [(p.source, d) for p in profiles.values() for d in p.event_differences]
    if differences:
        lines += ["", "Same-event differences (this source minus the others, article-averaged share, 95% CI):", "",
                  "| event | source | vs | " + " | ".join(short[label] for label in LABELS) + " |",
                  "| --- | --- | --- | " + " | ".join("---:" for _ in LABELS) + " |"]
        for source, difference in differences:
            cells = [f"{d.estimate:+.2f} ({d.low:+.2f}–{d.high:+.2f})" for d in (difference.share_difference[label] for label in LABELS)]
            lines.append(f"| {difference.event} | {source} | {', '.join(difference.other_sources)} | " + " | ".join(cells) + " |")
    editorial = [(p.source, s) for p in profiles.values() for s in p.top_editorial[:3]]
    if editorial:
        lines += ["", "Most editorial sentences:", ""]
        lines += [f"- **{source}** ({s.probability:.2f}): {s.text}" for source, s in editorial]
    return "\n".join(lines) + "\n"


def evaluate_command(model_dir: str, gold: str, as_json: bool, precision: str = "auto", out: str | None = None,
                     max_length: int | None = None) -> str:
    from .classifier import FramingClassifier, ModelLoadError
    from .evaluation import GoldError, evaluate_gold, format_report

    try:
        classifier = FramingClassifier.from_pretrained(model_dir, precision=precision, max_length=max_length)
    except (ModelLoadError, ValueError) as error:  # ValueError: an option the model cannot take
        raise UsageError(str(error)) from None
    try:
        report = evaluate_gold(classifier, gold, model_dir=model_dir)
    except GoldError as error:
        raise UsageError(str(error)) from None
    if out:
        write_json_atomic(out, report)
    return json.dumps(report, indent=2) if as_json else format_report(report)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framelens",
        description="How does each outlet frame the news? Label every sentence as neutral_reporting, "
                    "attributed_quote or editorial_framing, and build a framing profile per source.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    score = commands.add_parser(
        "score", help="score articles into per-source profiles",
        description="Score articles: label every sentence, then write sentences.jsonl, articles.jsonl, "
                    "profiles.json, profiles.csv and profiles.md to --out. INPUT is a .txt file, a .jsonl file "
                    "(one article per line: id, source, text, optional title, event, date) or a folder of them. "
                    "A .txt takes its source, event and title from a manifest.jsonl beside it "
                    "({\"file\", \"source\", \"event\", \"title\"} per line), else --source, else 'unknown'. "
                    "Bad inputs are reported one per line and skipped; the exit status is 1 if any input failed.",
    )
    score.add_argument("inputs", nargs="+", metavar="INPUT", help="article files or folders")
    score.add_argument("--model", required=True, help="model directory written by scripts/train.py")
    score.add_argument("--out", required=True, help="output folder (refused if it exists and is not empty, unless --overwrite)")
    score.add_argument("--source", help="source (outlet) for .txt files without a manifest entry")
    score.add_argument("--overwrite", action="store_true", help="replace the outputs in an existing --out folder")
    score.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto",
                       help="inference precision; auto uses bf16 where the CPU/GPU supports it (default: auto)")
    score.add_argument("--batch-size", type=_positive_int, help="sentences per forward pass (default: 32)")
    score.add_argument("--max-length", type=_positive_int, help=MAX_LENGTH_HELP)
    score.add_argument("--top-k", type=int, default=5, help="most editorial sentences and top speakers kept per source (default: 5)")
    score.add_argument("--html", action="store_true", help="also write report.html (see `framelens report`)")
    score.add_argument("--quiet", action="store_true", help="no progress bar")

    evaluate = commands.add_parser(
        "evaluate", help="measure a model on a gold set",
        description="Evaluate a model on gold articles (JSONL, one article per line with sentences [i, start, end, "
                    "text, label]): accuracy, macro-F1, per-class P/R/F1 and confusion matrix on the gold sentences "
                    "and end to end, per-source profile error, calibration, baselines and confident mistakes.",
    )
    evaluate.add_argument("--model", required=True, help="model directory")
    evaluate.add_argument("--gold", required=True, help="gold JSONL file or folder of them")
    evaluate.add_argument("--json", action="store_true", help="print the full report as JSON")
    evaluate.add_argument("--out", help="also write the JSON report to this file")
    evaluate.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto", help="inference precision")
    evaluate.add_argument("--max-length", type=_positive_int, help=MAX_LENGTH_HELP)

    report = commands.add_parser(
        "report", help="render scoring results as one self-contained HTML file",
        description="Render the outputs of `framelens score` (RESULTS folder) as one HTML file with charts, "
                    "profiles, quoted speakers and every article coloured by label; PNG charts are saved beside it.",
    )
    report.add_argument("results", help="folder written by `framelens score`")
    report.add_argument("--out", required=True, help="HTML file to write")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # weight-loading bars are noise beside our own
    try:
        if args.command == "score":
            summary = score_to_directory(
                args.inputs, args.model, args.out, source=args.source, overwrite=args.overwrite,
                precision=args.precision, batch_size=args.batch_size, top_k=args.top_k,
                progress=not args.quiet, html=args.html, max_length=args.max_length,
            )
            print(profiles_markdown(summary.profiles))
            print(f"scored {summary.articles} article(s), {summary.sentences} sentence(s) into {summary.out_dir}", file=sys.stderr)
            if summary.errors:
                print(f"{len(summary.errors)} input(s) failed:", file=sys.stderr)
                for error in summary.errors:
                    print(f"  {error}", file=sys.stderr)
                return EXIT_INPUT_ERRORS
            return EXIT_OK
        if args.command == "evaluate":
            print(evaluate_command(args.model, args.gold, args.json, args.precision, args.out, args.max_length))
            return EXIT_OK
        if args.command == "report":
            try:
                path = write_report(Path(args.results), Path(args.out))
            except ReportError as error:
                raise UsageError(str(error)) from None
            print(f"report written to {path}", file=sys.stderr)
            return EXIT_OK
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted: each output file in place is complete, the one being written was discarded", file=sys.stderr)
        return 130
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
