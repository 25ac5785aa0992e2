"""`aligner align-batch`: a folder or a manifest into a corpus, failures, resume, bad input."""

from aligner.store.corpus import Corpus
from tests.cli.conftest import GLOSSARY, assert_one_line_error, corpus_state, invoke
from tests.conftest import CORPORA

CABLE = CORPORA / "cable-1956-09-23-mikoyan"
RESOLUTION = CORPORA / "resolution-1956-09-23-kwp-plenum"


def keys(corpus_path):
    frame = Corpus.open(corpus_path).read_documents()
    return list(zip(frame["doc_id"].to_list(), frame["translation_id"].to_list()))


def test_a_corpora_folder_is_aligned_into_the_corpus(tmp_path):
    corpus = tmp_path / "c"
    result = invoke("align-batch", CORPORA, "--corpus", corpus, "-g", GLOSSARY, "--workers", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "aligned 4 documents (" in result.stderr
    assert "skipped 0 already stored; failed 0; stored in " in result.stderr
    assert keys(corpus) == [
        ("cable-1956-09-23-mikoyan", "en"),
        ("memo-1956-10-05-ivanov-kim-il-sung", "en"),
        ("memo-1956-10-05-ivanov-kim-il-sung", "en-draft"),
        ("resolution-1956-09-23-kwp-plenum", "en"),
    ]
    assert Corpus.open(corpus).read_segments(doc_id="cable-1956-09-23-mikoyan")["src_lemmas"].list.len().sum() > 0

    again = invoke("align-batch", CORPORA, "--corpus", corpus, "-g", GLOSSARY, "--workers", "1", "--resume")
    assert again.exit_code == 0, again.stderr
    assert "aligned 0 documents" in again.stderr and "skipped 4 already stored" in again.stderr


def test_failed_documents_are_listed_and_exit_1(tmp_path):
    manifest = tmp_path / "batch.csv"
    manifest.write_text(
        "doc_id,src_path,tgt_path,title\n"
        f"cable,{CABLE / 'ru.txt'},{CABLE / 'en.txt'},Cable\n"
        f"lost,{tmp_path / 'missing-ru.txt'},{CABLE / 'en.txt'},\n"
        f"swapped,{RESOLUTION / 'en.txt'},{RESOLUTION / 'ru.txt'},\n",
        encoding="utf-8",
    )
    corpus = tmp_path / "c"
    result = invoke("align-batch", manifest, "--corpus", corpus, "--workers", "1")
    assert result.exit_code == 1, result.stderr
    assert "aligned 1 documents" in result.stderr and "failed 2" in result.stderr
    assert "failed documents" in result.stderr
    assert "lost" in result.stderr and "missing-ru.txt" in result.stderr
    assert "swapped" in result.stderr
    assert "Traceback" not in result.stderr
    assert keys(corpus) == [("cable", "en")]
    assert Corpus.open(corpus).read_documents()["title"].to_list() == ["Cable"]


def test_workers_and_scheduler_together_are_a_usage_error(tmp_path):
    result = invoke("align-batch", CORPORA, "--corpus", tmp_path / "c", "--workers", "2", "--scheduler", "tcp://x:8786")
    assert result.exit_code == 2
    assert "--workers" in result.stderr
    assert not (tmp_path / "c").exists()


def test_a_bad_manifest_is_one_error_line_and_the_corpus_is_untouched(stored_corpus, tmp_path):
    manifest = tmp_path / "batch.csv"
    manifest.write_text("doc_id,src_path\nx,a.txt\n", encoding="utf-8")
    before = corpus_state(stored_corpus)
    result = invoke("align-batch", manifest, "--corpus", stored_corpus)
    assert_one_line_error(result, f"{manifest}:1:", "tgt_path")
    assert corpus_state(stored_corpus) == before


def test_a_missing_manifest_is_one_error_line(tmp_path):
    result = invoke("align-batch", tmp_path / "none.csv", "--corpus", tmp_path / "c")
    assert_one_line_error(result, "none.csv", "no such manifest")
    assert not (tmp_path / "c").exists()
