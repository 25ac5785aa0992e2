"""Corpus statistics: sentences, beads by type, flags and glossary terms, per document and in total.

One row per stored translation (sorted by ``doc_id``, ``translation_id``), then a total row whose
``doc_id`` and ``translation_id`` are null. Columns:

- ``documents``: 1 per document row; the number of translations in the total row;
- ``src_sents``, ``tgt_sents``, ``segments``, ``reviewed`` (segments a reviewer marked);
- one column per bead kind found (``"1-1"``, ``"2-1"``, ...; the default inventory's order
  first), counting segments;
- one column per flag found (``aligner.align.flags.FLAGS`` order), counting segments;
- ``terms``: distinct glossary term ids found on either side (in the total row: distinct over
  the corpus, not a sum); ``term_segments``: segments with at least one term.

Everything is aggregated lazily over the live rows; no row is loaded whole.
"""

from __future__ import annotations

import polars as pl

from aligner.query.selection import select_documents
from aligner.store.corpus import Corpus
from aligner.store.schema import KEY

COUNT_COLUMNS = ("src_sents", "tgt_sents", "segments", "reviewed")


def corpus_stats(corpus: Corpus, doc_id: str | None = None, translation_id: str | None = None) -> pl.DataFrame:
    """Per-document counts and a total row (see the module docstring for the columns).

    :raises CorpusError: ``doc_id``/``translation_id`` name nothing stored.
    """
    from aligner.align.beads import BEAD_TYPES
    from aligner.align.flags import FLAGS

    documents = select_documents(corpus, doc_id, translation_id)
    keys = documents.select(KEY).lazy()
    segments = corpus.scan_segments().join(keys, on=list(KEY), how="semi")
    sentences = corpus.scan_sentences().join(keys, on=list(KEY), how="semi")

    sentence_counts = sentences.group_by(KEY).agg(
        (pl.col("side") == "src").sum().alias("src_sents"),
        (pl.col("side") == "tgt").sum().alias("tgt_sents"),
    )
    segment_counts = segments.group_by(KEY).agg(
        pl.len().alias("segments"),
        pl.col("reviewed").fill_null(False).sum().alias("reviewed"),
        (pl.col("src_terms").list.len() + pl.col("tgt_terms").list.len() > 0).sum().alias("term_segments"),
    )
    terms = (
        segments.select(*KEY, pl.concat_list("src_terms", "tgt_terms").alias("term"))
        .explode("term")
        .drop_nulls("term")
        .unique()
        .collect()
    )
    beads = segments.group_by(*KEY, "bead").agg(pl.len().alias("n")).collect()
    flags = segments.select(*KEY, "flags").explode("flags").drop_nulls("flags").group_by(*KEY, "flags").agg(
        pl.len().alias("n")
    ).collect()

    bead_kinds = _ordered(beads["bead"].unique().to_list(), [f"{a}-{b}" for a, b in BEAD_TYPES])
    flag_names = _ordered(flags["flags"].unique().to_list(), list(FLAGS))
    per_doc = (
        documents.select(KEY)
        .with_columns(pl.lit(1, pl.UInt32).alias("documents"))
        .join(sentence_counts.collect(), on=list(KEY), how="left")
        .join(segment_counts.collect(), on=list(KEY), how="left")
        .join(_wide(beads, "bead", bead_kinds), on=list(KEY), how="left")
        .join(_wide(flags, "flags", flag_names), on=list(KEY), how="left")
        .join(terms.group_by(KEY).agg(pl.len().alias("terms")), on=list(KEY), how="left")
    )
    counts = ["documents", *COUNT_COLUMNS, *bead_kinds, *flag_names, "terms", "term_segments"]
    per_doc = per_doc.with_columns(pl.col(c).fill_null(0).cast(pl.Int64) for c in counts if c != "documents")
    per_doc = per_doc.with_columns(pl.col("documents").cast(pl.Int64)).sort(list(KEY))
    total = per_doc.select(
        pl.lit(None, pl.String).alias("doc_id"),
        pl.lit(None, pl.String).alias("translation_id"),
        *(pl.col(c).sum().cast(pl.Int64) for c in counts if c != "terms"),
        pl.lit(terms["term"].n_unique(), pl.Int64).alias("terms"),
    )
    columns = ["documents", *KEY, *counts[1:]]
    return pl.concat([per_doc.select(columns), total.select(columns)])


def _ordered(found: list[str], vocabulary: list[str]) -> list[str]:
    """``found`` in vocabulary order, anything outside the vocabulary after it, sorted."""
    known = [v for v in vocabulary if v in found]
    return known + sorted(set(found) - set(vocabulary))


def _wide(counts: pl.DataFrame, column: str, names: list[str]) -> pl.DataFrame:
    """Long ``(key, column, n)`` counts as one column per name (absent names give no column)."""
    frame = counts.select(KEY).unique()
    for name in names:
        part = counts.filter(pl.col(column) == name).select(*KEY, pl.col("n").alias(name))
        frame = frame.join(part, on=list(KEY), how="left")
    return frame
