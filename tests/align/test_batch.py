"""Batch alignment: manifests, group commits, failures per document, resume, processes, Dask."""

import json
import shutil

import pytest

from aligner.align.batch import BatchItem, align_batch, read_manifest
from aligner.align.pipeline import align_files
from aligner.errors import InputError
from aligner.store.corpus import Corpus
from tests.conftest import CORPORA

CABLE = CORPORA / "cable-1956-09-23-mikoyan"
MEMO = CORPORA / "memo-1956-10-05-ivanov-kim-il-sung"
RESOLUTION = CORPORA / "resolution-1956-09-23-kwp-plenum"


def item(folder, tgt="en", doc=None):
    return BatchItem(doc or folder.name, tgt, folder / "ru.txt", folder / f"{tgt}.txt")


def stored_keys(corpus):
    return sorted(zip(*corpus.read_documents().select("doc_id", "translation_id").to_dict(as_series=False).values()))


@pytest.mark.parametrize(
    "name, text, expected",
    [
        pytest.param("m.csv", "doc_id,src_path,tgt_path\ncable,ru.txt,en.txt\n",
                     [("cable", "en", "ru.txt", "en.txt", "ru", "en", None)], id="csv: translation id from the target stem"),
        pytest.param("m.tsv", "doc_id\tsrc_path\ttgt_path\ttranslation_id\ttitle\ncable\tru.txt\ten.txt\ten-1956\tA cable\n",
                     [("cable", "en-1956", "ru.txt", "en.txt", "ru", "en", "A cable")], id="tsv with optional columns"),
        pytest.param("m.csv", "doc_id,src_path,tgt_path,src_lang,tgt_lang\nd,a/de.txt,a/fr.txt,de,fr\n\n",
                     [("d", "fr", "a/de.txt", "a/fr.txt", "de", "fr", None)], id="languages per row, blank line skipped"),
        pytest.param("m.txt", "doc_id\tsrc_path\ttgt_path\nx\ts.txt\tt.txt\n",
                     [("x", "t", "s.txt", "t.txt", "ru", "en", None)], id="tabs found without a .tsv name"),
    ],
)
def test_read_table_manifest(tmp_path, name, text, expected):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    got = [(i.doc_id, i.translation_id, i.src_path, i.tgt_path, i.src_lang, i.tgt_lang, i.title) for i in read_manifest(path)]
    assert got == [(d, t, tmp_path / s, tmp_path / g, sl, tl, title) for d, t, s, g, sl, tl, title in expected]


@pytest.mark.parametrize(
    "text, fragment, line",
    [
        pytest.param("doc_id,src_path\nx,a.txt\n", "lacks the column(s) tgt_path", 1, id="missing column"),
        pytest.param("doc_id,src_path,tgt_path,colour\nx,a,b,red\n", "unknown manifest column(s) colour", 1, id="unknown column"),
        pytest.param("doc_id,src_path,tgt_path\nx,a.txt,en.txt\nx,b.txt,en.txt\n", "listed twice (first on line 2)", 3,
                     id="one document and translation twice"),
        pytest.param("doc_id,src_path,tgt_path\n,a.txt,b.txt\n", "empty doc_id", 2, id="empty doc_id"),
        pytest.param("doc_id,src_path,tgt_path\nx,a.txt\n", "2 fields where the header has 3", 2, id="short row"),
        pytest.param("doc_id,src_path,tgt_path\n", "lists no document pairs", None, id="header only"),
    ],
)
def test_bad_manifests_name_file_and_line(tmp_path, text, fragment, line):
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_manifest(path)
    assert fragment in str(caught.value)
    assert caught.value.path == str(path) and caught.value.line == line


def test_folder_manifest_lists_every_translation():
    items = read_manifest(CORPORA)
    assert [i.key for i in items] == [
        ("cable-1956-09-23-mikoyan", "en"),
        ("memo-1956-10-05-ivanov-kim-il-sung", "en"),
        ("memo-1956-10-05-ivanov-kim-il-sung", "en-draft"),
        ("resolution-1956-09-23-kwp-plenum", "en"),
    ]
    assert items[2].src_path == MEMO / "ru.txt" and items[2].tgt_path == MEMO / "en-draft.txt"


def test_a_missing_manifest_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such manifest"):
        read_manifest(tmp_path / "nothing.csv")


def test_batch_stores_documents_in_groups_and_reports_failures(tmp_path):
    corpus = Corpus.open(tmp_path / "c", create=True)
    version = corpus.version
    items = [item(CABLE), BatchItem("ghost", "en", tmp_path / "no-ru.txt", tmp_path / "no-en.txt"), item(MEMO),
             item(RESOLUTION)]
    seen = []
    report = align_batch(items, corpus, group_documents=2, lemmas=False, progress=seen.append)
    assert report.aligned == 3 and report.skipped == 0 and not report.ok
    assert [(f.doc_id, f.translation_id) for f in report.failures] == [("ghost", "en")]
    assert "no-ru.txt" in report.failures[0].error
    assert stored_keys(corpus) == sorted(i.key for i in items if i.doc_id != "ghost")
    # Two groups (2 + 1 documents): two commits of the documents table, not three.
    assert corpus.version == version + 2
    assert [p.done for p in seen] == [1, 2, 3, 4] and seen[-1].failed == 1 and seen[-1].total == 4
    assert seen[-1].sentences == report.sentences > 0


def test_batch_results_equal_single_alignment(tmp_path):
    from aligner.align.pipeline import align_files

    corpus = Corpus.open(tmp_path / "c", create=True)
    align_batch([item(CABLE)], corpus, lemmas=False)
    single = align_files(CABLE / "ru.txt", CABLE / "en.txt", lemmas=False)
    stored = corpus.read_alignment(CABLE.name, "en")
    assert [(b.src, b.tgt) for b in stored.beads] == [(b.src, b.tgt) for b in single.alignment.beads]


def test_an_interrupted_batch_keeps_written_groups_and_resume_skips_them(tmp_path):
    corpus = Corpus.open(tmp_path / "c", create=True)
    items = [item(CABLE), item(MEMO), item(RESOLUTION)]

    def crash_after_two(progress):
        if progress.done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        align_batch(items, corpus, group_documents=1, lemmas=False, progress=crash_after_two)
    assert stored_keys(corpus) == sorted(i.key for i in items[:2])
    report = align_batch(items, corpus, resume=True, lemmas=False)
    assert (report.aligned, report.skipped) == (1, 2)
    assert stored_keys(corpus) == sorted(i.key for i in items)


def _stored_results(corpus):
    """Per document: (settings, signature, beads) as stored."""
    rows = corpus.read_documents().select("doc_id", "translation_id", "settings", "signature").iter_rows()
    return {(d, t): (json.loads(settings), signature, [(b.src, b.tgt) for b in corpus.read_alignment(d, t).beads])
            for d, t, settings, signature in rows}


def test_a_resumed_batch_borrows_what_an_uninterrupted_one_did(tmp_path):
    # Both corpora hold a document to borrow from; the batch's own documents must never lend,
    # not even after an interruption has stored the first of them.
    lender = align_files(RESOLUTION / "ru.txt", RESOLUTION / "en.txt", lemmas=False)
    whole, resumed = (Corpus.open(tmp_path / name, create=True) for name in ("whole", "resumed"))
    for corpus in (whole, resumed):
        corpus.write_documents([lender])
    items = [item(CABLE), item(MEMO)]
    align_batch(items, whole, lemmas=False)

    def crash_after_one(progress):
        if progress.done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        align_batch(items, resumed, group_documents=1, lemmas=False, progress=crash_after_one)
    assert align_batch(items, resumed, resume=True, lemmas=False).skipped == 1
    expected, got = _stored_results(whole), _stored_results(resumed)
    assert got == expected
    borrowed = {key: settings.get("borrowed") for key, (settings, _, _) in got.items()}
    assert borrowed[items[0].key] == borrowed[items[1].key] > 0  # both borrowed the lender's pairs alone


def test_resume_aligns_again_a_document_whose_file_changed(tmp_path):
    folder = tmp_path / "doc"
    shutil.copytree(CABLE, folder)
    corpus = Corpus.open(tmp_path / "c", create=True)
    align_batch([item(folder)], corpus, lemmas=False)
    assert align_batch([item(folder)], corpus, resume=True, lemmas=False).skipped == 1
    (folder / "en.txt").write_text((folder / "en.txt").read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    report = align_batch([item(folder)], corpus, resume=True, lemmas=False)
    assert (report.aligned, report.skipped) == (1, 0)


def test_a_batch_listing_a_document_twice_is_refused(tmp_path):
    corpus = Corpus.open(tmp_path / "c", create=True)
    with pytest.raises(ValueError, match="twice"):
        align_batch([item(CABLE), item(CABLE)], corpus)


def test_worker_processes_give_the_same_documents(tmp_path):
    corpus = Corpus.open(tmp_path / "c", create=True)
    items = [item(CABLE), item(MEMO), item(MEMO, "en-draft")]
    report = align_batch(items, corpus, workers=2, lemmas=False)
    assert report.aligned == 3 and report.ok
    assert stored_keys(corpus) == sorted(i.key for i in items)


def test_dask_cluster_aligns_and_the_client_writes(tmp_path):
    distributed = pytest.importorskip("distributed", reason="the 'distributed' extra is not installed")
    corpus = Corpus.open(tmp_path / "c", create=True)
    items = [item(CABLE), item(RESOLUTION), BatchItem("ghost", "en", tmp_path / "a.txt", tmp_path / "b.txt")]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        report = align_batch(items, corpus, scheduler=cluster.scheduler_address, lemmas=False)
    assert report.aligned == 2 and [f.doc_id for f in report.failures] == ["ghost"]
    assert stored_keys(corpus) == sorted(i.key for i in items[:2])
