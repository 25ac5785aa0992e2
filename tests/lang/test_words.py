"""``words``: the tokens without offsets (issue #5), the same as ``tokenize`` gives."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.lang import get_language
from aligner.lang.language import Language
from aligner.lang.tokenizers import CjkTokenizer, WordTokenizer

TEXTS = [
    ("hyphen-and-apostrophe", "Kim Du-bong's по-русски don't"),
    ("combining-mark", "e\u0301te\u0301 नमस्ते"),
    ("cjk-mixed", "金日成同志 met Kim 2024年"),
    ("punctuation-only", "… — !?"),
    ("empty", ""),
]


@pytest.mark.parametrize("tokenizer", [WordTokenizer(), CjkTokenizer()], ids=["word", "cjk"])
@pytest.mark.parametrize("text", [t[1] for t in TEXTS], ids=[t[0] for t in TEXTS])
def test_words_are_the_tokens(tokenizer, text):
    assert tokenizer.words(text) == [w for _, _, w in tokenizer.tokenize(text)]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_words_are_the_tokens_on_any_text(text):
    for tokenizer in (WordTokenizer(), CjkTokenizer()):
        assert tokenizer.words(text) == [w for _, _, w in tokenizer.tokenize(text)]


@dataclass(frozen=True, slots=True)
class OffsetsOnly:
    """A tokenizer with ``tokenize`` alone, as a user might register."""

    def tokenize(self, text: str) -> list[tuple[int, int, str]]:
        return [(i, i + 1, ch) for i, ch in enumerate(text) if ch.isalpha()]


def test_language_words_falls_back_to_tokenize():
    base = get_language("en")
    fields = {name: getattr(base, name) for name in Language.__slots__}
    language = Language(**{**fields, "tokenizer": OffsetsOnly()})
    assert language.words("a-b c") == ["a", "b", "c"]
    assert get_language("ru").words("Ким Ир-Сен") == ["Ким", "Ир-Сен"]
