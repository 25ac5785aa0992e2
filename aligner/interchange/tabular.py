"""Tables of segments: TSV, CSV, JSON Lines and Parquet, every column of the export frame.

TSV and CSV are written with Python's ``csv`` module (UTF-8, a header row, ``\\n`` line ends,
fields quoted where needed) so a spreadsheet opens them and a reviewer can edit them; lists are
JSON arrays in a cell, booleans ``true``/``false``, floats in their shortest exact form. JSON
Lines holds one object per segment with typed values. Parquet is a plain Parquet file of the
export frame (the corpus's own files are Delta tables, not meant to be read directly).

Readers accept any subset of the columns as long as ``src_text`` and ``tgt_text`` are there;
records are labelled ``row N`` (N counts data rows from 1) and carry the file line where the
row starts (TSV/CSV/JSONL), so messages read ``file.tsv:12: row 4: ...``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl

from aligner.errors import InputError
from aligner.interchange.records import InterchangeFile, SegmentRecord, record_from_row, text_cell

REQUIRED = ("src_text", "tgt_text")
DELIMITERS = {"tsv": "\t", "csv": ","}


class DelimitedFormat:
    """TSV or CSV."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.delimiter = DELIMITERS[name]

    def write(self, frame: pl.DataFrame, path: Path) -> None:
        with _open_for_writing(path) as out:
            writer = csv.writer(out, delimiter=self.delimiter, lineterminator="\n")
            writer.writerow(frame.columns)
            for row in frame.iter_rows():
                writer.writerow([text_cell(v) for v in row])

    def read(self, path: Path) -> InterchangeFile:
        text = _read_text(path)
        reader = csv.reader(text.splitlines(keepends=True), delimiter=self.delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("the file is empty; expected a header row", path=path) from None
        except csv.Error as error:
            raise InputError(f"cannot read the header: {error}", path=path, line=1) from error
        header = [h.strip().lstrip("\ufeff") for h in header]
        _check_header(header, path)
        records = []
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                raise InputError(f"cannot read the row: {error}", path=path, line=line) from error
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise InputError(
                    f"row {len(records) + 1} has {len(cells)} cells, the header {len(header)}", path=path, line=line
                )
            row = dict(zip(header, cells))
            records.append(record_from_row(row, f"row {len(records) + 1}", line, path))
        return InterchangeFile(path, self.name, tuple(records))


class JsonLinesFormat:
    """One JSON object per line, typed values."""

    name = "jsonl"

    def write(self, frame: pl.DataFrame, path: Path) -> None:
        with _open_for_writing(path) as out:
            for row in frame.iter_rows(named=True):
                out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")

    def read(self, path: Path) -> InterchangeFile:
        records: list[SegmentRecord] = []
        for number, line in enumerate(_read_text(path).splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"not a JSON object: {error.msg}", path=path, line=number) from error
            if not isinstance(row, dict):
                raise InputError("not a JSON object", path=path, line=number)
            if number == 1 or not records:
                _check_header(list(row), path)
            records.append(record_from_row(row, f"row {len(records) + 1}", number, path))
        return InterchangeFile(path, self.name, tuple(records))


class ParquetFormat:
    """A plain Parquet file of the export frame."""

    name = "parquet"

    def write(self, frame: pl.DataFrame, path: Path) -> None:
        try:
            frame.write_parquet(path)
        except OSError as error:
            raise InputError(f"cannot write: {error.strerror or error}", path=path) from error

    def read(self, path: Path) -> InterchangeFile:
        try:
            frame = pl.read_parquet(path)
        except FileNotFoundError as error:
            raise InputError("no such file", path=path) from error
        except (OSError, pl.exceptions.PolarsError) as error:
            raise InputError(f"not a readable Parquet file: {str(error).splitlines()[0]}", path=path) from error
        _check_header(frame.columns, path)
        records = tuple(
            record_from_row(row, f"row {k}", None, path) for k, row in enumerate(frame.iter_rows(named=True), start=1)
        )
        return InterchangeFile(path, self.name, records)


def _check_header(columns: list[str], path: Path) -> None:
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InputError(
            f"no {' or '.join(missing)} column (found: {', '.join(columns) or 'none'})", path=path, line=1
        )


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise InputError("no such file", path=path) from error
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text: {error.reason} at byte {error.start}", path=path) from error
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=path) from error


def _open_for_writing(path: Path):
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror or error}", path=path) from error
