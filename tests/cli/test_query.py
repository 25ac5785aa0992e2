"""``aligner query``: the concordance on stdout, JSON rows, and one-line errors."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import GLOSSARY, SAMPLE, assert_one_line_error, corpus_state, invoke

REF = "cable-1956-09-23-mikoyan/en"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "corpus"
    result = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "-g", GLOSSARY, "--corpus", path)
    assert result.exit_code == 0, result.stderr
    return path


def test_concordance_line_centres_the_match(corpus):
    result = invoke("query", corpus, "--ru", "Пленум открылся", "--width", "12")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{REF}:5              Пленум открылся в 10 часов…  | The plenum opened at 10 o'clock in the morning and "
        "finished its work at about 7 o'clock in the evening.\n"
    )
    assert result.stderr == "1 segment(s)\n"


def test_lemma_query_finds_inflected_forms_and_en_alias(corpus):
    rows = json.loads(invoke("query", corpus, "--ru", "пленумов", "--lemma", "--format", "json").stdout)
    forms = {r["src_text"][r["match_start"] : r["match_end"]].lower() for r in rows}
    assert {"пленум", "пленума", "пленуме"} <= forms
    en = json.loads(invoke("query", corpus, "--en", "plenums", "--lemma", "--format", "json").stdout)
    tgt = json.loads(invoke("query", corpus, "--tgt", "plenums", "--lemma", "--format", "json").stdout)
    assert en == tgt and en and all(r["match_side"] == "tgt" for r in en)


def test_json_rows_have_the_segments_columns(corpus):
    rows = json.loads(invoke("query", corpus, "--bead", "2-1", "--format", "json").stdout)
    assert [r["bead"] for r in rows] == ["2-1"]
    assert {"doc_id", "translation_id", "seg_no", "src_text", "tgt_text", "src_lemmas", "tgt_stems", "flags", "reviewed"} <= set(rows[0])


def test_filters_combine(corpus):
    plenum = json.loads(invoke("query", corpus, "--en", "plenum", "--format", "json").stdout)
    rows = json.loads(invoke("query", corpus, "--en", "plenum", "--flag", "term_mismatch", "--format", "json").stdout)
    assert 0 < len(rows) < len(plenum)
    assert all("term_mismatch" in r["flags"] and "plenum" in r["tgt_text"].lower() for r in rows)
    limited = json.loads(invoke("query", corpus, "--en", "plenum", "--limit", "2", "--format", "json").stdout)
    assert limited == plenum[:2]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        pytest.param(["--ru", "пленум(", "--regex"], ["invalid regular expression 'пленум('", "unclosed group"], id="invalid regex"),
        pytest.param(["--flag", "omision"], ["unknown flag 'omision'"], id="unknown flag"),
        pytest.param(["--doc", "nope"], ["no document 'nope'"], id="unknown document"),
    ],
)
def test_errors_are_one_line(corpus, args, fragments):
    before = corpus_state(corpus)
    assert_one_line_error(invoke("query", corpus, *args), *fragments)
    assert corpus_state(corpus) == before


def test_lemma_with_regex_is_a_usage_error(corpus):
    result = invoke("query", corpus, "--ru", "пленум", "--lemma", "--regex")
    assert result.exit_code == 2 and "--lemma cannot be combined with --regex" in result.stderr


def test_missing_corpus(tmp_path):
    assert_one_line_error(invoke("query", tmp_path / "none", "--ru", "x"), "none")
