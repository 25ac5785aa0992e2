"""SQL over the corpus tables, with polars' SQL engine (``pl.SQLContext``).

The tables are registered as lazy frames of their *live* rows (DESIGN.md: only the rows of the
generation ``documents`` points at count), under their DESIGN.md names: ``documents``,
``sentences``, ``segments``, and ``edits`` (every reviewer edit ever applied, live or not, for
tracing). The SQL dialect is polars' (PostgreSQL-like); queries only read: a statement that
would change a table changes nothing on disk.
"""

from __future__ import annotations

import polars as pl

from aligner.errors import InputError
from aligner.store.corpus import Corpus

#: Tables a query can name.
TABLES = ("documents", "sentences", "segments", "edits")


def sql_tables(corpus: Corpus) -> dict[str, pl.LazyFrame]:
    """Table name -> lazy frame of its live rows (``edits``: all rows)."""
    return {
        "documents": corpus.read_documents().lazy(),
        "sentences": corpus.scan_sentences(),
        "segments": corpus.scan_segments(),
        "edits": corpus.scan_edits(),
    }


def run_sql(corpus: Corpus, query: str) -> pl.DataFrame:
    """The result of one SQL ``query`` over ``TABLES``.

    :raises InputError: the query cannot be parsed or run (unknown table or column, bad syntax),
        with polars' reason.
    """
    if not query.strip():
        raise InputError("the SQL query is empty")
    context = pl.SQLContext(sql_tables(corpus), eager=False)
    try:
        return context.execute(query).collect()
    except (pl.exceptions.PolarsError, pl.exceptions.SQLInterfaceError) as error:
        raise InputError(f"cannot run the SQL query: {_first_line(error)}") from error


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0].strip() if text else type(error).__name__
