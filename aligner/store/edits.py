"""Reviewer corrections: rebuild a document from edited segment records, and the ``edits`` rows.

A reviewer edits an exported file (TSV, CSV, TMX, ...): merges rows (one row holding the
sentence ids of both), splits one (the ids divided between two rows), corrects texts, sets
``reviewed``. ``plan_corrections`` checks such a file against the stored document and returns
the corrected ``AlignedDocument`` plus one ``Edit`` per change; nothing is written here.

Rules (each broken one is an ``InputError`` naming the file's row, and nothing is written):

- every record carries its sentence ids on both sides, and over the records, in file order,
  the ids of each side are ``0 .. n-1`` exactly once, in order (no sentence dropped, repeated,
  moved or added); a record has at least one sentence;
- a record exported from another generation than the live one is refused (the document changed
  since the export: applying it would undo someone's work);
- a corrected text is spread over the record's sentences by aligning it with the stored text
  (``difflib``): each sentence boundary moves with the characters around it; a side's text
  cannot be emptied or given to a side without sentences (adding or removing sentences is not
  an edit this supports);
- flags must come from ``aligner.align.flags.FLAGS``.

The corrected document keeps everything the edit did not touch: a bead that is unchanged keeps
its cost, score, confidence, terms and flags (the file's flags replace them when they differ:
a reviewer may clear a false flag); a bead a reviewer made is certain (``REVIEWER_BEAD``), and
its flags are recomputed and its terms recomputed with the glossary given, else the union of the
stored terms of the segments it overlaps. Lemmas and stems are always recomputed from the texts.
Gaps between sentences, the tails and paragraph numbers are kept, so the normalized text stays
the stored one except for the corrected sentences.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl

from aligner.align.beads import Alignment, Bead
from aligner.align.document import AlignedDocument, Segment
from aligner.errors import InputError
from aligner.interchange.records import SegmentRecord
from aligner.store.schema import EDITS_SCHEMA
from aligner.text.model import Sentence, Span, Text

#: (cost, score, confidence) of a bead a reviewer made: taken as certain.
REVIEWER_BEAD = (0.0, 1.0, 1.0)
SIDES = ("src", "tgt")
SIDE_NAMES = {"src": "source", "tgt": "target"}


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: ``action`` is ``text``, ``merge``, ``split``, ``rebead``, ``review``, ``flags``,
    or (one per write) ``import``/``restore``; ``detail`` is JSON-serialisable."""

    action: str
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Corrections:
    """The corrected document and what changed (no ``edits`` when the file changes nothing)."""

    doc: AlignedDocument
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class SegmentOverride:
    """Per-segment values that replace what ``build_segments`` derives (None: keep derived)."""

    src_terms: tuple[str, ...] | None = None
    tgt_terms: tuple[str, ...] | None = None
    flags: tuple[str, ...] | None = None
    reviewed: bool = False


def check_cover(records: Sequence[SegmentRecord], counts: dict[str, int], path: Path) -> None:
    """Raise ``InputError`` unless the records' sentence ids cover each side once, in order."""
    expected = {side: 0 for side in SIDES}
    for record in records:
        sizes = 0
        for side in SIDES:
            ids = getattr(record, f"{side}_sent_ids")
            if ids is None:
                raise InputError(
                    f"{record.label}: no {side}_sent_ids; corrections need the sentence ids of a file "
                    "written by aligner export",
                    path=path,
                    line=record.line,
                )
            sizes += len(ids)
            for i in ids:
                want = expected[side]
                if i >= counts[side]:
                    raise InputError(
                        f"{record.label}: {SIDE_NAMES[side]} sentence {i} does not exist "
                        f"(the document has {counts[side]}, numbered from 0)",
                        path=path,
                        line=record.line,
                    )
                if i > want:
                    missing = f"{want}" if i == want + 1 else f"{want}-{i - 1}"
                    raise InputError(
                        f"{record.label}: {SIDE_NAMES[side]} sentence {missing} is missing before sentence {i} "
                        "(each sentence must be in exactly one row, in order; was a row or an id deleted?)",
                        path=path,
                        line=record.line,
                    )
                if i < want:
                    raise InputError(
                        f"{record.label}: {SIDE_NAMES[side]} sentence {i} is repeated or out of order "
                        f"(expected {want} next)",
                        path=path,
                        line=record.line,
                    )
                expected[side] += 1
        if sizes == 0:
            raise InputError(f"{record.label}: a segment needs at least one sentence", path=path, line=record.line)
    for side in SIDES:
        if expected[side] < counts[side]:
            last = records[-1] if records else None
            missing = f"{expected[side]}" if expected[side] == counts[side] - 1 else f"{expected[side]}-{counts[side] - 1}"
            raise InputError(
                f"{last.label if last else 'the file'}: {SIDE_NAMES[side]} sentence {missing} is missing after "
                "the last row (each sentence must be in exactly one row)",
                path=path,
                line=last.line if last else None,
            )


def spread_text(parts: Sequence[str], new_text: str) -> list[str]:
    """Split ``new_text`` into ``len(parts)`` pieces where the boundaries of ``" ".join(parts)`` go.

    Boundaries move with the characters around them (``difflib`` opcodes); pieces are stripped.
    """
    if len(parts) == 1:
        return [new_text.strip()]
    old = " ".join(parts)
    opcodes = difflib.SequenceMatcher(None, old, new_text, autojunk=False).get_opcodes()
    cuts = []
    offset = 0
    for part in parts[:-1]:
        offset += len(part)
        cuts.append(_map_offset(offset, opcodes))
        offset += 1  # the joining space
    cuts = [max(c, prev) for c, prev in zip(cuts, [0, *cuts])]
    bounds = [0, *cuts, len(new_text)]
    return [new_text[a:b].strip() for a, b in zip(bounds, bounds[1:])]


def _map_offset(offset: int, opcodes) -> int:
    """Where old offset ``offset`` lands in the new text (text inserted at it goes left)."""
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 <= offset < i2:
            return j1 + (offset - i1) if tag == "equal" else j1 + min(offset - i1, j2 - j1)
    return opcodes[-1][4] if opcodes else 0


def plan_corrections(
    stored: AlignedDocument,
    generation: int,
    records: Sequence[SegmentRecord],
    path: Path,
    glossary=None,
) -> Corrections:
    """The document ``records`` describe, checked against ``stored`` (live at ``generation``).

    :raises InputError: a rule of the module docstring is broken (naming the row).
    """
    from aligner.align.flags import FLAGS

    counts = {"src": len(stored.src_sents), "tgt": len(stored.tgt_sents)}
    for record in records:
        if record.generation is not None and record.generation != generation:
            raise InputError(
                f"{record.label}: exported from version {record.generation}, but document {stored.doc_id!r} "
                f"is now at version {generation}; export it again and redo the edit there",
                path=path,
                line=record.line,
            )
        bad = [f for f in record.flags or () if f not in FLAGS]
        if bad:
            raise InputError(
                f"{record.label}: unknown flag {bad[0]!r} (flags are: {', '.join(FLAGS)})", path=path, line=record.line
            )
    check_cover(records, counts, path)

    edits: list[Edit] = []
    texts = {side: [s.text for s in getattr(stored, f"{side}_sents")] for side in SIDES}
    for record in records:
        for side in SIDES:
            ids = getattr(record, f"{side}_sent_ids")
            old_parts = [texts[side][i] for i in ids]
            new = getattr(record, f"{side}_text")
            if " ".join(old_parts) == new.strip():
                continue
            if not ids:
                raise InputError(
                    f"{record.label}: {SIDE_NAMES[side]} text given for a side without sentences; adding "
                    "sentences is not an edit this supports",
                    path=path,
                    line=record.line,
                )
            pieces = spread_text(old_parts, new)
            if not all(pieces):
                raise InputError(
                    f"{record.label}: the corrected {SIDE_NAMES[side]} text leaves sentence "
                    f"{ids[pieces.index('')]} empty; removing sentences is not an edit this supports",
                    path=path,
                    line=record.line,
                )
            for i, old_text, piece in zip(ids, old_parts, pieces):
                if piece != old_text:
                    edits.append(Edit("text", {"row": record.label, "side": side, "sent_no": i, "before": old_text, "after": piece}))
                    texts[side][i] = piece

    old_beads = stored.alignment.beads
    old_index = {(b.src, b.tgt): k for k, b in enumerate(old_beads)}
    changed_sents = {side: {e.detail["sent_no"] for e in edits if e.detail["side"] == side} for side in SIDES}
    beads: list[Bead] = []
    overrides: list[SegmentOverride] = []
    for record in records:
        key = (tuple(record.src_sent_ids), tuple(record.tgt_sent_ids))
        k = old_index.get(key)
        if k is not None:
            old_seg = stored.segments[k]
            beads.append(old_beads[k])
            flags = old_seg.flags if record.flags is None else record.flags
            if record.flags is not None and set(record.flags) != set(old_seg.flags):
                edits.append(Edit("flags", {"row": record.label, "seg_no": len(beads) - 1, "before": list(old_seg.flags), "after": list(record.flags)}))
            reviewed = old_seg.reviewed if record.reviewed is None else record.reviewed
            if reviewed != old_seg.reviewed:
                edits.append(Edit("review", {"row": record.label, "seg_no": len(beads) - 1, "reviewed": reviewed}))
            text_changed = any(i in changed_sents["src"] for i in key[0]) or any(i in changed_sents["tgt"] for i in key[1])
            overrides.append(
                SegmentOverride(
                    src_terms=None if glossary is not None else old_seg.src_terms,
                    tgt_terms=None if glossary is not None else old_seg.tgt_terms,
                    flags=None if text_changed and record.flags is None else flags,
                    reviewed=reviewed,
                )
            )
        else:
            cost, score, confidence = REVIEWER_BEAD
            beads.append(Bead(key[0], key[1], cost=cost, score=score if key[0] and key[1] else 0.0, confidence=confidence))
            overlapping = _overlapping(stored, key)
            overrides.append(
                SegmentOverride(
                    src_terms=None if glossary is not None else _union(stored.segments[j].src_terms for j in overlapping),
                    tgt_terms=None if glossary is not None else _union(stored.segments[j].tgt_terms for j in overlapping),
                    flags=None,
                    reviewed=bool(record.reviewed),
                )
            )
    edits.extend(_bead_edits(old_beads, beads, records))
    sides = {
        side: _rebuilt_side(getattr(stored, side), getattr(stored, f"{side}_sents"), texts[side]) for side in SIDES
    }
    doc = assemble_document(
        stored,
        sides["src"],
        sides["tgt"],
        beads,
        overrides,
        glossary,
    )
    return Corrections(doc=doc, edits=tuple(edits))


def assemble_document(
    template: AlignedDocument,
    src: tuple[Text, tuple[Sentence, ...]],
    tgt: tuple[Text, tuple[Sentence, ...]],
    beads: Sequence[Bead],
    overrides: Sequence[SegmentOverride],
    glossary=None,
) -> AlignedDocument:
    """An ``AlignedDocument`` with ``template``'s metadata and settings, these sides and beads.

    Segments come from the alignment pipeline's ``build_segments`` (texts, lemmas, flags, and
    terms when ``glossary`` is given), then ``overrides`` replace what they name.
    """
    from aligner.align.pipeline import SideAnalysis, build_segments
    from aligner.align.settings import AlignSettings

    alignment = Alignment(tuple(beads), len(src[1]), len(tgt[1]))
    low = template.settings.get("low_confidence") if isinstance(template.settings, dict) else None
    settings = AlignSettings(low_confidence=float(low)) if low is not None else AlignSettings()
    built = build_segments(
        SideAnalysis(src[0], src[1], glossary, True),
        SideAnalysis(tgt[0], tgt[1], glossary, True),
        alignment,
        settings,
    )
    segments = tuple(_override(seg, over) for seg, over in zip(built, overrides, strict=True))
    return dataclasses.replace(
        template,
        src=src[0],
        tgt=tgt[0],
        src_sents=src[1],
        tgt_sents=tgt[1],
        alignment=alignment,
        segments=segments,
        glossary_sha256=glossary.sha256 if glossary is not None else template.glossary_sha256,
    )


def build_side(
    template: Text, pieces: Sequence[tuple[int, str, str]], tail: str
) -> tuple[Text, tuple[Sentence, ...]]:
    """A side's ``Text`` and sentences from ``(para_no, gap, text)`` pieces and the tail.

    ``template`` gives the path, language, encoding and raw hash (the raw input is unchanged by
    an edit); editorial spans are found anew in each sentence.
    """
    from aligner.text.editorial import find_editorial_spans

    chunks: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    for sent_no, (para_no, gap, text) in enumerate(pieces):
        start = offset + len(gap)
        spans = tuple(Span(start + s.start, start + s.end) for s in find_editorial_spans(text))
        sentences.append(Sentence(template.lang, para_no, sent_no, start, start + len(text), text, spans))
        chunks.append(gap + text)
        offset = start + len(text)
    normalized = "".join(chunks) + tail
    return dataclasses.replace(template, normalized=normalized), tuple(sentences)


def edits_frame(
    entries: Sequence[tuple[int, Edit]], doc_keys: Sequence[tuple[str, str]], editor: str, edited_at: datetime
) -> pl.DataFrame:
    """``edits`` rows: ``(position, edit)`` pairs, ``position`` indexing ``doc_keys`` (and the batch).

    ``generation`` holds the position; ``Corpus.write_documents`` shifts it to the real id.
    """
    if edited_at.tzinfo is None:
        raise ValueError("edited_at must be timezone-aware")
    rows = [
        {
            "doc_id": doc_keys[k][0],
            "translation_id": doc_keys[k][1],
            "generation": k,
            "edited_at": edited_at,
            "editor": editor,
            "action": edit.action,
            "detail": json.dumps(edit.detail, ensure_ascii=False, sort_keys=True, default=str),
        }
        for k, edit in entries
    ]
    return pl.DataFrame(rows, schema=EDITS_SCHEMA, orient="row") if rows else pl.DataFrame(schema=EDITS_SCHEMA)


def _rebuilt_side(text: Text, sents: Sequence[Sentence], new_texts: Sequence[str]) -> tuple[Text, tuple[Sentence, ...]]:
    pieces = []
    prev_end = 0
    for sent, new in zip(sents, new_texts):
        pieces.append((sent.para_no, text.normalized[prev_end : sent.start], new))
        prev_end = sent.end
    tail = text.normalized[sents[-1].end :] if sents else text.normalized
    return build_side(text, pieces, tail)


def _override(seg: Segment, over: SegmentOverride) -> Segment:
    changes: dict[str, Any] = {"reviewed": over.reviewed}
    for name in ("src_terms", "tgt_terms", "flags"):
        value = getattr(over, name)
        if value is not None:
            changes[name] = tuple(value)
    return dataclasses.replace(seg, **changes)


def _overlapping(stored: AlignedDocument, key: tuple[tuple[int, ...], tuple[int, ...]]) -> list[int]:
    src, tgt = set(key[0]), set(key[1])
    return [
        k for k, bead in enumerate(stored.alignment.beads) if src.intersection(bead.src) or tgt.intersection(bead.tgt)
    ]


def _union(groups) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))


def _bead_edits(old: Sequence[Bead], new: Sequence[Bead], records: Sequence[SegmentRecord]) -> list[Edit]:
    """``merge``/``split``/``rebead`` edits: groups of old and new beads that share sentences."""
    owner_old = {(side, i): k for k, b in enumerate(old) for side in SIDES for i in getattr(b, side)}
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for j, bead in enumerate(new):
        for side in SIDES:
            for i in getattr(bead, side):
                parent[find(("new", j))] = find(("old", owner_old[(side, i)]))
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for j in range(len(new)):
        groups.setdefault(find(("new", j)), ([], []))[1].append(j)
    for k in range(len(old)):
        root = find(("old", k))
        if root in groups:
            groups[root][0].append(k)
    edits = []
    for olds, news in sorted(groups.values(), key=lambda g: g[1][0]):
        if len(olds) == 1 and len(news) == 1 and (old[olds[0]].src, old[olds[0]].tgt) == (new[news[0]].src, new[news[0]].tgt):
            continue
        action = "merge" if len(news) == 1 else "split" if len(olds) == 1 else "rebead"
        edits.append(
            Edit(
                action,
                {
                    "rows": [records[j].label for j in news],
                    "seg_nos": news,
                    "before": [[list(old[k].src), list(old[k].tgt)] for k in olds],
                    "after": [[list(new[j].src), list(new[j].tgt)] for j in news],
                },
            )
        )
    return edits
