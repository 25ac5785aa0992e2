"""Corpus statistics agree with the stored rows."""

from __future__ import annotations

import polars as pl

from aligner.query.stats import corpus_stats
from tests.store.store_docs import make_document


def test_stats_match_the_segments(cable_corpus):
    stats = corpus_stats(cable_corpus)
    segments = cable_corpus.read_segments()
    doc, total = stats.row(0, named=True), stats.row(1, named=True)
    assert doc["segments"] == segments.height == total["segments"]
    assert doc["src_sents"] == cable_corpus.read_documents()["n_src_sents"].item()
    for kind, n in segments["bead"].value_counts().iter_rows():
        assert doc[kind] == n
    flags = segments["flags"].explode().drop_nulls().value_counts()
    for flag, n in flags.iter_rows():
        assert doc[flag] == n
    terms = set(segments["src_terms"].explode().drop_nulls()) | set(segments["tgt_terms"].explode().drop_nulls())
    assert doc["terms"] == len(terms)
    assert total["doc_id"] is None and total["documents"] == 1


def test_total_sums_counts_but_not_distinct_terms(tmp_path):
    from aligner.store.corpus import Corpus

    corpus = Corpus.open(tmp_path / "c", create=True)
    corpus.write_documents([make_document("a"), make_document("b"), make_document("b", "en-2")])
    stats = corpus_stats(corpus)
    assert stats["doc_id"].to_list() == ["a", "b", "b", None]
    total = stats.row(3, named=True)
    assert total["documents"] == 3
    assert total["segments"] == 9 and total["src_sents"] == 12
    assert total["1-1"] == 6 and total["2-1"] == 3
    assert total["terms"] == 1  # the same term id in every document
    assert total["reviewed"] == 3
    only_b = corpus_stats(corpus, doc_id="b")
    assert only_b.filter(pl.col("doc_id").is_null())["documents"].item() == 2
