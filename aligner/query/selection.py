"""Which stored documents a command covers: DESIGN.md's shared ``--doc``/``--translation`` options.

No option: every document; ``--doc`` alone: every translation of that document; both: that one
translation. A name that is not stored is an error (a typo should not read as "no results").
"""

from __future__ import annotations

import polars as pl

from aligner.store.corpus import Corpus


def select_documents(corpus: Corpus, doc_id: str | None = None, translation_id: str | None = None) -> pl.DataFrame:
    """The ``documents`` rows selected, sorted by ``doc_id``, ``translation_id``.

    :raises CorpusError: ``doc_id`` is not stored, or has no translation ``translation_id``.
    """
    documents = corpus.read_documents()
    if doc_id is not None:
        if translation_id is not None or not corpus.has_document(doc_id):
            corpus.resolve_translation(doc_id, translation_id)  # raises for what is not stored
        documents = documents.filter(pl.col("doc_id") == doc_id)
    if translation_id is not None:
        documents = documents.filter(pl.col("translation_id") == translation_id)
    return documents


def key_filter(doc_id: str | None, translation_id: str | None):
    """A plain predicate on the key columns (pushed down to Delta/Parquet statistics, so files
    of other documents are skipped), or None for no filter."""
    conditions = []
    if doc_id is not None:
        conditions.append(pl.col("doc_id") == doc_id)
    if translation_id is not None:
        conditions.append(pl.col("translation_id") == translation_id)
    return pl.all_horizontal(conditions) if conditions else None
