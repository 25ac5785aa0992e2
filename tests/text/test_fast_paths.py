"""Shortcuts taken for speed (issue #5) change no result.

``normalize_text`` skips its character table when no character would change and skips the
hyphen, trailing-space and blank-line passes when their trigger is absent; ``extract_numbers``
skips the digit patterns in a text without digits. Each shortcut is pinned against the path it
skips.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.text import normalize
from aligner.text.normalize import normalize_text
from aligner.text.numbers import extract_numbers


def test_clean_pattern_finds_exactly_the_characters_the_table_changes():
    table, pattern = normalize._clean_tables()
    changed = {cp for cp in table if cp != 0x20}
    wrong = [cp for cp in range(0x10000) if (pattern.search(chr(cp)) is not None) != (cp in changed)]
    assert wrong == []
    assert pattern.search("\U0001F600\U00020000") is None  # nothing beyond the BMP is in the table


CLEAN_CASES = [
    ("plain-cyrillic", "Товарищ Ким Ир Сен прибыл.", "Товарищ Ким Ир Сен прибыл."),
    ("nbsp-becomes-space", "22\u00a0сентября", "22 сентября"),
    ("tab-becomes-space", "a\tb", "a b"),
    ("bom-removed", "\ufeffText", "Text"),
    ("control-removed", "a\x07b", "ab"),
    ("trailing-space-only-at-end", "line one  ", "line one"),
    ("trailing-space-before-break", "one  \ntwo", "one\ntwo"),
    ("hyphen-break-rejoined", "комму-\nнист", "коммунист"),
    ("blank-runs-collapse", "a\n\n\n\nb", "a\n\nb"),
    ("no-trigger-unchanged", "a\n\nb - c\nd", "a\n\nb - c\nd"),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in CLEAN_CASES], ids=[c[0] for c in CLEAN_CASES])
def test_normalize_cases(raw, expected):
    assert normalize_text(raw) == expected


PIECES = ["а", "B", "-", "\u2010", " ", "  ", "\n", "\n\n\n", " \n", "\t", "\u00a0", "\u00ad", "\ufeff", "\r\n",
          "\x0c", "e\u0301", "self", "что", "то", "5", "Дү"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_normalize_equals_every_pass_run(pieces):
    raw = "".join(pieces)
    assert normalize_text(raw) == every_pass(raw)


def every_pass(raw: str) -> str:
    """``normalize_text`` with no shortcut: every pass runs on every text."""
    import unicodedata

    text = normalize._LINE_BREAKS.sub("\n", raw)
    text = text.translate(normalize._clean_tables()[0])
    if "\u00ad" in text:
        text = normalize._SOFT_HYPHEN_BREAK.sub("", text).replace("\u00ad", "")
    text = unicodedata.normalize("NFC", text)
    text = normalize._TRAILING_SPACES.sub("", text)
    while (joined := normalize._LINE_HYPHEN.sub(normalize._rejoin, text)) != text:
        text = joined
    text = unicodedata.normalize("NFC", text)
    text = normalize._TRAILING_SPACES.sub("", text)
    text = normalize._BLANK_RUNS.sub("\n\n", text)
    return text.lstrip("\n").rstrip()


NUMBER_CASES = [
    ("no-digit-no-roman", "Товарищи согласились.", "ru", ()),
    ("superscript-only", "x² and y³", "en", ()),
    ("roman-without-digits", "на XX съезде КПСС", "ru", ("20",)),
    ("roman-pronoun-not-a-number", "I said so", "en", ()),
    ("arabic-indic-digits", "№ ٦٠٤", "ru", ("604",)),
    ("date-needs-digits", "в сентябре", "ru", ()),
]


@pytest.mark.parametrize(("text", "lang", "expected"), [c[1:] for c in NUMBER_CASES], ids=[c[0] for c in NUMBER_CASES])
def test_number_cases(text, lang, expected):
    assert extract_numbers(text, lang) == expected


WORDS = ["XX", "IX", "I", "съезд", "Congress", "September", "сентября", "May", "the", "Пленум", "IV", "²",
         "of", "century", "г.", "No.", "CC", "MD", "XVIII"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from(["ru", "en"]))
def test_roman_tokens_do_not_depend_on_the_digit_shortcut(words, lang):
    # A text without digits skips the date, time and number patterns; a digit appended after a
    # space switches them on and must add only its own token.
    text = " ".join(words)
    assert extract_numbers(text + " 0", lang) == (*extract_numbers(text, lang), "0")


def test_digit_or_roman_precheck_covers_every_roman_pattern_start():
    # The pre-check may skip a text only when no pattern can match it: every character the Roman
    # pattern can begin with must be in the pre-check class.
    from aligner.text import numbers

    grammar = numbers._grammar("en")
    starts = [chr(cp) for cp in range(0x10000) if grammar.roman.match(chr(cp) + " ")]
    assert starts and all(numbers._DIGIT_OR_ROMAN.search(ch) for ch in starts)


def test_clean_tables_built_once_for_concurrent_first_use():
    # Documents are normalized in Dask threads: every thread must see the table and its pattern.
    from concurrent.futures import ThreadPoolExecutor

    normalize._clean_tables.cache_clear()
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(normalize_text, ["a\u00a0b\x07"] * 16))
    assert results == ["a b"] * 16
