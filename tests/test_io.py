import json
import os

import pytest

from model.io import Article, InputError, InputWarning, atomic_open, read_inputs, write_text_atomic


def collect(paths, source=None):
    items = list(read_inputs([str(p) for p in paths], source=source))
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)],
            [i for i in items if isinstance(i, InputWarning)])


def test_manifest_gives_source_event_and_title(tmp_path):
    (tmp_path / "a.txt").write_text("The vote is Tuesday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The mayor spoke.", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(json.dumps({"id": "A1", "file": "a.txt", "source": "Gazette", "event": "vote", "title": "T"}) + "\n")
    articles, errors, _ = collect([tmp_path], source="Fallback")
    assert not errors
    by_id = {a.article_id: a for a in articles}
    assert (by_id["A1"].source, by_id["A1"].event, by_id["A1"].title) == ("Gazette", "vote", "T")
    assert by_id["b"].source == "Fallback"


def test_source_defaults_to_unknown(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Text.", encoding="utf-8")
    articles, _, _ = collect([path])
    assert articles[0].source == "unknown"


def test_manifest_is_never_an_article_and_missing_files_are_reported(tmp_path):
    (tmp_path / "manifest.jsonl").write_text(json.dumps({"file": "gone.txt", "source": "X"}) + "\n")
    articles, errors, _ = collect([tmp_path])
    assert articles == []
    assert len(errors) == 1 and "gone.txt" in str(errors[0]) and "does not exist" in str(errors[0])


def test_jsonl_errors_name_line_and_keep_good_rows(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "1", "source": "S", "text": "Good one."}),
        "{not json",
        json.dumps({"id": "2", "source": "S"}),
        json.dumps({"id": "3", "source": "S", "text": 42}),
        json.dumps({"id": "1", "source": "S", "text": "Duplicate id."}),
        json.dumps({"id": "4", "source": "S", "text": "Good two."}),
    ]) + "\n", encoding="utf-8")
    articles, errors, _ = collect([path])
    assert [a.article_id for a in articles] == ["1", "4"]
    messages = [str(e) for e in errors]
    assert messages[0].startswith(f"{path}:2: malformed JSON")
    assert messages[1] == f"{path}:3: missing 'text'"
    assert messages[2] == f"{path}:4: 'text' must be a string, not int"
    assert messages[3] == f"{path}:5: duplicate id '1'"


@pytest.mark.parametrize("content, message", [
    (b"", "empty article"),
    (b"   \n\t\n", "empty article"),
    (b"\x00\x01\x02binary\x00", "binary data"),
])
def test_unusable_text_files(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    articles, errors, _ = collect([path])
    assert not articles and message in str(errors[0]) and str(path) in str(errors[0])


def test_latin1_and_utf16_are_decoded_with_a_warning(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owners protested.".encode("latin-1"))
    (tmp_path / "wide.txt").write_bytes("The caf\u00e9 closed.".encode("utf-16"))
    articles, errors, warnings = collect([tmp_path])
    assert not errors
    assert sorted(a.text for a in articles) == ["Café owners protested.", "The café closed."]
    assert len(warnings) == 2


def test_html_is_stripped_with_a_warning(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<html><head><script>var x=1;</script></head><body><p>The vote is Tuesday.</p><p>It passed.</p></body></html>")
    articles, errors, warnings = collect([path])
    assert not errors and "var x" not in articles[0].text and "The vote is Tuesday." in articles[0].text
    assert "HTML" in str(warnings[0])


def test_missing_path_and_symlink_loop(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    articles, errors, _ = collect([tmp_path / "nope.txt", loop])
    assert not articles and len(errors) == 2
    assert "no such file" in str(errors[0])
    assert "symbolic link" in str(errors[1])


def test_folder_symlink_cycle_is_reported_once(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path)
    articles, errors, _ = collect([tmp_path])
    assert len(articles) == 1 and any("loop" in str(e) for e in errors)


def test_atomic_open_keeps_previous_file_on_failure(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("previous")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as handle:
            handle.write("half")
            raise RuntimeError("interrupted")
    assert target.read_text() == "previous"
    assert os.listdir(tmp_path) == ["out.json"]


def test_atomic_outputs_are_ordinary_readable_files(tmp_path):
    target = tmp_path / "profiles.json"
    with atomic_open(target) as handle:
        handle.write("{}")
    assert target.stat().st_mode & 0o044 == 0o044  # group and others may read, as with open()


def test_jsonl_text_may_hold_unicode_line_separators(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "1", "source": "S", "text": "First line\u2028second line."}, ensure_ascii=False) + "\r\n", encoding="utf-8")
    articles, errors, _ = collect([path])
    assert not errors and articles[0].text == "First line\u2028second line."


def test_atomic_write_creates_a_missing_output_folder(tmp_path):
    target = tmp_path / "new" / "folder" / "figures.json"
    write_text_atomic(target, "{}\n")
    assert target.read_text() == "{}\n" and not list(target.parent.glob(".*.tmp"))
