"""Align many document pairs into one corpus: a manifest in, documents committed in groups.

A manifest is a CSV/TSV file (columns ``doc_id, src_path, tgt_path`` and optionally
``translation_id, title, date, archive_ref, src_lang, tgt_lang``; relative paths are relative
to the manifest's folder) or a folder laid out like ``corpora/`` (DESIGN.md: one folder per
original, named by its ``doc_id``, holding ``<src_lang>.txt`` and one or more translations
``<tgt_lang>*.txt`` whose stems are their ``translation_id``).

``align_batch`` aligns every item (in worker processes, or as tasks on a Dask cluster) and
writes the results with ``Corpus.write_documents`` in groups (a Delta commit costs tens of
milliseconds, so not one per document; a group is also flushed after ``GROUP_SECONDS`` so a
crash loses little). A document that fails with an ``AlignerError`` (unreadable, empty,
wrong language...) is reported in the result and the batch goes on; anything else is a bug
and stops the batch after the documents already aligned are written. With ``resume``,
documents already stored from the same files (same raw SHA-256 on both sides) are skipped.

Each document gets its own lexicon, trained on its own first pass (cross-fitted, see
``lexical.py``), exactly as ``align_files`` would. Its word units are the document's own too
(prefixes), except with ``settings.lexical == "sentencepiece"``: then one sentencepiece model
is trained over the texts of the whole manifest (``train_batch_units``; an even sample of
documents for a huge one) and shipped to every worker, so the batch's documents share pieces;
it is trained on every item, skipped ones included, so a resumed batch uses the same model.
A small document also borrows training pairs from the corpus (``aligner.align.borrow``): they
are read once, from the corpus as it was when the batch started, leaving out every document
the batch lists (so no document learns from another of the same batch, whatever the order,
and a resumed batch borrows what an uninterrupted one did although the corpus now holds its
first documents), and shipped to every worker like the units.
Otherwise a document's beads never depend on the batch it was aligned in. The library never
prints: progress goes to a callback.

This module reads the manifest itself (a small CSV, or a folder listing); documents are read
by ``aligner.text.read`` through ``align_files``.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import math
import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from aligner.align.borrow import BorrowedPairs
from aligner.align.document import AlignedDocument
from aligner.align.settings import AlignSettings
from aligner.align.units import LexicalUnits, SentencePieceUnits, WordUnits
from aligner.errors import AlignerError, InputError

log = logging.getLogger("aligner.align.batch")

#: Documents written per corpus commit.
GROUP_DOCUMENTS = 50

#: A group is written at the latest this many seconds after its first document finished.
GROUP_SECONDS = 10.0

#: Documents whose texts train a batch's shared sentencepiece model; a larger batch is sampled
#: evenly (reading every file twice would cost more than the pieces gain).
UNIT_DOCUMENTS = 500

#: Manifest columns: required, then optional.
REQUIRED_COLUMNS = ("doc_id", "src_path", "tgt_path")
OPTIONAL_COLUMNS = ("translation_id", "title", "date", "archive_ref", "src_lang", "tgt_lang")


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One document pair to align (paths as given, resolved against the manifest's folder)."""

    doc_id: str
    translation_id: str
    src_path: Path
    tgt_path: Path
    src_lang: str = "ru"
    tgt_lang: str = "en"
    title: str | None = None
    date: str | None = None
    archive_ref: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.doc_id, self.translation_id


@dataclass(frozen=True, slots=True)
class BatchFailure:
    """A document that could not be aligned, and why (the ``AlignerError`` message)."""

    doc_id: str
    translation_id: str
    error: str


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Where a batch stands, after each finished document (for a progress display)."""

    total: int
    done: int
    failed: int
    skipped: int
    sentences: int
    doc_id: str
    translation_id: str


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What a batch did: documents aligned and written, skipped by ``resume``, failed."""

    aligned: int
    skipped: int
    failures: tuple[BatchFailure, ...] = field(default_factory=tuple)
    sentences: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


# -- manifests ---------------------------------------------------------------------------


def read_manifest(path: Path, src_lang: str = "ru", tgt_lang: str = "en") -> list[BatchItem]:
    """The items of a CSV/TSV manifest or of a ``corpora/``-like folder, in order.

    ``src_lang``/``tgt_lang`` are the defaults for rows without those columns and name the
    files of a folder. :raises InputError: a missing manifest, a missing column, an empty or
    duplicated ``(doc_id, translation_id)`` (naming the file and line).
    """
    path = Path(path)
    if path.is_dir():
        items = _folder_items(path, src_lang, tgt_lang)
    elif path.is_file():
        items = _table_items(path, src_lang, tgt_lang)
    else:
        raise InputError("no such manifest file or folder", path=path)
    if not items:
        raise InputError("the manifest lists no document pairs", path=path)
    return items


def _table_items(path: Path, src_lang: str, tgt_lang: str) -> list[BatchItem]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the manifest: {error}", path=path) from error
    first = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" or ("\t" in first and "," not in first) else ","
    rows = csv.reader(text.splitlines(), delimiter=delimiter)
    header = [h.strip() for h in next(rows, [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(f"the manifest lacks the column(s) {', '.join(missing)} (it needs "
                         f"{', '.join(REQUIRED_COLUMNS)})", path=path, line=1)
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise InputError(f"unknown manifest column(s) {', '.join(unknown)}", path=path, line=1)
    base = path.parent
    items: list[BatchItem] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"{len(row)} fields where the header has {len(header)}", path=path, line=line)
        values = {h: cell.strip() for h, cell in zip(header, row)}
        for column in REQUIRED_COLUMNS:
            if not values[column]:
                raise InputError(f"empty {column}", path=path, line=line)
        tgt_path = base / values["tgt_path"]
        item = BatchItem(
            doc_id=values["doc_id"],
            translation_id=values.get("translation_id") or tgt_path.stem,
            src_path=base / values["src_path"],
            tgt_path=tgt_path,
            src_lang=values.get("src_lang") or src_lang,
            tgt_lang=values.get("tgt_lang") or tgt_lang,
            title=values.get("title") or None,
            date=values.get("date") or None,
            archive_ref=values.get("archive_ref") or None,
        )
        if item.key in seen:
            raise InputError(f"document {item.doc_id!r} translation {item.translation_id!r} is listed twice "
                             f"(first on line {seen[item.key]})", path=path, line=line)
        seen[item.key] = line
        items.append(item)
    return items


def _folder_items(root: Path, src_lang: str, tgt_lang: str) -> list[BatchItem]:
    items = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        src = folder / f"{src_lang}.txt"
        if not src.is_file():
            continue
        for tgt in sorted(folder.glob(f"{tgt_lang}*.txt"), key=lambda p: p.stem):
            if tgt != src:
                items.append(BatchItem(folder.name, tgt.stem, src, tgt, src_lang, tgt_lang))
    return items


# -- running -----------------------------------------------------------------------------


def file_sha256(path: Path) -> str | None:
    """SHA-256 of a file's bytes (as ``Text.raw_sha256``), or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def stored_unchanged(items: Sequence[BatchItem], stored: dict[tuple[str, str], tuple[str, str]]) -> set[tuple[str, str]]:
    """Keys of the items stored from files with the same bytes as now (for ``resume``)."""
    out = set()
    for item in items:
        hashes = stored.get(item.key)
        if hashes is not None and hashes == (file_sha256(item.src_path), file_sha256(item.tgt_path)):
            out.add(item.key)
    return out


def iter_batch_words(items: Iterable[BatchItem], max_input_size: int | None = None) -> Iterator[list[str]]:
    """The word tokens of each line of each item's two texts, item by item (texts that cannot
    be read are passed over: their document fails later with its own message)."""
    from aligner.lang import get_language
    from aligner.text.read import read_text

    kwargs = {} if max_input_size is None else {"max_bytes": max_input_size}
    for item in items:
        for path, lang in ((item.src_path, item.src_lang), (item.tgt_path, item.tgt_lang)):
            try:
                text = read_text(Path(path), lang, **kwargs)
                tokenize = get_language(text.lang).tokenize
            except AlignerError:
                continue
            for line in text.normalized.splitlines():
                yield [w for _, _, w in tokenize(line)]


def train_batch_units(items: Sequence[BatchItem], settings: AlignSettings,
                      max_input_size: int | None = None) -> WordUnits | None:
    """The word units every document of a batch shares: one sentencepiece model trained on the
    texts of ``items`` (at most ``UNIT_DOCUMENTS`` of them, taken evenly) when
    ``settings.lexical`` asks for sentencepiece; None otherwise (or when no text can be read),
    and each document builds its own."""
    if settings.lexical != LexicalUnits.sentencepiece:
        return None
    sample = items[:: max(1, math.ceil(len(items) / UNIT_DOCUMENTS))]
    units = SentencePieceUnits.train(iter_batch_words(sample, max_input_size), seed=settings.seed)
    log.info("trained a shared sentencepiece model of %d pieces on %d documents", units.size, len(sample))
    return units if units.model_proto else None


def read_batch_borrowed(corpus, items: Sequence[BatchItem], exclude: Collection[tuple[str, str]] = ()
                        ) -> dict[tuple[str, str], BorrowedPairs]:
    """The corpus's borrowable pairs for each language pair of ``items`` (``aligner.align.borrow``),
    none of ``exclude``'s documents nor of ``items``; none for a pair the corpus lacks."""
    from aligner.store.borrowing import read_borrowed

    excluded = {*exclude, *(item.key for item in items)}
    out = {}
    for src_lang, tgt_lang in dict.fromkeys((item.src_lang, item.tgt_lang) for item in items):
        pairs = read_borrowed(corpus, src_lang, tgt_lang, exclude=excluded)
        if len(pairs):
            out[(src_lang, tgt_lang)] = pairs
            log.info("%d %s-%s pairs may be borrowed from the corpus", len(pairs), src_lang, tgt_lang)
    return out


def align_item(item: BatchItem, glossary, settings: AlignSettings, segmented: bool, lemmas: bool,
               max_input_size: int | None, units: WordUnits | None = None,
               borrowed: Mapping[tuple[str, str], BorrowedPairs] | None = None) -> AlignedDocument | BatchFailure:
    """Align one item (in a worker): the document, or the failure a user can fix."""
    from aligner.align.pipeline import align_files

    try:
        return align_files(
            item.src_path, item.tgt_path, glossary, settings,
            src_lang=item.src_lang, tgt_lang=item.tgt_lang, doc_id=item.doc_id, translation_id=item.translation_id,
            title=item.title, date=item.date, archive_ref=item.archive_ref, segmented=segmented, lemmas=lemmas,
            max_input_size=max_input_size, units=units,
            borrowed=(borrowed or {}).get((item.src_lang, item.tgt_lang)),
        )
    except AlignerError as error:
        return BatchFailure(item.doc_id, item.translation_id, str(error))


def align_batch(
    items: Sequence[BatchItem],
    corpus,
    glossary=None,
    settings: AlignSettings | None = None,
    *,
    workers: int = 1,
    resume: bool = False,
    scheduler: str | None = None,
    segmented: bool = False,
    lemmas: bool = True,
    max_input_size: int | None = None,
    lock_timeout: float = 30.0,
    group_documents: int = GROUP_DOCUMENTS,
    progress: Callable[[BatchProgress], None] | None = None,
    units: WordUnits | None = None,
    borrow: bool = True,
) -> BatchReport:
    """Align ``items`` and store them in ``corpus`` (an open ``Corpus``), in groups.

    :param workers: processes on this machine (1: in this process).
    :param scheduler: a Dask scheduler address (``tcp://host:8786``): documents become tasks on
        that cluster (needs the ``distributed`` extra); ``workers`` is then ignored.
    :param resume: skip documents already stored from files with the same bytes.
    :param units: the word units of every document's lexicon (``aligner.align.units``); by
        default ``train_batch_units`` (one sentencepiece model for the batch, when chosen).
    :param borrow: small documents borrow training pairs from ``corpus`` as it is now, none of
        a document ``items`` lists (``read_batch_borrowed``).
    :raises ValueError: ``items`` holds one ``(doc_id, translation_id)`` twice.
    :raises InputError: ``scheduler`` is given but dask.distributed is not installed.
    """
    started = time.perf_counter()
    settings = settings or AlignSettings()
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys):
        raise ValueError("the batch lists a (doc_id, translation_id) twice")
    skip: set[tuple[str, str]] = set()
    if resume:
        skip = stored_unchanged(items, _stored_hashes(corpus))
    todo = [item for item in items if item.key not in skip]
    writer = _GroupWriter(corpus, lock_timeout, group_documents)
    failures: list[BatchFailure] = []
    sentences = 0
    done = 0
    if units is None and todo:
        units = train_batch_units(items, settings, max_input_size)
    # Every listed document is left out, skipped ones too: after an interruption the corpus holds
    # the batch's first documents, and borrowing from them would change the others' beads.
    borrowed = read_batch_borrowed(corpus, todo, keys) if borrow and todo and settings.lexical != "none" else {}
    args = (glossary, settings, segmented, lemmas, max_input_size, units, borrowed)
    try:
        for item, result in _run(todo, args, workers, scheduler):
            done += 1
            if isinstance(result, BatchFailure):
                failures.append(result)
                log.info("failed %s/%s: %s", result.doc_id, result.translation_id, result.error)
            else:
                sentences += len(result.src_sents) + len(result.tgt_sents)
                writer.add(result)
            if progress is not None:
                progress(BatchProgress(len(todo), done, len(failures), len(skip), sentences, item.doc_id,
                                       item.translation_id))
    finally:
        # What was aligned is kept, even when a bug stops the batch: --resume goes on from it.
        writer.flush()
    return BatchReport(writer.written, len(skip), tuple(failures), sentences, time.perf_counter() - started)


def _stored_hashes(corpus) -> dict[tuple[str, str], tuple[str, str]]:
    frame = corpus.read_documents()
    return {
        (row["doc_id"], row["translation_id"]): (row["src_raw_sha256"], row["tgt_raw_sha256"])
        for row in frame.select("doc_id", "translation_id", "src_raw_sha256", "tgt_raw_sha256").iter_rows(named=True)
    }


class _GroupWriter:
    """Collects aligned documents and writes them ``size`` at a time (or when they wait long)."""

    def __init__(self, corpus, lock_timeout: float, size: int):
        self.corpus, self.lock_timeout, self.size = corpus, lock_timeout, max(1, size)
        self.pending: list[AlignedDocument] = []
        self.since = 0.0
        self.written = 0

    def add(self, doc: AlignedDocument) -> None:
        if not self.pending:
            self.since = time.monotonic()
        self.pending.append(doc)
        if len(self.pending) >= self.size or time.monotonic() - self.since >= GROUP_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.corpus.write_documents(self.pending, lock_timeout=self.lock_timeout)
            self.written += len(self.pending)
            log.debug("wrote a group of %d documents", len(self.pending))
            self.pending = []


def _run(items: Sequence[BatchItem], args: tuple, workers: int, scheduler: str | None) -> Iterator[tuple[BatchItem, object]]:
    """(item, document or failure) as each finishes."""
    if scheduler is not None:
        yield from _run_dask(items, args, scheduler)
    elif workers <= 1 or len(items) <= 1:
        for item in items:
            yield item, align_item(item, *args)
    else:
        yield from _run_processes(items, args, workers)


def _run_processes(items: Sequence[BatchItem], args: tuple, workers: int) -> Iterator[tuple[BatchItem, object]]:
    import multiprocessing

    # "spawn": workers start clean (no copy of a parent's threads or locks); each imports the
    # aligner once and then takes documents until the batch is done.
    context = multiprocessing.get_context("spawn")
    # The shared arguments (glossary, settings, units, borrowed pairs: megabytes) go to each
    # worker once, not with every document.
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(args,)) as pool:
        # At most a few tasks per worker in flight, so a huge manifest is not queued at once.
        queue = iter(items)
        running: dict[Future, BatchItem] = {}

        def submit(count: int) -> None:
            for item in _take(queue, count):
                running[pool.submit(_align_shared, item)] = item

        submit(4 * workers)
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                item = running.pop(future)
                yield item, future.result()
            submit(len(finished))


#: A worker process's shared arguments of ``align_item`` (set once by ``_start_worker``).
_SHARED: tuple = ()


def _start_worker(shared: tuple) -> None:
    """Keep the shared arguments; compute on one thread (the workers already use every core)."""
    import numba

    global _SHARED
    _SHARED = shared
    numba.set_num_threads(1)


def _align_shared(item: BatchItem) -> AlignedDocument | BatchFailure:
    return align_item(item, *_SHARED)


def _run_dask(items: Sequence[BatchItem], args: tuple, scheduler: str) -> Iterator[tuple[BatchItem, object]]:
    try:
        from distributed import Client, as_completed
    except ImportError as error:
        raise InputError("--scheduler needs dask.distributed: pip install 'aligner[distributed]'") from error
    with Client(scheduler) as client:
        # The glossary, settings, word units and borrowed pairs go to the workers once, not once per task.
        shared = client.scatter(list(args), broadcast=True)
        futures = {client.submit(align_item, item, *shared, pure=False): item for item in items}
        for future in as_completed(futures):
            yield futures[future], future.result()


def _take(iterator: Iterator[BatchItem], count: int) -> Iterable[BatchItem]:
    for _ in range(count):
        item = next(iterator, None)
        if item is None:
            return
        yield item


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)
