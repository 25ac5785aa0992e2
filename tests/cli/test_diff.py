"""``aligner diff``: one translation against its original, and two translations against each other."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.conftest import assert_one_line_error, corpus_state, invoke
from tests.qa.samples import MEMO, qa_corpus, test_glossary_path  # noqa: F401
from tests.qa.test_compare import EXPECTED_DIFFERENCES


@pytest.fixture
def unchanged(qa_corpus):
    before = corpus_state(qa_corpus)
    yield qa_corpus
    assert corpus_state(qa_corpus) == before


def test_divergences_of_the_draft(unchanged, test_glossary_path):
    result = invoke("diff", unchanged, "--doc", MEMO, "--translation", "en-draft", "-g", test_glossary_path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert set(rows[0]) == {"doc_id", "translation_id", "seg_no", "bead", "kind", "detail", "src", "tgt"}
    picked = [(r["seg_no"], r["kind"], r["detail"]) for r in rows if r["kind"] in ("omission", "date_mismatch", "term_mismatch")]
    assert picked == [
        (7, "date_mismatch", "src only: --10-02; tgt only: --10-12"),
        (15, "omission", "untranslated: 1 source sentence(s), 31 characters"),
        (24, "term_mismatch", "src only: cpsu-20th-congress"),
    ]
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith(f"{MEMO}/en-draft: {len(rows)} divergence(s) in ")
    assert "omission 1" in summary and "date_mismatch 1" in summary


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [("omission", 1), ("date_mismatch,omission", 1), ("addition", 0), ("number_mismatch, addition", 0)],
    ids=["omission found", "several kinds", "no addition", "spaces allowed"],
)
def test_fail_on_gates_the_exit_code(unchanged, fail_on, code):
    result = invoke("diff", unchanged, "--doc", MEMO, "--translation", "en-draft", "--fail-on", fail_on, "--format", "json")
    assert result.exit_code == code, result.stderr
    if code:
        assert result.stderr.splitlines()[-1].startswith("failing: ")


def test_two_translations_through_the_original(unchanged, test_glossary_path):
    result = invoke("diff", unchanged, "--doc", MEMO, "--translation", "en", "--against", "en-draft",
                    "-g", test_glossary_path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["doc_id"], data["a"], data["b"]) == (MEMO, "en", "en-draft")
    found = [(tuple(r["src_sent_ids"]), d["kind"], d["detail"]) for r in data["rows"] for d in r["differences"]]
    assert found == EXPECTED_DIFFERENCES
    omitted = next(r for r in data["rows"] if r["src_sent_ids"] == [15])
    assert omitted["word_diff"] == [{"op": "delete", "a": "No reply has yet been received from them.", "b": ""}]
    assert result.stderr.splitlines()[-1] == (
        f"{MEMO}: en against en-draft: 20 of 31 rows differ: omission 2, addition 1, number_mismatch 1, "
        "date_mismatch 1, term_mismatch 4, name_mismatch 19"
    )


def test_two_translations_table_shows_word_diff(unchanged):
    result = invoke("diff", unchanged, "--doc", MEMO, "--translation", "en", "--against", "en-draft",
                    "--format", "tsv", "--fail-on", "date_mismatch")
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    row = next(r for r in rows if r["row_no"] == "7")
    assert "from 25 September to [-2-] {+12+} October" in row["word_diff"]
    assert row["differences"].startswith("date_mismatch: en only: --10-02; en-draft only: --10-12")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--fail-on", "omission,bogus"), "unknown kind(s) bogus"),
        (("--against", "en-draft"), "--against needs --translation"),
        (("--translation", "en", "--against", "en"), "two different translations"),
    ],
    ids=["unknown kind", "against without translation", "against itself"],
)
def test_usage_errors(unchanged, args, message):
    result = invoke("diff", unchanged, "--doc", MEMO, *args)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        ((), ("has 2 translations (en, en-draft)", "--translation")),
        (("--translation", "fr"), ("no translation 'fr'",)),
        (("--translation", "en", "--against", "fr"), ("no translation 'fr'",)),
    ],
    ids=["translation not chosen", "unknown translation", "unknown translation to compare"],
)
def test_corpus_errors_are_one_line(unchanged, args, fragments):
    assert_one_line_error(invoke("diff", unchanged, "--doc", MEMO, *args), *fragments)
