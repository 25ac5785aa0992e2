"""`aligner align`: corpus writes, bead files, printing, identity options and bad input."""

import json

import pytest

from aligner.interchange.beads import read_beads
from aligner.store.corpus import Corpus
from aligner.text.read import read_text
from tests.cli.conftest import GLOSSARY, SAMPLE, assert_one_line_error, corpus_state, invoke

DOC = "cable-1956-09-23-mikoyan"


def test_align_into_corpus_prints_summary(stored_corpus):
    corpus = Corpus.open(stored_corpus)
    docs = corpus.read_documents()
    assert docs["doc_id"].to_list() == [DOC]
    assert docs["translation_id"].to_list() == ["en"]
    segments = corpus.read_segments(doc_id=DOC)
    ids = [i for row in segments["src_sent_ids"].to_list() for i in row]
    assert ids == list(range(len(ids)))
    assert corpus.rebuild_text(DOC, "en", "src") == read_text(SAMPLE / "ru.txt", "ru").normalized
    assert corpus.rebuild_text(DOC, "en", "tgt") == read_text(SAMPLE / "en.txt", "en").normalized


def test_summary_lines(tmp_path):
    result = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--corpus", tmp_path / "c")
    assert result.exit_code == 0
    assert f"document {DOC}, translation en:" in result.stderr
    assert "beads:" in result.stderr and "low confidence:" in result.stderr
    assert f"stored in {tmp_path / 'c'}" in result.stderr
    assert result.stdout == ""


def test_identity_and_metadata_options(tmp_path):
    corpus = tmp_path / "c"
    result = invoke(
        "align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--corpus", corpus, "--doc", "cable-604",
        "--translation", "en-1956", "--title", "Cable from Pyongyang", "--date", "1956-09-23",
        "--archive-ref", "АВП РФ, ф. 0102",
    )
    assert result.exit_code == 0, result.stderr
    row = Corpus.open(corpus).read_documents().to_dicts()[0]
    assert (row["doc_id"], row["translation_id"]) == ("cable-604", "en-1956")
    assert (row["title"], row["date"], row["archive_ref"]) == ("Cable from Pyongyang", "1956-09-23", "АВП РФ, ф. 0102")
    assert row["src_lang"] == "ru" and row["tgt_lang"] == "en"
    assert row["signature"].startswith("seg-src:razdel-")


def test_realign_replaces_and_second_translation_adds(stored_corpus, tmp_path):
    before = Corpus.open(stored_corpus).version
    again = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--corpus", stored_corpus)
    assert again.exit_code == 0
    corpus = Corpus.open(stored_corpus)
    assert corpus.version == before + 1
    assert corpus.read_documents().height == 1
    other = tmp_path / "en-2004.txt"
    other.write_text((SAMPLE / "en.txt").read_text(encoding="utf-8"), encoding="utf-8")
    added = invoke("align", SAMPLE / "ru.txt", other, "--corpus", stored_corpus, "--doc", DOC)
    assert added.exit_code == 0, added.stderr
    assert sorted(Corpus.open(stored_corpus).read_documents()["translation_id"].to_list()) == ["en", "en-2004"]


def test_beads_out_is_scorable(tmp_path):
    out = tmp_path / "pred.align"
    result = invoke("align", SAMPLE / "ru.sents", SAMPLE / "en.sents", "--segmented", "--beads-out", out)
    assert result.exit_code == 0, result.stderr
    beads = read_beads(out)
    n_src = len((SAMPLE / "ru.sents").read_text(encoding="utf-8").splitlines())
    assert [i for s, _ in beads for i in s] == list(range(n_src))


def test_without_corpus_or_beads_prints_segments_as_json():
    result = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[0]["seg_no"] == 0
    assert set(rows[0]) == {"seg_no", "src_text", "tgt_text", "bead", "score", "confidence", "flags"}


@pytest.mark.parametrize(
    "make_src, fragments",
    [
        pytest.param(lambda p: p / "missing.txt", ["missing.txt"], id="missing file"),
        pytest.param(lambda p: _write(p / "empty.txt", b""), ["empty.txt", "empty"], id="empty file"),
        pytest.param(lambda p: _write(p / "doc.txt", b"%PDF-1.4\n\x00\x01binary"), ["doc.txt"], id="a PDF saved as .txt"),
        pytest.param(lambda p: _write(p / "en-as-ru.txt", (SAMPLE / "en.txt").read_bytes()), ["en-as-ru.txt"], id="English given as the Russian side"),
    ],
)
def test_bad_source_is_one_line_and_leaves_corpus_untouched(stored_corpus, tmp_path, make_src, fragments):
    before = corpus_state(stored_corpus)
    result = invoke("align", make_src(tmp_path), SAMPLE / "en.txt", "--corpus", stored_corpus)
    assert_one_line_error(result, *fragments)
    assert corpus_state(stored_corpus) == before


def test_swapped_sides_are_detected(tmp_path):
    result = invoke("align", SAMPLE / "en.txt", SAMPLE / "ru.txt", "--beads-out", tmp_path / "x.align")
    assert_one_line_error(result, "en.txt")
    assert not (tmp_path / "x.align").exists()


def test_a_folder_that_is_not_a_corpus(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "letter.txt").write_text("hello", encoding="utf-8")
    result = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--corpus", folder)
    assert_one_line_error(result, "notes")
    assert sorted(p.name for p in folder.iterdir()) == ["letter.txt"]


def test_unreadable_glossary(tmp_path):
    bad = tmp_path / "g.tsv"
    bad.write_text("name\tvalue\nx\ty\n", encoding="utf-8")
    result = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "-g", bad, "--corpus", tmp_path / "c")
    assert_one_line_error(result, "g.tsv")
    assert not (tmp_path / "c").exists()


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_embedder_that_is_not_a_model_folder(tmp_path):
    result = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--embedder", tmp_path / "no-model")
    assert_one_line_error(result, "no-model", "sentence-transformers")


def test_embedder_without_the_optional_extra(tmp_path):
    pytest.importorskip("pytest")  # always present; the branch below depends on the extra
    folder = tmp_path / "model"
    folder.mkdir()
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        result = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--embedder", folder)
        assert_one_line_error(result, "model", "pip install 'aligner[embeddings]'")
    else:
        pytest.skip("sentence-transformers is installed here")


def test_rejected_input_leaves_no_new_corpus_behind(tmp_path):
    corpus = tmp_path / "new-corpus"
    result = invoke("align", SAMPLE / "en.txt", SAMPLE / "ru.txt", "--corpus", corpus)
    assert_one_line_error(result, "en.txt")
    assert not corpus.exists()
