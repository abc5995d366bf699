import csv
import json

from model.cli import OUTPUT_FILES, main

from .conftest import REPO


def write_gold(path):
    """A small gold file in the article format, written for this test."""
    sentences = [("The council met on Monday.", "neutral_reporting"), ("\"We will act,\" the mayor said.", "attributed_quote"),
                 ("It was a shameful display.", "editorial_framing")]
    text = " ".join(s for s, _ in sentences)
    spans, cursor = [], 0
    for i, (sentence, label) in enumerate(sentences):
        spans.append({"i": i, "start": cursor, "end": cursor + len(sentence), "text": sentence, "label": label})
        cursor += len(sentence) + 1
    rows = [{"article_id": f"g{k}", "source": f"Outlet {k % 2}", "title": None, "text": text, "sentences": spans} for k in range(4)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_score_seeds_gives_one_profile_per_outlet(trained_tiny_model, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["score", str(REPO / "seeds"), "--model", str(trained_tiny_model), "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)
    profiles = json.loads((out / "profiles.json").read_text())["profiles"]
    assert sorted(profiles) == ["ABC News", "Breitbart"]
    for profile in profiles.values():
        assert abs(sum(profile["label_shares"].values()) - 1) < 1e-3
        assert profile["event_differences"][0]["event"] == "kelly-tillerson-mexico-2017-02"
    sentences = [json.loads(line) for line in (out / "sentences.jsonl").read_text().splitlines()]
    seed_texts = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "seeds").glob("*.txt")}
    abc = seed_texts["abc-news_kelly-no-mass-deportations.txt"]
    for record in sentences:
        if record["source"] == "ABC News":
            assert abc[record["start"]:record["end"]] == record["text"]
    rows = list(csv.DictReader((out / "profiles.csv").open()))
    assert [r["source"] for r in rows] == ["ABC News", "Breitbart"]
    assert "| ABC News |" in capsys.readouterr().out


def test_folder_with_a_bad_file_scores_the_rest_and_fails(trained_tiny_model, tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("The council met on Monday. \"We will act,\" the mayor said.", encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "more.jsonl").write_text(json.dumps({"id": "j1", "source": "Wire", "text": "Rates rose."}) + "\n{broken\n")
    out = tmp_path / "out"
    assert main(["score", str(inputs), "--model", str(trained_tiny_model), "--out", str(out), "--quiet", "--source", "Local"]) == 1
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    assert sorted(a["article_id"] for a in articles) == ["good", "j1"]
    err = capsys.readouterr().err
    assert f"{inputs / 'empty.txt'}: empty article" in err
    assert f"{inputs / 'more.jsonl'}:2: malformed JSON" in err
    assert "2 input(s) failed" in err


def test_existing_output_folder_needs_overwrite(trained_tiny_model, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "profiles.json").write_text("{}")
    args = ["score", str(REPO / "seeds"), "--model", str(trained_tiny_model), "--out", str(out), "--quiet"]
    assert main(args) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main(args + ["--overwrite"]) == 0
    assert json.loads((out / "profiles.json").read_text())["articles"] == 2


def test_bad_model_is_a_one_line_error(tmp_path, capsys):
    assert main(["score", str(REPO / "seeds"), "--model", str(tmp_path / "none"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and "does not exist" in err[0]


def test_evaluate_reports_both_levels(trained_tiny_model, tmp_path, capsys):
    gold = write_gold(tmp_path / "gold.jsonl")
    assert main(["evaluate", "--model", str(trained_tiny_model), "--gold", str(gold), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sentences"] == 12 and report["sources"] == 2
    for level in ("sentence_level", "end_to_end"):
        assert set(report[level]) >= {"accuracy", "macro_f1", "confusion_matrix", "editorial_framing_f1"}
        assert sum(map(sum, report[level]["confusion_matrix"])) == 12
    assert report["segmentation"]["f1"] == 1.0
    assert set(report["baselines"]) == {"rule", "tfidf"}
    assert set(report["profile_error"]["per_source"]) == {"Outlet 0", "Outlet 1"}


def test_too_short_max_length_is_a_one_line_usage_error(trained_tiny_model, tmp_path, capsys):
    args = ["score", str(REPO / "seeds"), "--model", str(trained_tiny_model), "--out", str(tmp_path / "o"), "--max-length", "10"]
    assert main(args) == 2
    error = capsys.readouterr().err.strip()
    assert "max_length 10 leaves no room" in error and "\n" not in error


def test_evaluate_scores_at_the_models_inference_length_unless_told(trained_tiny_model, tmp_path, capsys):
    gold = write_gold(tmp_path / "gold.jsonl")
    assert main(["evaluate", "--model", str(trained_tiny_model), "--gold", str(gold), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["model"]["max_length"] == 48  # configs/tiny.yaml
    assert main(["evaluate", "--model", str(trained_tiny_model), "--gold", str(gold), "--json", "--max-length", "32"]) == 0
    assert json.loads(capsys.readouterr().out)["model"]["max_length"] == 32


def test_help_explains_inputs(capsys):
    try:
        main(["score", "--help"])
    except SystemExit:
        pass
    assert "manifest.jsonl" in capsys.readouterr().out


def test_overwrite_removes_an_earlier_runs_report(trained_tiny_model, tmp_path):
    out = tmp_path / "out"
    base = ["score", str(REPO / "seeds"), "--model", str(trained_tiny_model), "--out", str(out), "--quiet"]
    assert main(base + ["--html"]) == 0 and (out / "report.html").is_file()
    assert main(base + ["--overwrite"]) == 0
    assert not (out / "report.html").exists() and (out / "profiles.json").is_file()
