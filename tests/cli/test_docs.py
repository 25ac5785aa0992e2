import json

from tests.cli.conftest import assert_one_line_error, invoke


def test_docs_lists_documents(stored_corpus):
    rows = json.loads(invoke("docs", stored_corpus, "--format", "json").stdout)
    assert [(r["doc_id"], r["translation_id"]) for r in rows] == [("cable-1956-09-23-mikoyan", "en")]
    assert rows[0]["n_src_sents"] > 20


def test_docs_on_missing_corpus(tmp_path):
    assert_one_line_error(invoke("docs", tmp_path / "none"), "none")
