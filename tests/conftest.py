"""Shared fixtures: a tiny random BERT built once per session (no download, no real model),
and a copy of it per test so no test sees another's changes."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA_ROOT = Path(os.environ.get("FRAMELENS_DATA_ROOT", REPO.parent / "shared" / "data"))
GOLD_DEV = DATA_ROOT / "gold-dev" / "gold-dev.jsonl"
needs_shared_data = pytest.mark.skipif(not GOLD_DEV.is_file(), reason=f"shared data not found at {DATA_ROOT}")


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """An untrained tiny model directory (random weights, framelens labels)."""
    from training.tiny import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny-model"))


@pytest.fixture(scope="session")
def _tiny_classifier_session(tiny_model_dir):
    from model import FramingClassifier

    return FramingClassifier.from_pretrained(tiny_model_dir, precision="fp32")


@pytest.fixture
def tiny_classifier(_tiny_classifier_session):
    return copy.deepcopy(_tiny_classifier_session)


@pytest.fixture(scope="session")
def trained_tiny_model(tmp_path_factory) -> Path:
    """configs/tiny.yaml trained for a few steps: a complete model directory."""
    from training.config import load_config
    from training.train import train

    config = load_config(REPO / "configs" / "tiny.yaml")
    config.data.sources[0].path = str(REPO / config.data.sources[0].path)
    return train(config, tmp_path_factory.mktemp("trained") / "model")
