"""``aligner export``: each format written, format from the extension, errors."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import GLOSSARY, SAMPLE, assert_one_line_error, corpus_state, invoke


@pytest.fixture(scope="module")
def stored_corpus(tmp_path_factory):
    """The cable sample, aligned once for this module's read-only tests."""
    path = tmp_path_factory.mktemp("corpus") / "corpus"
    assert invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "-g", GLOSSARY, "--corpus", path).exit_code == 0
    return path


DOC = "cable-1956-09-23-mikoyan"


@pytest.mark.parametrize("name", ["out.tmx", "out.xlf", "out.tsv", "out.csv", "out.jsonl", "out.parquet"])
def test_export_writes_the_file(tmp_path, stored_corpus, name):
    out = tmp_path / name
    result = invoke("export", stored_corpus, "-o", out, "--doc", DOC)
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_size > 0
    assert result.stderr.startswith(f"wrote 35 segment(s) of 1 document(s) to {out}")


def test_format_option_and_min_confidence(tmp_path, stored_corpus):
    out = tmp_path / "segments.txt"
    result = invoke("export", stored_corpus, "--format", "jsonl", "-o", out, "--min-confidence", "0.99")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert 0 < len(rows) < 35 and all(r["confidence"] >= 0.99 for r in rows)


def test_unknown_extension_and_document(tmp_path, stored_corpus):
    before = corpus_state(stored_corpus)
    assert_one_line_error(invoke("export", stored_corpus, "-o", tmp_path / "x.docx"), "x.docx", "--format")
    assert_one_line_error(invoke("export", stored_corpus, "-o", tmp_path / "x.tmx", "--doc", "nope"), "no document 'nope'")
    assert corpus_state(stored_corpus) == before
