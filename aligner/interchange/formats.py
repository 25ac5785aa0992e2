"""The exchange formats as data: one class per format (``write(frame, path)``, ``read(path)``),
one driver for exporting (``export_segments``) and one for reading (``read_interchange``).

A new format is one class added to ``FORMATS``, with no new branches. The format of a file to
read is its extension (``.tmx``, ``.xlf``/``.xliff``, ``.tsv``, ``.csv``, ``.jsonl``,
``.parquet``) unless named.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import polars as pl

from aligner.errors import InputError
from aligner.interchange.kinds import ExchangeFormat
from aligner.interchange.records import InterchangeFile, export_frame
from aligner.interchange.tabular import DelimitedFormat, JsonLinesFormat, ParquetFormat
from aligner.interchange.tmx import TmxFormat
from aligner.interchange.xliff import XliffFormat
from aligner.store.corpus import Corpus


class Exchanger(Protocol):
    name: str

    def write(self, frame: pl.DataFrame, path: Path) -> None: ...

    def read(self, path: Path) -> InterchangeFile: ...


FORMATS: dict[ExchangeFormat, Exchanger] = {
    ExchangeFormat.tmx: TmxFormat(),
    ExchangeFormat.xliff: XliffFormat(),
    ExchangeFormat.tsv: DelimitedFormat("tsv"),
    ExchangeFormat.csv: DelimitedFormat("csv"),
    ExchangeFormat.jsonl: JsonLinesFormat(),
    ExchangeFormat.parquet: ParquetFormat(),
}

EXTENSIONS: dict[str, ExchangeFormat] = {
    ".tmx": ExchangeFormat.tmx,
    ".xlf": ExchangeFormat.xliff,
    ".xliff": ExchangeFormat.xliff,
    ".tsv": ExchangeFormat.tsv,
    ".tab": ExchangeFormat.tsv,
    ".csv": ExchangeFormat.csv,
    ".jsonl": ExchangeFormat.jsonl,
    ".ndjson": ExchangeFormat.jsonl,
    ".parquet": ExchangeFormat.parquet,
}


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What ``export_segments`` wrote."""

    path: Path
    fmt: ExchangeFormat
    documents: int
    segments: int


def export_segments(
    corpus: Corpus,
    path: Path,
    fmt: ExchangeFormat | str,
    *,
    doc_id: str | None = None,
    translation_id: str | None = None,
    min_confidence: float | None = None,
) -> ExportReport:
    """Write the live segments of the chosen documents to ``path`` in ``fmt``.

    :raises CorpusError: ``doc_id``/``translation_id`` name nothing stored.
    :raises InputError: ``path`` cannot be written, or the format cannot hold the selection.
    """
    fmt = ExchangeFormat(fmt)
    frame = export_frame(corpus, doc_id, translation_id, min_confidence)
    FORMATS[fmt].write(frame, Path(path))
    documents = frame.select("doc_id", "translation_id").n_unique() if frame.height else 0
    return ExportReport(Path(path), fmt, documents, frame.height)


def format_of(path: Path) -> ExchangeFormat:
    """The format a file's extension names.

    :raises InputError: an unknown extension.
    """
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise InputError(f"cannot tell the format from the extension (known: {known}); name it with --format", path=path)
    return fmt


def read_interchange(path: Path, fmt: ExchangeFormat | str | None = None) -> InterchangeFile:
    """Read an exchange file (format from ``fmt`` or the extension).

    :raises InputError: the file is missing or cannot be read as that format.
    """
    path = Path(path)
    chosen = format_of(path) if fmt is None else ExchangeFormat(fmt)
    if not path.is_file():
        raise InputError("no such file", path=path)
    return FORMATS[chosen].read(path)
