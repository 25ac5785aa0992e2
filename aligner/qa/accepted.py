"""Accepted findings: the reviewed false positives that ``terms check --ignore FILE`` leaves out.

The file is UTF-8 TSV with the columns ``doc_id, translation_id, seg_no, term_id, kind``. A
header row naming them (in any order, other columns ignored) is optional; without one the first
five columns are taken in that order. So the TSV that ``aligner terms check --format tsv``
prints is itself an accepted-findings file: delete the rows that are real problems, keep the rest.
Blank lines and lines starting with ``#`` are skipped; a cell may be quoted (``"..."``, as the
TSV output quotes texts that hold line breaks). ``seg_no`` counts from 0; ``line`` in errors is
the 1-based line where the row starts. This module parses text; the caller reads the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aligner.errors import InputError
from aligner.qa.terms import FINDING_KINDS, FindingKey

COLUMNS = ("doc_id", "translation_id", "seg_no", "term_id", "kind")


def parse_accepted(text: str, path: str | Path | None = None) -> frozenset[FindingKey]:
    """The finding keys listed in an accepted-findings TSV.

    :raises InputError: a row with too few cells, a ``seg_no`` that is not a whole number, or an
        unknown ``kind`` (naming ``path`` and the line).
    """
    keys: set[FindingKey] = set()
    positions: tuple[int, ...] | None = None
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter="\t")
    line_no = 0
    for row in _rows(reader, path):
        line_no, first_line = reader.line_num, line_no + 1
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if positions is None:
            lowered = [cell.lower() for cell in cells]
            if set(COLUMNS) <= set(lowered):
                positions = tuple(lowered.index(column) for column in COLUMNS)
                continue
            positions = tuple(range(len(COLUMNS)))
        if len(cells) <= max(positions):
            raise InputError(
                f"expected the tab-separated columns {', '.join(COLUMNS)}; this row has {len(cells)} cell(s)",
                path=path,
                line=first_line,
            )
        doc_id, translation_id, seg_no, term_id, kind = (cells[k] for k in positions)
        if not seg_no.isdigit():
            raise InputError(f"seg_no must be a whole number, not {seg_no!r}", path=path, line=first_line)
        if kind not in FINDING_KINDS:
            raise InputError(
                f"unknown kind {kind!r}; use one of {', '.join(FINDING_KINDS)}", path=path, line=first_line
            )
        keys.add(FindingKey(doc_id, translation_id, int(seg_no), term_id, kind))
    return frozenset(keys)


def _rows(reader: Any, path: str | Path | None) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as error:
        raise InputError(f"not a TSV file: {error}", path=path, line=reader.line_num) from error
