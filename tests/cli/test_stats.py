"""``aligner stats``: per-document rows and the total."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import GLOSSARY, SAMPLE, assert_one_line_error, invoke


@pytest.fixture(scope="module")
def stored_corpus(tmp_path_factory):
    """The cable sample, aligned once for this module's read-only tests."""
    path = tmp_path_factory.mktemp("corpus") / "corpus"
    assert invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "-g", GLOSSARY, "--corpus", path).exit_code == 0
    return path


def test_stats_json_and_table(stored_corpus):
    rows = json.loads(invoke("stats", stored_corpus, "--format", "json").stdout)
    assert [r["doc_id"] for r in rows] == ["cable-1956-09-23-mikoyan", None]
    doc, total = rows
    assert doc["segments"] == total["segments"] == 35
    assert doc["src_sents"] == doc["tgt_sents"] == 35
    assert sum(doc[k] for k in ("1-1", "1-0", "0-1", "2-1", "1-2")) == 35
    assert doc["terms"] > 0 and total["documents"] == 1
    table = invoke("stats", stored_corpus).stdout
    assert "(total)" in table and "segments" in table


def test_stats_unknown_document(stored_corpus):
    assert_one_line_error(invoke("stats", stored_corpus, "--doc", "nope"), "no document 'nope'")
