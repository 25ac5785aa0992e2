"""``aligner report``: one self-contained HTML file per translation."""

from __future__ import annotations

import re

import pytest

from tests.cli.conftest import assert_one_line_error, corpus_state, invoke
from tests.qa.samples import MEMO, qa_corpus, test_glossary_path  # noqa: F401


@pytest.fixture
def unchanged(qa_corpus):
    before = corpus_state(qa_corpus)
    yield qa_corpus
    assert corpus_state(qa_corpus) == before


def test_report_writes_html(unchanged, test_glossary_path, tmp_path):
    out = tmp_path / "report.html"
    result = invoke("report", unchanged, "--doc", MEMO, "--translation", "en-draft", "-g", test_glossary_path, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count('<tr class="seg"') == 31
    assert '<mark data-term="nam-il" data-status="forbidden"><a href="#term-nam-il" title="nam-il">Nam Ir</a></mark>' in html
    wrote, warning = result.stderr.splitlines()
    # How many segments carry flags depends on the aligner's stored flags; the shape does not.
    assert re.fullmatch(rf"wrote {re.escape(str(out))}: 31 segments of {MEMO}/en-draft, \d+ with flags or term findings", wrote)
    assert warning == f"warning: {MEMO}/en-draft was aligned with another glossary than {test_glossary_path.name}"


def test_report_without_glossary_lists_stored_terms(unchanged, tmp_path):
    out = tmp_path / "report.html"
    result = invoke("report", unchanged, "--doc", MEMO, "--translation", "en", "-o", out)
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<mark" not in html and '<span class="detail">term: kim-il-sung</span>' in html


def test_output_is_required(unchanged):
    result = invoke("report", unchanged, "--doc", MEMO, "--translation", "en")
    assert result.exit_code == 2 and "--output" in result.stderr


def test_unwritable_output_is_one_line_error(unchanged, tmp_path):
    out = tmp_path / "missing-folder" / "report.html"
    assert_one_line_error(invoke("report", unchanged, "--doc", MEMO, "--translation", "en", "-o", out), str(out))


def test_unknown_document(unchanged, tmp_path):
    assert_one_line_error(invoke("report", unchanged, "--doc", "nope", "-o", tmp_path / "r.html"), "no document 'nope'")
    assert not (tmp_path / "r.html").exists()
