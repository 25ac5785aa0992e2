"""Corpus table schemas and the conversions between ``AlignedDocument`` and table rows.

This module is pure: it builds and reads polars frames and touches no files (``corpus.py``
writes and reads the Delta tables). Column names are an interface (DESIGN.md, "The corpus on
disk"): users query them with SQL, so add columns freely but rename none without a migration.

Conventions:

- ``(doc_id, translation_id)`` keys a document pair; ``generation`` (Int64) names one write of
  it. Generation ids are allocated by ``Corpus`` and unique across the corpus; ``sentences``,
  ``segments`` and ``edits`` rows count only when their generation is the one in ``documents``.
- ``side`` is ``"src"`` or ``"tgt"``; ``para_no``, ``sent_no`` and ``seg_no`` count from 0 per
  document (and side); spans ``[start, end)`` are character offsets into the normalized text.
- ``gap`` is the text between the previous sentence's ``end`` (0 for the first sentence) and this
  sentence's ``start``; ``documents.src_tail``/``tgt_tail`` hold the text after the last
  sentence, so ``"".join(gap + text) + tail`` is the normalized text, character for character.
- ``settings`` is a JSON object (keys sorted); tuples in it read back as lists.
- ``created_at`` and ``edited_at`` are UTC, microsecond precision.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl

from aligner import __version__
from aligner.align.beads import Alignment, Bead
from aligner.align.document import AlignedDocument, DocumentMeta, Segment
from aligner.store.columns import int_lists, int_ranges, string_lists
from aligner.text.model import Sentence, Span, Text

#: The version of the table layout below; bump it (with a migration) when a column changes.
SCHEMA_VERSION = 1

SIDES = ("src", "tgt")
KEY = ("doc_id", "translation_id")
ROW_KEY = ("doc_id", "translation_id", "generation")

UTC_MICROS = pl.Datetime("us", "UTC")

DOCUMENTS_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String,
        "translation_id": pl.String,
        "title": pl.String,
        "date": pl.String,
        "archive_ref": pl.String,
        "src_lang": pl.String,
        "tgt_lang": pl.String,
        "src_path": pl.String,
        "tgt_path": pl.String,
        "src_encoding": pl.String,
        "tgt_encoding": pl.String,
        "src_raw_sha256": pl.String,
        "tgt_raw_sha256": pl.String,
        "src_text_sha256": pl.String,
        "tgt_text_sha256": pl.String,
        "src_tail": pl.String,
        "tgt_tail": pl.String,
        "n_src_sents": pl.Int32,
        "n_tgt_sents": pl.Int32,
        "glossary_sha256": pl.String,
        "settings": pl.String,
        "signature": pl.String,
        "aligner_version": pl.String,
        "schema_version": pl.Int32,
        "generation": pl.Int64,
        "created_at": UTC_MICROS,
    }
)

SENTENCES_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String,
        "translation_id": pl.String,
        "generation": pl.Int64,
        "side": pl.String,
        "para_no": pl.Int32,
        "sent_no": pl.Int32,
        "text": pl.String,
        "start": pl.Int64,
        "end": pl.Int64,
        "gap": pl.String,
        "editorial": pl.Boolean,
        # The editorial-bracket spans inside the sentence (normalized-text offsets), pairwise.
        "editorial_starts": pl.List(pl.Int64),
        "editorial_ends": pl.List(pl.Int64),
    }
)

SEGMENTS_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String,
        "translation_id": pl.String,
        "generation": pl.Int64,
        "seg_no": pl.Int32,
        "src_text": pl.String,
        "tgt_text": pl.String,
        "src_sent_ids": pl.List(pl.Int32),
        "tgt_sent_ids": pl.List(pl.Int32),
        "bead": pl.String,
        "score": pl.Float64,
        "confidence": pl.Float64,
        # The bead's search cost (lower is better; comparable only within a document).
        "cost": pl.Float64,
        "src_terms": pl.List(pl.String),
        "tgt_terms": pl.List(pl.String),
        "src_lemmas": pl.List(pl.String),
        "tgt_stems": pl.List(pl.String),
        "flags": pl.List(pl.String),
        "reviewed": pl.Boolean,
    }
)

#: Reviewer edits (written by a later issue); ``detail`` is a JSON object.
EDITS_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String,
        "translation_id": pl.String,
        "generation": pl.Int64,
        "edited_at": UTC_MICROS,
        "editor": pl.String,
        "action": pl.String,
        "detail": pl.String,
    }
)

#: Table name (= folder name inside the corpus) -> schema.
SCHEMAS: dict[str, pl.Schema] = {
    "documents": DOCUMENTS_SCHEMA,
    "sentences": SENTENCES_SCHEMA,
    "segments": SEGMENTS_SCHEMA,
    "edits": EDITS_SCHEMA,
}


def documents_frame(doc: AlignedDocument, generation: int, created_at: datetime) -> pl.DataFrame:
    """The one ``documents`` row of ``doc`` at ``generation``.

    :param created_at: a timezone-aware datetime (stored as UTC).
    :raises ValueError: if ``created_at`` is naive or the document's parts disagree.
    """
    if created_at.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    check_document(doc)
    row = {
        "doc_id": doc.meta.doc_id,
        "translation_id": doc.meta.translation_id,
        "title": doc.meta.title,
        "date": doc.meta.date,
        "archive_ref": doc.meta.archive_ref,
        "src_lang": doc.src.lang,
        "tgt_lang": doc.tgt.lang,
        "src_path": _path_str(doc.src.path),
        "tgt_path": _path_str(doc.tgt.path),
        "src_encoding": doc.src.encoding,
        "tgt_encoding": doc.tgt.encoding,
        "src_raw_sha256": doc.src.raw_sha256,
        "tgt_raw_sha256": doc.tgt.raw_sha256,
        "src_text_sha256": doc.src.text_sha256,
        "tgt_text_sha256": doc.tgt.text_sha256,
        "src_tail": _tail(doc.src, doc.src_sents),
        "tgt_tail": _tail(doc.tgt, doc.tgt_sents),
        "n_src_sents": len(doc.src_sents),
        "n_tgt_sents": len(doc.tgt_sents),
        "glossary_sha256": doc.glossary_sha256,
        "settings": settings_json(doc.settings),
        "signature": doc.signature,
        "aligner_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "generation": generation,
        "created_at": created_at,
    }
    return pl.DataFrame([row], schema=DOCUMENTS_SCHEMA, orient="row")


def sentences_frame(doc: AlignedDocument, generation: int) -> pl.DataFrame:
    """The ``sentences`` rows of both sides of ``doc`` (source first, in ``sent_no`` order).

    :raises ValueError: if sentences are out of order, overlap, or differ from their span.
    """
    columns: dict[str, Any] = {name: [] for name in SENTENCES_SCHEMA}
    for side, text, sents in (("src", doc.src, doc.src_sents), ("tgt", doc.tgt, doc.tgt_sents)):
        _check_sentences(side, text, sents)
        prev_end = 0
        for sent in sents:
            columns["side"].append(side)
            columns["para_no"].append(sent.para_no)
            columns["sent_no"].append(sent.sent_no)
            columns["text"].append(sent.text)
            columns["start"].append(sent.start)
            columns["end"].append(sent.end)
            columns["gap"].append(text.normalized[prev_end : sent.start])
            columns["editorial"].append(sent.is_editorial)
            columns["editorial_starts"].append([span.start for span in sent.editorial])
            columns["editorial_ends"].append([span.end for span in sent.editorial])
            prev_end = sent.end
    for name in ("editorial_starts", "editorial_ends"):
        columns[name] = int_lists(name, columns[name], pl.Int64)
    n = len(columns["side"])
    columns["doc_id"] = [doc.doc_id] * n
    columns["translation_id"] = [doc.translation_id] * n
    columns["generation"] = [generation] * n
    return pl.DataFrame(columns, schema=SENTENCES_SCHEMA)


def segments_frame(doc: AlignedDocument, generation: int) -> pl.DataFrame:
    """The ``segments`` rows of ``doc``, one per bead, in ``seg_no`` order.

    ``cost`` comes from the matching bead of ``doc.alignment``.

    :raises ValueError: if segments and beads do not correspond one to one.
    """
    check_document(doc)
    segments, beads = doc.segments, doc.alignment.beads
    n = len(segments)
    columns: dict[str, Any] = {
        "doc_id": [doc.doc_id] * n,
        "translation_id": [doc.translation_id] * n,
        "generation": [generation] * n,
        "seg_no": [seg.seg_no for seg in segments],
        "src_text": [seg.src_text for seg in segments],
        "tgt_text": [seg.tgt_text for seg in segments],
        "src_sent_ids": int_ranges("src_sent_ids", [seg.src_sent_ids for seg in segments], pl.Int32),
        "tgt_sent_ids": int_ranges("tgt_sent_ids", [seg.tgt_sent_ids for seg in segments], pl.Int32),
        "bead": [seg.bead for seg in segments],
        "score": [seg.score for seg in segments],
        "confidence": [seg.confidence for seg in segments],
        "cost": [bead.cost for bead in beads],
    }
    for name in ("src_terms", "tgt_terms", "src_lemmas", "tgt_stems", "flags"):
        columns[name] = string_lists(name, [getattr(seg, name) for seg in segments])
    columns["reviewed"] = [seg.reviewed for seg in segments]
    return pl.DataFrame(columns, schema=SEGMENTS_SCHEMA)


def check_document(doc: AlignedDocument) -> None:
    """Raise ``ValueError`` unless the alignment, segments and sentences of ``doc`` agree."""
    beads = doc.alignment.beads
    if doc.alignment.n_src != len(doc.src_sents) or doc.alignment.n_tgt != len(doc.tgt_sents):
        raise ValueError(
            f"{doc.doc_id}/{doc.translation_id}: the alignment covers {doc.alignment.n_src}/"
            f"{doc.alignment.n_tgt} sentences, the document has {len(doc.src_sents)}/{len(doc.tgt_sents)}"
        )
    if len(doc.segments) != len(beads):
        raise ValueError(
            f"{doc.doc_id}/{doc.translation_id}: {len(doc.segments)} segments for {len(beads)} beads"
        )
    for k, (seg, bead) in enumerate(zip(doc.segments, beads)):
        if seg.seg_no != k or seg.src_sent_ids != bead.src or seg.tgt_sent_ids != bead.tgt:
            raise ValueError(f"{doc.doc_id}/{doc.translation_id}: segment {k} does not match bead {k}")


def settings_json(settings: Mapping[str, Any]) -> str:
    """``settings`` as a JSON object with sorted keys (paths, enums, sets and dataclasses converted)."""
    return json.dumps(settings, sort_keys=True, ensure_ascii=False, default=_json_default)


def rebuild_text(sentences: pl.DataFrame, tail: str) -> str:
    """The normalized text of one side from its ``sentences`` rows (any order) and its tail."""
    ordered = sentences.sort("sent_no")
    parts = [gap + text for gap, text in zip(ordered["gap"], ordered["text"])]
    return "".join(parts) + tail


def sentences_from_frame(sentences: pl.DataFrame, lang: str) -> tuple[Sentence, ...]:
    """``Sentence`` values from one side's ``sentences`` rows, in ``sent_no`` order."""
    out = []
    for row in sentences.sort("sent_no").iter_rows(named=True):
        spans = tuple(Span(s, e) for s, e in zip(row["editorial_starts"] or (), row["editorial_ends"] or ()))
        out.append(
            Sentence(
                lang=lang,
                para_no=row["para_no"],
                sent_no=row["sent_no"],
                start=row["start"],
                end=row["end"],
                text=row["text"],
                editorial=spans,
            )
        )
    return tuple(out)


def segments_from_frame(segments: pl.DataFrame) -> tuple[Segment, ...]:
    """``Segment`` values from one document's ``segments`` rows, in ``seg_no`` order."""
    return tuple(
        Segment(
            seg_no=row["seg_no"],
            src_sent_ids=tuple(row["src_sent_ids"] or ()),
            tgt_sent_ids=tuple(row["tgt_sent_ids"] or ()),
            src_text=row["src_text"],
            tgt_text=row["tgt_text"],
            bead=row["bead"],
            score=row["score"],
            confidence=row["confidence"],
            src_terms=tuple(row["src_terms"] or ()),
            tgt_terms=tuple(row["tgt_terms"] or ()),
            src_lemmas=tuple(row["src_lemmas"] or ()),
            tgt_stems=tuple(row["tgt_stems"] or ()),
            flags=tuple(row["flags"] or ()),
            reviewed=row["reviewed"],
        )
        for row in segments.sort("seg_no").iter_rows(named=True)
    )


def alignment_from_frame(segments: pl.DataFrame, n_src: int, n_tgt: int) -> Alignment:
    """The ``Alignment`` stored in one document's ``segments`` rows."""
    beads = tuple(
        Bead(
            src=tuple(row["src_sent_ids"] or ()),
            tgt=tuple(row["tgt_sent_ids"] or ()),
            cost=row["cost"],
            score=row["score"],
            confidence=row["confidence"],
        )
        for row in segments.sort("seg_no").iter_rows(named=True)
    )
    return Alignment(beads=beads, n_src=n_src, n_tgt=n_tgt)


def document_from_frames(
    document: Mapping[str, Any], sentences: pl.DataFrame, segments: pl.DataFrame
) -> AlignedDocument:
    """Rebuild an ``AlignedDocument`` from its ``documents`` row and its live rows.

    ``settings`` comes back from JSON (tuples as lists).
    """
    texts = {}
    sents = {}
    for side in SIDES:
        rows = sentences.filter(pl.col("side") == side)
        lang = document[f"{side}_lang"]
        path = document[f"{side}_path"]
        texts[side] = Text(
            path=None if path is None else Path(path),
            lang=lang,
            encoding=document[f"{side}_encoding"],
            raw_sha256=document[f"{side}_raw_sha256"],
            normalized=rebuild_text(rows, document[f"{side}_tail"]),
        )
        sents[side] = sentences_from_frame(rows, lang)
    return AlignedDocument(
        meta=DocumentMeta(
            doc_id=document["doc_id"],
            translation_id=document["translation_id"],
            title=document["title"],
            date=document["date"],
            archive_ref=document["archive_ref"],
        ),
        src=texts["src"],
        tgt=texts["tgt"],
        src_sents=sents["src"],
        tgt_sents=sents["tgt"],
        alignment=alignment_from_frame(segments, len(sents["src"]), len(sents["tgt"])),
        segments=segments_from_frame(segments),
        glossary_sha256=document["glossary_sha256"],
        settings=json.loads(document["settings"]),
        signature=document["signature"],
    )


def _check_sentences(side: str, text: Text, sents: Sequence[Sentence]) -> None:
    prev_end = 0
    for k, sent in enumerate(sents):
        if sent.sent_no != k:
            raise ValueError(f"{side} sentence {k} has sent_no {sent.sent_no}")
        if not prev_end <= sent.start <= sent.end <= len(text.normalized):
            raise ValueError(f"{side} sentence {k}: span [{sent.start}, {sent.end}) overlaps or leaves the text")
        if text.normalized[sent.start : sent.end] != sent.text:
            raise ValueError(f"{side} sentence {k}: text differs from normalized[{sent.start}:{sent.end}]")
        prev_end = sent.end


def _tail(text: Text, sents: Sequence[Sentence]) -> str:
    return text.normalized[sents[-1].end :] if sents else text.normalized


def _path_str(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _json_default(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"settings value of type {type(value).__name__} is not JSON serializable")
