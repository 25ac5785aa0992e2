from aligner.store.corpus import Corpus
from tests.cli.conftest import assert_one_line_error, corpus_state, invoke

DOC = "cable-1956-09-23-mikoyan"


def test_rm_removes_document(stored_corpus):
    result = invoke("rm", stored_corpus, "--doc", DOC)
    assert result.exit_code == 0, result.stderr
    assert Corpus.open(stored_corpus).read_documents().height == 0
    assert "removed 1 translation(s)" in result.stderr


def test_rm_one_translation(stored_corpus):
    result = invoke("rm", stored_corpus, "--doc", DOC, "--translation", "en")
    assert result.exit_code == 0
    assert Corpus.open(stored_corpus).read_documents().height == 0


def test_rm_unknown_document_changes_nothing(stored_corpus):
    before = corpus_state(stored_corpus)
    assert_one_line_error(invoke("rm", stored_corpus, "--doc", "nope"), "nope")
    assert corpus_state(stored_corpus) == before
