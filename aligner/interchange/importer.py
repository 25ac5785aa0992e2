"""Import an exchange file: new aligned documents, or a reviewer's corrections to stored ones.

``plan_import`` reads nothing from disk but the corpus and decides, per document in the file
(records grouped by ``(doc_id, translation_id)``):

- the document is not stored → a **new** document: each record is a bead; a side with sentence
  ids holds that many sentences (the record's text split with the language's sentence splitter,
  fitted to the count), a side without ids one sentence (a TMX from a CAT tool: one sentence a
  ``tuv``), an empty side none. Missing scores mean a human-made bead: confidence 1 (score 0
  for a 1-0/0-1 bead, as the aligner scores them). Sentences are joined by a space within a
  bead and a line break between beads, in one paragraph.
- the document is stored → **corrections** (``aligner.store.edits.plan_corrections``), or
  nothing when the file changes nothing.

``--doc``/``--translation`` name the document for every record (the file must then hold one
document); otherwise a record's own ids are used, and where it has none the file's stem and
the target language. ``apply_import`` writes everything in one batch (one commit per table,
``documents`` last) with one ``edits`` row per change plus one ``import`` row per document
(source file, format, base generation, and a copy of the new ``documents`` row, so a restore
does not depend on Delta's log). A document changed by another writer meanwhile is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from aligner import __version__
from aligner.align.beads import Alignment, Bead
from aligner.align.document import AlignedDocument, DocumentMeta
from aligner.errors import InputError
from aligner.interchange.records import InterchangeFile, SegmentRecord
from aligner.store.corpus import Corpus
from aligner.store.edits import (
    Edit,
    SegmentOverride,
    assemble_document,
    build_side,
    check_cover,
    edits_frame,
    plan_corrections,
)
from aligner.text.model import Text

Kind = Literal["new", "corrections", "unchanged"]

#: Within a bead sentences are joined by a space; beads are separated by a line break.
SENTENCE_GAP = " "
BEAD_GAP = "\n"
#: Where a record's text may be cut into sentences, best first: the splitter's boundaries, a
#: space after sentence-final punctuation, any space.
_AFTER_PUNCTUATION = re.compile(r"(?<=[.!?…»\"')\]])\s+(?=\S)")
_ANY_SPACE = re.compile(r"\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class PlannedDocument:
    """What importing does to one document."""

    doc_id: str
    translation_id: str
    kind: Kind
    doc: AlignedDocument | None
    edits: tuple[Edit, ...]
    base_generation: int | None


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """The checked outcome of reading a file against a corpus; ``apply_import`` writes it."""

    source: InterchangeFile
    documents: tuple[PlannedDocument, ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """One document's outcome: its new generation (None when unchanged) and changes recorded."""

    doc_id: str
    translation_id: str
    kind: Kind
    generation: int | None
    segments: int
    changes: int


def plan_import(
    corpus: Corpus | None,
    source: InterchangeFile,
    *,
    doc_id: str | None = None,
    translation_id: str | None = None,
    src_lang: str = "ru",
    tgt_lang: str = "en",
    glossary=None,
) -> ImportPlan:
    """Check ``source`` against ``corpus`` and build every new or corrected document.

    :param corpus: None for a corpus not created yet (every document is then new).

    :raises InputError: the file holds no segment, several documents under one ``doc_id``, or a
        broken edit (naming the row).
    """
    if not source.records:
        raise InputError("the file holds no segments", path=source.path)
    groups = _group(source, doc_id, translation_id, tgt_lang)
    live: dict[tuple[str, str], int] = {}
    if corpus is not None:
        stored = corpus.read_documents().select("doc_id", "translation_id", "generation")
        live = {(d, t): g for d, t, g in stored.iter_rows()}
    planned = []
    for (key_doc, key_translation), records in groups.items():
        generation = live.get((key_doc, key_translation))
        if generation is None:
            doc = document_from_records(records, key_doc, key_translation, source, src_lang, tgt_lang, glossary)
            planned.append(PlannedDocument(key_doc, key_translation, "new", doc, (), None))
            continue
        current = corpus.read_document(key_doc, key_translation)  # type: ignore[union-attr]
        corrections = plan_corrections(current, generation, records, source.path, glossary)
        kind: Kind = "corrections" if corrections.edits else "unchanged"
        planned.append(
            PlannedDocument(key_doc, key_translation, kind, corrections.doc, corrections.edits, generation)
        )
    return ImportPlan(source, tuple(planned))


def apply_import(
    corpus: Corpus, plan: ImportPlan, *, editor: str, lock_timeout: float = 30.0
) -> list[ImportResult]:
    """Write the plan's new and corrected documents in one batch, with their ``edits`` rows.

    :raises CorpusError: the corpus is locked, or a document changed since the plan was made.
    """
    from aligner.store.schema import documents_frame

    writes = [p for p in plan.documents if p.kind != "unchanged"]
    results = {(p.doc_id, p.translation_id): ImportResult(p.doc_id, p.translation_id, p.kind, None, 0, 0) for p in plan.documents}
    if writes:
        now = datetime.now(timezone.utc)
        entries: list[tuple[int, Edit]] = []
        for k, planned in enumerate(writes):
            snapshot = documents_frame(planned.doc, 0, now).drop("generation", "created_at").row(0, named=True)
            summary = {
                "source": str(plan.source.path),
                "format": plan.source.fmt,
                "base_generation": planned.base_generation,
                "changes": len(planned.edits),
                "segments": len(planned.doc.segments),
                "document": snapshot,
            }
            entries.append((k, Edit("import", summary)))
            entries.extend((k, edit) for edit in planned.edits)
        keys = [(p.doc_id, p.translation_id) for p in writes]
        generations = corpus.write_documents(
            [p.doc for p in writes],
            lock_timeout=lock_timeout,
            edits=edits_frame(entries, keys, editor, now),
            expect={(p.doc_id, p.translation_id): p.base_generation for p in writes},
        )
        for planned, generation in zip(writes, generations):
            results[(planned.doc_id, planned.translation_id)] = ImportResult(
                planned.doc_id,
                planned.translation_id,
                planned.kind,
                generation,
                len(planned.doc.segments),
                len(planned.edits),
            )
    return list(results.values())


def import_file(
    corpus: Corpus,
    path: Path,
    fmt: str | None = None,
    *,
    editor: str,
    doc_id: str | None = None,
    translation_id: str | None = None,
    src_lang: str = "ru",
    tgt_lang: str = "en",
    glossary=None,
    lock_timeout: float = 30.0,
) -> list[ImportResult]:
    """Read ``path``, plan and apply the import (see the module docstring)."""
    from aligner.interchange.formats import read_interchange

    source = read_interchange(Path(path), fmt)
    plan = plan_import(
        corpus, source, doc_id=doc_id, translation_id=translation_id, src_lang=src_lang, tgt_lang=tgt_lang, glossary=glossary
    )
    return apply_import(corpus, plan, editor=editor, lock_timeout=lock_timeout)


def document_from_records(
    records: Sequence[SegmentRecord],
    doc_id: str,
    translation_id: str,
    source: InterchangeFile,
    src_lang: str = "ru",
    tgt_lang: str = "en",
    glossary=None,
) -> AlignedDocument:
    """A new ``AlignedDocument`` whose beads are ``records`` (see the module docstring).

    :raises InputError: sentence ids that do not cover a side once, in order, or a text that
        cannot be split into its sentence count (naming the row).
    """
    path = source.path
    langs = {
        "src": next((r.src_lang for r in records if r.src_lang), src_lang),
        "tgt": next((r.tgt_lang for r in records if r.tgt_lang), tgt_lang),
    }
    with_ids = [r for r in records if r.src_sent_ids is not None and r.tgt_sent_ids is not None]
    if with_ids and len(with_ids) != len(records):
        first = next(r for r in records if r not in with_ids)
        raise InputError(f"{first.label}: no sentence ids, while other rows have them", path=path, line=first.line)
    if with_ids:
        counts = {side: sum(len(getattr(r, f"{side}_sent_ids")) for r in records) for side in ("src", "tgt")}
        check_cover(records, counts, path)
    pieces: dict[str, list[tuple[int, str, str]]] = {"src": [], "tgt": []}
    beads = []
    overrides = []
    for record in records:
        ids = {}
        for side in ("src", "tgt"):
            text = getattr(record, f"{side}_text").strip()
            given = getattr(record, f"{side}_sent_ids")
            count = (1 if text else 0) if given is None else len(given)
            if count and not text:
                raise InputError(f"{record.label}: empty {side}_text for {count} sentence(s)", path=path, line=record.line)
            if text and not count:
                raise InputError(f"{record.label}: {side}_text given but no {side} sentence ids", path=path, line=record.line)
            parts = _split_into(text, count, langs[side], record, path) if count else []
            first = len(pieces[side])
            for n, part in enumerate(parts):
                gap = "" if not pieces[side] else SENTENCE_GAP if n else BEAD_GAP
                pieces[side].append((0, gap, part))
            ids[side] = tuple(range(first, first + len(parts)))
        if not ids["src"] and not ids["tgt"]:
            raise InputError(f"{record.label}: both texts are empty", path=path, line=record.line)
        both = bool(ids["src"] and ids["tgt"])
        beads.append(
            Bead(
                ids["src"],
                ids["tgt"],
                cost=record.cost if record.cost is not None else 0.0,
                score=record.score if record.score is not None else (1.0 if both else 0.0),
                confidence=record.confidence if record.confidence is not None else 1.0,
            )
        )
        overrides.append(
            SegmentOverride(
                src_terms=record.src_terms,
                tgt_terms=record.tgt_terms,
                flags=record.flags,
                reviewed=bool(record.reviewed),
            )
        )
    raw = hashlib.sha256(path.read_bytes()).hexdigest()
    sides = {
        side: build_side(Text(path, langs[side], "utf-8", raw, ""), pieces[side], "\n" if pieces[side] else "")
        for side in ("src", "tgt")
    }
    template = AlignedDocument(
        meta=DocumentMeta(doc_id, translation_id),
        src=sides["src"][0],
        tgt=sides["tgt"][0],
        src_sents=(),
        tgt_sents=(),
        alignment=Alignment((), 0, 0),
        segments=(),
        glossary_sha256=glossary.sha256 if glossary is not None else None,
        settings={"imported_from": path.name, "format": source.fmt},
        signature=f"import:{source.fmt}|version:{__version__}",
    )
    return assemble_document(template, sides["src"], sides["tgt"], beads, overrides, glossary)


def _group(
    source: InterchangeFile, doc_id: str | None, translation_id: str | None, tgt_lang: str
) -> dict[tuple[str, str], list[SegmentRecord]]:
    if doc_id is not None:
        named = sorted({(r.doc_id, r.translation_id) for r in source.records if r.doc_id is not None})
        if len(named) > 1:
            listed = ", ".join(f"{d}/{t}" for d, t in named[:5])
            raise InputError(
                f"--doc names one document, the file holds {len(named)} ({listed}); import it without --doc",
                path=source.path,
            )
    groups: dict[tuple[str, str], list[SegmentRecord]] = {}
    for record in source.records:
        key_doc = doc_id or record.doc_id or source.path.stem
        key_translation = translation_id or record.translation_id or record.tgt_lang or tgt_lang
        groups.setdefault((key_doc, key_translation), []).append(record)
    return groups


def _split_into(text: str, count: int, lang: str, record: SegmentRecord, path: Path) -> list[str]:
    """``text`` cut into ``count`` sentences: at the splitter's boundaries first (see ``_AFTER_PUNCTUATION``)."""
    if count == 1:
        return [text]
    from aligner.text.segment import segment_sentences

    candidates: dict[int, int] = {}
    for pattern, rank in ((_ANY_SPACE, 2), (_AFTER_PUNCTUATION, 1)):
        for match in pattern.finditer(text):
            candidates[match.end()] = rank
    for sentence in segment_sentences(Text(None, lang, "utf-8", "", text))[1:]:
        candidates[sentence.start] = 0
    if len(candidates) < count - 1:
        raise InputError(
            f"{record.label}: cannot split the text into {count} sentences (it has {len(candidates) + 1} words)",
            path=path,
            line=record.line,
        )
    cuts = sorted(sorted(candidates, key=lambda pos: (candidates[pos], pos))[: count - 1])
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]


def describe_plan(plan: ImportPlan) -> list[dict[str, object]]:
    """One row per document of the plan: key, kind, segments and changes by action (for --dry-run)."""
    rows = []
    for planned in plan.documents:
        actions: dict[str, int] = {}
        for edit in planned.edits:
            actions[edit.action] = actions.get(edit.action, 0) + 1
        rows.append(
            {
                "doc_id": planned.doc_id,
                "translation_id": planned.translation_id,
                "kind": planned.kind,
                "segments": len(planned.doc.segments) if planned.doc is not None else 0,
                "changes": json.dumps(actions, sort_keys=True) if actions else "",
            }
        )
    return rows
