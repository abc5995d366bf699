#!/usr/bin/env python
"""Build a folder of bad inputs mixed with good articles, run `framelens score` over it, and
check that every good article was scored and every bad input was reported.

    python scripts/torture.py [--model DIR] [--huge-mb 10] [--keep DIR]

Without --model it trains configs/tiny.yaml (a tiny random BERT, seconds). Exit 0 when every
case held; the last line says how many did.
"""

from __future__ import annotations

import argparse
import codecs
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

GOOD = "The council met on Monday. \"We will fix the roads,\" Mayor Ana Ruiz said. It was a shameful display of neglect."


@dataclass
class Case:
    name: str
    expect: str  # "scored": its article must be in the outputs; "error": a line naming it must be on stderr
    article_id: str | None = None  # for "scored"
    needle: str | None = None  # for "error": text the error line must contain


def build(folder: Path, huge_mb: int) -> list[Case]:
    cases = []
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(3):
        (folder / f"good-{i}.txt").write_text(f"Good article {i}. " + GOOD, encoding="utf-8")
        cases.append(Case(f"good txt {i}", "scored", f"good-{i}"))
    (folder / "empty.txt").write_bytes(b"")
    cases.append(Case("empty file", "error", needle="empty.txt: empty article"))
    (folder / "blank.txt").write_text("  \n\t \n", encoding="utf-8")
    cases.append(Case("whitespace only", "error", needle="blank.txt: empty article"))
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    cases.append(Case("binary data with NUL bytes", "error", needle="binary.txt: binary data"))
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners in S\xe3o Paulo protested on Friday.".encode("latin-1"))
    cases.append(Case("Latin-1 text (decoded with a warning)", "scored", "latin1"))
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "The caf\u00e9 closed on Sunday.".encode("utf-16-le"))
    cases.append(Case("UTF-16 with BOM (decoded)", "scored", "utf16"))
    (folder / "broken-utf16.txt").write_bytes(codecs.BOM_UTF16_LE + b"T\x00h\x00e")
    cases.append(Case("UTF-16 BOM with truncated data (refused)", "error", needle="broken-utf16.txt: has a UTF-16 byte-order mark"))
    (folder / "page.txt").write_text("<html><head><style>p{}</style></head><body><p>The bridge reopened.</p><div>Traffic resumed.</div></body></html>", encoding="utf-8")
    cases.append(Case("HTML instead of text (stripped)", "scored", "page"))
    words = ("budget council roads mayor vote plan week city report " * 1000).split()
    line = " ".join(words[i % len(words)] for i in range(huge_mb * 1024 * 1024 // 7))
    (folder / "huge.txt").write_text(line[: huge_mb * 1024 * 1024], encoding="utf-8")
    cases.append(Case(f"{huge_mb} MB single-line article", "scored", "huge"))
    rows = [
        json.dumps({"id": "j-good-1", "source": "Wire", "text": GOOD}),
        "{this is not json",
        json.dumps({"id": "j-no-text", "source": "Wire"}),
        json.dumps({"id": "j-number", "source": "Wire", "text": 12345}),
        json.dumps({"id": "j-good-1", "source": "Wire", "text": "Duplicate of the first id."}),
        json.dumps({"id": "j-good-2", "source": "Wire", "text": GOOD}),
    ]
    (folder / "batch.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    cases += [
        Case("JSONL good line 1", "scored", "j-good-1"),
        Case("JSONL malformed line", "error", needle="batch.jsonl:2: malformed JSON"),
        Case("JSONL missing text", "error", needle="batch.jsonl:3: missing 'text'"),
        Case("JSONL non-string text", "error", needle="batch.jsonl:4: 'text' must be a string"),
        Case("JSONL duplicate id", "error", needle="batch.jsonl:5: duplicate id"),
        Case("JSONL good line 6", "scored", "j-good-2"),
    ]
    sub = folder / "with-manifest"
    sub.mkdir()
    (sub / "listed.txt").write_text(GOOD, encoding="utf-8")
    (sub / "manifest.jsonl").write_text(
        json.dumps({"id": "listed-1", "file": "listed.txt", "source": "Herald"}) + "\n"
        + json.dumps({"id": "ghost", "file": "missing.txt", "source": "Herald"}) + "\n", encoding="utf-8")
    cases += [Case("manifest entry", "scored", "listed-1"),
              Case("manifest naming a missing file", "error", needle="manifest.jsonl:2: names 'missing.txt', which does not exist")]
    (folder / "loop").symlink_to(folder / "loop")
    cases.append(Case("symlink loop", "error", needle="loop: broken or looping symbolic link"))
    return cases


def run(model: str, folder: Path, out: Path, missing: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "model.cli", "score", str(folder), str(missing), "--model", model,
               "--out", str(out), "--quiet", "--source", "Torture Test"]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO)


def check(cases: list[Case], result: subprocess.CompletedProcess, out: Path, missing: Path) -> list[tuple[str, bool]]:
    outcomes = []
    scored = set()
    articles_file = out / "articles.jsonl"
    if articles_file.is_file():
        scored = {json.loads(line)["article_id"] for line in articles_file.read_text().splitlines()}
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    for case in cases:
        if case.expect == "scored":
            outcomes.append((case.name, case.article_id in scored))
        else:
            outcomes.append((case.name, any(case.needle in line for line in errors)))
    outcomes.append(("input path that does not exist", any(f"{missing}: no such file" in line for line in errors)))
    outcomes.append(("exit status 1 after scoring the good inputs", result.returncode == 1))
    outcomes.append(("every output file complete", all((out / name).is_file() for name in
                     ("sentences.jsonl", "articles.jsonl", "profiles.json", "profiles.csv", "profiles.md"))))
    outcomes.append(("no temporary files left", not any(p.name.endswith(".tmp") for p in out.iterdir())))
    outcomes.append(("each error is one line naming its input", all(": " in line for line in errors)))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="model directory (default: train configs/tiny.yaml)")
    parser.add_argument("--huge-mb", type=int, default=10, help="size of the single-line article (default 10 MB)")
    parser.add_argument("--keep", help="build the folder here and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(args.keep or scratch)
        model = args.model
        if model is None:
            from training.config import load_config
            from training.train import train

            config = load_config(REPO / "configs" / "tiny.yaml")
            config.data.sources[0].path = str(REPO / config.data.sources[0].path)
            model = str(train(config, scratch / "tiny-model"))
        folder, out, missing = scratch / "inputs", scratch / "out", scratch / "does-not-exist.txt"
        cases = build(folder, args.huge_mb)
        result = run(model, folder, out, missing)
        outcomes = check(cases, result, out, missing)
    for name, held in outcomes:
        print(f"{'held ' if held else 'FAILED'}  {name}")
    held = sum(ok for _, ok in outcomes)
    print(f"{held} of {len(outcomes)} cases held")
    if held < len(outcomes):
        print(result.stderr[-3000:], file=sys.stderr)
    return 0 if held == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
