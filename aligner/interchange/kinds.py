"""The names of the exchange formats, light to import (the CLI's choices come from here)."""

from __future__ import annotations

import enum


class ExchangeFormat(str, enum.Enum):
    """A file format ``aligner export`` writes and ``aligner import`` reads."""

    tmx = "tmx"
    xliff = "xliff"
    tsv = "tsv"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"
