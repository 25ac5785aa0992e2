"""Concordance search: literal, lemma (inflected forms), regex, term/flag/bead filters, errors."""

from __future__ import annotations

import re

import polars as pl
import pytest

from aligner.errors import CorpusError, InputError
from aligner.query.concordance import MATCH_COLUMNS, concordance, kwic_lines
from aligner.store.schema import SEGMENTS_SCHEMA
from tests.query.conftest import CABLE


def _forms(found: pl.DataFrame, side: str = "src") -> set[str]:
    """The matched surface forms, lowercased."""
    return {
        row[f"{side}_text"][row["match_start"] : row["match_end"]].lower()
        for row in found.iter_rows(named=True)
        if row["match_start"] is not None
    }


LEMMA_CASES = [
    # (side, pattern, forms that must all be found)
    pytest.param("src", "пленум", {"пленум", "пленума", "пленуме"}, id="nominative finds genitive and prepositional"),
    pytest.param("src", "пленумов", {"пленум", "пленума", "пленуме"}, id="genitive plural pattern finds every form"),
    pytest.param("src", "Пленумом", {"пленум", "пленума", "пленуме"}, id="capitalised instrumental pattern"),
    pytest.param("tgt", "plenums", {"plenum"}, id="english plural stems to plenum"),
    pytest.param("src", "августовский пленум", {"августовского"}, id="two words: both lemmas required"),
]


@pytest.mark.parametrize(("side", "pattern", "forms"), LEMMA_CASES)
def test_lemma_query_finds_inflected_forms(cable_corpus, side, pattern, forms):
    found = concordance(cable_corpus, **{side: pattern}, lemma=True)
    assert found.height > 0
    assert forms <= _forms(found, side)


def test_lemma_query_finds_more_than_literal(cable_corpus):
    literal = concordance(cable_corpus, src="пленум")
    lemma = concordance(cable_corpus, src="пленум", lemma=True)
    # "пленум" is a prefix of "пленума"/"пленуме": the literal query finds them too, but not
    # a case-sensitive literal on a form that differs in its stem ("пленумом" is absent).
    assert set(literal["seg_no"]) <= set(lemma["seg_no"])
    assert concordance(cable_corpus, src="пленумов").height == 0
    assert concordance(cable_corpus, src="пленумов", lemma=True).height == lemma.height


def test_two_word_lemma_query_requires_both(cable_corpus):
    both = concordance(cable_corpus, src="августовский пленум", lemma=True)
    plenum = concordance(cable_corpus, src="пленум", lemma=True)
    assert 0 < both.height < plenum.height
    assert all("августовск" in text.lower() for text in both["src_text"])


LITERAL_CASES = [
    pytest.param({"src": "ЦК"}, lambda r: "ЦК" in r["src_text"], id="literal source"),
    pytest.param({"tgt": "kim il sung"}, lambda r: "kim il sung" in r["tgt_text"].lower(), id="literal ignores case"),
    pytest.param({"tgt": "The plenum", "case_sensitive": True}, lambda r: "The plenum" in r["tgt_text"], id="case-sensitive"),
    pytest.param({"src": "т.т."}, lambda r: "т.т." in r["src_text"], id="dots are literal, not regex"),
    pytest.param({"src": r"\d{2} сентября", "regex": True}, lambda r: re.search(r"\d{2} сентября", r["src_text"]), id="regex"),
    pytest.param({"bead": "2-1"}, lambda r: r["bead"] == "2-1", id="bead kind"),
    pytest.param({"flag": "editorial"}, lambda r: "editorial" in r["flags"], id="flag"),
    pytest.param({"term": "kwp"}, lambda r: "kwp" in r["src_terms"] + r["tgt_terms"], id="term id on either side"),
    pytest.param({"src": "пленум", "tgt": "plenum"}, lambda r: "plenum" in r["tgt_text"].lower(), id="both sides (AND)"),
]


@pytest.mark.parametrize(("kwargs", "holds"), LITERAL_CASES)
def test_every_result_meets_the_conditions_and_none_is_missed(cable_corpus, kwargs, holds):
    found = concordance(cable_corpus, **kwargs)
    everything = concordance(cable_corpus)
    expected = [r["seg_no"] for r in everything.iter_rows(named=True) if holds(r) and _text_ok(r, kwargs)]
    assert found["seg_no"].to_list() == expected
    assert expected, "the case should match something in the sample"


def _text_ok(row, kwargs) -> bool:
    ok = True
    for side in ("src", "tgt"):
        if side in kwargs and not kwargs.get("regex"):
            pattern, text = kwargs[side], row[f"{side}_text"]
            ok &= pattern in text if kwargs.get("case_sensitive") else pattern.lower() in text.lower()
    return ok


def test_result_has_segment_columns_sorted_and_limited(cable_corpus):
    found = concordance(cable_corpus, tgt="the", limit=3)
    assert found.columns == [*SEGMENTS_SCHEMA, *MATCH_COLUMNS]
    assert found.height == 3
    assert found["seg_no"].to_list() == sorted(found["seg_no"].to_list())
    assert concordance(cable_corpus, tgt="the", limit=0).height == 0


def test_match_spans_point_at_the_match(cable_corpus):
    found = concordance(cable_corpus, tgt="Kim Il Sung")
    for row in found.iter_rows(named=True):
        assert row["match_side"] == "tgt"
        assert row["tgt_text"][row["match_start"] : row["match_end"]] == "Kim Il Sung"


def test_kwic_centres_the_match_and_shows_the_aligned_side(cable_corpus):
    found = concordance(cable_corpus, src="пленум", lemma=True, limit=1)
    (line,) = kwic_lines(found, width=10)
    row = found.row(0, named=True)
    assert line.match.lower().startswith("пленум")
    assert len(line.left) <= 10 and len(line.right) <= 10
    assert line.aligned == row["tgt_text"]
    assert (line.left + line.match).endswith(line.match)


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        pytest.param({"src": "пленум(", "regex": True}, InputError, "invalid regular expression 'пленум('", id="unclosed group"),
        pytest.param({"tgt": "[a-", "regex": True}, InputError, "'[a-'", id="unclosed class"),
        pytest.param({"flag": "typo"}, InputError, "unknown flag 'typo'", id="unknown flag"),
        pytest.param({"bead": "two-one"}, InputError, "not a bead type", id="bad bead kind"),
        pytest.param({"src": "...", "lemma": True}, InputError, "holds no word", id="lemma pattern without words"),
        pytest.param({"doc_id": "nope"}, CorpusError, "no document 'nope'", id="unknown document"),
        pytest.param({"doc_id": CABLE, "translation_id": "fr"}, CorpusError, "no translation 'fr'", id="unknown translation"),
    ],
)
def test_user_errors(cable_corpus, kwargs, error, fragment):
    with pytest.raises(error, match=re.escape(fragment)):
        concordance(cable_corpus, **kwargs)


def test_lemma_with_regex_is_caller_misuse(cable_corpus):
    with pytest.raises(ValueError):
        concordance(cable_corpus, src="пленум", lemma=True, regex=True)


def test_doc_filter(cable_corpus):
    assert concordance(cable_corpus, doc_id=CABLE).height == concordance(cable_corpus).height
