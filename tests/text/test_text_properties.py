"""Property tests: reading, normalizing, segmenting and number extraction never raise on random
Unicode, and sentence spans always rebuild the normalized text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.errors import InputError
from aligner.text.model import Sentence, Text
from aligner.text.normalize import normalize_text
from aligner.text.numbers import extract_numbers
from aligner.text.read import decode_bytes, read_text
from aligner.text.segment import segment_sentences, sentence_line, sentences_from_lines

# Pieces our material and its accidents are made of: Russian and English words, archival
# abbreviations, brackets, digits, control characters, bidirectional marks, CJK, emoji.
_PIECES = st.sampled_from([
    "Тов.", "т.т.", "Ким Ир Сен", "г.", "1956", "г. В", "А. И.", "Микоян", "Cde.", "Cdes.", "No.",
    "№", "604", "XX", "съезд", "[", "]", "[handwritten:", "signed]", ".", "!", "?", "…", " ",
    "\n", "\n\n", "\r\n", "\t", "-\n", "\u00ad", "\u200f", "\u202e", "\ufeff", "\x00", "\x1b",
    "\u0301", "中文。", "😀", "«", "»", "22 сентября", "September", "1,000", "2,5", "i.e.", "e.g.",
])
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=60).map("".join),
    st.text(alphabet="[] \n.", max_size=80),  # only brackets
    st.text(alphabet=st.characters(categories=["Lu", "Ll", "Zs"]), max_size=200),  # no punctuation
    st.text(alphabet="абвгд АБВ abc XYZ 中文 \u200f\u202e\u0301\u00ad-\n.", max_size=200),  # mixed
)
LANGS = st.sampled_from(["ru", "en", "de", "fr", "zh", "xx"])
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _check(text: Text, sentences: tuple[Sentence, ...]) -> None:
    normalized = text.normalized
    pos = 0
    for k, s in enumerate(sentences):
        assert s.sent_no == k
        assert s.text == normalized[s.start:s.end] == s.text.strip()
        assert s.text
        assert normalized[pos:s.start].strip() == ""
        assert all(s.start <= e.start < e.end <= s.end for e in s.editorial)
        assert "\n" not in sentence_line(s)
        pos = s.end
    assert normalized[pos:].strip() == ""
    paras = [s.para_no for s in sentences]
    assert all(b - a in (0, 1) for a, b in zip(paras, paras[1:]))
    assert not paras or paras[0] == 0


@SETTINGS
@given(raw=TEXTS, lang=LANGS)
def test_normalize_and_segment_never_raise_and_rebuild(raw: str, lang: str) -> None:
    normalized = normalize_text(raw)
    assert normalize_text(normalized) == normalized
    text = Text(None, lang, "utf-8", "", normalized)
    _check(text, segment_sentences(text))
    _check(text, sentences_from_lines(text))


@SETTINGS
@given(raw=TEXTS, lang=LANGS)
def test_extract_numbers_never_raises(raw: str, lang: str) -> None:
    tokens = extract_numbers(raw, lang)
    assert all(isinstance(t, str) and t for t in tokens)


@SETTINGS
@given(raw=st.binary(max_size=400))
def test_decode_bytes_raises_only_input_errors(raw: bytes) -> None:
    try:
        text, encoding = decode_bytes(raw, "x.txt")
    except InputError:
        return
    assert isinstance(text, str) and encoding


@SETTINGS
@given(raw=TEXTS, encoding=st.sampled_from(["utf-8", "utf-16", "cp1251", "koi8-r"]))
def test_read_text_never_raises_unexpectedly(tmp_path: Path, raw: str, encoding: str) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(raw.encode(encoding, errors="ignore"))
    try:
        text = read_text(path, "ru")
    except InputError as e:
        assert e.path == str(path)
        return
    assert text.normalized.strip()
    _check(text, segment_sentences(text))
