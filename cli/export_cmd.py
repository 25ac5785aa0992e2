"""``aligner export``: write aligned segments as TMX, XLIFF, TSV, CSV, JSON Lines or Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.cli.errors import reports_errors
from aligner.cli.main import app
from aligner.cli.options import CorpusArg, DocFilter, TranslationOpt
from aligner.cli.output import note
from aligner.interchange.kinds import ExchangeFormat


@app.command()
@reports_errors
def export(
    corpus: CorpusArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.", dir_okay=False)],
    fmt: Annotated[
        ExchangeFormat | None, typer.Option("--format", help="File format (default: from the file's extension).")
    ] = None,
    doc: DocFilter = None,
    translation: TranslationOpt = None,
    min_confidence: Annotated[
        float | None, typer.Option("--min-confidence", min=0.0, max=1.0, help="Only segments at least this confident.")
    ] = None,
) -> None:
    """Export aligned segments for CAT tools and spreadsheets (TMX 1.4b, XLIFF 2.1, TSV, CSV, JSONL, Parquet).

    Example: aligner export my-corpus/ --format tmx -o cable.tmx --doc cable-1956-09-23-mikoyan
    """
    from aligner.interchange.formats import export_segments, format_of
    from aligner.store.corpus import Corpus

    chosen = fmt if fmt is not None else format_of(output)
    report = export_segments(
        Corpus.open(corpus), output, chosen, doc_id=doc, translation_id=translation, min_confidence=min_confidence
    )
    note(f"wrote {report.segments} segment(s) of {report.documents} document(s) to {output} ({report.fmt.value})")
