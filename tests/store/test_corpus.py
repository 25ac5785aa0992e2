"""Writing and reading a corpus: round trips, the generation scheme, removal, locks, crashes."""

from __future__ import annotations

import dataclasses
import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import filelock
import polars as pl
import pytest
from store_docs import TGT_SENTS, TGT_TEXT, make_document

from aligner.errors import CorpusError
from aligner.store import delta
from aligner.store.corpus import Corpus


def snapshot(corpus: Corpus) -> tuple:
    """Everything a reader can see, plus the corpus version."""
    return (
        corpus.version,
        corpus.read_documents(),
        corpus.read_segments(),
        corpus.scan_sentences().sort(["doc_id", "translation_id", "side", "sent_no"]).collect(),
    )


def assert_same(a: tuple, b: tuple) -> None:
    assert a[0] == b[0]
    for x, y in zip(a[1:], b[1:]):
        assert x.equals(y)


def test_round_trip(corpus: Corpus) -> None:
    doc = make_document(title=None, date=None, archive_ref=None)
    generation = corpus.write_document(doc)
    assert corpus.read_document("cable-604", "en") == doc
    assert corpus.read_alignment("cable-604") == doc.alignment
    docs = corpus.read_documents()
    assert docs.height == 1
    row = docs.row(0, named=True)
    assert (row["title"], row["date"], row["archive_ref"]) == (None, None, None)
    assert row["generation"] == generation
    assert row["src_path"] == "corpora/cable-604/ru.txt"


def test_segment_rows(corpus: Corpus) -> None:
    corpus.write_document(make_document())
    seg = corpus.read_segments("cable-604").row(1, named=True)
    assert seg["bead"] == "2-1"
    assert seg["src_sent_ids"] == [1, 2]
    assert seg["tgt_sent_ids"] == [1]
    assert seg["src_text"] == "Тов. Микоян А. И. встретился с Ким Ир Сеном 22 сентября 1956 г. Пэн Дэхуай присутствовал."
    assert seg["src_terms"] == ["Ким Ир Сен"] and seg["tgt_terms"] == ["Ким Ир Сен"]
    assert seg["score"] == pytest.approx(0.6) and seg["cost"] == pytest.approx(1.25)
    assert seg["reviewed"] is False
    assert corpus.read_segments("cable-604")["flags"].to_list() == [[], [], ["editorial"]]


@pytest.mark.parametrize("side", ["src", "tgt"])
def test_rebuild_text_is_exact(corpus: Corpus, side: str) -> None:
    doc = make_document()
    corpus.write_document(doc)
    text = corpus.rebuild_text("cable-604", None, side)
    expected = doc.src.normalized if side == "src" else doc.tgt.normalized
    assert text == expected
    assert text != text.strip()  # the fixtures start or end with whitespace
    stored = corpus.read_documents()[f"{side}_text_sha256"].item()
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == stored


def test_read_sentences(corpus: Corpus) -> None:
    corpus.write_document(make_document())
    both = corpus.read_sentences("cable-604")
    assert both["side"].to_list() == ["src"] * 4 + ["tgt"] * 3
    tgt = corpus.read_sentences("cable-604", "en", "tgt")
    assert tgt["text"].to_list() == list(TGT_SENTS)
    assert tgt["sent_no"].to_list() == [0, 1, 2]
    with pytest.raises(ValueError, match="side"):
        corpus.read_sentences("cable-604", "en", "ru")  # type: ignore[arg-type]


def test_rewrite_replaces(corpus: Corpus) -> None:
    first = corpus.write_document(make_document(tag="first"))
    version = corpus.version
    new_src = "Новый текст. Второе предложение.\n"
    doc = make_document(tag="second", src_text=new_src, src_sents=("Новый текст.", "Второе предложение."), beads=None)
    second = corpus.write_document(doc)
    assert second > first
    assert corpus.version == version + 1  # one documents commit
    assert corpus.read_documents()["generation"].to_list() == [second]
    segs = corpus.read_segments()
    assert segs["generation"].unique().to_list() == [second]
    assert all("second" in lemmas for lemmas in segs.filter(pl.col("src_sent_ids").list.len() > 0)["src_lemmas"])
    assert corpus.scan_sentences().filter(pl.col("side") == "src").collect().height == 2
    assert corpus.rebuild_text("cable-604", "en", "src") == new_src
    assert corpus.read_document("cable-604") == doc


def test_second_translation_beside(corpus: Corpus) -> None:
    en = make_document(translation_id="en")
    en2 = make_document(translation_id="en-1956", tgt_text="One. Two.", tgt_sents=("One.", "Two."), beads=None)
    corpus.write_document(en)
    corpus.write_document(en2)
    assert corpus.read_documents()["translation_id"].to_list() == ["en", "en-1956"]
    assert corpus.read_document("cable-604", "en") == en
    assert corpus.read_document("cable-604", "en-1956") == en2
    assert corpus.read_segments("cable-604", "en-1956").height == 4
    assert corpus.read_segments("cable-604").height == 3 + 4
    assert corpus.has_document("cable-604") and corpus.has_document("cable-604", "en-1956")
    assert not corpus.has_document("cable-604", "fr")
    # rewriting one translation leaves the other as it was
    corpus.write_document(make_document(translation_id="en", tag="again"))
    assert corpus.read_document("cable-604", "en-1956") == en2


RESOLVE_ERRORS = [
    pytest.param(
        "cable-604", None, "has 2 translations (en, en-1956); choose one with --translation", id="several, none chosen"
    ),
    pytest.param("cable-604", "fr", "has no translation 'fr' (it has: en, en-1956)", id="unknown translation"),
    pytest.param("cable-999", None, "no document 'cable-999' in this corpus", id="unknown document"),
    pytest.param("cable-999", "en", "no document 'cable-999' in this corpus", id="unknown document with translation"),
]


@pytest.mark.parametrize(("doc_id", "translation_id", "message"), RESOLVE_ERRORS)
def test_resolve_translation_errors(corpus: Corpus, doc_id: str, translation_id: str | None, message: str) -> None:
    corpus.write_documents([make_document(translation_id="en"), make_document(translation_id="en-1956")])
    with pytest.raises(CorpusError) as info:
        corpus.resolve_translation(doc_id, translation_id)
    assert message in info.value.message
    assert info.value.path == str(corpus.path)
    with pytest.raises(CorpusError):
        corpus.rebuild_text(doc_id, translation_id, "src")


def test_resolve_translation_single(corpus: Corpus) -> None:
    corpus.write_document(make_document(translation_id="en-1956"))
    assert corpus.resolve_translation("cable-604") == "en-1956"
    assert corpus.resolve_translation("cable-604", "en-1956") == "en-1956"


def test_remove(corpus: Corpus) -> None:
    corpus.write_documents(
        [make_document(translation_id="en"), make_document(translation_id="en-1956"), make_document("cable-605")]
    )
    version = corpus.version
    assert corpus.remove_document("cable-604", "en") == 1
    assert corpus.version == version + 1
    assert corpus.read_documents().select("doc_id", "translation_id").rows() == [
        ("cable-604", "en-1956"),
        ("cable-605", "en"),
    ]
    assert corpus.read_segments("cable-604", "en").height == 0
    gone = corpus.scan_sentences().filter(pl.col("doc_id") == "cable-604", pl.col("translation_id") == "en")
    assert gone.collect().height == 0
    assert corpus.remove_document("cable-604") == 1
    assert corpus.read_documents()["doc_id"].to_list() == ["cable-605"]
    assert corpus.read_segments()["doc_id"].unique().to_list() == ["cable-605"]


def test_remove_all_translations(corpus: Corpus) -> None:
    corpus.write_documents([make_document(translation_id="en"), make_document(translation_id="en-1956")])
    assert corpus.remove_document("cable-604") == 2
    assert corpus.read_documents().height == 0


REMOVE_ERRORS = [
    pytest.param("cable-999", None, "no document 'cable-999'", id="unknown document"),
    pytest.param("cable-604", "fr", "has no translation 'fr'", id="unknown translation"),
]


@pytest.mark.parametrize(("doc_id", "translation_id", "message"), REMOVE_ERRORS)
def test_remove_errors_leave_corpus_unchanged(corpus: Corpus, doc_id: str, translation_id: str | None, message: str) -> None:
    corpus.write_document(make_document())
    before = snapshot(corpus)
    with pytest.raises(CorpusError, match=message):
        corpus.remove_document(doc_id, translation_id)
    assert_same(before, snapshot(corpus))


def test_batch_is_one_documents_commit(corpus: Corpus) -> None:
    corpus.write_document(make_document("doc-0", "fr"))
    version = corpus.version
    docs = [make_document(f"doc-{i}", tag=str(i)) for i in range(5)]
    generations = corpus.write_documents(docs)
    assert corpus.version == version + 1
    assert len(set(generations)) == 5 and min(generations) > 0
    assert [corpus.read_document(f"doc-{i}", "en") for i in range(5)] == docs
    assert corpus.read_documents().height == 6  # doc-0/fr carried over
    assert corpus.write_documents([]) == []
    assert corpus.version == version + 1


def test_batch_with_a_key_twice_is_refused(corpus: Corpus) -> None:
    before = snapshot(corpus)
    with pytest.raises(ValueError, match="'cable-604' translation 'en' twice"):
        corpus.write_documents([make_document(), make_document("x"), make_document()])
    assert_same(before, snapshot(corpus))


TRICKY_IDS = [
    pytest.param("cable'604", id="apostrophe"),
    pytest.param("cable''604' OR '1'='1", id="injection attempt"),
    pytest.param('cable "604"', id="double quotes"),
    pytest.param("cable\\604", id="backslash"),
    pytest.param("шифротелеграмма-604", id="cyrillic"),
    pytest.param("cable 604; DROP", id="semicolon"),
    pytest.param("50%_done", id="LIKE wildcards"),
]


@pytest.mark.parametrize("doc_id", TRICKY_IDS)
def test_tricky_ids_are_quoted(corpus: Corpus, doc_id: str) -> None:
    neighbour = make_document("cable-604")
    corpus.write_documents([neighbour, make_document(doc_id, "en'x")])
    doc = make_document(doc_id, "en'x", tag="again")
    corpus.write_document(doc)
    assert corpus.read_document(doc_id) == doc
    assert corpus.read_documents().height == 2
    assert corpus.remove_document(doc_id, "en'x") == 1
    assert corpus.read_document("cable-604") == neighbour


def test_lock_timeout(corpus: Corpus) -> None:
    corpus.write_document(make_document())
    before = snapshot(corpus)
    other = filelock.FileLock(str(corpus.path / ".lock"))
    with other:
        for write in (
            lambda: corpus.write_document(make_document(tag="x"), lock_timeout=0.05),
            lambda: corpus.remove_document("cable-604", lock_timeout=0.05),
            lambda: corpus.vacuum(lock_timeout=0.05),
        ):
            with pytest.raises(CorpusError) as info:
                write()
            assert info.value.path == str(corpus.path)
            assert "locked by another writer" in info.value.message
            assert "--lock-timeout" in info.value.message
    assert_same(before, snapshot(corpus))
    corpus.write_document(make_document(tag="after"), lock_timeout=0.05)  # released


class Crash(Exception):
    pass


def test_crash_before_documents_commit(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    old = make_document()
    corpus.write_document(old)
    before = snapshot(corpus)
    table_versions = {n: delta.table_version(delta.load_table(corpus.path / n)) for n in ("sentences", "segments")}

    def crash(self, table, documents):
        raise Crash

    monkeypatch.setattr(Corpus, "_commit_documents", crash)
    with pytest.raises(Crash):
        corpus.write_documents([make_document(tag="lost"), make_document("cable-605")])
    monkeypatch.undo()

    # the rows of the abandoned generations were committed, but nobody sees them
    for name, version in table_versions.items():
        assert delta.table_version(delta.load_table(corpus.path / name)) == version + 1
    assert_same(before, snapshot(corpus))
    assert corpus.read_document("cable-604") == old
    assert not corpus.has_document("cable-605")

    # the next write does not reuse an abandoned generation
    abandoned = pl.scan_delta(str(corpus.path / "segments")).select(pl.col("generation").max()).collect().item()
    generation = corpus.write_document(make_document(tag="next"))
    assert generation > abandoned
    assert corpus.read_segments()["generation"].unique().to_list() == [generation]


def test_vacuum_drops_dead_generations_only(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus.write_document(make_document(tag="v1"))
    corpus.write_document(make_document(tag="v2"))  # supersedes v1: 7 sentences + 3 segments dead
    corpus.write_document(make_document("cable-605"))
    monkeypatch.setattr(Corpus, "_commit_documents", lambda self, table, documents: None)  # abandoned write
    corpus.write_document(make_document("cable-606"))
    monkeypatch.undo()
    before = snapshot(corpus)
    report = corpus.vacuum(retention_hours=0)
    assert report.rows_removed == 2 * (7 + 3)
    assert report.files_removed > 0
    assert_same(before, snapshot(corpus))
    assert corpus.vacuum().rows_removed == 0


def test_document_without_target_sentences(corpus: Corpus) -> None:
    doc = make_document(tgt_text="   \n", tgt_sents=(), beads=None)
    corpus.write_document(doc)
    assert corpus.read_document("cable-604") == doc
    assert corpus.rebuild_text("cable-604", "en", "tgt") == "   \n"
    assert corpus.read_segments()["bead"].to_list() == ["1-0"] * 4


def test_version_counts_documents_commits(corpus: Corpus, tmp_path: Path) -> None:
    assert corpus.version == 0
    corpus.write_document(make_document())
    corpus.write_document(make_document("cable-605", tgt_text=TGT_TEXT))
    assert corpus.version == 2
    assert Corpus.open(corpus.path).version == 2


def test_broken_document_is_refused_before_locking(corpus: Corpus) -> None:
    doc = make_document()
    broken = dataclasses.replace(doc, segments=doc.segments[:2])
    with filelock.FileLock(str(corpus.path / ".lock")):
        with pytest.raises(ValueError, match="2 segments for 3 beads"):
            corpus.write_documents([make_document("ok"), broken], lock_timeout=0.05)
    assert corpus.version == 0 and corpus.read_documents().height == 0


def test_concurrent_writers_take_turns(corpus: Corpus) -> None:
    def write(prefix: str) -> list[int]:
        return [corpus.write_document(make_document(f"{prefix}-{i}")) for i in range(3)]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(write, ["a", "b"]))
    generations = [g for gens in results for g in gens]
    assert sorted(generations) == list(range(6))
    assert corpus.read_documents().height == 6
    assert corpus.read_segments().height == 6 * 3
