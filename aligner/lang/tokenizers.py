"""Word tokenizers: ``tokenize(text) -> [(start, end, token)]`` with half-open character offsets.

A word is a run of letters and digits, with inner hyphens and apostrophes kept (``Du-bong``,
``по-русски``, ``don't``); punctuation, spaces and underscores are never part of a token. For
Chinese and Japanese, which do not separate words with spaces, each Han, Hiragana or Katakana
character is a token of its own (a cheap, dictionary-free stand-in for word segmentation), while
runs of other letters and digits stay whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from aligner.text.charclass import class_body

# Han (CJK Unified Ideographs and extension A, compatibility ideographs), Hiragana, Katakana.
_CJK_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@lru_cache(maxsize=1)
def _mark_class() -> str:
    """A regex class body of every combining mark (categories Mn, Mc, Me) in the BMP.

    Python's ``\\w`` leaves marks out, which would cut Devanagari or decomposed Latin words
    at every vowel sign or accent; ``re`` has no ``\\p{M}``, so the class is built once.
    """
    first = 0x300
    # The categories come from a C-level map; only the marks reach the Python loop.
    categories = map(unicodedata.category, map(chr, range(first, 0x10000)))
    return class_body(first + k for k, category in enumerate(categories) if category[0] == "M")


# Each pattern is compiled on first use only (compiling one costs more than tokenizing a page).
@lru_cache(maxsize=1)
def _word_pattern() -> re.Pattern[str]:
    # [^\W_] is "a letter or digit" in Python's Unicode-aware \w, without the underscore.
    part = rf"[^\W_](?:[^\W_]|[{_mark_class()}])*"
    return re.compile(rf"{part}(?:[-'’‐]{part})*")


@lru_cache(maxsize=1)
def _cjk_pattern() -> re.Pattern[str]:
    marks = _mark_class()
    return re.compile(rf"[{_CJK_CHAR}][{marks}]*|(?:(?![{_CJK_CHAR}])(?:[^\W_]|(?<=\w)[{marks}]))+")


class Tokenizer(Protocol):
    """Splits text into word tokens with offsets.

    A tokenizer may also offer ``words(text) -> list[str]``, the same tokens without offsets
    (faster); ``Language.words`` falls back to ``tokenize`` without it.
    """

    def tokenize(self, text: str) -> list[tuple[int, int, str]]: ...


@dataclass(frozen=True, slots=True)
class WordTokenizer:
    """Letter/digit runs with inner hyphens and apostrophes (space-separated scripts)."""

    def tokenize(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _word_pattern().finditer(text)]

    def words(self, text: str) -> list[str]:
        # The patterns have no groups, so findall returns whole matches (a C loop, no match objects).
        return _word_pattern().findall(text)


@dataclass(frozen=True, slots=True)
class CjkTokenizer:
    """One token per Han/Kana character; other letter/digit runs whole."""

    def tokenize(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _cjk_pattern().finditer(text)]

    def words(self, text: str) -> list[str]:
        return _cjk_pattern().findall(text)
