"""A document's history (the ``documents`` commits that touched it) and restoring an older version.

Every write of a document makes a new generation (DESIGN.md); the ``documents`` table points at
the live one. ``read_history`` lists, oldest first, each corpus version (``documents`` table
version, the number users see) at which the document's live generation changed: aligned,
imported or corrected, restored, removed. It reads the ``documents`` table's Delta log (the
commit timestamps, and the table as of each commit whose predicate names the document), the
``edits`` table (who changed what) and the ``segments`` table (whether a generation's rows are
still on disk: ``vacuum`` removes superseded ones, which can then no longer be restored).

``restore_version`` makes the generation that was live at corpus version N live again: one
``documents`` commit, recorded in ``edits`` (action ``restore``). The ``documents`` row comes
from the log (time travel) or, when the log no longer reaches that far, from the copy an
``import``/``restore`` edit keeps. Restoring changes no ``sentences``/``segments`` rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

import polars as pl

from aligner.errors import CorpusError
from aligner.store.corpus import Corpus
from aligner.store.delta import sql_string
from aligner.store.edits import Edit, edits_frame
from aligner.store.schema import DOCUMENTS_SCHEMA

#: Columns of ``read_history``.
HISTORY_COLUMNS = (
    "version", "committed_at", "generation", "action", "editor", "changes", "segments", "live", "restorable",
)


@dataclass(frozen=True, slots=True)
class _Commit:
    version: int
    committed_at: datetime
    row: dict | None  # the document's documents row after this commit (None: not stored)


def read_history(corpus: Corpus, doc_id: str, translation_id: str | None = None) -> pl.DataFrame:
    """The commits that changed ``doc_id``'s live version (``HISTORY_COLUMNS``), oldest first.

    ``action`` is ``align`` (a write with no edit record), ``import``, ``edit`` (an import that
    corrected it), ``restore`` or ``remove``; ``changes`` counts the edit rows; ``restorable``
    says whether the generation's rows are still on disk.

    :raises CorpusError: the document (or translation) never existed in this corpus, or it has
        several translations and none is chosen.
    """
    translation_id = _translation(corpus, doc_id, translation_id)
    commits = _commits(corpus, doc_id, translation_id)
    if not commits:
        raise CorpusError(f"no document {doc_id!r} translation {translation_id!r} in this corpus's history", path=corpus.path)
    edits = _edits(corpus, doc_id, translation_id)
    on_disk = _generations_on_disk(corpus, doc_id, translation_id)
    live = corpus.read_documents().filter((pl.col("doc_id") == doc_id) & (pl.col("translation_id") == translation_id))
    live_generation = live["generation"].item() if live.height else None
    rows = []
    previous = None
    for commit in commits:
        generation = None if commit.row is None else commit.row["generation"]
        if generation == previous:
            continue
        previous = generation
        action, editor, changes = "remove", None, 0
        if generation is not None:
            action, editor, changes = _describe(edits, generation, commit.committed_at)
        rows.append(
            {
                "version": commit.version,
                "committed_at": commit.committed_at,
                "generation": generation,
                "action": action,
                "editor": editor,
                "changes": changes,
                "segments": on_disk.get(generation, 0) if generation is not None else 0,
                "live": False,
                "restorable": generation is not None and generation in on_disk,
            }
        )
    if rows and live_generation is not None and rows[-1]["generation"] == live_generation:
        rows[-1]["live"] = True
    schema = {
        "version": pl.Int64, "committed_at": pl.Datetime("ms", "UTC"), "generation": pl.Int64, "action": pl.String,
        "editor": pl.String, "changes": pl.Int64, "segments": pl.Int64, "live": pl.Boolean, "restorable": pl.Boolean,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def restore_version(
    corpus: Corpus,
    doc_id: str,
    version: int,
    translation_id: str | None = None,
    *,
    editor: str,
    lock_timeout: float = 30.0,
) -> int:
    """Make live again the generation ``doc_id`` had at corpus version ``version``; returns it.

    :raises CorpusError: the document was not stored at that version, or that generation's rows
        were vacuumed, or it is already live.
    """
    translation_id = _translation(corpus, doc_id, translation_id)
    commits = [c for c in _commits(corpus, doc_id, translation_id) if c.version <= version]
    if not commits or commits[-1].row is None:
        raise CorpusError(
            f"document {doc_id!r} translation {translation_id!r} was not stored at version {version}; "
            f"see aligner history {corpus.path} --doc {doc_id}",
            path=corpus.path,
        )
    row = dict(commits[-1].row)
    generation = row["generation"]
    live = corpus.read_documents().filter((pl.col("doc_id") == doc_id) & (pl.col("translation_id") == translation_id))
    if live.height and live["generation"].item() == generation:
        raise CorpusError(f"version {version} of {doc_id!r} is the live one already; nothing to restore", path=corpus.path)
    if generation not in _generations_on_disk(corpus, doc_id, translation_id):
        raise CorpusError(
            f"the rows of version {version} (generation {generation}) were removed by vacuum; it cannot be restored",
            path=corpus.path,
        )
    now = datetime.now(timezone.utc)
    snapshot = {k: v for k, v in row.items() if k not in ("generation", "created_at")}
    edit = Edit("restore", {"version": version, "generation": generation, "document": snapshot})
    edits = edits_frame([(0, edit)], [(doc_id, translation_id)], editor, now).with_columns(
        pl.lit(generation, pl.Int64).alias("generation")
    )
    corpus.restore_generation(row, edits, lock_timeout=lock_timeout)
    return generation


def _translation(corpus: Corpus, doc_id: str, translation_id: str | None) -> str:
    """The translation meant; a removed document's translation is found in the edits or log."""
    if corpus.has_document(doc_id) or translation_id is None and not _past_translations(corpus, doc_id):
        return corpus.resolve_translation(doc_id, translation_id)
    if translation_id is not None:
        return translation_id
    past = _past_translations(corpus, doc_id)
    if len(past) > 1:
        raise CorpusError(
            f"document {doc_id!r} had {len(past)} translations ({', '.join(past)}); choose one with --translation",
            path=corpus.path,
        )
    return past[0]


def _past_translations(corpus: Corpus, doc_id: str) -> list[str]:
    rows = corpus.scan_all("segments").filter(pl.col("doc_id") == doc_id).select("translation_id").unique().collect()
    return sorted(rows["translation_id"].to_list())


def _commits(corpus: Corpus, doc_id: str, translation_id: str) -> list[_Commit]:
    """Each ``documents`` version whose commit may touch ``doc_id``, oldest first, with its row.

    A commit's recorded predicate (``doc_id IN (...)``) tells whether it can have touched the
    document; commits without a predicate (table creation, compaction) are read only when they
    could matter (a compaction changes no row, so it is skipped).
    """
    table = corpus.documents_table()
    if table is None:
        return []
    needle = sql_string(doc_id)
    out = []
    for entry in sorted(table.history(), key=lambda h: h["version"]):
        parameters = entry.get("operationParameters") or {}
        predicate = str(parameters.get("predicate", ""))
        operation = entry.get("operation", "")
        if operation in ("OPTIMIZE", "VACUUM START", "VACUUM END") or (predicate and needle not in predicate):
            continue
        if not predicate and operation not in ("WRITE", "DELETE", "MERGE", "UPDATE"):
            continue
        version = entry["version"]
        frame = pl.scan_delta(table.table_uri, version=version) if version > 0 else pl.LazyFrame(schema=DOCUMENTS_SCHEMA)
        rows = frame.filter((pl.col("doc_id") == doc_id) & (pl.col("translation_id") == translation_id)).collect()
        committed = datetime.fromtimestamp(entry["timestamp"] / 1000, tz=timezone.utc)
        out.append(_Commit(version, committed, rows.row(0, named=True) if rows.height else None))
    # Versions before the document first existed say nothing.
    while out and out[0].row is None:
        out.pop(0)
    return out


def _edits(corpus: Corpus, doc_id: str, translation_id: str) -> pl.DataFrame:
    return (
        corpus.scan_edits()
        .filter((pl.col("doc_id") == doc_id) & (pl.col("translation_id") == translation_id))
        .collect()
    )


def _generations_on_disk(corpus: Corpus, doc_id: str, translation_id: str) -> dict[int, int]:
    """Generation -> number of its ``segments`` rows still in the table (superseded included)."""
    counts = (
        corpus.scan_all("segments")
        .filter((pl.col("doc_id") == doc_id) & (pl.col("translation_id") == translation_id))
        .group_by("generation")
        .agg(pl.len().alias("n"))
        .collect()
    )
    return dict(zip(counts["generation"].to_list(), counts["n"].to_list()))


def _describe(edits: pl.DataFrame, generation: int, committed_at: datetime) -> tuple[str, str | None, int]:
    """(action, editor, changes) of the commit that made ``generation`` live at ``committed_at``."""
    mine = edits.filter(pl.col("generation") == generation)
    restores = mine.filter(pl.col("action") == "restore")
    # A restore's row carries the restored (older) generation; the restore is the commit made
    # just after it was recorded.
    later = restores.filter(pl.col("edited_at") <= committed_at).sort("edited_at")
    imports = mine.filter(pl.col("action") == "import")
    if later.height and (not imports.height or later["edited_at"][-1] > imports["edited_at"][-1]):
        return "restore", later["editor"][-1], 0
    if imports.height:
        detail = json.loads(imports["detail"][0])
        action = "edit" if detail.get("base_generation") is not None else "import"
        return action, imports["editor"][0], int(detail.get("changes", 0))
    return "align", None, 0

