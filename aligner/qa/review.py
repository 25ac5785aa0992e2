"""Everything a review of one stored translation shows, gathered in one value for the HTML report.

Per segment: the two texts cut into pieces with glossary terms marked (``Marked``), the
divergences (``aligner.qa.divergence``) and, with a glossary, the term findings
(``aligner.qa.terms.check_segment``). Without a glossary nothing is marked and the term ids
stored at alignment time are listed instead. Rendering (HTML, the alignment plot) is
``aligner.interchange.html``'s job; this module reads the corpus and computes.

``seg_no`` and sentence numbers count from 0; spans are half-open offsets into segment texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aligner.qa.divergence import Divergence, divergences_of_segments, low_confidence_of
from aligner.qa.terms import Finding, check_segment


@dataclass(frozen=True, slots=True)
class Marked:
    """A piece of a text: plain (``term_id`` None) or a glossary term.

    :param status: for a target rendering, ``preferred``/``variant``/``forbidden``; ``source``
        on the source side.
    """

    text: str
    term_id: str | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewSegment:
    """One segment as the report shows it."""

    seg_no: int
    bead: str
    confidence: float
    src_sent_ids: tuple[int, ...]
    tgt_sent_ids: tuple[int, ...]
    src: tuple[Marked, ...]
    tgt: tuple[Marked, ...]
    divergences: tuple[Divergence, ...]
    findings: tuple[Finding, ...]
    term_ids: tuple[str, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        """Flag names and term-finding kinds of this segment, without repeats."""
        return tuple(dict.fromkeys([*(d.kind for d in self.divergences), *(f.kind for f in self.findings)]))


@dataclass(frozen=True, slots=True)
class Review:
    """One translation of one document, ready to render.

    :param terms: the glossary entries of the terms the segments hold (empty without a glossary).
    :param other_glossary: the document was aligned with another glossary than the one given.
    """

    doc_id: str
    translation_id: str
    title: str | None
    date: str | None
    archive_ref: str | None
    src_lang: str
    tgt_lang: str
    signature: str
    n_src: int
    n_tgt: int
    segments: tuple[ReviewSegment, ...]
    terms: tuple[Any, ...] = ()
    glossary_name: str | None = None
    other_glossary: bool = False


def build_review(corpus: Any, doc_id: str, translation_id: str | None = None, glossary: Any = None) -> Review:
    """Gather the review of one stored translation.

    :param corpus: an open ``aligner.store.corpus.Corpus``.
    :raises CorpusError: unknown document or translation, or several translations and none chosen.
    """
    from aligner.glossary import match_terms

    translation_id = corpus.resolve_translation(doc_id, translation_id)
    documents = corpus.read_documents()
    row = documents.filter((documents["doc_id"] == doc_id) & (documents["translation_id"] == translation_id)).row(
        0, named=True
    )
    src_lang, tgt_lang = row["src_lang"], row["tgt_lang"]
    segments = corpus.read_segments(doc_id=doc_id, translation_id=translation_id).to_dicts()
    divergences = divergences_of_segments(segments, src_lang, tgt_lang, glossary, low_confidence_of(row["settings"]))
    by_seg: dict[int, list[Divergence]] = {}
    for d in divergences:
        by_seg.setdefault(d.seg_no, []).append(d)
    usable = glossary is not None and (src_lang, tgt_lang) == (glossary.src_lang, glossary.tgt_lang)
    reviewed, seen_terms = [], {}
    for seg in segments:
        src, tgt = seg["src_text"] or "", seg["tgt_text"] or ""
        if usable:
            src_hits, tgt_hits = match_terms(glossary, src, src_lang), match_terms(glossary, tgt, tgt_lang)
            findings = check_segment(glossary, src, tgt, src_lang, tgt_lang).findings
            findings = tuple(_locate(f, doc_id, translation_id, seg["seg_no"]) for f in findings)
            src_marked = mark_text(src, [(h.start, h.end, h.term_id, "source") for h in src_hits])
            tgt_marked = mark_text(tgt, [(h.start, h.end, h.term_id, _status(glossary, h)) for h in tgt_hits])
            term_ids = tuple(dict.fromkeys([*(h.term_id for h in src_hits), *(h.term_id for h in tgt_hits)]))
        else:
            findings, src_marked, tgt_marked = (), (Marked(src),), (Marked(tgt),)
            term_ids = tuple(dict.fromkeys([*(seg["src_terms"] or ()), *(seg["tgt_terms"] or ())]))
        for term_id in term_ids:
            seen_terms.setdefault(term_id, None)
        reviewed.append(
            ReviewSegment(
                seg_no=seg["seg_no"],
                bead=seg["bead"],
                confidence=seg["confidence"],
                src_sent_ids=tuple(seg["src_sent_ids"]),
                tgt_sent_ids=tuple(seg["tgt_sent_ids"]),
                src=src_marked,
                tgt=tgt_marked,
                divergences=tuple(by_seg.get(seg["seg_no"], ())),
                findings=findings,
                term_ids=term_ids,
            )
        )
    terms = tuple(t for t in (glossary.term(i) for i in sorted(seen_terms)) if t is not None) if usable else ()
    return Review(
        doc_id=doc_id,
        translation_id=translation_id,
        title=row["title"],
        date=row["date"],
        archive_ref=row["archive_ref"],
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        signature=row["signature"] or "",
        n_src=row["n_src_sents"],
        n_tgt=row["n_tgt_sents"],
        segments=tuple(reviewed),
        terms=terms,
        glossary_name=None if glossary is None or glossary.source is None else glossary.source.name,
        other_glossary=glossary is not None and row["glossary_sha256"] != glossary.sha256,
    )


def _status(glossary: Any, hit: Any) -> str | None:
    term = glossary.term(hit.term_id)
    status = term.status_of(hit.form) if term is not None else None
    return status.value if status is not None else None


def _locate(finding: Finding, doc_id: str, translation_id: str, seg_no: int) -> Finding:
    return Finding(
        doc_id, translation_id, seg_no, finding.term_id, finding.kind, finding.src, finding.tgt,
        finding.src_spans, finding.tgt_spans, finding.rendering, finding.expected,
    )


def mark_text(text: str, spans: Iterable[tuple[int, int, str | None, str | None]]) -> tuple[Marked, ...]:
    """Cut ``text`` into pieces at ``(start, end, term_id, status)`` spans.

    Spans are taken in order of start; one that overlaps an earlier span is skipped (the matcher
    gives one hit per term on a shared span: the first term wins the mark).
    """
    pieces: list[Marked] = []
    at = 0
    for start, end, term_id, status in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < at or start >= end:
            continue
        if start > at:
            pieces.append(Marked(text[at:start]))
        pieces.append(Marked(text[start:end], term_id, status))
        at = end
    if at < len(text) or not pieces:
        pieces.append(Marked(text[at:]))
    return tuple(pieces)
