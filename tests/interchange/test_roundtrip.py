"""Every export format round-trips: export → import (into a new corpus) gives the same segments,
and importing a file back into the corpus it came from changes nothing."""

from __future__ import annotations

import polars as pl
import pytest

from aligner.interchange.formats import export_segments, format_of
from aligner.interchange.importer import import_file
from aligner.interchange.kinds import ExchangeFormat
from aligner.store.corpus import Corpus
from tests.interchange.conftest import CABLE, ROUND_TRIP_COLUMNS

SUFFIX = {"xliff": "xlf"}


@pytest.mark.parametrize("fmt", [f.value for f in ExchangeFormat])
def test_export_then_import_gives_the_same_segments(tmp_path, sample_corpus, fmt):
    path = tmp_path / f"cable.{SUFFIX.get(fmt, fmt)}"
    report = export_segments(sample_corpus, path, fmt, doc_id=CABLE)
    assert report.segments == sample_corpus.read_segments(CABLE).height
    fresh = Corpus.open(tmp_path / "fresh", create=True)
    results = import_file(fresh, path, editor="tester")
    assert [(r.doc_id, r.kind) for r in results] == [(CABLE, "new")]
    expected = sample_corpus.read_segments(CABLE).select(ROUND_TRIP_COLUMNS)
    got = fresh.read_segments(CABLE).select(ROUND_TRIP_COLUMNS)
    assert got.equals(expected), fmt
    # The rebuilt document is consistent: sentences cover the text, beads cover the sentences.
    doc = fresh.read_document(CABLE)
    assert len(doc.src_sents) == sample_corpus.read_documents().filter(pl.col("doc_id") == CABLE)["n_src_sents"].item()


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "jsonl", "parquet"])
def test_reimport_into_the_same_corpus_changes_nothing(tmp_path, sample_corpus, fmt):
    path = tmp_path / f"all.{fmt}"
    export_segments(sample_corpus, path, fmt)
    version = sample_corpus.version
    results = import_file(sample_corpus, path, editor="tester")
    assert {r.kind for r in results} == {"unchanged"} and len(results) == 2
    assert sample_corpus.version == version


def test_min_confidence_filters(tmp_path, sample_corpus):
    path = tmp_path / "confident.jsonl"
    report = export_segments(sample_corpus, path, "jsonl", min_confidence=0.9)
    segments = sample_corpus.read_segments()
    assert report.segments == segments.filter(pl.col("confidence") >= 0.9).height < segments.height


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.tmx", "tmx"), ("a.XLIFF", "xliff"), ("a.xlf", "xliff"), ("a.tsv", "tsv"), ("a.csv", "csv"), ("a.jsonl", "jsonl"), ("a.parquet", "parquet")],
)
def test_format_from_extension(tmp_path, name, fmt):
    assert format_of(tmp_path / name).value == fmt
