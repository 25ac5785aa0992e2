"""Divergences between an original and its translation, per segment, with a readable detail.

The flags are the ones stored in ``segments.flags`` at alignment time (vocabulary:
``aligner.align.flags.FLAGS``). Given another glossary, the glossary-dependent flag
(``term_mismatch``) is recomputed with it through ``aligner.align.flags.compute_flags`` and
nothing is written. Details are recomputed from the segment texts with the shared pieces the
aligner uses (``aligner.text.numbers``, the glossary matcher, name keys), so they explain the
flag in the words of the document:

| flag | detail |
| --- | --- |
| ``omission`` / ``addition`` | sentences and characters left untranslated / added |
| ``editorial`` | the bracketed notes (``[handwritten: signed]``) |
| ``number_mismatch`` / ``date_mismatch`` | normalised tokens on one side only (``src only: --10-02``) |
| ``term_mismatch`` | glossary term ids on one side only |
| ``name_mismatch`` | names on one side only, as written |
| ``length_outlier`` | the target/source length ratio and its robust z-score |
| ``low_confidence`` | the bead's confidence |

``seg_no`` counts from 0. Nothing here raises over what it finds.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aligner.align.flags import FLAGS, BeadEvidence, compute_flags, is_date, robust_log_ratios
from aligner.text.editorial import find_editorial_spans


@dataclass(frozen=True, slots=True)
class Divergence:
    """One flag of one segment, explained.

    :param kind: a flag from ``aligner.align.flags.FLAGS``.
    :param src: the segment's source text; ``tgt``: its target text.
    """

    doc_id: str
    translation_id: str
    seg_no: int
    kind: str
    detail: str
    bead: str = ""
    src: str = ""
    tgt: str = ""


def find_divergences(
    corpus: Any, doc_id: str, translation_id: str | None = None, glossary: Any = None
) -> list[Divergence]:
    """The divergences of one stored translation, in segment order, flags in ``FLAGS`` order.

    :param corpus: an open ``aligner.store.corpus.Corpus``.
    :param glossary: recompute ``term_mismatch`` with this glossary instead of the stored one.
    :raises CorpusError: unknown document or translation, or several translations and none chosen.
    """
    translation_id = corpus.resolve_translation(doc_id, translation_id)
    documents = corpus.read_documents()
    document = documents.filter((documents["doc_id"] == doc_id) & (documents["translation_id"] == translation_id))
    row = document.row(0, named=True)
    segments = corpus.read_segments(doc_id=doc_id, translation_id=translation_id).to_dicts()
    return divergences_of_segments(
        segments, row["src_lang"], row["tgt_lang"], glossary, low_confidence_of(row["settings"])
    )


def low_confidence_of(settings_json: str | None) -> float:
    """The ``low_confidence`` threshold a document was aligned with (the default when unknown)."""
    from aligner.align.settings import AlignSettings

    default = AlignSettings().low_confidence
    try:
        value = json.loads(settings_json or "{}").get("low_confidence", default)
    except (json.JSONDecodeError, AttributeError):
        return default
    return float(value) if isinstance(value, (int, float)) else default


def divergences_of_segments(
    segments: Sequence[Mapping[str, Any]],
    src_lang: str,
    tgt_lang: str,
    glossary: Any = None,
    low_confidence: float = 0.5,
) -> list[Divergence]:
    """Divergences of one document's segment rows (``segments`` table columns), in order."""
    views = [SegmentView.of(seg, src_lang, tgt_lang, glossary) for seg in segments]
    evidence = [view.evidence(seg) for view, seg in zip(views, segments)]
    zscores = robust_log_ratios(evidence)
    flags = [tuple(seg["flags"] or ()) for seg in segments]
    if glossary is not None:
        recomputed = compute_flags(evidence, low_confidence)
        flags = [_replace_term_flag(old, new) for old, new in zip(flags, recomputed)]
    found = []
    for seg, view, z, seg_flags in zip(segments, views, zscores, flags):
        for kind in seg_flags:
            found.append(
                Divergence(
                    doc_id=seg["doc_id"],
                    translation_id=seg["translation_id"],
                    seg_no=seg["seg_no"],
                    kind=kind,
                    detail=view.detail(kind, seg, z),
                    bead=seg["bead"],
                    src=seg["src_text"],
                    tgt=seg["tgt_text"],
                )
            )
    return found


def _replace_term_flag(stored: tuple[str, ...], recomputed: tuple[str, ...]) -> tuple[str, ...]:
    kept = set(stored) - {"term_mismatch"}
    if "term_mismatch" in recomputed:
        kept.add("term_mismatch")
    return tuple(f for f in FLAGS if f in kept)


@dataclass(frozen=True, slots=True)
class SegmentView:
    """What a segment's texts hold: numbers, term ids and names (as written) on each side."""

    src_numbers: tuple[str, ...]
    tgt_numbers: tuple[str, ...]
    src_terms: tuple[str, ...]
    tgt_terms: tuple[str, ...]
    src_names: tuple[str, ...]
    tgt_names: tuple[str, ...]
    src_len: int
    tgt_len: int

    @classmethod
    def of(cls, seg: Mapping[str, Any], src_lang: str, tgt_lang: str, glossary: Any = None) -> SegmentView:
        """Read one ``segments`` row; term ids come from ``glossary`` when given, else the row."""
        from aligner.glossary import match_terms, name_keys
        from aligner.text.numbers import extract_numbers

        src, tgt = seg["src_text"] or "", seg["tgt_text"] or ""
        if glossary is not None:
            src_terms = tuple(dict.fromkeys(h.term_id for h in match_terms(glossary, src, src_lang)))
            tgt_terms = tuple(dict.fromkeys(h.term_id for h in match_terms(glossary, tgt, tgt_lang)))
        else:
            src_terms, tgt_terms = tuple(seg["src_terms"] or ()), tuple(seg["tgt_terms"] or ())
        return cls(
            src_numbers=tuple(extract_numbers(src, src_lang)),
            tgt_numbers=tuple(extract_numbers(tgt, tgt_lang)),
            src_terms=src_terms,
            tgt_terms=tgt_terms,
            src_names=tuple(src[k.start : k.end] for k in name_keys(src, src_lang)),
            tgt_names=tuple(tgt[k.start : k.end] for k in name_keys(tgt, tgt_lang)),
            src_len=proper_length(src),
            tgt_len=proper_length(tgt),
        )

    def evidence(self, seg: Mapping[str, Any]) -> BeadEvidence:
        """The bead evidence ``compute_flags`` reads (names are left out: they are not recomputed)."""
        src, tgt = seg["src_text"] or "", seg["tgt_text"] or ""
        brackets = find_editorial_spans(src) + find_editorial_spans(tgt)
        return BeadEvidence(
            kind=seg["bead"],
            src_len=self.src_len,
            tgt_len=self.tgt_len,
            src_numbers=self.src_numbers,
            tgt_numbers=self.tgt_numbers,
            src_terms=self.src_terms,
            tgt_terms=self.tgt_terms,
            src_names=(),
            tgt_names=(),
            editorial=bool(brackets),
            only_editorial=bool(src or tgt) and self.src_len == 0 and self.tgt_len == 0,
            confidence=seg["confidence"],
        )

    def detail(self, kind: str, seg: Mapping[str, Any], zscore: float) -> str:
        """A one-line explanation of flag ``kind`` on this segment."""
        n_src, n_tgt = len(seg["src_sent_ids"] or ()), len(seg["tgt_sent_ids"] or ())
        if kind == "omission":
            return f"untranslated: {n_src} source sentence(s), {self.src_len} characters"
        if kind == "addition":
            return f"added: {n_tgt} target sentence(s), {self.tgt_len} characters"
        if kind == "editorial":
            notes = [text[s.start : s.end] for text in (seg["src_text"] or "", seg["tgt_text"] or "")
                     for s in find_editorial_spans(text)]
            return "notes: " + "; ".join(notes) if notes else "editorial sentence"
        if kind == "date_mismatch":
            return one_side_only([t for t in self.src_numbers if is_date(t)], [t for t in self.tgt_numbers if is_date(t)])
        if kind == "number_mismatch":
            return one_side_only(
                [t for t in self.src_numbers if not is_date(t)], [t for t in self.tgt_numbers if not is_date(t)]
            )
        if kind == "term_mismatch":
            return one_side_only(sorted(set(self.src_terms)), sorted(set(self.tgt_terms)))
        if kind == "name_mismatch":
            src_only, tgt_only = unpaired_names(self.src_names, self.tgt_names)
            return one_side_only(src_only, tgt_only)
        if kind == "length_outlier":
            ratio = self.tgt_len / self.src_len if self.src_len else float("inf")
            return f"target/source length {ratio:.2f}, robust z = {zscore:+.1f}"
        if kind == "low_confidence":
            return f"confidence {seg['confidence']:.2f}"
        return ""


def proper_length(text: str) -> int:
    """Characters outside editorial brackets (as ``Sentence.proper_length``, for joined text)."""
    return len(text) - sum(s.end - s.start for s in find_editorial_spans(text))


def one_side_only(src: Iterable[str], tgt: Iterable[str]) -> str:
    """``src only: a, b; tgt only: c`` for the items (multisets) the two sides do not share."""
    src_count, tgt_count = Counter(src), Counter(tgt)
    parts = []
    for label, only in (("src only", src_count - tgt_count), ("tgt only", tgt_count - src_count)):
        if only:
            parts.append(f"{label}: " + ", ".join(sorted(only.elements())))
    return "; ".join(parts)


def unpaired_names(src: Sequence[str], tgt: Sequence[str]) -> tuple[list[str], list[str]]:
    """Names of each side with no counterpart on the other (``names_match`` at the threshold)."""
    from aligner.glossary import NAME_MATCH_THRESHOLD, names_match

    free = list(tgt)
    src_only = []
    for name in src:
        best = max(free, key=lambda t: names_match(name, t), default=None)
        if best is not None and names_match(name, best) >= NAME_MATCH_THRESHOLD:
            free.remove(best)
        else:
            src_only.append(name)
    return src_only, free
