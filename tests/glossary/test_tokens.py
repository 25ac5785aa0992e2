"""The glossary tokenizer: what a token is, how it is folded, its case shape."""

from __future__ import annotations

import pytest

from aligner.glossary.tokens import case_shape, fold_token, iter_tokens, split_tokens

TOKENS = [
    ("Kim Il-sung's request", ["Kim", "Il", "sung", "request"], "hyphen splits, possessive dropped"),
    ("Workers' Party", ["Workers", "Party"], "plural possessive"),
    ("т.т. Ким и тов. Пак", ["т.т.", "Ким", "и", "тов", "Пак"], "dotted abbreviation is one token"),
    ("U.S.S.R. and C.C.", ["U.S.S.R.", "and", "C.C."], "Latin dotted abbreviations"),
    ("№ 604, 1956 г.", ["№", "604", "1956", "г"], "number sign is a token"),
    ("Экз.№2", ["Экз", "№", "2"], "number sign glued to its neighbours"),
    ("", [], "empty"),
]


@pytest.mark.parametrize(("text", "expected"), [t[:2] for t in TOKENS], ids=[t[2] for t in TOKENS])
def test_split_tokens(text, expected):
    assert split_tokens(text) == expected
    assert [text[s:e] for s, e, _ in iter_tokens(text)] == expected


@pytest.mark.parametrize(
    ("token", "folded"),
    [("Хрущёв", "хрущев"), ("т.т.", "тт"), ("C.C.", "cc"), ("ЦК", "цк")],
    ids=["ё folded", "dots dropped", "Latin dots dropped", "lower case"],
)
def test_fold_token(token, folded):
    assert fold_token(token) == folded


@pytest.mark.parametrize(
    ("token", "shape"),
    [("ЦК", "upper"), ("C.C.", "upper"), ("Сен", "title"), ("И", "title"), ("пленум", "lower"),
     ("McCarthy", "mixed"), ("604", "none")],
)
def test_case_shape(token, shape):
    assert case_shape(token) == shape
