"""The fast name scan (issue #5) finds exactly what visiting every token finds.

``name_keys`` jumps from one capitalised token to the next while no name is open; these tests
pin that jump against the plain scan over ``NAME_TOKEN_RE`` (kept here as the reference) on
the phenomena that decide where a token starts: apostrophes inside words, a possessive ``S``,
letters that are not ASCII, digits glued to words and characters beyond the Basic Multilingual
Plane (which take the plain scan). ``key_similarity`` is ``names_match`` for keys.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.glossary import names
from aligner.glossary.names import (
    FUNCTION_WORDS,
    NAME_TOKEN_RE,
    STOPWORDS,
    key_similarity,
    name_keys,
    names_match,
    phonetic_key,
)


def reference_name_keys(text: str, lang: str) -> list[tuple[str, int, int]]:
    """The plain scan: every token visited, in order (the algorithm before issue #5)."""
    stopwords = STOPWORDS.get(lang, frozenset())
    function_words = FUNCTION_WORDS.get(lang, frozenset())
    tokens = list(NAME_TOKEN_RE.finditer(text))
    keys: list[names.NameKey] = []
    run: list[tuple[int, int, str]] = []
    for index, match in enumerate(tokens):
        start, end, token = match.start(), match.end(), match.group()
        joined = bool(run) and names._joins(text[run[-1][1]:start])
        if joined and text[start - 1] == "-" and token[:1].islower():
            run.append((start, end, token))
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if not names._is_name_token(token, stopwords) and not (
            token.lower() in function_words
            and names._is_name_token(token, frozenset())
            and names._leads_name(text, start, end, following, stopwords)
        ):
            names._flush(run, keys)
            run = []
            continue
        if run and not joined:
            names._flush(run, keys)
            run = []
        run.append((start, end, token))
    names._flush(run, keys)
    return [(k.key, k.start, k.end) for k in keys]


def found(text: str, lang: str) -> list[tuple[str, int, int]]:
    return [(k.key, k.start, k.end) for k in name_keys(text, lang)]


# (id, text, lang, the names' surface forms in order)
CASES = [
    ("apostrophe-inside-name", "He met Ch'oe Ch'ang-ik today.", "en", ["Ch'oe Ch'ang-ik"]),
    ("apostrophe-lowercase-start", "the d'Artagnan line and Kim Il Sung", "en", ["Kim Il Sung"]),
    ("possessive-capital-s", "JOHN'S talk with Kim Il Sung", "en", ["Kim Il Sung"]),
    ("capital-after-apostrophe", "O'Neil met Pak", "en", ["O'Neil", "Pak"]),
    ("capital-inside-word", "McCarthy and Peng Dehuai", "en", ["McCarthy", "Peng Dehuai"]),
    ("digit-glued", "1956Kim Il Sung", "en", ["Kim Il Sung"]),
    ("superscript-glued", "x²Kim saw Pak", "en", ["Pak"]),
    ("cyrillic-function-word", "т.т. Со Хви и Ли Пхиль Гю", "ru", ["Со Хви", "Ли Пхиль Гю"]),
    ("sentence-initial-function-word", "По Ким Ир Сену.", "ru", ["Ким Ир Сену"]),
    ("beyond-bmp-plain-scan", "𝐀 note: Ким Ир Сен прибыл", "ru", ["Ким Ир Сен"]),
    ("greek-capitals", "ΣΊΣΥΦΟΣ and Σωκράτης", "en", ["Σωκράτης"]),
]


@pytest.mark.parametrize(("text", "lang", "surfaces"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_names_found_like_the_plain_scan(text, lang, surfaces):
    keys = found(text, lang)
    assert keys == reference_name_keys(text, lang)
    assert [text[start:end] for _, start, end in keys] == surfaces


PIECES = [
    "Ким", "Ир", "Сена", "Ли", "Со", "По", "тов.", "т.т.", "Kim", "Il", "sung", "Sung's", "Ch'oe",
    "JOHN'S", "d'Artagnan", "O'Neil", "The", "So", "CC", "I", "a", "и", "x²", "1956", "𝐀", "İstanbul",
    "Ǆemal", "ǅ", "Ⓐbc", "ΣΊΣΥΦΟΣ", "Σωκράτης", "'", "’", "-", ".", " ", "  ", "\n", ". ", "\t",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from(["ru", "en", "de"]))
def test_fast_scan_equals_plain_scan(pieces, lang):
    text = "".join(pieces)
    assert found(text, lang) == reference_name_keys(text, lang)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=40))
def test_capitalised_tokens_are_the_capitalised_tokens_of_the_plain_scan(text):
    fast = [m.span() for m in iter_capitalised(text)]
    plain = [m.span() for m in NAME_TOKEN_RE.finditer(text) if m.group()[0].isupper()]
    assert fast == plain


def iter_capitalised(text: str):
    pattern = names._capitalised_token_re()
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        yield match
        pos = match.end()


NAMES = ["Ким Ир Сена", "Пэн Дэхуаем", "Choe Yong-geon", "Ch'oe Ch'ang-ik", "Ивановым", "Xiaoping", "Ё"]


@pytest.mark.parametrize("name", NAMES)
def test_keying_a_key_gives_the_key(name):
    key = phonetic_key(name)
    assert phonetic_key(key) == key


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(categories=("Lu", "Ll", "Lo")), min_size=1, max_size=12))
def test_keying_any_word_key_is_stable(word):
    # key_similarity compares stored keys as they are: that is names_match only if this holds.
    key = phonetic_key(word)
    assert phonetic_key(key) == key


@pytest.mark.parametrize("a", ["Ким Ир Сен", "Пэн Дэхуая", "Choe Yong-geon", "Ivanov"])
@pytest.mark.parametrize("b", ["Kim Il Sung", "Peng Dehuai", "Чой Ен Ген", "Микоян"])
def test_key_similarity_is_names_match_of_keys(a, b):
    assert key_similarity(phonetic_key(a), phonetic_key(b)) == names_match(a, b)
