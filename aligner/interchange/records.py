"""The unit every exchange format reads and writes: one aligned segment as a ``SegmentRecord``.

Exporters take the *export frame* (``export_frame``): the live ``segments`` columns of the chosen
documents plus each document's ``src_lang``/``tgt_lang``, sorted by ``doc_id``,
``translation_id``, ``seg_no``. Readers return an ``InterchangeFile`` of records in file order.

A record field is None when the file does not say it (a TMX from another tool has texts and
languages, nothing else); an empty tuple means the file says "none" (an omission's empty
``tgt_sent_ids``). ``src_lemmas``/``tgt_stems`` are never read back: they are derived from the
texts on import, so a corrected text cannot keep stale lemmas.

In text cells (TSV/CSV) lists are JSON arrays (``[3, 4]``, ``["Ким Ир Сен"]``); readers also
accept bare comma- or space-separated values, which is what a reviewer types.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from aligner.errors import InputError
from aligner.store.corpus import Corpus
from aligner.store.schema import KEY, SEGMENTS_SCHEMA

#: The export frame's columns: every ``segments`` column, the languages after the key.
EXPORT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "translation_id",
    "src_lang",
    "tgt_lang",
    *(c for c in SEGMENTS_SCHEMA if c not in KEY),
)
#: Columns holding lists of integers / of strings.
ID_LIST_COLUMNS = ("src_sent_ids", "tgt_sent_ids")
STR_LIST_COLUMNS = ("src_terms", "tgt_terms", "src_lemmas", "tgt_stems", "flags")
FLOAT_COLUMNS = ("score", "confidence", "cost")
INT_COLUMNS = ("generation", "seg_no")

_TRUE = {"true", "1", "yes", "y", "x", "✓", "✔"}
_FALSE = {"false", "0", "no", "n", ""}


@dataclass(frozen=True, slots=True)
class SegmentRecord:
    """One segment as an exchange file holds it (None: the file does not say).

    :param label: which record of its file this is, for messages (``row 4``, ``tu 3``).
    :param line: the 1-based line of the record, where the format has lines.
    """

    label: str
    src_text: str
    tgt_text: str
    line: int | None = None
    doc_id: str | None = None
    translation_id: str | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    generation: int | None = None
    seg_no: int | None = None
    src_sent_ids: tuple[int, ...] | None = None
    tgt_sent_ids: tuple[int, ...] | None = None
    bead: str | None = None
    score: float | None = None
    confidence: float | None = None
    cost: float | None = None
    src_terms: tuple[str, ...] | None = None
    tgt_terms: tuple[str, ...] | None = None
    flags: tuple[str, ...] | None = None
    reviewed: bool | None = None


@dataclass(frozen=True, slots=True)
class InterchangeFile:
    """What a reader found in one file."""

    path: Path
    fmt: str
    records: tuple[SegmentRecord, ...]


def export_frame(
    corpus: Corpus,
    doc_id: str | None = None,
    translation_id: str | None = None,
    min_confidence: float | None = None,
) -> pl.DataFrame:
    """The segments to export, with ``EXPORT_COLUMNS``.

    :param min_confidence: keep segments whose ``confidence`` is at least this (a file so
        filtered no longer covers its documents and cannot be imported back as corrections).
    :raises CorpusError: ``doc_id``/``translation_id`` name nothing stored.
    """
    from aligner.query.selection import select_documents

    documents = select_documents(corpus, doc_id, translation_id).select(*KEY, "src_lang", "tgt_lang")
    frame = corpus.scan_segments().join(documents.lazy(), on=list(KEY), how="inner")
    if min_confidence is not None:
        frame = frame.filter(pl.col("confidence") >= min_confidence)
    return frame.sort([*KEY, "seg_no"]).select(EXPORT_COLUMNS).collect()


def record_from_row(row: dict[str, Any], label: str, line: int | None, path: Path) -> SegmentRecord:
    """A record from one row of a table (TSV/CSV cells are strings; JSONL/Parquet are typed).

    :raises InputError: a cell cannot be read (naming the row and column).
    """
    def where(column: str) -> str:
        return f"{label}, column {column}"

    src_text, tgt_text = row.get("src_text"), row.get("tgt_text")
    fields: dict[str, Any] = {
        "src_text": "" if src_text is None else str(src_text),
        "tgt_text": "" if tgt_text is None else str(tgt_text),
    }
    for column in ("doc_id", "translation_id", "src_lang", "tgt_lang", "bead"):
        value = row.get(column)
        if value is not None and str(value) != "":
            fields[column] = str(value)
    for column in INT_COLUMNS:
        if column in row:
            fields[column] = _int_cell(row[column], where(column), path, line)
    for column in FLOAT_COLUMNS:
        if column in row:
            fields[column] = _float_cell(row[column], where(column), path, line)
    for column in ID_LIST_COLUMNS:
        if column in row:
            fields[column] = parse_id_list(row[column], where(column), path, line)
    for column in ("src_terms", "tgt_terms", "flags"):
        if column in row:
            fields[column] = parse_str_list(row[column], where(column), path, line)
    if "reviewed" in row:
        fields["reviewed"] = parse_bool(row["reviewed"], where("reviewed"), path, line)
    return SegmentRecord(label=label, line=line, **fields)


def text_cell(value: Any) -> str:
    """One value as a TSV/CSV cell: lists as JSON, floats round-trippable, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple, pl.Series)):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def parse_id_list(value: Any, where: str, path: Path, line: int | None) -> tuple[int, ...] | None:
    """Sentence ids from ``[3, 4]``, ``3, 4``, ``3 4`` or a list; empty means none."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple, pl.Series)):
        items = list(value)
    else:
        text = str(value).strip()
        if text.startswith("["):
            items = _json_list(text, where, path, line)
        else:
            items = [part for part in re.split(r"[,\s;]+", text) if part]
    try:
        ids = tuple(int(item) for item in items)
    except (TypeError, ValueError) as error:
        raise InputError(f"{where}: sentence ids must be whole numbers, not {value!r}", path=path, line=line) from error
    if any(i < 0 for i in ids):
        raise InputError(f"{where}: sentence ids count from 0, not {value!r}", path=path, line=line)
    return ids


def parse_str_list(value: Any, where: str, path: Path, line: int | None) -> tuple[str, ...]:
    """Strings from a JSON array, a list, or comma-separated text; empty means none."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple, pl.Series)):
        return tuple(str(v) for v in value)
    text = str(value).strip()
    if text.startswith("["):
        return tuple(str(v) for v in _json_list(text, where, path, line))
    return tuple(part.strip() for part in text.split(",") if part.strip())


def parse_bool(value: Any, where: str, path: Path, line: int | None) -> bool:
    """``true``/``false`` and the usual spreadsheet spellings (``1``, ``yes``, ``x``, empty)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InputError(f"{where}: expected true or false, not {value!r}", path=path, line=line)


def _json_list(text: str, where: str, path: Path, line: int | None) -> list:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not a JSON list: {text!r}", path=path, line=line) from error
    if not isinstance(items, list):
        raise InputError(f"{where}: not a JSON list: {text!r}", path=path, line=line)
    return items


def _int_cell(value: Any, where: str, path: Path, line: int | None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise InputError(f"{where}: expected a whole number, not {value!r}", path=path, line=line) from error


def _float_cell(value: Any, where: str, path: Path, line: int | None) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise InputError(f"{where}: expected a number, not {value!r}", path=path, line=line) from error
    if math.isnan(number):
        return None
    return number


def read_xml_root(path: Path):
    """The root element of an XML file (TMX, XLIFF), parsed with defusedxml: a DOCTYPE is
    accepted (CAT tools write one), entity expansion and external resources are refused;
    every failure is one ``InputError`` naming the file (and line)."""
    import xml.etree.ElementTree as ET

    from defusedxml import ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    try:
        return SafeET.parse(str(path)).getroot()
    except FileNotFoundError as error:
        raise InputError("no such file", path=path) from error
    except ET.ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        raise InputError(f"not well-formed XML: {error}", path=path, line=line) from error
    except DefusedXmlException as error:
        raise InputError(f"refused unsafe XML: {error}", path=path) from error
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=path) from error
