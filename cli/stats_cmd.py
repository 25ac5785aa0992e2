"""``aligner stats``: counts per document and in total."""

from __future__ import annotations

from aligner.cli.errors import reports_errors
from aligner.cli.main import app
from aligner.cli.options import CorpusArg, DocFilter, FormatOpt, TranslationOpt
from aligner.cli.output import Format, render_rows

#: How the total row (null ids in the data) reads in a table.
TOTAL = "(total)"


@app.command()
@reports_errors
def stats(corpus: CorpusArg, doc: DocFilter = None, translation: TranslationOpt = None, fmt: FormatOpt = Format.table) -> None:
    """Count documents, sentences, beads by type, flags and terms, per document and in total.

    Example: aligner stats my-corpus/
    """
    from aligner.query.stats import corpus_stats
    from aligner.store.corpus import Corpus

    frame = corpus_stats(Corpus.open(corpus), doc, translation)
    rows = frame.to_dicts()
    if fmt is not Format.table:
        render_rows(rows, frame.columns, fmt)
        return
    # A terminal is narrow and the measures are many: one row per measure, a column per document.
    names = [f"{r['doc_id']}/{r['translation_id']}" for r in rows[:-1]] + [TOTAL]
    measures = [c for c in frame.columns if c not in ("doc_id", "translation_id")]
    table = [{"measure": m, **{name: r[m] for name, r in zip(names, rows)}} for m in measures]
    render_rows(table, ["measure", *names], fmt)
