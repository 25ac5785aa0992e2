"""An aligned document pair: everything the store writes for one (doc_id, translation_id).

``segments`` carries one ``Segment`` per bead with the per-bead facts users query (terms,
lemmas, flags); the store turns these dataclasses into the DESIGN.md tables and nothing else
does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aligner.align.beads import Alignment
from aligner.text.model import Sentence, Text


@dataclass(frozen=True, slots=True)
class Segment:
    """One bead as stored in ``segments`` (``seg_no`` counts from 0 per document).

    ``src_sent_ids``/``tgt_sent_ids`` are ``sent_no`` values; ``bead`` is ``"n-m"`` (source
    first); ``score`` and ``confidence`` are in [0, 1]; ``flags`` come from the vocabulary in
    ``aligner.align.flags.FLAGS``.
    """

    seg_no: int
    src_sent_ids: tuple[int, ...]
    tgt_sent_ids: tuple[int, ...]
    src_text: str
    tgt_text: str
    bead: str
    score: float
    confidence: float
    src_terms: tuple[str, ...] = ()
    tgt_terms: tuple[str, ...] = ()
    src_lemmas: tuple[str, ...] = ()
    tgt_stems: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    reviewed: bool = False


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """Identity and descriptive metadata of a document pair (``documents`` columns)."""

    doc_id: str
    translation_id: str
    title: str | None = None
    date: str | None = None
    archive_ref: str | None = None


@dataclass(frozen=True, slots=True)
class AlignedDocument:
    """The result of aligning one original with one translation."""

    meta: DocumentMeta
    src: Text
    tgt: Text
    src_sents: tuple[Sentence, ...]
    tgt_sents: tuple[Sentence, ...]
    alignment: Alignment
    segments: tuple[Segment, ...]
    glossary_sha256: str | None
    settings: dict = field(default_factory=dict)
    signature: str = ""

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    @property
    def translation_id(self) -> str:
        return self.meta.translation_id
