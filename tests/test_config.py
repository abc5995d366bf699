import pytest

from model import LABELS
from training.config import ConfigError, load_config, parse_override

from .conftest import REPO


def test_labels_are_the_fixed_tuple():
    assert LABELS == ("neutral_reporting", "attributed_quote", "editorial_framing")


def test_override_values_are_yaml_typed():
    assert parse_override("training.epochs=2") == (["training", "epochs"], 2)
    assert parse_override("training.learning_rate=3.0e-5") == (["training", "learning_rate"], 3e-5)
    assert parse_override("training.class_weights=true") == (["training", "class_weights"], True)
    assert parse_override("model.base_model=bert-base-uncased") == (["model", "base_model"], "bert-base-uncased")


def test_overrides_apply_on_top_of_the_file():
    config = load_config(REPO / "configs" / "tiny.yaml", ["training.epochs=1", "training.learning_rate=3e-5"])
    assert config.training.epochs == 1.0 and isinstance(config.training.epochs, float)
    assert config.training.learning_rate == 3e-5  # YAML 1.1 reads 3e-5 as a string; the float field takes it


def test_unknown_key_lists_valid_keys():
    with pytest.raises(ConfigError, match=r"unknown config key training\.epoch\b.*training\.epochs"):
        load_config(REPO / "configs" / "tiny.yaml", ["training.epoch=2"])


def test_wrong_type_is_an_error():
    with pytest.raises(ConfigError, match=r"training\.batch_size: expected int"):
        load_config(REPO / "configs" / "tiny.yaml", ["training.batch_size=big"])


def test_override_needs_key_and_value():
    with pytest.raises(ConfigError, match="not key=value"):
        parse_override("training.epochs")


def test_every_shipped_config_loads():
    for path in sorted((REPO / "configs").glob("*.yaml")):
        assert load_config(path).data.sources, path


def test_every_number_in_a_config_has_a_comment():
    for path in sorted((REPO / "configs").glob("*.yaml")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            value = line.split("#")[0].split(":", 1)[-1].strip()
            if value and value.replace(".", "", 1).replace("e-", "", 1).replace("-", "", 1).isdigit():
                assert "#" in line, f"{path.name}:{number}: number without a comment"
