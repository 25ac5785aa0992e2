"""``aligner sql``: run SQL over the corpus tables."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from aligner.cli.errors import reports_errors
from aligner.cli.main import app
from aligner.cli.options import CorpusArg, FormatOpt
from aligner.cli.output import Format, render_rows


@app.command()
@reports_errors
def sql(
    corpus: CorpusArg,
    statement: Annotated[str, typer.Argument(help="A SELECT over documents, sentences, segments, edits.", show_default=False)],
    fmt: FormatOpt = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Run an SQL query over the corpus tables (documents, sentences, segments, edits).

    Example: aligner sql my-corpus/ "SELECT bead, COUNT(*) AS n FROM segments GROUP BY bead ORDER BY n DESC"
    """
    from aligner.query.sql import run_sql
    from aligner.store.corpus import Corpus

    frame = run_sql(Corpus.open(corpus), statement)
    from aligner.cli.query_cmd import _open_output

    out = _open_output(output) if output is not None else sys.stdout
    try:
        render_rows(frame.to_dicts(), frame.columns, fmt, out=out)
    finally:
        if output is not None:
            out.close()
