"""``aligner sql``: rows in every format, and one-line errors."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import GLOSSARY, SAMPLE, assert_one_line_error, invoke


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("sql") / "corpus"
    assert invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "-g", GLOSSARY, "--corpus", path).exit_code == 0
    return path


def test_csv_prints_a_header_then_rows(corpus):
    result = invoke("sql", corpus, "SELECT bead, COUNT(*) AS n FROM segments GROUP BY bead ORDER BY n DESC, bead", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "bead,n\n1-1,31\n0-1,1\n1-0,1\n1-2,1\n2-1,1\n"


def test_json_and_joins(corpus):
    result = invoke(
        "sql",
        corpus,
        "SELECT d.src_lang, d.tgt_lang, COUNT(*) AS n FROM segments s JOIN documents d "
        "ON s.doc_id = d.doc_id AND s.translation_id = d.translation_id GROUP BY d.src_lang, d.tgt_lang",
        "--format",
        "json",
    )
    assert json.loads(result.stdout) == [{"src_lang": "ru", "tgt_lang": "en", "n": 35}]


def test_bad_sql_is_one_line(corpus):
    assert_one_line_error(invoke("sql", corpus, "SELECT nope FROM segments"), "cannot run the SQL query", "nope")
