"""Integrity check of a corpus: what ``Corpus.check`` (and ``aligner corpus check``) finds.

Findings are data: ``check_corpus`` returns a list of ``Problem`` values and never raises over
what it finds (an unreadable table, a missing data file, rows that disagree). It only reads.

What is checked, table by table and then per live document (``documents`` row):

- every table that exists loads (its Delta log reads), every data file its log names is on
  disk with the size the log records, its columns include those of ``store.schema`` with their
  types, and its rows read;
- ``documents`` holds each ``(doc_id, translation_id)`` once and each generation once;
- per side, the live ``sentences`` rows number ``n_src_sents``/``n_tgt_sents``, their
  ``sent_no`` run 0, 1, 2, ... , each span ``[start, end)`` follows the previous one after its
  ``gap`` and is as long as its ``text``, and gaps + texts + the stored tail rebuild a text whose
  SHA-256 is ``src_text_sha256``/``tgt_text_sha256``;
- the live ``segments`` rows number 0, 1, 2, ... by ``seg_no``, their sentence ids (in
  ``seg_no`` order) cover every sentence of each side exactly once and in order, and each
  ``bead`` names its sizes (``"2-1"``).

Missing tables are not problems: a corpus whose creation was interrupted reads as empty and is
completed by its first write (``corpus.py``), and ``edits`` exists only after a first edit.
Rows of superseded or abandoned generations are not problems either (``vacuum`` removes them).

The tables are loaded once, ``documents`` first: every generation it names had its rows
committed before it, so a check running beside a writer sees a consistent corpus. (A ``vacuum``
running at the same time may remove rows of a document replaced in between; run the check again.)
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import polars as pl
from deltalake import DeltaTable
from deltalake.exceptions import DeltaError

from aligner.store import delta
from aligner.store.schema import KEY, ROW_KEY, SCHEMAS, SIDES

if TYPE_CHECKING:
    from aligner.store.corpus import Corpus

#: The kinds of ``Problem``, in the order they are looked for.
KINDS = (
    "unreadable_table",
    "missing_file",
    "damaged_file",
    "schema_mismatch",
    "duplicate_document",
    "shared_generation",
    "sentence_count",
    "sentence_numbering",
    "span",
    "text_hash",
    "segment_numbering",
    "bead_coverage",
    "bead_kind",
)

# What reading a broken table raises: deltalake's errors for a bad log, OSError (polars raises
# FileNotFoundError) for a missing file, polars' errors for a truncated or foreign Parquet file.
_READ_ERRORS = (DeltaError, OSError, pl.exceptions.PolarsError)
#: The columns the checks read, per table (None: every column); ``edits`` is only validated.
_COLUMNS: dict[str, list[str] | None] = {
    "documents": None,
    "sentences": [*ROW_KEY, "side", "sent_no", "gap", "text", "start", "end"],
    "segments": [*ROW_KEY, "seg_no", "bead", "src_sent_ids", "tgt_sent_ids"],
    "edits": [],
}
# At most this many ids are quoted in one message; the rest are counted.
_MAX_IDS_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of ``check_corpus``; ``doc_id``/``translation_id`` are None for a table-wide one.

    ``kind`` is one of ``KINDS``; ``table`` is the table where the problem shows.
    """

    kind: str
    table: str
    message: str
    doc_id: str | None = None
    translation_id: str | None = None


def check_corpus(corpus: Corpus) -> list[Problem]:
    """Every integrity problem of ``corpus``: table-wide ones first, then per document in key order."""
    problems: list[Problem] = []
    frames: dict[str, pl.DataFrame | None] = {}
    for name in SCHEMAS:  # documents first (see the module docstring)
        frames[name] = _read_table(corpus.path / name, name, problems)
    documents = frames["documents"]
    if documents is None or documents.height == 0:
        return problems
    problems += _check_documents(documents)
    live = documents.unique(subset=list(KEY), keep="first").sort(list(KEY))
    sentences = _live(frames["sentences"], live)
    segments = _live(frames["segments"], live)
    for document in live.iter_rows(named=True):
        key = (document["doc_id"], document["translation_id"])
        if sentences is not None:
            problems += _check_sentences(document, sentences.get(key))
        if segments is not None:
            problems += _check_segments(document, segments.get(key))
    return problems


def _read_table(path: Path, name: str, problems: list[Problem]) -> pl.DataFrame | None:
    """The table's rows (the columns the checks need), or None (with problems added) when the
    table cannot be read. A missing table (no Delta log) reads as empty, as ``Corpus`` reads it.
    """
    schema = SCHEMAS[name]
    try:
        table = delta.load_table(path)
    except _READ_ERRORS as e:
        problems.append(Problem("unreadable_table", name, f"the table's log cannot be read: {_first_line(e)}"))
        return None
    if table is None:
        return pl.DataFrame(schema=schema)
    missing, damaged = _damaged_files(table, path)
    if missing:
        message = f"{len(missing)} data file(s) named in the table's log are missing: {_quote(missing)}"
        problems.append(Problem("missing_file", name, message))
    if damaged:
        message = f"{len(damaged)} data file(s) differ in size from the table's log: {_quote(damaged)}"
        problems.append(Problem("damaged_file", name, message))
    if missing or damaged:
        return None
    try:
        found = pl.scan_delta(table).collect_schema()
        wrong = [
            f"{column} ({found[column] if column in found else 'missing'}, expected {dtype})"
            for column, dtype in schema.items()
            if found.get(column) != dtype
        ]
        if wrong:
            problems.append(Problem("schema_mismatch", name, f"columns differ from the schema: {', '.join(wrong)}"))
            return None
        columns = _COLUMNS.get(name)
        if columns == []:
            return pl.DataFrame(schema=schema)
        rows = pl.scan_delta(table)
        return (rows if columns is None else rows.select(columns)).collect()
    except _READ_ERRORS as e:
        problems.append(Problem("unreadable_table", name, f"the table's rows cannot be read: {_first_line(e)}"))
        return None


def _damaged_files(table: DeltaTable, root: Path) -> tuple[list[str], list[str]]:
    """Data files named in the log that are missing, and those whose size differs from the log's.

    Checked before any read: polars panics on some truncated Parquet files.
    """
    actions = pl.DataFrame(table.get_add_actions(flatten=True)).select("path", "size_bytes")
    missing, damaged = [], []
    for relative, size in actions.sort("path").iter_rows():
        file = root / unquote(relative)
        if not file.is_file():
            missing.append(relative)
        elif file.stat().st_size != size:
            damaged.append(f"{relative} ({file.stat().st_size} bytes, the log says {size})")
    return missing, damaged


def _check_documents(documents: pl.DataFrame) -> list[Problem]:
    problems = []
    keys = documents.group_by(list(KEY)).len().filter(pl.col("len") > 1).sort(list(KEY))
    for doc_id, translation_id, count in keys.iter_rows():
        problems.append(
            Problem("duplicate_document", "documents", f"{count} rows for one document", doc_id, translation_id)
        )
    rows = documents.unique(subset=list(ROW_KEY))  # a duplicated row is reported above, not here
    generations = rows.group_by("generation").agg(pl.col("doc_id"), pl.col("translation_id"))
    for generation, doc_ids, translation_ids in generations.filter(pl.col("doc_id").list.len() > 1).iter_rows():
        names = ", ".join(f"{d}/{t}" for d, t in sorted(zip(doc_ids, translation_ids)))
        problems.append(
            Problem("shared_generation", "documents", f"generation {generation} is used by several documents: {names}")
        )
    return problems


def _live(frame: pl.DataFrame | None, documents: pl.DataFrame) -> dict[tuple[str, str], pl.DataFrame] | None:
    """The live rows of ``frame``, split by document key (None when the table could not be read)."""
    if frame is None:
        return None
    rows = frame.join(documents.select(ROW_KEY), on=list(ROW_KEY), how="semi")
    return {key: part for key, part in rows.partition_by(list(KEY), as_dict=True).items()}


def _check_sentences(document: dict, rows: pl.DataFrame | None) -> list[Problem]:
    problems = []
    doc_id, translation_id = document["doc_id"], document["translation_id"]

    def problem(kind: str, message: str) -> None:
        problems.append(Problem(kind, "sentences", message, doc_id, translation_id))

    for side in SIDES:
        expected = document[f"n_{side}_sents"]
        part = pl.DataFrame(schema=SCHEMAS["sentences"]) if rows is None else rows.filter(pl.col("side") == side)
        part = part.sort("sent_no")
        if part.height != expected:
            problem("sentence_count", f"{side}: {part.height} sentence rows, the documents row says {expected}")
        numbers = part["sent_no"].to_list()
        if numbers != list(range(len(numbers))):
            problem("sentence_numbering", f"{side}: sent_no are not 0..{len(numbers) - 1}: {_ids_differ(numbers)}")
            continue
        position = 0
        for sent_no, gap, text, start, end in part.select("sent_no", "gap", "text", "start", "end").iter_rows():
            position += len(gap or "")
            if start != position or end - start != len(text or ""):
                problem(
                    "span",
                    f"{side} sentence {sent_no}: span [{start}, {end}) does not follow its gap and text "
                    f"(expected [{position}, {position + len(text or '')}))",
                )
                break
            position = end
        text = "".join((gap or "") + (t or "") for gap, t in zip(part["gap"], part["text"]))
        text += document[f"{side}_tail"] or ""
        stored = document[f"{side}_text_sha256"]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != stored:
            problem(
                "text_hash",
                f"{side}: sentences, gaps and tail do not rebuild the stored text (SHA-256 {str(stored)[:12]}...)",
            )
    return problems


def _check_segments(document: dict, rows: pl.DataFrame | None) -> list[Problem]:
    problems = []
    doc_id, translation_id = document["doc_id"], document["translation_id"]

    def problem(kind: str, message: str) -> None:
        problems.append(Problem(kind, "segments", message, doc_id, translation_id))

    part = (pl.DataFrame(schema=SCHEMAS["segments"]) if rows is None else rows).sort("seg_no")
    numbers = part["seg_no"].to_list()
    if numbers != list(range(len(numbers))):
        problem("segment_numbering", f"seg_no are not 0..{len(numbers) - 1}: {_ids_differ(numbers)}")
    for side in SIDES:
        ids = [i for row in part[f"{side}_sent_ids"].to_list() for i in (row or ())]
        expected = document[f"n_{side}_sents"]
        if ids != list(range(expected)):
            problem(
                "bead_coverage",
                f"{side}: beads do not cover sentences 0..{expected - 1} once each in order: {_coverage(ids, expected)}",
            )
    for seg_no, bead, src, tgt in part.select("seg_no", "bead", "src_sent_ids", "tgt_sent_ids").iter_rows():
        kind = f"{len(src or ())}-{len(tgt or ())}"
        if bead != kind:
            problem("bead_kind", f"segment {seg_no}: bead {bead!r} holds {kind} sentences")
    return problems


def _ids_differ(numbers: Sequence[int]) -> str:
    duplicates = sorted(n for n, count in Counter(numbers).items() if count > 1)
    missing = sorted(set(range(len(numbers))) - set(numbers))
    parts = []
    if duplicates:
        parts.append(f"repeated {_quote(duplicates)}")
    if missing:
        parts.append(f"missing {_quote(missing)}")
    return "; ".join(parts) or "out of order"


def _coverage(ids: Sequence[int], n: int) -> str:
    counts = Counter(ids)
    seen = set(counts)
    repeated = sorted(i for i, count in counts.items() if count > 1)
    missing = sorted(set(range(n)) - seen)
    extra = sorted(i for i in seen if not 0 <= i < n)
    parts = []
    if missing:
        parts.append(f"missing {_quote(missing)}")
    if repeated:
        parts.append(f"repeated {_quote(repeated)}")
    if extra:
        parts.append(f"unknown {_quote(extra)}")
    return "; ".join(parts) or "out of order"


def _quote(items: Sequence[object]) -> str:
    shown = ", ".join(str(i) for i in items[:_MAX_IDS_SHOWN])
    more = len(items) - _MAX_IDS_SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
