"""Model inputs for a sentence read beside its neighbours, cut to a token budget.

The sentence is the first segment. The second is its context: the end of the sentence(s)
before it, CONTEXT_SEPARATOR, the start of the sentence(s) after. When an input is longer
than `max_length`, the context loses its *far* ends first, because the words next to the
sentence are the ones the guideline turns on (the closing quote or "she said." just before a
quote continuation, "he added" just after). A sentence too long for the budget keeps its
first tokens and leaves MIN_CONTEXT_TOKENS for the context.

Training and scoring both encode through `InputEncoder`, so a model is scored on inputs cut
the way it was trained and calibrated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

import torch

from .segment import CONTEXT_SEPARATOR

# (text before the sentence, text after it), as `segment.neighbours` gives them.
Neighbours = tuple[str, str]
# A context is neighbours, one free-text segment (kept from its start), or none.
Context = Union[Neighbours, str, None]

# Context tokens a long sentence always leaves room for: about eight words on each side,
# enough for an attribution tag or a closing quote next to the sentence.
MIN_CONTEXT_TOKENS = 16


@dataclass(frozen=True)
class _Template:
    """Where a tokenizer puts its special tokens around one segment or a pair (e.g. BERT's
    [CLS] A [SEP] B [SEP]), with their token type ids; read off the tokenizer itself so that
    any base model works."""

    single: tuple[list[int], list[int]]  # (ids before A, ids after A)
    pair: tuple[list[int], list[int], list[int]]  # (before A, between A and B, after B)
    single_types: tuple[list[int], int, list[int]] | None
    pair_types: tuple[list[int], int, list[int], int, list[int]] | None

    @classmethod
    def of(cls, tokenizer) -> "_Template":
        a = tokenizer("a", add_special_tokens=False)["input_ids"]
        b = tokenizer("b", add_special_tokens=False)["input_ids"]
        single = tokenizer("a")
        pair = tokenizer("a", "b")
        i = _find(single["input_ids"], a, 0)
        pi = _find(pair["input_ids"], a, 0)
        pj = _find(pair["input_ids"], b, pi + len(a))
        ids, pids = single["input_ids"], pair["input_ids"]
        single_types = pair_types = None
        if "token_type_ids" in single and "token_type_ids" in pair:
            t, pt = single["token_type_ids"], pair["token_type_ids"]
            single_types = (t[:i], t[i], t[i + len(a):])
            pair_types = (pt[:pi], pt[pi], pt[pi + len(a):pj], pt[pj], pt[pj + len(b):])
        return cls(
            single=(ids[:i], ids[i + len(a):]),
            pair=(pids[:pi], pids[pi + len(a):pj], pids[pj + len(b):]),
            single_types=single_types, pair_types=pair_types,
        )


def _find(sequence: list[int], part: list[int], start: int) -> int:
    for index in range(start, len(sequence) - len(part) + 1):
        if sequence[index : index + len(part)] == part:
            return index
    raise ValueError("cannot tell where this tokenizer puts its special tokens")


class InputEncoder:
    """Token ids (and token type ids) for sentences with their contexts, at most `max_length` each."""

    def __init__(self, tokenizer, max_length: int):
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.template = _Template.of(tokenizer)
        self.separator = tokenizer(CONTEXT_SEPARATOR.strip(), add_special_tokens=False)["input_ids"]
        self.pair_specials = sum(map(len, self.template.pair))
        self.single_specials = sum(map(len, self.template.single))
        self.max_sentence_tokens = max_length - self.pair_specials - len(self.separator) - MIN_CONTEXT_TOKENS
        if self.max_sentence_tokens < 1:
            shortest = self.pair_specials + len(self.separator) + MIN_CONTEXT_TOKENS + 1
            raise ValueError(f"max_length {max_length} leaves no room for a sentence beside its context (at least {shortest})")

    def encode(self, texts: Sequence[str], contexts: Sequence[Context] | None = None) -> list[dict[str, list[int]]]:
        """One dict per text with input_ids (and token_type_ids where the model uses them)."""
        if contexts is None:
            contexts = [None] * len(texts)
        if len(contexts) != len(texts):
            raise ValueError("texts and contexts differ in length")
        if not texts:
            return []
        # Neighbouring sentences are each other's context: tokenising every distinct string
        # once costs a third of tokenising the pairs.
        strings = list(dict.fromkeys(
            [*texts, *(part for c in contexts if c is not None for part in ((c,) if isinstance(c, str) else c))]))
        # verbose=False: the tokenizer would warn about texts longer than the model takes,
        # and `_one` cuts every input to max_length.
        ids_of = dict(zip(strings, self.tokenizer(strings, add_special_tokens=False, verbose=False)["input_ids"]))
        return [self._one(ids_of[text], context, ids_of) for text, context in zip(texts, contexts)]

    def _one(self, sentence: list[int], context: Context, ids_of: dict[str, list[int]]) -> dict[str, list[int]]:
        if context is None:
            sentence = sentence[: self.max_length - self.single_specials]
            before_a, after_a = self.template.single
            encoded = {"input_ids": before_a + sentence + after_a}
            if self.template.single_types is not None:
                t0, ta, t1 = self.template.single_types
                encoded["token_type_ids"] = t0 + [ta] * len(sentence) + t1
            return encoded
        sentence = sentence[: self.max_sentence_tokens]
        budget = self.max_length - self.pair_specials - len(sentence)
        if isinstance(context, str):
            second = ids_of[context][:budget]
        else:
            before, after = ids_of[context[0]], ids_of[context[1]]
            budget -= len(self.separator)
            # Half the budget each side; what one side does not use goes to the other.
            keep_before = min(len(before), max(budget // 2, budget - len(after)))
            keep_after = min(len(after), budget - keep_before)
            second = before[len(before) - keep_before:] + self.separator + after[:keep_after]
        before_a, between, after_b = self.template.pair
        encoded = {"input_ids": before_a + sentence + between + second + after_b}
        if self.template.pair_types is not None:
            t0, ta, t1, tb, t2 = self.template.pair_types
            encoded["token_type_ids"] = t0 + [ta] * len(sentence) + t1 + [tb] * len(second) + t2
        return encoded

    def collate(self, encoded: Sequence[dict[str, list[int]]]) -> dict[str, torch.Tensor]:
        """Right-padded tensors with an attention mask, for one batch."""
        width = max(len(row["input_ids"]) for row in encoded)
        pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        batch = {
            "input_ids": torch.tensor([row["input_ids"] + [pad_id] * (width - len(row["input_ids"])) for row in encoded]),
            "attention_mask": torch.tensor([[1] * len(row["input_ids"]) + [0] * (width - len(row["input_ids"])) for row in encoded]),
        }
        if "token_type_ids" in encoded[0]:
            batch["token_type_ids"] = torch.tensor([row["token_type_ids"] + [0] * (width - len(row["token_type_ids"])) for row in encoded])
        return batch
