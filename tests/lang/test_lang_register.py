"""Adding a language at run time, and the generic entries of languages written without spaces."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from aligner.lang import get_language, language_name, register_language, registered_codes, unregister_language
from aligner.text.model import Text
from aligner.text.segment import segment_sentences


@pytest.fixture
def estonian():
    """A full entry for a code that otherwise gets the generic one (the Snowball stemmer only)."""
    entry = replace(get_language("et"), name="Estonian (test entry)", stopwords=frozenset({"ja", "on"}))
    register_language(entry)
    yield entry
    unregister_language("et")


def test_registered_entry_is_served_and_removed(estonian):
    assert get_language("et") is estonian and get_language("ET-ee") is estonian
    assert "et" in registered_codes()
    assert language_name("et") == "Estonian (test entry)"
    unregister_language("et")
    assert get_language("et").stopwords == frozenset() and "et" not in registered_codes()
    register_language(estonian)  # the fixture removes it again


@pytest.mark.parametrize(("code", "problem"), [
    ("ru", "already has a full entry"),
    ("en-GB", "bare lowercase"),
    ("EN", "bare lowercase"),
    ("english", "bare lowercase"),
], ids=["module entry is not replaced", "region subtag", "uppercase", "not a code"])
def test_register_rejects(code: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        register_language(replace(get_language("en"), code=code))


def test_register_twice_and_unregister_unknown(estonian):
    with pytest.raises(ValueError, match="already has a full entry"):
        register_language(estonian)
    with pytest.raises(ValueError, match="not added by register_language"):
        unregister_language("ru")


# (id, code, text, sentences) — no spaces between sentences or words.
UNSPACED_CASES = [
    ("Chinese, full stops without spaces", "zh",
     "全会于上午10时开幕。金日成同志作了报告！会谈进行了两个小时。",
     ["全会于上午10时开幕。", "金日成同志作了报告！", "会谈进行了两个小时。"]),
    ("Japanese, kana and kanji", "ja",
     "会議は午前10時に始まった。金日成同志が報告した！代表団は2時間話し合った。",
     ["会議は午前10時に始まった。", "金日成同志が報告した！", "代表団は2時間話し合った。"]),
]


@pytest.mark.parametrize(("code", "text", "expected"), [c[1:] for c in UNSPACED_CASES],
                         ids=[c[0] for c in UNSPACED_CASES])
def test_unspaced_languages_segment_and_measure(code: str, text: str, expected: list[str]) -> None:
    language = get_language(code)
    assert not language.is_cased
    sentences = segment_sentences(Text(Path(f"{code}.txt"), code, "utf-8", "", text))
    assert [s.text for s in sentences] == expected
    # Length is counted in characters, so a sentence of n characters has length n.
    assert [s.proper_length for s in sentences] == [len(s) for s in expected]
    assert sum(s.proper_length for s in sentences) == len(text)


@pytest.mark.parametrize(("code", "text", "tokens"), [
    ("zh", "金日成同志接见了苏联代表团", list("金日成同志接见了苏联代表团")),
    ("zh", "上午10时，KWP全会", ["上", "午", "10", "时", "KWP", "全", "会"]),
    ("ja", "金日成同志がソ連代表団と会った", list("金日成同志がソ連代表団と会った")),
    ("ja", "午前１０時", ["午", "前", "１０", "時"]),
], ids=["Chinese by character", "digits and Latin stay whole", "Japanese kana and kanji by character",
        "full-width digits stay whole"])
def test_unspaced_languages_tokenize_by_character(code: str, text: str, tokens: list[str]) -> None:
    found = get_language(code).tokenize(text)
    assert [t for _, _, t in found] == tokens
    assert all(text[a:b] == t for a, b, t in found)
