"""The model card (README.md) written next to the weights."""

from __future__ import annotations

from model.labels import LABELS

from .ablation import ablation_table, read_runs
from .config import Config


def _metric_rows(metrics: dict | None) -> str:
    if not metrics:
        return "| (not computed) | | | |\n"
    rows = ""
    for label in LABELS:
        rows += (f"| {label} | {metrics[f'{label}_precision']:.3f} | {metrics[f'{label}_recall']:.3f} "
                 f"| {metrics[f'{label}_f1']:.3f} |\n")
    return rows


def _ablation_section() -> str:
    runs = read_runs()
    if not runs:
        return "No ablation runs recorded (scripts/ablation.py writes training/ablation.jsonl)."
    return ("How each training-data choice of the framelens configs scores on gold-dev (real news,\n"
            "never trained on), from `training/ablation.jsonl` as recorded by `scripts/ablation.py`;\n"
            "this model's own run may be one of the rows. Mean ± standard deviation over runs (seeds).\n\n"
            + ablation_table(runs) + "\n")


def model_card(config: Config, report: dict, versions: dict) -> str:
    validation = report["validation"]
    baseline = report.get("validation_tfidf_baseline")
    corpora = "\n".join(f"- `{name}`: {count} labelled sentences" for name, count in report["data_by_corpus"].items())
    baseline_line = f"{baseline['macro_f1']:.3f}" if baseline else "not fitted"
    return f"""---
library_name: transformers
pipeline_tag: text-classification
language: en
tags: [framelens, news, framing, sentence-classification]
---

# framelens sentence-framing classifier

Labels each sentence of a news article as one of {", ".join(f"`{label}`" for label in LABELS)},
following the framelens annotation guideline (neutral reporting in the writer's own voice;
a source's words or claims; the writer's own evaluation, characterisation or speculation).

- **Base model:** `{config.model.base_model}`, fine-tuned with the Hugging Face `Trainer`.
- **Input:** the sentence, and {"its " + str(config.model.context_window) + " neighbouring sentence(s) on each side as a second segment" if config.model.context_window else "no context"}; at most {config.model.max_length} tokens in training, {config.model.scoring_max_length} when scoring (a longer input loses the far ends of its context first, `model/encoding.py`). A sentence that starts inside a quotation opened by an earlier sentence of its paragraph (a multi-sentence quote, a transcript turn) is read with that opening mark restored (`model.segment.reading_sentences`); `FramingClassifier.score_articles` does this, a plain `pipeline` fed single sentences does not.
- **Training:** {config.training.epochs} epochs, learning rate {config.training.learning_rate}, batch {config.training.batch_size}, seed {config.training.seed}, bf16: {report["bf16"]}; {report["train_seconds"]} s wall time.

## Data

{corpora}

Validation: {config.data.validation_fraction:.0%} of articles, stratified by label, split by article (seed {config.data.split_seed}).
Counts: {report["data"]}.

## Validation metrics

Accuracy {validation["accuracy"]:.3f}, macro-F1 **{validation["macro_f1"]:.3f}** (TF-IDF + logistic regression baseline on the same split: {baseline_line}).

| label | precision | recall | F1 |
| --- | --- | --- | --- |
{_metric_rows(validation)}
The validation split comes from the training corpora; accuracy on real news is measured with
`framelens evaluate --model DIR --gold PATH` and is the figure to trust.

## Training-data ablation

{_ablation_section()}

## Intended use

Describing how outlets frame news in aggregate: label shares per source, the most editorial
sentences, who gets quoted. Sentence labels feed profiles; read individual labels as
evidence to check, not as verdicts about a writer or an outlet.

## Limitations

- English news only; trained on short texts, so long or unusual sentences are less reliable.
- "Editorial framing" needs judgement: annotators agree on about 96% of sentences, and the
  model is well below that ceiling, most often confusing editorial framing with attribution
  when a loaded word sits next to a quote.
- Profiles of sources with few articles have wide intervals; compare intervals, not points.

## Files

`model.safetensors`, tokenizer files, `config.json` (`id2label` in framelens LABELS order),
`baseline/` (TF-IDF baseline as JSON + npz), `metrics.json`, `training_config.yaml`,
`versions.json`. Loads with `transformers.pipeline("text-classification", model=DIR)` or
`model.FramingClassifier.from_pretrained(DIR)`.

## Versions

{", ".join(f"{name} {value}" for name, value in versions.items())}
"""
