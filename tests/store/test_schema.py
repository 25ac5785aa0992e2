"""Pure conversions between ``AlignedDocument`` and the corpus frames (no files)."""

from __future__ import annotations

import dataclasses
import enum
import json
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
import pytest
from store_docs import assemble, locate_sentences, make_document, make_text

from aligner.align.beads import Alignment, Bead
from aligner.align.document import DocumentMeta
from aligner.store.schema import (
    DOCUMENTS_SCHEMA,
    EDITS_SCHEMA,
    SCHEMA_VERSION,
    SEGMENTS_SCHEMA,
    SENTENCES_SCHEMA,
    document_from_frames,
    documents_frame,
    rebuild_text,
    segments_frame,
    sentences_frame,
    settings_json,
)

WHEN = datetime(1956, 9, 22, 12, 30, tzinfo=timezone.utc)

# DESIGN.md "The corpus on disk": users query these names; renaming one needs a migration.
INTERFACE_COLUMNS = [
    pytest.param(
        DOCUMENTS_SCHEMA,
        "doc_id translation_id title date archive_ref src_lang tgt_lang src_path tgt_path src_raw_sha256 "
        "tgt_raw_sha256 src_text_sha256 tgt_text_sha256 glossary_sha256 settings signature aligner_version "
        "schema_version generation created_at src_tail tgt_tail src_encoding tgt_encoding n_src_sents n_tgt_sents",
        id="documents",
    ),
    pytest.param(
        SENTENCES_SCHEMA,
        "doc_id translation_id generation side para_no sent_no text start end gap editorial",
        id="sentences",
    ),
    pytest.param(
        SEGMENTS_SCHEMA,
        "doc_id translation_id generation seg_no src_text tgt_text src_sent_ids tgt_sent_ids bead score "
        "confidence src_terms tgt_terms src_lemmas tgt_stems flags reviewed",
        id="segments",
    ),
    pytest.param(EDITS_SCHEMA, "doc_id translation_id generation edited_at editor action detail", id="edits"),
]


@pytest.mark.parametrize(("schema", "names"), INTERFACE_COLUMNS)
def test_interface_columns_present(schema: pl.Schema, names: str) -> None:
    assert set(names.split()) <= set(schema.names())


COLUMN_TYPES = [
    pytest.param(SEGMENTS_SCHEMA, "src_sent_ids", pl.List(pl.Int32), id="sentence ids are Int32 lists"),
    pytest.param(SEGMENTS_SCHEMA, "flags", pl.List(pl.String), id="flags are string lists"),
    pytest.param(SEGMENTS_SCHEMA, "reviewed", pl.Boolean, id="reviewed is bool"),
    pytest.param(SENTENCES_SCHEMA, "sent_no", pl.Int32, id="sent_no is Int32"),
    pytest.param(SENTENCES_SCHEMA, "start", pl.Int64, id="spans are Int64"),
    pytest.param(DOCUMENTS_SCHEMA, "created_at", pl.Datetime("us", "UTC"), id="created_at is UTC micros"),
    pytest.param(DOCUMENTS_SCHEMA, "generation", pl.Int64, id="generation is Int64"),
    pytest.param(DOCUMENTS_SCHEMA, "schema_version", pl.Int32, id="schema_version is Int32"),
]


@pytest.mark.parametrize(("schema", "column", "dtype"), COLUMN_TYPES)
def test_column_types(schema: pl.Schema, column: str, dtype: pl.DataType) -> None:
    assert schema[column] == dtype


# (normalized text, sentences in order, expected gaps, expected tail)
GAP_CASES = [
    pytest.param("  Один.  Два.\n", ("Один.", "Два."), ["  ", "  "], "\n", id="leading spaces and trailing newline"),
    pytest.param("Один.Два.", ("Один.", "Два."), ["", ""], "", id="adjacent sentences, no gaps"),
    pytest.param("\n\n", (), [], "\n\n", id="no sentences: the whole text is the tail"),
    pytest.param("", (), [], "", id="empty text"),
    pytest.param("Тов. Ким.\n\n[подпись]  ", ("Тов. Ким.", "[подпись]"), ["", "\n\n"], "  ", id="paragraph break gap"),
]


def _one_side_doc(text: str, sents: tuple[str, ...]):
    return assemble(
        DocumentMeta("d", "en"),
        make_text(text, "ru", None),
        locate_sentences(text, sents, "ru"),
        make_text("Target.", "en", None),
        locate_sentences("Target.", ("Target.",), "en"),
        None,
        settings={},
    )


@pytest.mark.parametrize(("text", "sents", "gaps", "tail"), GAP_CASES)
def test_gaps_and_tail_rebuild_the_text(text: str, sents: tuple[str, ...], gaps: list[str], tail: str) -> None:
    doc = _one_side_doc(text, sents)
    frame = sentences_frame(doc, 7).filter(pl.col("side") == "src")
    assert frame["gap"].to_list() == gaps
    assert documents_frame(doc, 7, WHEN)["src_tail"].item() == tail
    assert rebuild_text(frame, tail) == text


def _with(doc, **changes):
    return dataclasses.replace(doc, **changes)


def _bad_sentence_text(doc):
    s = doc.src_sents[1]
    return _with(doc, src_sents=(doc.src_sents[0], dataclasses.replace(s, text=s.text + "!"), *doc.src_sents[2:]))


def _overlap(doc):
    s = doc.src_sents[1]
    moved = dataclasses.replace(s, start=doc.src_sents[0].end - 2, text=doc.src.normalized[doc.src_sents[0].end - 2 : s.end])
    return _with(doc, src_sents=(doc.src_sents[0], moved, *doc.src_sents[2:]))


def _renumbered(doc):
    return _with(doc, tgt_sents=tuple(dataclasses.replace(s, sent_no=s.sent_no + 1) for s in doc.tgt_sents))


INVALID_SENTENCES = [
    pytest.param(_bad_sentence_text, "differs from normalized", id="sentence text differs from its span"),
    pytest.param(_overlap, "overlaps", id="overlapping spans"),
    pytest.param(_renumbered, "has sent_no", id="sent_no not counting from 0"),
]


@pytest.mark.parametrize(("spoil", "message"), INVALID_SENTENCES)
def test_sentences_frame_rejects_broken_spans(spoil, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sentences_frame(spoil(make_document()), 1)


def test_segments_must_match_beads() -> None:
    doc = make_document()
    other = Alignment((Bead((0,), (0,)), Bead((1,), (1,)), Bead((2, 3), (2,))), 4, 3)
    with pytest.raises(ValueError, match="segment 1 does not match bead 1"):
        segments_frame(_with(doc, alignment=other), 1)
    with pytest.raises(ValueError, match="2 segments for 3 beads"):
        segments_frame(_with(doc, segments=doc.segments[:2]), 1)


def test_documents_frame_values() -> None:
    doc = make_document(title=None, date=None, archive_ref=None)
    row = documents_frame(doc, 42, WHEN).row(0, named=True)
    assert documents_frame(doc, 42, WHEN).schema == DOCUMENTS_SCHEMA
    assert row["generation"] == 42 and row["schema_version"] == SCHEMA_VERSION
    assert (row["title"], row["date"], row["archive_ref"]) == (None, None, None)
    assert row["src_text_sha256"] == doc.src.text_sha256 and row["tgt_raw_sha256"] == doc.tgt.raw_sha256
    assert (row["n_src_sents"], row["n_tgt_sents"]) == (4, 3)
    assert row["created_at"] == WHEN
    assert json.loads(row["settings"]) == doc.settings


def test_documents_frame_wants_aware_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        documents_frame(make_document(), 1, datetime(1956, 9, 22))


class Mode(enum.Enum):
    STRICT = "strict"


@dataclasses.dataclass(frozen=True)
class Knob:
    band: int


SETTINGS_CASES = [
    pytest.param({"b": 1, "a": 2}, '{"a": 2, "b": 1}', id="keys sorted"),
    pytest.param({"types": ((1, 1), (2, 1))}, '{"types": [[1, 1], [2, 1]]}', id="tuples become lists"),
    pytest.param({"p": Path("corpora/x")}, '{"p": "corpora/x"}', id="path"),
    pytest.param({"m": Mode.STRICT}, '{"m": "strict"}', id="enum value"),
    pytest.param({"s": {"b", "a"}}, '{"s": ["a", "b"]}', id="set sorted"),
    pytest.param({"k": Knob(3)}, '{"k": {"band": 3}}', id="dataclass"),
    pytest.param({"ru": "тов."}, '{"ru": "тов."}', id="unicode kept"),
]


@pytest.mark.parametrize(("settings", "expected"), SETTINGS_CASES)
def test_settings_json(settings: dict, expected: str) -> None:
    assert settings_json(settings) == expected


def test_settings_json_rejects_unknown_types() -> None:
    with pytest.raises(TypeError, match="object"):
        settings_json({"x": object()})


def test_frames_round_trip_without_disk() -> None:
    doc = make_document()
    back = document_from_frames(
        documents_frame(doc, 3, WHEN).row(0, named=True), sentences_frame(doc, 3), segments_frame(doc, 3)
    )
    assert back == doc


def test_editorial_flag_and_spans() -> None:
    frame = sentences_frame(make_document(), 1)
    row = frame.filter((pl.col("side") == "src") & (pl.col("sent_no") == 3)).row(0, named=True)
    assert row["editorial"] is True
    assert row["text"][row["editorial_starts"][0] - row["start"] :] == "[подпись неразборчива]"
    assert frame.filter(pl.col("side") == "src")["editorial"].to_list() == [False, False, False, True]


def test_sentence_rows_carry_para_numbers() -> None:
    frame = sentences_frame(make_document(), 1).filter(pl.col("side") == "tgt")
    assert frame["para_no"].to_list() == [0, 1, 1]
