"""Low-level access to one Delta table: scan, append, replace by predicate, delete, stats.

Everything goes through polars (``scan_delta``, ``write_delta``) and ``deltalake`` (version 1.0
or newer, which needs no pyarrow). Parquet files are never read directly: a table's live files
are the ones its transaction log names. A missing table reads as an empty frame with the given
schema. Predicates are SQL (DataFusion) strings; string values go through ``sql_string``.

Each write is one Delta commit (an atomic, isolated version); a commit that loses a race with
another writer raises ``CorpusError``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import polars as pl
from deltalake import DeltaTable
from deltalake.exceptions import CommitFailedError

from aligner.errors import CorpusError

log = logging.getLogger("aligner.store.delta")

#: Table properties set when a table is created. Loading a table replays the JSON commits since
#: its last checkpoint: at Delta's default interval (100) a write slowed from ~90 ms to ~600 ms
#: between checkpoints (measured, one document per commit); at 10 it stays near the low end.
TABLE_CONFIGURATION = {"delta.checkpointInterval": "10"}


def table_exists(path: Path) -> bool:
    """True when ``path`` holds a Delta table with at least one commit."""
    return path.is_dir() and DeltaTable.is_deltatable(str(path))


def load_table(path: Path) -> DeltaTable | None:
    """A snapshot of the table's latest version, or None when there is no table.

    Loading replays the log since the last checkpoint, so a caller that needs one table several
    times in one operation loads it once and passes the snapshot on.
    """
    return DeltaTable(str(path)) if table_exists(path) else None


def scan_table(table: DeltaTable | None, schema: pl.Schema) -> pl.LazyFrame:
    """A LazyFrame over the snapshot's live rows; an empty one with ``schema`` for no table."""
    if table is None:
        return pl.LazyFrame(schema=schema)
    return pl.scan_delta(table)


def create_table(path: Path, schema: pl.Schema) -> None:
    """Create an empty table with ``schema`` unless one exists."""
    pl.DataFrame(schema=schema).write_delta(
        str(path), mode="ignore", delta_write_options={"configuration": TABLE_CONFIGURATION}
    )


def append_rows(path: Path, table: DeltaTable | None, rows: pl.DataFrame) -> None:
    """Append ``rows`` in one commit (creating the table when ``table`` is None); none for no rows."""
    if rows.height == 0:
        return
    _write(path, table, rows, mode="append")
    log.debug("appended %d rows to %s", rows.height, path)


def replace_rows(path: Path, table: DeltaTable | None, rows: pl.DataFrame, predicate: str) -> None:
    """Replace the rows matching ``predicate`` with ``rows``, in one commit.

    Every row of ``rows`` must match ``predicate`` (Delta checks it).
    """
    _write(path, table, rows, mode="append" if table is None else "overwrite", predicate=predicate)
    log.debug("replaced rows where %.200s in %s with %d rows", predicate, path, rows.height)


def delete_rows(path: Path, table: DeltaTable | None, predicate: str) -> int:
    """Delete the rows matching ``predicate`` in one commit; returns how many were deleted."""
    if table is None:
        return 0
    try:
        metrics = table.delete(predicate)
    except CommitFailedError as e:
        raise _race(path) from e
    deleted = int(metrics.get("num_deleted_rows", 0))
    log.debug("deleted %d rows where %.200s in %s", deleted, predicate, path)
    return deleted


def remove_unreferenced_files(table: DeltaTable | None, retention_hours: int) -> int:
    """Delete data files the table no longer references and that are older than the retention."""
    if table is None:
        return 0
    removed = table.vacuum(retention_hours=retention_hours, dry_run=False, enforce_retention_duration=False)
    log.debug("vacuum removed %d files from %s", len(removed), table.table_uri)
    return len(removed)


def table_version(table: DeltaTable | None) -> int | None:
    """The snapshot's version (0 = the creating commit), or None for no table."""
    return None if table is None else table.version()


def max_value(table: DeltaTable | None, column: str) -> int | None:
    """The largest value of an integer ``column`` over the snapshot's rows (None for no rows).

    Read from the per-file statistics in the transaction log, so it costs no data reads; a table
    written without statistics falls back to a scan.
    """
    if table is None:
        return None
    actions = pl.DataFrame(table.get_add_actions(flatten=True))
    stat = f"max.{column}"
    if actions.height == 0:
        return None
    if stat in actions.columns and actions[stat].null_count() == 0:
        return int(actions[stat].max())
    value = pl.scan_delta(table).select(pl.col(column).max()).collect().item()
    return None if value is None else int(value)


def sql_string(value: str) -> str:
    """``value`` as a SQL string literal (single quotes doubled; no backslash escapes)."""
    return "'" + value.replace("'", "''") + "'"


def in_predicate(column: str, values: Iterable[str | int]) -> str:
    """``column IN (...)`` over ``values`` (strings quoted, ints as they are)."""
    items = sorted(set(values), key=str)
    if not items:
        raise ValueError("an IN predicate needs at least one value")
    literals = [sql_string(v) if isinstance(v, str) else str(int(v)) for v in items]
    return f"{column} IN ({', '.join(literals)})"


def _write(
    path: Path, table: DeltaTable | None, rows: pl.DataFrame, *, mode: str, predicate: str | None = None
) -> None:
    options: dict[str, object] = {}
    if table is None:
        options["configuration"] = TABLE_CONFIGURATION
    elif predicate is not None:
        options["predicate"] = predicate
    target = str(path) if table is None else table
    try:
        rows.write_delta(target, mode=mode, delta_write_options=options or None)  # type: ignore[arg-type]
    except CommitFailedError as e:
        raise _race(path) from e


def _race(path: Path) -> CorpusError:
    return CorpusError(
        "another process changed this table at the same time (a writer on another machine?); "
        "nothing was changed by this write, run it again",
        path=path,
    )
