"""The corpus: a folder of Delta tables (``documents``, ``sentences``, ``segments``) and the one
place that writes them.

Layout: ``<corpus>/aligner-corpus.json`` (``{"format": "aligner-corpus", "schema_version": N,
"created_by": "aligner <version>"}``) marks the folder; each table is a subfolder; ``.lock`` is
the writers' lock file.

Generation scheme (DESIGN.md): every write of a document gets a new ``generation`` id, unique in
the corpus (the largest id in any table plus one, so ids of abandoned writes are never reused
while their rows exist). Under the lock, a write first appends the ``sentences`` and
``segments`` rows of the new generation (one commit per table for a whole batch), then replaces
the ``documents`` rows of the written keys in ONE commit. Readers take only the rows whose
``(doc_id, translation_id, generation)`` is in ``documents``, so a write killed at any point
leaves the corpus reading as before or as after, never a mix. Rows of superseded or abandoned
generations stay invisible until an explicit ``vacuum``. The corpus version shown to users is
the ``documents`` table version.

Readers take no lock. The library never prints; it logs at DEBUG to ``aligner.store.corpus``.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import filelock
import polars as pl
from deltalake import DeltaTable

from aligner import __version__
from aligner.align.beads import Alignment
from aligner.align.document import AlignedDocument
from aligner.errors import CorpusError, SchemaVersionError
from aligner.store import delta
from aligner.store.schema import (
    DOCUMENTS_SCHEMA,
    KEY,
    ROW_KEY,
    SCHEMA_VERSION,
    SCHEMAS,
    SIDES,
    alignment_from_frame,
    document_from_frames,
    documents_frame,
    rebuild_text,
    segments_frame,
    sentences_frame,
)

if TYPE_CHECKING:
    from aligner.store.check import Problem

log = logging.getLogger("aligner.store.corpus")

MARKER = "aligner-corpus.json"
FORMAT = "aligner-corpus"
LOCK_FILE = ".lock"
#: Tables created with a new corpus; ``edits`` is created by the first edit (a later issue).
CORE_TABLES = ("documents", "sentences", "segments")
#: Tables whose rows carry a generation and count only while ``documents`` points at it.
GENERATION_TABLES = ("sentences", "segments", "edits")
#: How long creating a corpus waits for another process creating the same one (it takes < 1 s).
_CREATE_LOCK_TIMEOUT = 30.0
#: Delta's own default: unreferenced files younger than a week stay for readers still using them.
DEFAULT_RETENTION_HOURS = 168

Side = Literal["src", "tgt"]

_NOT_A_CORPUS = "not an aligner corpus (no aligner-corpus.json)"
_HOW_TO_CREATE = "create one by writing into a new or empty folder (aligner align SRC TGT --corpus FOLDER)"


@dataclass(frozen=True, slots=True)
class VacuumReport:
    """What ``Corpus.vacuum`` removed: rows of non-live generations and unreferenced data files."""

    rows_removed: int
    files_removed: int


@dataclass(frozen=True, slots=True)
class OptimizeReport:
    """What ``Corpus.optimize`` did: small data files compacted into fewer, larger ones."""

    files_removed: int
    files_added: int


class Corpus:
    """An aligned corpus on disk. Open one with ``Corpus.open``."""

    __slots__ = ("path",)

    def __init__(self, path: Path) -> None:
        self.path = path

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False) -> Corpus:
        """Open the corpus at ``path``; with ``create``, make one in a missing or empty folder.

        :raises CorpusError: ``path`` is a file, or a folder without ``aligner-corpus.json`` (that
            is missing, or holds other things when ``create`` is set).
        :raises SchemaVersionError: the corpus was written with another schema version.
        """
        root = Path(path)
        marker = root / MARKER
        if marker.is_file():
            _check_marker(root, marker)
            return cls(root)
        if root.exists() and not root.is_dir():
            raise CorpusError(f"{_NOT_A_CORPUS}; this is a file, not a folder", path=root)
        if not create:
            if not root.exists():
                hint = "no such folder"
            else:
                hint = "the folder holds other things" if _holds_files(root) else "the folder is empty"
            raise CorpusError(f"{_NOT_A_CORPUS}; {hint}; {_HOW_TO_CREATE}", path=root)
        if root.exists() and _holds_other_things(root):
            raise _refuse_to_create(root)
        try:
            return cls._create(root)
        except OSError as e:
            raise CorpusError(f"cannot create the corpus: {e.strerror or e}", path=root) from e

    def languages(self, doc_id: str | None = None, translation_id: str | None = None) -> tuple[str, str]:
        """The (source, target) languages of the selected documents: the most common pair, or
        ``("ru", "en")`` for an empty selection. Commands that take a glossary use it as the
        default of ``--src-lang``/``--tgt-lang``."""
        docs = self.read_documents()
        pairs = [
            (row["src_lang"], row["tgt_lang"])
            for row in docs.select("doc_id", "translation_id", "src_lang", "tgt_lang").to_dicts()
            if (doc_id is None or row["doc_id"] == doc_id)
            and (translation_id is None or row["translation_id"] == translation_id)
        ]
        if not pairs:
            return ("ru", "en")
        return max(sorted(set(pairs)), key=pairs.count)

    @classmethod
    def check_target(cls, path: str | os.PathLike[str]) -> None:
        """Raise what ``open(path, create=True)`` would raise, without creating anything.

        Commands that write call it before their work, so a bad target is reported first and
        a rejected input leaves no empty corpus behind.
        """
        root = Path(path)
        marker = root / MARKER
        if marker.is_file():
            _check_marker(root, marker)
        elif root.exists() and not root.is_dir():
            raise CorpusError(f"{_NOT_A_CORPUS}; this is a file, not a folder", path=root)
        elif root.exists() and _holds_other_things(root):
            raise _refuse_to_create(root)

    @classmethod
    def _create(cls, root: Path) -> Corpus:
        root.mkdir(parents=True, exist_ok=True)
        # Two processes may create one corpus at once (a script run twice): under the writers'
        # lock, one creates it and the other finds it made.
        with cls(root)._locked(_CREATE_LOCK_TIMEOUT):
            if (root / MARKER).is_file():
                _check_marker(root, root / MARKER)
                return cls(root)
            if _holds_files(root):
                raise _refuse_to_create(root)
            marker = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "created_by": f"aligner {__version__}"}
            # The marker goes first (atomically, by rename): a crash while creating the tables
            # leaves a corpus with missing tables, which reads as empty and is completed by the
            # first write.
            tmp = root / f".{MARKER}.tmp"
            tmp.write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
            os.replace(tmp, root / MARKER)
            for name in CORE_TABLES:
                delta.create_table(root / name, SCHEMAS[name])
        log.debug("created corpus %s", root)
        return cls(root)

    # -- writing ---------------------------------------------------------------------------

    def write_document(self, doc: AlignedDocument, *, lock_timeout: float = 30.0) -> int:
        """Store ``doc``, replacing the same ``(doc_id, translation_id)``; returns its generation.

        :raises CorpusError: the corpus stays locked by another writer for ``lock_timeout`` seconds.
        """
        return self.write_documents([doc], lock_timeout=lock_timeout)[0]

    def write_documents(
        self,
        docs: Iterable[AlignedDocument],
        *,
        lock_timeout: float = 30.0,
        edits: pl.DataFrame | None = None,
        expect: Mapping[tuple[str, str], int | None] | None = None,
    ) -> list[int]:
        """Store a batch: one commit per table for all of them, the ``documents`` commit last.

        :param edits: ``edits`` rows to record with the batch (issue #7), their ``generation``
            holding the position in ``docs`` of the document they belong to; appended before
            the ``documents`` commit, so they count exactly when the documents do.
        :param expect: ``(doc_id, translation_id)`` -> the live generation the batch was
            computed from (None: not stored); checked under the lock, so an edit computed from
            a version another writer has since replaced is refused instead of undoing it.
        :returns: the generation of each document, in input order.
        :raises ValueError: the batch holds one ``(doc_id, translation_id)`` twice.
        :raises CorpusError: the corpus stays locked by another writer for ``lock_timeout`` seconds,
            or a document changed since ``expect`` was read.
        """
        docs = list(docs)
        keys = [(d.doc_id, d.translation_id) for d in docs]
        if len(set(keys)) != len(keys):
            dup = next(k for k in keys if keys.count(k) > 1)
            raise ValueError(f"the batch holds document {dup[0]!r} translation {dup[1]!r} twice")
        if not docs:
            return []
        # Frames are built (and documents checked) before the lock, numbered 0..n-1 by position;
        # the corpus's next generation id is added under the lock.
        created_at = datetime.now(timezone.utc)
        sentences = pl.concat([sentences_frame(d, k) for k, d in enumerate(docs)])
        segments = pl.concat([segments_frame(d, k) for k, d in enumerate(docs)])
        documents = pl.concat([documents_frame(d, k, created_at) for k, d in enumerate(docs)])
        with self._locked(lock_timeout):
            tables = self._load_tables()
            if expect:
                self._check_expected(tables["documents"], expect)
            first = _next_generation(tables)
            generations = list(range(first, first + len(docs)))
            shift = pl.col("generation") + first
            self._append_rows(tables, sentences.with_columns(shift), segments.with_columns(shift))
            if edits is not None:
                delta.append_rows(self._table("edits"), tables["edits"], edits.with_columns(shift))
            self._commit_documents(tables["documents"], documents.with_columns(shift))
        log.debug("wrote %d documents, generations %d..%d", len(docs), generations[0], generations[-1])
        return generations

    def remove_document(self, doc_id: str, translation_id: str | None = None, *, lock_timeout: float = 30.0) -> int:
        """Remove one translation of ``doc_id`` (all of them when ``translation_id`` is None).

        One ``documents`` commit; the other tables' rows become invisible (``vacuum`` drops them).

        :returns: the number of ``documents`` rows removed.
        :raises CorpusError: the document or translation is not in the corpus, or the lock times out.
        """
        with self._locked(lock_timeout):
            documents = delta.load_table(self._table("documents"))
            translations = _translations(delta.scan_table(documents, DOCUMENTS_SCHEMA).collect(), doc_id)
            predicate = f"doc_id = {delta.sql_string(doc_id)}"
            if translation_id is None:
                if not translations:
                    raise self._unknown_document(doc_id)
            else:
                self._check_translation(doc_id, translation_id, translations)
                predicate += f" AND translation_id = {delta.sql_string(translation_id)}"
            removed = delta.delete_rows(self._table("documents"), documents, predicate)
        log.debug("removed %d documents rows for %r/%r", removed, doc_id, translation_id)
        return removed

    def vacuum(
        self, *, retention_hours: int = DEFAULT_RETENTION_HOURS, lock_timeout: float = 30.0
    ) -> VacuumReport:
        """Delete rows of non-live generations, then their data files unreferenced for ``retention_hours``.

        This drops the superseded generations that history and restore rely on; it runs only
        when asked. A ``retention_hours`` of 0 frees the space at once but may break readers
        that are scanning the tables at that moment.
        """
        rows = files = 0
        with self._locked(lock_timeout):
            tables = self._load_tables()
            live = delta.scan_table(tables["documents"], DOCUMENTS_SCHEMA).select(ROW_KEY).collect().lazy()
            for name in GENERATION_TABLES:
                keys = delta.scan_table(tables[name], SCHEMAS[name]).select(ROW_KEY).unique().collect().lazy()
                dead = set(keys.join(live, on=list(ROW_KEY), how="anti").collect()["generation"])
                # A generation is dropped only when no live row uses it, so a corpus whose
                # generations are (against our scheme) shared between documents stays intact.
                dead -= set(keys.join(live, on=list(ROW_KEY), how="semi").collect()["generation"])
                if dead:
                    predicate = delta.in_predicate("generation", dead)
                    rows += delta.delete_rows(self._table(name), tables[name], predicate)
            # Reloaded: the deletes above made new versions whose removed files can now go. The
            # documents table is left alone: a Delta vacuum commits to it, and its version is the
            # corpus version users see, which should move only when what readers see changes.
            for name in GENERATION_TABLES:
                files += delta.remove_unreferenced_files(delta.load_table(self._table(name)), retention_hours)
        log.debug("vacuum removed %d rows and %d files", rows, files)
        return VacuumReport(rows_removed=rows, files_removed=files)

    def optimize(self, *, lock_timeout: float = 30.0) -> OptimizeReport:
        """Compact each table's small data files (one per write) into few large ones.

        What readers see does not change; each compacted table gets one new version (so the
        corpus version moves when ``documents`` is compacted). The replaced files stay on disk,
        for time travel, until ``vacuum``.
        """
        removed = added = 0
        with self._locked(lock_timeout):
            for table in self._load_tables().values():
                if table is not None:
                    metrics = table.optimize.compact()
                    removed += int(metrics.get("numFilesRemoved", 0))
                    added += int(metrics.get("numFilesAdded", 0))
        log.debug("optimize replaced %d files with %d", removed, added)
        return OptimizeReport(files_removed=removed, files_added=added)

    def check(self) -> list[Problem]:
        """Integrity problems (an empty list for a sound corpus); see ``aligner.store.check``."""
        from aligner.store.check import check_corpus

        return check_corpus(self)

    # -- reading ---------------------------------------------------------------------------

    @property
    def version(self) -> int:
        """The ``documents`` table version: the corpus version users see (-1 before any table)."""
        version = delta.table_version(delta.load_table(self._table("documents")))
        return -1 if version is None else version

    def read_documents(self) -> pl.DataFrame:
        """The ``documents`` table, sorted by ``doc_id``, ``translation_id``."""
        return self._documents().sort(list(KEY))

    def scan_sentences(self) -> pl.LazyFrame:
        """Live ``sentences`` rows (those of the generation ``documents`` points at now)."""
        return self._scan_live("sentences", self._documents())

    def scan_segments(self) -> pl.LazyFrame:
        """Live ``segments`` rows (those of the generation ``documents`` points at now)."""
        return self._scan_live("segments", self._documents())

    def scan_edits(self) -> pl.LazyFrame:
        """Every ``edits`` row, live or superseded (edits are a record; none when no edit yet)."""
        return delta.scan_table(delta.load_table(self._table("edits")), SCHEMAS["edits"])

    def read_segments(self, doc_id: str | None = None, translation_id: str | None = None) -> pl.DataFrame:
        """Live segments, optionally filtered, sorted by ``doc_id``, ``translation_id``, ``seg_no``.

        The filters are plain filters (an unknown id gives no rows); use ``resolve_translation``
        first where one translation must be chosen.
        """
        documents = self._documents()
        if doc_id is not None:
            documents = documents.filter(pl.col("doc_id") == doc_id)
        if translation_id is not None:
            documents = documents.filter(pl.col("translation_id") == translation_id)
        return self._scan_live("segments", documents).sort([*KEY, "seg_no"]).collect()

    def read_sentences(
        self, doc_id: str, translation_id: str | None = None, side: Side | None = None
    ) -> pl.DataFrame:
        """One document's live sentences (both sides, or ``side``), sorted by side then ``sent_no``.

        :raises CorpusError: unknown document, or several translations and none chosen.
        """
        if side is not None and side not in SIDES:
            raise ValueError(f"side must be 'src' or 'tgt', not {side!r}")
        document = self._document(self._documents(), doc_id, translation_id)
        return self._read_sentences(document, side)

    def rebuild_text(self, doc_id: str, translation_id: str | None, side: Side) -> str:
        """The normalized text of one side, rebuilt exactly from gaps, sentences and the tail."""
        if side not in SIDES:
            raise ValueError(f"side must be 'src' or 'tgt', not {side!r}")
        document = self._document(self._documents(), doc_id, translation_id)
        return rebuild_text(self._read_sentences(document, side), document[f"{side}_tail"].item())

    def read_document(self, doc_id: str, translation_id: str | None = None) -> AlignedDocument:
        """The stored ``AlignedDocument`` (``settings`` read back from JSON: tuples become lists)."""
        document = self._document(self._documents(), doc_id, translation_id)
        segments = self._scan_live("segments", document).sort("seg_no").collect()
        return document_from_frames(document.row(0, named=True), self._read_sentences(document, None), segments)

    def read_alignment(self, doc_id: str, translation_id: str | None = None) -> Alignment:
        """The stored beads of one document (with their costs, scores and confidences)."""
        document = self._document(self._documents(), doc_id, translation_id)
        segments = self._scan_live("segments", document).collect()
        return alignment_from_frame(segments, document["n_src_sents"].item(), document["n_tgt_sents"].item())

    def has_document(self, doc_id: str, translation_id: str | None = None) -> bool:
        """True when ``doc_id`` is stored (with ``translation_id``, when given)."""
        translations = _translations(self._documents(), doc_id)
        return bool(translations) if translation_id is None else translation_id in translations

    def resolve_translation(self, doc_id: str, translation_id: str | None = None) -> str:
        """The translation meant: ``translation_id`` if stored, or the only one when it is None.

        :raises CorpusError: unknown document or translation, or several translations and none chosen.
        """
        return self._resolve(_translations(self._documents(), doc_id), doc_id, translation_id)

    # -- internals -------------------------------------------------------------------------

    def _table(self, name: str) -> Path:
        return self.path / name

    @contextmanager
    def _locked(self, timeout: float) -> Iterator[None]:
        lock = filelock.FileLock(str(self.path / LOCK_FILE), timeout=timeout)
        try:
            lock.acquire()
        except filelock.Timeout as e:
            raise CorpusError(
                f"the corpus is locked by another writer (waited {timeout:g} s); "
                "wait for it to finish or give more time with --lock-timeout",
                path=self.path,
            ) from e
        try:
            yield
        finally:
            lock.release()

    def _load_tables(self) -> dict[str, DeltaTable | None]:
        """A snapshot of every table (None for a missing one), loaded once per operation."""
        return {name: delta.load_table(self._table(name)) for name in SCHEMAS}

    def _append_rows(
        self, tables: dict[str, DeltaTable | None], sentences: pl.DataFrame, segments: pl.DataFrame
    ) -> None:
        """Step 1 of a write: rows of the new generations, invisible until ``_commit_documents``."""
        delta.append_rows(self._table("sentences"), tables["sentences"], sentences)
        delta.append_rows(self._table("segments"), tables["segments"], segments)

    def _commit_documents(self, table: DeltaTable | None, documents: pl.DataFrame) -> None:
        """Step 2 of a write: point the written keys at their new generations, in ONE commit.

        The predicate names doc ids only (a flat IN list stays fast for big batches, where an OR
        of key pairs took seconds), so the other translations of those doc ids are carried over
        unchanged into the same commit.
        """
        doc_ids = documents["doc_id"].unique().to_list()
        carried = (
            delta.scan_table(table, DOCUMENTS_SCHEMA)
            .filter(pl.col("doc_id").is_in(doc_ids))
            .join(documents.lazy().select(KEY), on=list(KEY), how="anti")
            .collect()
        )
        rows = pl.concat([documents, carried.select(documents.columns)])
        delta.replace_rows(self._table("documents"), table, rows, delta.in_predicate("doc_id", doc_ids))

    def _check_expected(self, table: DeltaTable | None, expect: Mapping[tuple[str, str], int | None]) -> None:
        """Raise ``CorpusError`` unless each key's live generation is the expected one."""
        live = delta.scan_table(table, DOCUMENTS_SCHEMA).select(ROW_KEY).collect()
        now = {(d, t): g for d, t, g in live.iter_rows()}
        for (doc_id, translation_id), generation in expect.items():
            if now.get((doc_id, translation_id)) != generation:
                raise CorpusError(
                    f"document {doc_id!r} translation {translation_id!r} changed while this edit was "
                    "prepared (another writer); nothing was written, run it again",
                    path=self.path,
                )

    def restore_generation(
        self, row: Mapping[str, object], edits: pl.DataFrame | None = None, *, lock_timeout: float = 30.0
    ) -> None:
        """Point a document back at an older generation: ONE ``documents`` commit (issue #7).

        :param row: the ``documents`` row to make live (its ``generation`` must still have its
            ``sentences`` and ``segments`` rows, i.e. not be vacuumed; ``aligner.store.history``
            checks that).
        :param edits: ``edits`` rows recording the restore, appended before the commit.
        """
        documents = pl.DataFrame([dict(row)], schema=DOCUMENTS_SCHEMA, orient="row")
        with self._locked(lock_timeout):
            tables = self._load_tables()
            if edits is not None:
                delta.append_rows(self._table("edits"), tables["edits"], edits)
            self._commit_documents(tables["documents"], documents)

    def scan_all(self, name: str) -> pl.LazyFrame:
        """Every row of table ``name``, superseded generations included (for history and restore)."""
        return delta.scan_table(delta.load_table(self._table(name)), SCHEMAS[name])

    def documents_table(self) -> DeltaTable | None:
        """The ``documents`` Delta table (for its commit history), or None before the first write."""
        return delta.load_table(self._table("documents"))

    def _documents(self) -> pl.DataFrame:
        """A snapshot of the ``documents`` table: one read serves a whole public call."""
        return delta.scan_table(delta.load_table(self._table("documents")), DOCUMENTS_SCHEMA).collect()

    def _scan_live(self, name: str, documents: pl.DataFrame) -> pl.LazyFrame:
        """Rows of table ``name`` whose ``(doc_id, translation_id, generation)`` is in ``documents``."""
        table = delta.scan_table(delta.load_table(self._table(name)), SCHEMAS[name])
        return table.join(documents.lazy().select(ROW_KEY), on=list(ROW_KEY), how="semi")

    def _read_sentences(self, document: pl.DataFrame, side: Side | None) -> pl.DataFrame:
        frame = self._scan_live("sentences", document)
        if side is not None:
            frame = frame.filter(pl.col("side") == side)
        return frame.sort(["side", "sent_no"]).collect()

    def _document(self, documents: pl.DataFrame, doc_id: str, translation_id: str | None) -> pl.DataFrame:
        """The one ``documents`` row of the resolved translation, as a one-row frame."""
        translation_id = self._resolve(_translations(documents, doc_id), doc_id, translation_id)
        return documents.filter((pl.col("doc_id") == doc_id) & (pl.col("translation_id") == translation_id))

    def _resolve(self, translations: list[str], doc_id: str, translation_id: str | None) -> str:
        if translation_id is not None:
            self._check_translation(doc_id, translation_id, translations)
            return translation_id
        if not translations:
            raise self._unknown_document(doc_id)
        if len(translations) > 1:
            raise CorpusError(
                f"document {doc_id!r} has {len(translations)} translations ({', '.join(translations)}); "
                "choose one with --translation",
                path=self.path,
            )
        return translations[0]

    def _check_translation(self, doc_id: str, translation_id: str, translations: list[str]) -> None:
        if not translations:
            raise self._unknown_document(doc_id)
        if translation_id not in translations:
            raise CorpusError(
                f"document {doc_id!r} has no translation {translation_id!r} "
                f"(it has: {', '.join(translations)})",
                path=self.path,
            )

    def _unknown_document(self, doc_id: str) -> CorpusError:
        return CorpusError(f"no document {doc_id!r} in this corpus", path=self.path)


def _next_generation(tables: dict[str, DeltaTable | None]) -> int:
    """One more than the largest generation in any table, live or not (0 for a new corpus)."""
    largest = [delta.max_value(table, "generation") for table in tables.values()]
    return max((g for g in largest if g is not None), default=-1) + 1


def _translations(documents: pl.DataFrame, doc_id: str) -> list[str]:
    return sorted(documents.filter(pl.col("doc_id") == doc_id)["translation_id"].to_list())


def _holds_files(root: Path) -> bool:
    """True when the folder holds anything but what an interrupted creation leaves (lock, temporary marker)."""
    return any(p.name not in (LOCK_FILE, f".{MARKER}.tmp") for p in root.iterdir())


def _holds_other_things(root: Path) -> bool:
    """True when the folder holds files and is not a corpus. The marker is looked for after the
    files: another process may have created the corpus since the caller last looked, and a
    creation writes its marker before anything else."""
    return _holds_files(root) and not (root / MARKER).is_file()


def _refuse_to_create(root: Path) -> CorpusError:
    return CorpusError(
        f"{_NOT_A_CORPUS}; refusing to create a corpus in a folder that holds other things; "
        "choose a new or empty folder",
        path=root,
    )


def _check_marker(root: Path, marker: Path) -> None:
    try:
        content = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CorpusError(f"cannot read the corpus marker: {e}", path=marker) from e
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise CorpusError(f"not an aligner corpus marker (no \"format\": \"{FORMAT}\")", path=marker)
    version = content.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise CorpusError(f"the corpus marker has no integer schema_version (got {version!r})", path=marker)
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"the corpus has schema version {version}, newer than this aligner {__version__} "
            f"reads ({SCHEMA_VERSION}); upgrade aligner (pip install -U aligner)",
            path=root,
        )
    if version < SCHEMA_VERSION:
        raise SchemaVersionError(
            f"the corpus has schema version {version}, older than this aligner's ({SCHEMA_VERSION}); "
            f"upgrade the corpus with: aligner corpus upgrade {root}",
            path=root,
        )
