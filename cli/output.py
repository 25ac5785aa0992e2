"""One renderer for everything commands print: rich tables on a terminal, CSV/TSV/JSON for
machines. Data goes to stdout; summaries and warnings go to stderr."""

from __future__ import annotations

import csv
import enum
import io
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any


class Format(str, enum.Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, no_color=bool(os.environ.get("NO_COLOR")), highlight=False, soft_wrap=False)


def render_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: Format = Format.table,
    *,
    title: str | None = None,
    out=None,
) -> None:
    """Print rows (mappings) in the chosen format; ``columns`` fixes order and selection."""
    out = out or sys.stdout
    if fmt is Format.json:
        out.write(json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=2, default=str))
        out.write("\n")
        return
    if fmt in (Format.csv, Format.tsv):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt is Format.csv else "\t", lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_cell(r.get(c)) for c in columns])
        out.write(buffer.getvalue())
        return
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(_cell(r.get(c)) for c in columns))
    console = _console()
    if out is not sys.stdout:
        from rich.console import Console

        console = Console(file=out, no_color=True, highlight=False, width=200)
    console.print(table)


def render_json(data: Any, out=None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def note(message: str) -> None:
    """A summary or progress line on stderr."""
    print(message, file=sys.stderr)
