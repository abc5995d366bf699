"""A tiny random BERT with its own small WordPiece vocabulary, for tests and smoke runs.

Named in a config as `model.base_model: tiny-random-bert`; nothing is downloaded.
"""

from __future__ import annotations

import string
from pathlib import Path

from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

from model.labels import ID2LABEL, LABEL2ID

TINY_MODEL_NAME = "tiny-random-bert"
_WORDS = (
    "the a an and or of to in on for with by at from said says told according that this is was were be "
    "will would not no he she they it we i you mayor minister police court council officials report "
    "poll study statement spokesperson claimed insisted warned argued fake disastrous shameful reckless "
    "brave bold failed rare notably quiet vote bill plan city year week monday tuesday percent million"
).split()


def tiny_vocabulary() -> list[str]:
    characters = list(string.ascii_lowercase + string.digits + string.punctuation) + ["’", "“", "”", "—"]
    return ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + characters + [f"##{c}" for c in characters] + _WORDS


def build_tiny_model(directory: str | Path, seed: int = 0) -> Path:
    """Save a tiny random BertForSequenceClassification and its tokenizer to `directory`."""
    import torch

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    # The vocabulary goes in as a dict: transformers 5 ignores a `vocab_file` here and left
    # a tokenizer that read every word as [UNK].
    vocabulary = {token: index for index, token in enumerate(tiny_vocabulary())}
    tokenizer = BertTokenizerFast(vocab=vocabulary, do_lower_case=True, model_max_length=256)
    config = BertConfig(
        vocab_size=len(tiny_vocabulary()), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=256, num_labels=len(ID2LABEL),
        id2label=ID2LABEL, label2id=LABEL2ID,
    )
    torch.manual_seed(seed)
    BertForSequenceClassification(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory
