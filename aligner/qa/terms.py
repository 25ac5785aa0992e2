"""Terminology check of aligned segments against a glossary: per-segment findings and
corpus-wide consistency.

Per segment (``check_segment``), for every glossary term found on the source side:

- ``forbidden``: the target uses a forbidden rendering of the term (also reported when the
  source lacks the term: a forbidden rendering is wrong wherever it stands);
- ``missing``: the target has no rendering of the term at all (neither approved nor forbidden);
- ``variant``: the target has approved variants only, no preferred rendering (informational);
- ``unexpected``: the target renders a term the source lacks (a possible mistranslation or an
  addition). A target rendering is not unexpected when the same target span also renders a term
  the source has (``decision`` renders both ``решение`` and ``постановление``), nor when the
  term sits inside a longer source term (``XX съезд КПСС`` holds ``съезд`` and ``КПСС``).

At most one finding per ``(segment, term, kind)``, so that ``FindingKey`` names a finding for
the accepted-findings list (``aligner.qa.accepted``); the finding's spans list every occurrence.

Across the checked documents (``check_terms``):

- ``inconsistent``: a source term rendered in more than one way. All preferred renderings of a
  term count as one way (``Mikoyan`` and ``A. I. Mikoyan`` are both right); each variant and
  each forbidden rendering is a way of its own. ``count`` is the number of occurrences of the
  rendering in segments whose source has the term.
- ``same_source_different_target``: one source segment text (whitespace collapsed) that occurs
  in two or more places (documents, or positions in one document) and is translated in two or
  more ways. Two translations of one original share their places, so they alone never make a
  sentence "repeated": that comparison is ``aligner diff --against``.

Spans are half-open ``[start, end)`` character offsets into the segment texts ``src``/``tgt``;
``seg_no`` counts from 0. Documents are named ``doc_id/translation_id`` in ``documents`` lists.
Nothing here raises over what it finds: findings are data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aligner import __version__
from aligner.errors import CorpusError
from aligner.glossary import Glossary, Hit, Status, Term, match_terms
from aligner.glossary.tokens import iter_tokens
from aligner.text.editorial import find_editorial_spans

FINDING_KINDS = ("missing", "forbidden", "variant", "unexpected")
#: Kinds that make ``aligner terms check`` exit 1 (they block publication).
BLOCKING_KINDS = frozenset({"missing", "forbidden"})
#: The signature's version of these rules; bump it when a rule changes what is reported.
RULES_VERSION = 1

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class FindingKey:
    """What names a finding in an accepted-findings list."""

    doc_id: str
    translation_id: str
    seg_no: int
    term_id: str
    kind: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One term problem in one segment.

    :param src: the segment's source text; ``src_spans`` are the term's occurrences in it
        (empty for ``unexpected``).
    :param tgt: the segment's target text; ``tgt_spans`` are the renderings found in it (empty
        for ``missing``).
    :param rendering: the glossary rendering(s) found, as written in the glossary, joined by
        `` | `` ("" for ``missing``).
    :param expected: the term's preferred renderings.
    """

    doc_id: str
    translation_id: str
    seg_no: int
    term_id: str
    kind: str
    src: str
    tgt: str
    src_spans: tuple[Span, ...] = ()
    tgt_spans: tuple[Span, ...] = ()
    rendering: str = ""
    expected: tuple[str, ...] = ()

    @property
    def key(self) -> FindingKey:
        return FindingKey(self.doc_id, self.translation_id, self.seg_no, self.term_id, self.kind)


@dataclass(frozen=True, slots=True)
class RenderingUse:
    """How often one rendering of a term occurs, and in which documents (``doc/translation``)."""

    term_id: str
    rendering: str
    status: str
    count: int
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceVariation:
    """One repeated source text translated in several ways.

    :param renderings: the distinct target texts, most frequent first.
    :param occurrences: ``(doc/translation, seg_no, target text)`` of every occurrence.
    """

    src: str
    renderings: tuple[str, ...]
    documents: tuple[str, ...]
    occurrences: tuple[tuple[str, int, str], ...]


@dataclass(frozen=True, slots=True)
class SegmentTerms:
    """The glossary view of one segment: findings (without document keys) and renderings used.

    :param renderings: ``(term_id, rendering, status, occurrences)`` for every term the source
        has and the target renders (approved or forbidden).
    """

    findings: tuple[Finding, ...]
    renderings: tuple[tuple[str, str, str, int], ...]


@dataclass(frozen=True, slots=True)
class TermReport:
    """What ``check_terms`` found.

    :param documents: the ``(doc_id, translation_id)`` pairs checked.
    :param other_glossary: the checked documents that were aligned with another glossary (or
        none), by the glossary hash stored in ``documents``.
    :param skipped: documents left out because their languages are not the glossary's.
    :param ignored: findings suppressed because they were accepted.
    :param unused_accepted: accepted findings that matched no finding (stale entries).
    """

    findings: tuple[Finding, ...]
    inconsistent: tuple[RenderingUse, ...]
    same_source_different_target: tuple[SourceVariation, ...]
    documents: tuple[tuple[str, str], ...]
    segments: int
    signature: str
    other_glossary: tuple[tuple[str, str], ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    ignored: int = 0
    unused_accepted: tuple[FindingKey, ...] = field(default=())

    @property
    def blocking(self) -> bool:
        """True when a ``missing`` or ``forbidden`` finding remains."""
        return any(f.kind in BLOCKING_KINDS for f in self.findings)

    def summary(self) -> dict[str, Any]:
        """Counts per kind and per document (every checked document listed, zeros included)."""
        by_kind = {kind: 0 for kind in FINDING_KINDS}
        per_doc = {key: {kind: 0 for kind in FINDING_KINDS} for key in self.documents}
        for finding in self.findings:
            by_kind[finding.kind] += 1
            per_doc[(finding.doc_id, finding.translation_id)][finding.kind] += 1
        by_kind["inconsistent"] = len({row.term_id for row in self.inconsistent})
        by_kind["same_source_different_target"] = len(self.same_source_different_target)
        return {
            "documents": len(self.documents),
            "segments": self.segments,
            "by_kind": by_kind,
            "by_document": [
                {"doc_id": doc_id, "translation_id": tid, **counts, "total": sum(counts.values())}
                for (doc_id, tid), counts in per_doc.items()
            ],
            "ignored": self.ignored,
            "unused_accepted": len(self.unused_accepted),
            "signature": self.signature,
        }


def document_name(doc_id: str, translation_id: str) -> str:
    """``doc_id/translation_id``: how lists of documents name a translation."""
    return f"{doc_id}/{translation_id}"


def check_segment(glossary: Glossary, src: str, tgt: str, src_lang: str, tgt_lang: str) -> SegmentTerms:
    """Findings and renderings of one segment (document keys left empty: ``""``, ``-1``)."""
    terms = _terms_by_id(glossary)
    src_hits = match_terms(glossary, src, src_lang) if src else []
    tgt_hits = match_terms(glossary, tgt, tgt_lang) if tgt else []
    src_nested = {id(h): _nested_hits(glossary, src, src_lang, h) for h in src_hits}
    tgt_nested = {id(h): _nested_hits(glossary, tgt, tgt_lang, h) for h in tgt_hits}
    src_spans: dict[str, list[Span]] = defaultdict(list)
    for hit in src_hits:
        src_spans[hit.term_id].append((hit.start, hit.end))
    src_present = set(src_spans) | {n.term_id for hits in src_nested.values() for n in hits}
    # Renderings of each term in the target: whole hits first, then hits inside longer ones
    # ("Korean Workers' Party" inside "Central Committee of the Korean Workers' Party").
    rendered: dict[str, list[tuple[Hit, Status]]] = defaultdict(list)
    for hit in [*tgt_hits, *(n for hits in tgt_nested.values() for n in hits)]:
        status = terms[hit.term_id].status_of(hit.form) if hit.term_id in terms else None
        if status is not None:
            rendered[hit.term_id].append((hit, status))
    tgt_present = set(rendered)
    shared_spans = {(h.start, h.end) for h in tgt_hits if h.term_id in src_present}
    editorial = find_editorial_spans(tgt)

    findings: list[Finding] = []
    renderings: list[tuple[str, str, str, int]] = []

    def add(term_id: str, kind: str, found: list[tuple[Hit, Status]]) -> None:
        forms = list(dict.fromkeys(hit.form for hit, _ in found))
        findings.append(
            Finding(
                doc_id="", translation_id="", seg_no=-1, term_id=term_id, kind=kind, src=src, tgt=tgt,
                src_spans=tuple(src_spans.get(term_id, ())),
                tgt_spans=tuple((hit.start, hit.end) for hit, _ in found),
                rendering=" | ".join(forms),
                expected=terms[term_id].tgt_preferred,
            )
        )

    for hit in _first_per_term(src_hits):
        term = terms.get(hit.term_id)
        if term is None or not term.forms("tgt"):
            continue  # nothing to check a term against when the glossary gives it no rendering
        found = rendered.get(hit.term_id, [])
        for (form, status), n in Counter((h.form, s.value) for h, s in found).items():
            renderings.append((hit.term_id, form, status, n))
        forbidden = [(h, s) for h, s in found if s is Status.FORBIDDEN]
        approved = [(h, s) for h, s in found if s is not Status.FORBIDDEN]
        parts = {n.term_id for n in src_nested[id(hit)]}
        if forbidden:
            add(hit.term_id, "forbidden", forbidden)
        elif approved:
            if not any(s is Status.PREFERRED for _, s in approved):
                add(hit.term_id, "variant", approved)
        elif not (parts and parts <= tgt_present):
            # A term whose parts are all rendered ("Пленум ЦК" as "plenum ... CC") is not missing.
            add(hit.term_id, "missing", [])
    for hit in _first_per_term(tgt_hits):
        if hit.term_id in src_spans or hit.term_id not in terms:
            continue  # a term the source has as such was checked above
        found = [(h, s) for h, s in rendered[hit.term_id] if h in tgt_hits]
        forbidden = [(h, s) for h, s in found if s is Status.FORBIDDEN]
        if forbidden:
            add(hit.term_id, "forbidden", forbidden)
        if hit.term_id in src_present:
            continue  # inside a longer source term: expected, not unexpected
        unexpected = [
            (h, s)
            for h, s in found
            if s is not Status.FORBIDDEN
            and (h.start, h.end) not in shared_spans
            and not any(n.term_id in src_present for n in tgt_nested[id(h)])
            and not any(e.start <= h.start and h.end <= e.end for e in editorial)
        ]
        if unexpected:
            add(hit.term_id, "unexpected", unexpected)
    return SegmentTerms(tuple(findings), tuple(renderings))


def renderings_in(glossary: Glossary, text: str, lang: str) -> dict[str, list[str]]:
    """The glossary forms found in a text, per term id, in text order (forms inside longer
    matches included: ``KWP`` inside ``KWP CC``)."""
    hits = match_terms(glossary, text, lang) if text else []
    found = [*hits, *(n for hit in hits for n in _nested_hits(glossary, text, lang, hit))]
    forms: dict[str, list[str]] = defaultdict(list)
    for hit in sorted(found, key=lambda h: (h.start, h.end)):
        forms[hit.term_id].append(hit.form)
    return dict(forms)


def _first_per_term(hits: list[Hit]) -> list[Hit]:
    """The first hit of each term, in text order."""
    return list({hit.term_id: hit for hit in reversed(hits)}.values())[::-1]


def _terms_by_id(glossary: Glossary) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    for term in glossary.terms:
        terms.setdefault(term.term_id, term)
    return terms


def _nested_hits(glossary: Glossary, text: str, lang: str, hit: Hit) -> list[Hit]:
    """Terms inside a longer hit (``съезд`` and ``КПСС`` in ``XX съезда КПСС``), spans into ``text``.

    The matcher reports the longest match only; matching the hit's text without its first
    token(s), and without its last token, and so on inside what that finds, finds every
    shorter term inside it.
    """
    tokens = list(iter_tokens(text[hit.start : hit.end]))
    if len(tokens) < 2:
        return []
    pieces = [(hit.start + start, hit.end) for start, _, _ in tokens[1:]]
    pieces.append((hit.start, hit.start + tokens[-2][1]))
    nested: dict[tuple[str, int, int], Hit] = {}
    for start, end in pieces:
        for h in match_terms(glossary, text[start:end], lang):
            inner = Hit(h.term_id, h.lang, start + h.start, start + h.end, h.form)
            if h.term_id != hit.term_id and (h.term_id, inner.start, inner.end) not in nested:
                nested[(h.term_id, inner.start, inner.end)] = inner
                # Deeper still: "CPSU" inside "CPSU CC" inside "CPSU CC Presidium".
                for deeper in _nested_hits(glossary, text, lang, inner):
                    nested.setdefault((deeper.term_id, deeper.start, deeper.end), deeper)
    return sorted(nested.values(), key=lambda h: (h.start, h.end, h.term_id))


@dataclass(frozen=True, slots=True)
class SegmentRow:
    """The fields of a ``segments`` row that the check reads."""

    doc_id: str
    translation_id: str
    seg_no: int
    src_text: str
    tgt_text: str
    src_sent_ids: tuple[int, ...]


def check_terms(
    corpus: Any,
    glossary: Glossary,
    doc_id: str | None = None,
    translation_id: str | None = None,
    accepted: Iterable[FindingKey] = (),
) -> TermReport:
    """Check every stored segment (or one document's) against ``glossary``.

    :param corpus: an open ``aligner.store.corpus.Corpus``.
    :param accepted: findings reviewed and accepted (false positives); they are left out.
    :raises CorpusError: ``doc_id`` or ``translation_id`` is not in the corpus.
    """
    documents = corpus.read_documents()
    if doc_id is not None:
        if translation_id is not None:
            corpus.resolve_translation(doc_id, translation_id)  # raises for an unknown one
        elif not corpus.has_document(doc_id):
            raise CorpusError(f"no document {doc_id!r} in this corpus", path=corpus.path)
        documents = documents.filter(documents["doc_id"] == doc_id)
    if translation_id is not None:
        documents = documents.filter(documents["translation_id"] == translation_id)
    checked, skipped, other = [], [], []
    for row in documents.iter_rows(named=True):
        key = (row["doc_id"], row["translation_id"])
        if (row["src_lang"], row["tgt_lang"]) != (glossary.src_lang, glossary.tgt_lang):
            skipped.append(key)
            continue
        checked.append(key)
        if row["glossary_sha256"] != glossary.sha256:
            other.append(key)
    frame = corpus.read_segments(doc_id=doc_id, translation_id=translation_id)
    wanted = set(checked)
    rows = [
        SegmentRow(r["doc_id"], r["translation_id"], r["seg_no"], r["src_text"], r["tgt_text"], tuple(r["src_sent_ids"]))
        for r in frame.iter_rows(named=True)
        if (r["doc_id"], r["translation_id"]) in wanted
    ]
    return check_segments(rows, glossary, accepted, checked=checked, other_glossary=other, skipped=skipped)


def check_segments(
    rows: Iterable[SegmentRow],
    glossary: Glossary,
    accepted: Iterable[FindingKey] = (),
    *,
    checked: Iterable[tuple[str, str]] = (),
    other_glossary: Iterable[tuple[str, str]] = (),
    skipped: Iterable[tuple[str, str]] = (),
) -> TermReport:
    """The check over plain rows (``check_terms`` reads them from a corpus)."""
    rows = list(rows)
    accepted = set(accepted)
    documents = list(dict.fromkeys([*checked, *((r.doc_id, r.translation_id) for r in rows)]))
    findings: list[Finding] = []
    used: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)  # (term, form, status) -> doc counts
    matched_accepted: set[FindingKey] = set()
    ignored = 0
    for row in rows:
        result = check_segment(glossary, row.src_text, row.tgt_text, glossary.src_lang, glossary.tgt_lang)
        for finding in result.findings:
            located = _locate(finding, row)
            if located.key in accepted:
                matched_accepted.add(located.key)
                ignored += 1
            else:
                findings.append(located)
        for term_id, form, status, n in result.renderings:
            used[(term_id, form, status)][document_name(row.doc_id, row.translation_id)] += n
    return TermReport(
        findings=tuple(findings),
        inconsistent=_inconsistent(used),
        same_source_different_target=_same_source(rows),
        documents=tuple(documents),
        segments=len(rows),
        signature=f"{glossary.signature()}|terms:{RULES_VERSION}|accepted:{len(accepted)}|version:{__version__}",
        other_glossary=tuple(other_glossary),
        skipped=tuple(skipped),
        ignored=ignored,
        unused_accepted=tuple(sorted(accepted - matched_accepted, key=_key_order)),
    )


def _key_order(key: FindingKey) -> tuple[str, str, int, str, str]:
    return (key.doc_id, key.translation_id, key.seg_no, key.term_id, key.kind)


def _locate(finding: Finding, row: SegmentRow) -> Finding:
    return Finding(
        row.doc_id, row.translation_id, row.seg_no, finding.term_id, finding.kind, finding.src, finding.tgt,
        finding.src_spans, finding.tgt_spans, finding.rendering, finding.expected,
    )


def _inconsistent(used: Mapping[tuple[str, str, str], Counter[str]]) -> tuple[RenderingUse, ...]:
    by_term: dict[str, list[RenderingUse]] = defaultdict(list)
    for (term_id, form, status), docs in used.items():
        by_term[term_id].append(RenderingUse(term_id, form, status, sum(docs.values()), tuple(sorted(docs))))
    rows: list[RenderingUse] = []
    for term_id in sorted(by_term):
        uses = by_term[term_id]
        ways = {"preferred" if u.status == Status.PREFERRED.value else u.rendering for u in uses}
        if len(ways) > 1:
            rows += sorted(uses, key=lambda u: (-u.count, u.rendering))
    return tuple(rows)


def _normalize(text: str) -> str:
    return " ".join(text.split())


def _same_source(rows: list[SegmentRow]) -> tuple[SourceVariation, ...]:
    groups: dict[str, list[SegmentRow]] = defaultdict(list)
    for row in rows:
        if row.src_sent_ids and row.tgt_text.strip():
            groups[_normalize(row.src_text)].append(row)
    found = []
    for src, members in groups.items():
        places = {(r.doc_id, r.src_sent_ids) for r in members}
        texts = Counter(_normalize(r.tgt_text) for r in members)
        if len(places) < 2 or len(texts) < 2:
            continue
        occurrences = tuple(
            sorted((document_name(r.doc_id, r.translation_id), r.seg_no, _normalize(r.tgt_text)) for r in members)
        )
        found.append(
            SourceVariation(
                src=src,
                renderings=tuple(t for t, _ in sorted(texts.items(), key=lambda item: (-item[1], item[0]))),
                documents=tuple(sorted({doc for doc, _, _ in occurrences})),
                occurrences=occurrences,
            )
        )
    return tuple(sorted(found, key=lambda v: v.src))
