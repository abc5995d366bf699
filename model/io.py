"""Reading articles (txt files, folders, JSONL, manifests) and writing outputs atomically.

Every problem with one input becomes an `InputError` (file, line, reason) yielded in the
stream beside the good articles, so a batch never stops for one bad file.
"""

from __future__ import annotations

import codecs
import contextlib
import html
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Iterator

MANIFEST_NAME = "manifest.jsonl"
ARTICLE_SUFFIXES = (".txt", ".jsonl")
UNKNOWN_SOURCE = "unknown"
# Share of decoded characters that may be control characters before a file counts as binary.
MAX_CONTROL_SHARE = 0.01


@dataclass
class Article:
    article_id: str
    text: str
    source: str = UNKNOWN_SOURCE
    title: str | None = None
    event: str | None = None
    date: str | None = None
    origin: str = ""  # file (and line) the article came from, for messages


@dataclass(frozen=True)
class InputError:
    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class InputWarning:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: warning: {self.reason}"


class DecodeError(ValueError):
    pass


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Text of `data` and a warning when it was not plain UTF-8; DecodeError if refused."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), f"decoded as {codec.upper()} (byte-order mark)"
            except UnicodeDecodeError as error:
                raise DecodeError(f"has a {codec.upper()} byte-order mark but is not valid {codec.upper()}: {error.reason}") from None
    if b"\x00" in data:
        raise DecodeError("binary data (NUL bytes), not text")
    note = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        note = "not valid UTF-8; decoded as Windows-1252/Latin-1"
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise DecodeError("binary data (control characters), not text")
    return text, note


_HTML_HINT = re.compile(r"<\s*(html|body|div|p|article|head|script|span|br)\b[^>]*>", re.I)
_HTML_DROP = re.compile(r"<(script|style|head|noscript)\b.*?</\1\s*>", re.I | re.S)
_HTML_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|article|section|tr|title)\b[^>]*>", re.I)
_HTML_TAG = re.compile(r"<[^>]+>")


def json_lines(content: str) -> list[str]:
    """Lines of a JSON Lines text. Only "\n" ends a line: str.splitlines would also split at
    U+2028 and other separators that JSON strings may hold unescaped."""
    return [line.removesuffix("\r") for line in content.split("\n")]


def json_objects(content: str, path: str | os.PathLike, error: type[Exception]) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line of a JSON Lines text; raises `error`
    with "path:line: reason" at the first line that is not a JSON object. (Scoring inputs
    instead report each bad line and go on: `read_jsonl_file`.)"""
    for number, line in enumerate(json_lines(content), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as problem:
            raise error(f"{path}:{number}: malformed JSON ({problem.msg})") from None
        if not isinstance(row, dict):
            raise error(f"{path}:{number}: a line must be a JSON object")
        yield number, row


def looks_like_html(text: str) -> bool:
    return len(_HTML_HINT.findall(text[:20_000])) >= 2


def strip_html(text: str) -> str:
    """Visible text of an HTML page: scripts and styles dropped, block tags become line breaks."""
    text = _HTML_DROP.sub(" ", text)
    text = _HTML_BLOCK.sub("\n\n", text)
    text = html.unescape(_HTML_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def clean_text(text: str) -> tuple[str, list[str]]:
    """Normalised article text and warnings; ValueError when nothing scorable is left."""
    notes = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = strip_html(text)
        notes.append("HTML markup stripped; scored its visible text")
    if not text.strip():
        raise ValueError("empty article (no text, or whitespace only)")
    return text, notes


@dataclass
class _Manifest:
    entries: dict[str, dict] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)


def _read_manifest(folder: Path) -> _Manifest:
    manifest = _Manifest()
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return manifest
    for number, raw in enumerate(json_lines(path.read_text(encoding="utf-8", errors="replace")), 1):
        if not raw.strip():
            continue
        try:
            entry = json.loads(raw)
            name = entry["file"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            manifest.errors.append(InputError(str(path), f"manifest line is not an object with 'file': {error}", number))
            continue
        if not (folder / name).is_file():
            manifest.errors.append(InputError(str(path), f"names {name!r}, which does not exist", number))
            continue
        manifest.entries[name] = entry
    return manifest


def _meta(entry: dict, key: str) -> str | None:
    value = entry.get(key)
    return None if value is None else str(value)


def read_text_file(path: Path, source: str | None, entry: dict | None) -> Iterator[Article | InputError | InputWarning]:
    try:
        data = path.read_bytes()
        text, note = decode_bytes(data)
        text, notes = clean_text(text)
    except (OSError, ValueError) as error:
        yield InputError(str(path), str(error) if not isinstance(error, OSError) else f"cannot read: {error.strerror}")
        return
    for message in ([note] if note else []) + notes:
        yield InputWarning(str(path), message)
    entry = entry or {}
    yield Article(
        article_id=str(entry.get("id") or path.stem),
        text=text,
        source=_meta(entry, "source") or source or UNKNOWN_SOURCE,
        title=_meta(entry, "title"),
        event=_meta(entry, "event"),
        date=_meta(entry, "date"),
        origin=str(path),
    )


def read_jsonl_file(path: Path, source: str | None, seen_ids: set[str]) -> Iterator[Article | InputError | InputWarning]:
    try:
        data = path.read_bytes()
        content, note = decode_bytes(data)
    except (OSError, DecodeError) as error:
        yield InputError(str(path), str(error) if isinstance(error, DecodeError) else f"cannot read: {error.strerror}")
        return
    if note:
        yield InputWarning(str(path), note)
    if not content.strip():
        yield InputError(str(path), "empty file (no JSON lines)")
        return
    for number, raw in enumerate(json_lines(content), 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as error:
            yield InputError(str(path), f"malformed JSON: {error.msg} at column {error.colno}", number)
            continue
        if not isinstance(row, dict):
            yield InputError(str(path), "a line must be a JSON object", number)
            continue
        if "text" not in row:
            yield InputError(str(path), "missing 'text'", number)
            continue
        if not isinstance(row["text"], str):
            yield InputError(str(path), f"'text' must be a string, not {type(row['text']).__name__}", number)
            continue
        article_id = str(row.get("id") or row.get("article_id") or f"{path.stem}:{number}")
        if article_id in seen_ids:
            yield InputError(str(path), f"duplicate id {article_id!r}", number)
            continue
        try:
            text, notes = clean_text(row["text"])
        except ValueError as error:
            yield InputError(str(path), str(error), number)
            continue
        for message in notes:
            yield InputWarning(f"{path}:{number}", message)
        seen_ids.add(article_id)
        yield Article(
            article_id=article_id,
            text=text,
            source=_meta(row, "source") or source or UNKNOWN_SOURCE,
            title=_meta(row, "title"),
            event=_meta(row, "event"),
            date=_meta(row, "date"),
            origin=f"{path}:{number}",
        )


def read_inputs(paths: Iterable[str | os.PathLike], source: str | None = None) -> Iterator[Article | InputError | InputWarning]:
    """Articles from files and folders, in a stable order, with errors and warnings in the
    stream. A `.txt` takes its metadata from the `manifest.jsonl` beside it, else `source`."""
    seen_ids: set[str] = set()
    visited: set[Path] = set()
    manifests: dict[Path, _Manifest] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputError(str(path), "no such file or folder" if not path.is_symlink() else "broken or looping symbolic link")
            continue
        if path.is_dir():
            yield from _read_folder(path, source, seen_ids, visited)
        else:
            if path.parent not in manifests:
                manifests[path.parent] = _read_manifest(path.parent)
            yield from _read_file(path, source, seen_ids, manifests[path.parent])


def _read_file(path: Path, source: str | None, seen_ids: set[str], manifest: _Manifest) -> Iterator:
    if path.name == MANIFEST_NAME:
        yield from manifest.errors
        return
    if path.suffix == ".jsonl":
        yield from read_jsonl_file(path, source, seen_ids)
        return
    entry = manifest.entries.get(path.name)
    article_id = str((entry or {}).get("id") or path.stem)
    if article_id in seen_ids:
        yield InputError(str(path), f"duplicate id {article_id!r}")
        return
    for item in read_text_file(path, source, entry):
        if isinstance(item, Article):
            seen_ids.add(item.article_id)
        yield item


def _read_folder(folder: Path, source: str | None, seen_ids: set[str], visited: set[Path]) -> Iterator:
    try:
        real = folder.resolve(strict=True)
    except (OSError, RuntimeError):
        yield InputError(str(folder), "symbolic link loop")
        return
    if real in visited:
        yield InputError(str(folder), "symbolic link loop (folder already visited)")
        return
    visited.add(real)
    manifest = _read_manifest(folder)
    yield from manifest.errors
    try:
        children = sorted(folder.iterdir())
    except OSError as error:
        yield InputError(str(folder), f"cannot list folder: {error.strerror}")
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_symlink() and not child.exists():
            yield InputError(str(child), "broken or looping symbolic link")
        elif child.is_dir():
            yield from _read_folder(child, source, seen_ids, visited)
        elif child.suffix in ARTICLE_SUFFIXES and child.name != MANIFEST_NAME:
            yield from _read_file(child, source, seen_ids, manifest)


# ---- atomic outputs ----

@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w") -> Iterator[IO]:
    """Write to a temporary file beside `path` and rename it into place on success, so a
    reader sees the previous complete file or the new complete file, never a partial one.
    A missing parent folder is created."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        mode, dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False,
        **({"encoding": "utf-8"} if "b" not in mode else {}),
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o666 & ~_umask())  # tempfile creates 0600; outputs are ordinary files
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    with atomic_open(path) as handle:
        handle.write(text)


def write_json_atomic(path: str | os.PathLike, payload) -> None:
    write_text_atomic(path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
