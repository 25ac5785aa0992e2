"""The language registry: entries, fallbacks, splitters, tokenizers, lemmatizers."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from aligner.errors import InputError
from aligner.lang import get_language, language_name, registered_codes

# (id, code, expected code, script, splitter prefix, lemmatizer prefix)
ENTRY_CASES = [
    ("Russian", "ru", "ru", "Cyrl", "razdel-", "pymorphy3-"),
    ("English", "en", "en", "Latn", "sentencex-", "snowball-english-"),
    ("German", "de", "de", "Latn", "sentencex-", "snowball-german-"),
    ("French", "fr", "fr", "Latn", "sentencex-", "snowball-french-"),
    ("generic with a Snowball stemmer", "es", "es", "Latn", "sentencex-", "snowball-spanish-"),
    ("generic Cyrillic", "uk", "uk", "Cyrl", "sentencex-", "lowercase"),
    ("generic Chinese", "zh", "zh", "Hani", "sentencex-", "lowercase"),
    ("unknown code falls back", "xx", "xx", "Latn", "sentencex-", "lowercase"),
    ("region subtag dropped", "en-GB", "en", "Latn", "sentencex-", "snowball-english-"),
    ("case-insensitive", "RU", "ru", "Cyrl", "razdel-", "pymorphy3-"),
]


@pytest.mark.parametrize(("code", "expected", "script", "splitter", "lemmatizer"),
                         [c[1:] for c in ENTRY_CASES], ids=[c[0] for c in ENTRY_CASES])
def test_get_language(code: str, expected: str, script: str, splitter: str, lemmatizer: str) -> None:
    language = get_language(code)
    assert language.code == expected
    assert language.script == script
    assert re.fullmatch(re.escape(splitter) + r"\d+(\.\d+)*", language.splitter_signature())
    assert language.lemmatizer_signature().startswith(lemmatizer)


@pytest.mark.parametrize("code", ["", "r", "russian", "ru!", "12", None], ids=repr)
def test_bad_codes_are_input_errors(code: object) -> None:
    with pytest.raises(InputError, match="unknown language code"):
        get_language(code)  # type: ignore[arg-type]


def test_full_entries_have_word_lists() -> None:
    assert registered_codes() == ("de", "en", "fr", "ru")
    for code in registered_codes():
        language = get_language(code)
        assert language.abbreviations and language.stopwords and language.months
        assert {number for _, number in language.months} == set(range(1, 13))
        assert language.name == language_name(code)


@pytest.mark.parametrize(("code", "paragraph", "expected"), [
    ("ru", "Первое предложение. Второе!", ["Первое предложение.", "Второе!"]),
    ("en", "First one. Second one?", ["First one.", "Second one?"]),
    ("zh", "第一句。第二句！", ["第一句。", "第二句！"]),
], ids=["razdel", "sentencex", "sentencex Chinese"])
def test_split_sentences_offsets(code: str, paragraph: str, expected: list[str]) -> None:
    spans = get_language(code).split_sentences(paragraph)
    assert [paragraph[a:b].strip() for a, b in spans] == expected


TOKEN_CASES = [
    ("Russian words and names", "ru", "Тов. Ким Ир Сена,", ["Тов", "Ким", "Ир", "Сена"]),
    ("hyphenated name is one token", "en", "Kim Du-bong and Choe Yong-geon", ["Kim", "Du-bong", "and", "Choe", "Yong-geon"]),
    ("apostrophe inside a word", "en", "Worker's Party", ["Worker's", "Party"]),
    ("numbers are tokens", "en", "No. 604", ["No", "604"]),
    ("underscore and punctuation dropped", "en", "_x_ -- !!", ["x"]),
    ("combining accent stays in the word", "fr", "cafe\u0301 noir", ["cafe\u0301", "noir"]),
    ("Chinese by character", "zh", "中共中央abc", ["中", "共", "中", "央", "abc"]),
]


@pytest.mark.parametrize(("code", "text", "expected"), [c[1:] for c in TOKEN_CASES],
                         ids=[c[0] for c in TOKEN_CASES])
def test_tokenize(code: str, text: str, expected: list[str]) -> None:
    tokens = get_language(code).tokenize(text)
    assert [t for _, _, t in tokens] == expected
    assert all(text[a:b] == t for a, b, t in tokens)


LEMMA_CASES = [
    ("Russian noun case", "ru", "пленума", "пленум"),
    ("Russian capitalized", "ru", "Пленумом", "пленум"),
    ("Russian verb", "ru", "присутствовали", "присутствовать"),
    ("Russian ё in the word", "ru", "пришёл", "прийти"),
    ("Russian without ё gives the same", "ru", "пришел", "прийти"),
    ("Russian city name", "ru", "Пхеньяне", "пхеньян"),
    ("Russian ё folded in the lemma", "ru", "ещё", "еще"),
    ("English stem", "en", "Congresses", "congress"),
    ("English stem of a verb", "en", "agreed", "agre"),
    ("German stem", "de", "Parteitages", "parteitag"),
    ("French stem", "fr", "congrès", "congres"),
    ("generic lowercase", "xx", "ABC", "abc"),
]


@pytest.mark.parametrize(("code", "word", "lemma"), [c[1:] for c in LEMMA_CASES],
                         ids=[c[0] for c in LEMMA_CASES])
def test_lemmatize(code: str, word: str, lemma: str) -> None:
    assert get_language(code).lemmatize(word) == lemma


@pytest.mark.parametrize(("code", "text", "latin"), [
    ("ru", "Ким Ир Сен", "Kim Ir Sen"),
    ("ru", "Хрущёв", "Khrushchev"),
    ("ru", "Щербаков, Объединение", "Shcherbakov, Obedinenie"),
    ("en", "Kim Il Sung", "Kim Il Sung"),
], ids=["name", "ё and щ", "ъ dropped", "Latin unchanged"])
def test_transliterate(code: str, text: str, latin: str) -> None:
    assert get_language(code).transliterate(text) == latin


def test_heavy_libraries_load_lazily() -> None:
    code = (
        "import sys\n"
        "from aligner.lang import get_language\n"
        "ru = get_language('ru')\n"
        "assert 'pymorphy3' not in sys.modules and 'razdel' not in sys.modules\n"
        "ru.split_sentences('Один. Два.')\n"
        "assert 'razdel' in sys.modules and 'pymorphy3' not in sys.modules\n"
        "ru.lemmatize('пленума')\n"
        "assert 'pymorphy3' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
