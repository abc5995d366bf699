import pytest
from transformers import AutoTokenizer

from model.encoding import MIN_CONTEXT_TOKENS, InputEncoder
from model.segment import CONTEXT_SEPARATOR


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir):
    return AutoTokenizer.from_pretrained(tiny_model_dir)


def _ids(tokenizer, text):
    return tokenizer(text, add_special_tokens=False)["input_ids"]


def test_uncut_inputs_match_the_tokenizers_own_pair_encoding(tokenizer):
    encoder = InputEncoder(tokenizer, max_length=128)
    texts = ["The mayor said the plan failed.", "Police told the court."]
    contexts = [("A vote on monday.", "The bill was reckless."), "a free text context"]
    encoded = encoder.encode(texts, contexts)
    expected_pair = tokenizer(texts[0], CONTEXT_SEPARATOR.join(contexts[0]))
    expected_text = tokenizer(texts[1], contexts[1])
    for row, expected in zip(encoded, (expected_pair, expected_text)):
        assert row["input_ids"] == expected["input_ids"]
        assert row["token_type_ids"] == expected["token_type_ids"]


def test_no_context_is_one_segment(tokenizer):
    encoder = InputEncoder(tokenizer, max_length=40)
    text = "the council " * 30
    (row,) = encoder.encode([text], [None])
    assert row["input_ids"] == tokenizer(text, truncation=True, max_length=40)["input_ids"]


def test_cut_keeps_the_context_nearest_the_sentence(tokenizer):
    encoder = InputEncoder(tokenizer, max_length=48)
    before = "first words of the sentence before. " + "the poll " * 20 + "end of before."
    after = "start of after. " + "the study " * 20 + "last words of after."
    (row,) = encoder.encode(["the mayor said no."], [(before, after)])
    sentence, separator = _ids(tokenizer, "the mayor said no."), _ids(tokenizer, CONTEXT_SEPARATOR.strip())
    assert len(row["input_ids"]) == 48
    assert row["input_ids"][1 : 1 + len(sentence)] == sentence  # the sentence is whole
    second = row["input_ids"][2 + len(sentence) : -1]
    cut = second.index(separator[0])
    kept_before, kept_after = second[:cut], second[cut + len(separator):]
    assert _ids(tokenizer, before)[-len(kept_before):] == kept_before  # the end of the text before
    assert _ids(tokenizer, after)[: len(kept_after)] == kept_after  # the start of the text after
    assert abs(len(kept_before) - len(kept_after)) <= 1


def test_one_short_side_leaves_its_budget_to_the_other(tokenizer):
    encoder = InputEncoder(tokenizer, max_length=48)
    (row,) = encoder.encode(["the mayor said no."], [("", "the study " * 40)])
    assert len(row["input_ids"]) == 48  # the empty side's half went to the text after


def test_long_sentence_keeps_its_start_and_room_for_context(tokenizer):
    encoder = InputEncoder(tokenizer, max_length=48)
    sentence = "the minister warned " * 30
    (row,) = encoder.encode([sentence], [("the poll " * 30, "the vote " * 30)])
    assert len(row["input_ids"]) == 48
    kept = encoder.max_sentence_tokens
    assert row["input_ids"][1 : 1 + kept] == _ids(tokenizer, sentence)[:kept]
    assert row["token_type_ids"].count(1) >= MIN_CONTEXT_TOKENS


def test_collate_pads_right_with_a_mask(tokenizer):
    encoder = InputEncoder(tokenizer, max_length=64)
    encoded = encoder.encode(["a.", "the mayor said the plan failed on monday."], [("", ""), ("x.", "y.")])
    batch = encoder.collate(encoded)
    assert batch["input_ids"].shape == batch["attention_mask"].shape == batch["token_type_ids"].shape
    short = len(encoded[0]["input_ids"])
    assert batch["attention_mask"][0].tolist() == [1] * short + [0] * (batch["input_ids"].shape[1] - short)
    assert batch["input_ids"][0, short:].eq(tokenizer.pad_token_id).all()


def test_too_short_a_budget_is_refused(tokenizer):
    with pytest.raises(ValueError, match="leaves no room for a sentence"):
        InputEncoder(tokenizer, max_length=12)


def test_texts_and_contexts_must_pair_up(tokenizer):
    with pytest.raises(ValueError, match="differ in length"):
        InputEncoder(tokenizer, max_length=64).encode(["a.", "b."], [None])


def test_tiny_tokenizer_knows_its_words(tokenizer):
    assert tokenizer.tokenize("The mayor said | no.") == ["the", "mayor", "said", "|", "no", "."]


def test_long_texts_are_cut_without_a_tokenizer_warning(tokenizer, caplog, capsys):
    encoder = InputEncoder(tokenizer, max_length=64)
    (row,) = encoder.encode(["the poll " * 200], [("the vote " * 200, "the bill " * 200)])
    assert len(row["input_ids"]) == 64
    assert "longer than the specified maximum" not in caplog.text + capsys.readouterr().err
