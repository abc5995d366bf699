import json

from training.ablation import ablation_table, current_setup, read_runs


def _run(variant, seed, macro_f1, length=64, recorded_before=()):
    """A run made the current way, less the set-up keys it was recorded before."""
    run = {"variant": variant, "spec": "configs/x.yaml", "seed": seed, "train_seconds": 100.0 + seed,
           "scoring_max_length": length, "macro_f1": macro_f1, "editorial_f1": 0.5, "end_to_end_macro_f1": 0.6,
           "profile_error": 0.04, **current_setup()}
    for key in recorded_before:
        del run[key]
    return run


def test_table_gives_mean_and_spread_per_variant(tmp_path):
    results = tmp_path / "runs.jsonl"
    runs = [_run("a", 1, 0.80), _run("b", 1, 0.70), _run("a", 2, 0.82)]
    results.write_text("\n".join(json.dumps(r) for r in runs) + "\n\n")
    table = ablation_table(read_runs(results)).splitlines()
    assert len(table) == 4  # header, rule, one row per variant in first-seen order
    assert table[2].startswith("| a | 64 tokens | 2 | 0.810 ± 0.014 | 0.500 ± 0.000 |")
    assert table[3].startswith("| b | 64 tokens | 1 | 0.700 | 0.500 |")
    assert read_runs(tmp_path / "missing.jsonl") == []


def test_runs_scored_differently_are_separate_rows(tmp_path):
    results = tmp_path / "runs.jsonl"
    every_change = ("context_cut", "quote_marks", "sentence_splitter", "class_offsets_rule", "head_init")
    runs = [_run("a", 1, 0.80), _run("a", 2, 0.70, length=96), _run("a", 3, 0.60, length=96, recorded_before=every_change),
            _run("a", 4, 0.60, recorded_before=every_change[1:]), _run("a", 5, 0.60, recorded_before=every_change[3:]),
            {**_run("a", 6, 0.60), "sentence_splitter": "quotation marks directed"}]
    results.write_text("".join(json.dumps(r) + "\n" for r in runs))
    rows = ablation_table(read_runs(results)).splitlines()[2:]
    assert [row.split(" | ")[1] for row in rows] == [
        "64 tokens", "96 tokens",
        "96 tokens, longest segment cut, quote marks not restored, older splitter, best-F1 offsets, unseeded head",
        "64 tokens, quote marks not restored, older splitter, best-F1 offsets, unseeded head",
        "64 tokens, best-F1 offsets, unseeded head",
        "64 tokens, abbreviation cuts not joined"]


def test_model_card_carries_the_recorded_ablation(trained_tiny_model):
    card = (trained_tiny_model / "README.md").read_text()
    assert "## Training-data ablation" in card
    assert ablation_table(read_runs()) in card  # the project's record, training/ablation.jsonl


def test_readme_shows_the_recorded_ablation():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert ablation_table(read_runs()) in readme  # regenerate the README table after recording runs
