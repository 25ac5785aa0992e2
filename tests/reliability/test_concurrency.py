"""Writers in two processes never interleave; a second writer waits ``--lock-timeout``, then fails
with one line naming the corpus; Delta's commit check catches a writer that bypasses the lock;
readers see the corpus before or after a write, never between."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from aligner.errors import CorpusError
from aligner.store import delta
from aligner.store.corpus import Corpus
from aligner.store.schema import documents_frame
from tests.cli.conftest import CORPORA, SAMPLE, corpus_state, invoke
from tests.reliability.reliability_helpers import child_env, reader_view, run_aligner, start_aligner
from tests.store.store_docs import make_document

MEMO = CORPORA / "memo-1956-10-05-ivanov-kim-il-sung"
LOCK_TIMEOUT = 1.0

HOLD_LOCK = """
import sys, time, filelock
lock = filelock.FileLock(sys.argv[1])
lock.acquire()
print("locked", flush=True)
time.sleep(60)
"""


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    result = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--corpus", tmp_path / "corpus")
    assert result.exit_code == 0, result.stderr
    return tmp_path / "corpus"


def test_second_writer_waits_then_fails_naming_the_corpus(stored: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(stored / ".lock")], stdout=subprocess.PIPE, text=True, env=child_env()
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = corpus_state(stored)
        started = time.monotonic()
        result = run_aligner(
            "align", MEMO / "ru.txt", MEMO / "en.txt", "--corpus", stored, "--lock-timeout", LOCK_TIMEOUT
        )
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"Error: {stored}: the corpus is locked by another writer (waited 1 s); "
        "wait for it to finish or give more time with --lock-timeout"
    ]
    assert waited >= LOCK_TIMEOUT
    assert corpus_state(stored) == before
    assert not Corpus.open(stored).has_document(MEMO.name)


def test_two_writers_started_at_once_both_land(tmp_path: Path) -> None:
    corpus = tmp_path / "new-corpus"  # both also race to create it
    writers = [start_aligner("align", d / "ru.txt", d / "en.txt", "--corpus", corpus) for d in (SAMPLE, MEMO)]
    for writer in writers:
        _, stderr = writer.communicate(timeout=60)
        assert writer.returncode == 0, stderr
    store = Corpus.open(corpus)
    documents = store.read_documents()
    assert sorted(documents["doc_id"]) == sorted([SAMPLE.name, MEMO.name])
    assert sorted(documents["generation"]) == [0, 1]  # one write after the other, never mixed
    assert store.version == 2
    assert store.check() == []


def _create(paths: list[str], barrier, results) -> None:
    for path in paths:
        barrier.wait()
        try:
            Corpus.open(path, create=True)
            results.put("ok")
        except CorpusError as e:
            results.put(str(e))


def test_processes_creating_one_corpus_at_once(tmp_path: Path) -> None:
    paths = [str(tmp_path / f"c{k}") for k in range(3)]
    context = multiprocessing.get_context("spawn")  # a fork would copy polars' thread pool
    barrier, results = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_create, args=(paths, barrier, results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    outcomes = [results.get(timeout=5) for _ in range(2 * len(paths))]
    assert outcomes == ["ok"] * len(outcomes)
    for path in paths:
        assert Corpus.open(path).version == 0


def test_a_corpus_created_between_the_checks_is_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race the test above finds now and then, made certain: another process creates the
    corpus after this one found no marker and before it lists the folder."""
    from aligner.store import corpus as corpus_module

    root = tmp_path / "c"
    root.mkdir()
    real_holds_files = corpus_module._holds_files
    raced = []

    def holds_files_after_another_creation(path: Path) -> bool:
        if not raced:
            raced.append(path)
            Corpus.open(path, create=True)
        return real_holds_files(path)

    monkeypatch.setattr(corpus_module, "_holds_files", holds_files_after_another_creation)
    assert Corpus.open(root, create=True).version == 0
    assert raced == [root]


def test_delta_catches_a_writer_that_bypasses_the_lock(tmp_path: Path) -> None:
    corpus = Corpus.open(tmp_path / "c", create=True)
    corpus.write_document(make_document())
    created_at = datetime.now(timezone.utc)

    stale = delta.load_table(corpus.path / "documents")  # a writer on another machine: no shared lock
    corpus.write_document(make_document(tag="meanwhile"))
    before = (corpus.version, reader_view(corpus.path))
    with pytest.raises(CorpusError, match="another process changed this table at the same time"):
        corpus._commit_documents(stale, documents_frame(make_document(tag="late"), 99, created_at))
    assert (corpus.version, reader_view(corpus.path)) == before

    # a commit on another document does not conflict, and loses nothing
    stale = delta.load_table(corpus.path / "documents")
    corpus.write_document(make_document("cable-605"))
    corpus._commit_documents(stale, documents_frame(make_document(tag="late"), 99, created_at))
    assert sorted(corpus.read_documents()["doc_id"]) == ["cable-604", "cable-605"]


def test_readers_see_before_or_after_while_a_writer_works(stored: Path) -> None:
    # Each reading call takes one snapshot of `documents` and joins through it; this is what
    # must never mix (two separate calls may straddle a commit).
    rewrite = ("align", SAMPLE / "ru.sents", SAMPLE / "en.sents", "--segmented", "--doc", SAMPLE.name)
    before = Corpus.open(stored).read_document(SAMPLE.name)
    writer = start_aligner(*rewrite, "--corpus", stored)
    seen = []
    while writer.poll() is None:
        document = Corpus.open(stored).read_document(SAMPLE.name)
        if not seen or document != seen[-1]:
            seen.append(document)
    assert writer.returncode == 0, writer.stderr.read()
    after = Corpus.open(stored).read_document(SAMPLE.name)
    assert after != before
    states = ["before" if d == before else "after" if d == after else "MIXED" for d in seen]
    assert states and "MIXED" not in states, states
