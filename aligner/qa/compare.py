"""Two translations of one original, side by side through the source pivot.

Both translations were aligned to the same source sentences, so their beads can be lined up on
the source: a row is the smallest run of source sentences on whose edges both alignments start
or end a bead (a 2-1 bead in A against two 1-1 beads in B makes one row). A bead with no source
sentence (an addition) gets a row of its own when it stands on such an edge, and joins the row
around it otherwise. Each row holds the source text, the text of A and the text of B.

Per row, the differences between A and B, named with the flag vocabulary
(``aligner.align.flags.FLAGS``) so that ``--fail-on`` reads the same names as for one
translation:

- ``omission``: one translation leaves source sentences untranslated that the other translates;
- ``addition``: one translation adds text (a 0-n bead) the other lacks, or an editorial note of
  ``MIN_NOTE_WORDS`` words or more (``[Translator's note: ...]``) the other lacks;
- ``number_mismatch`` / ``date_mismatch``: the normalised numbers or dates of A and B differ
  (``aligner.text.numbers``), with what the source says;
- ``term_mismatch``: a source glossary term rendered in another way (or only) in one
  translation; all preferred renderings count as one way (``Cde.`` = ``Comrade``), as in
  ``aligner.qa.terms``;
- ``name_mismatch``: the same for a person (glossary category ``person``), or, beyond the
  glossary, a source name (``name_keys``) found in one translation and not the other, or
  spelled differently.

Without a glossary, term differences come from the term ids stored at alignment time.
Each row also carries a word-level diff of A against B (``difflib`` over whitespace-separated
words). Sentence numbers (``src_sent_ids``) and ``seg_no`` count from 0; ``row_no`` too.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aligner.align.flags import is_date
from aligner.errors import CorpusError
from aligner.glossary import NAME_MATCH_THRESHOLD, Status, match_terms, name_keys, names_match
from aligner.qa.terms import renderings_in
from aligner.text.editorial import find_editorial_spans
from aligner.text.numbers import extract_numbers

#: Editorial notes of at least this many words count as additions (shorter ones, such as
#: ``[me]`` or ``[signed]``, are bracketed words of the translation itself).
MIN_NOTE_WORDS = 4
#: Two notes whose words match at least this much (difflib ratio) are one note worded twice.
SAME_NOTE_RATIO = 0.5

#: The kinds a comparison can report (a subset of ``FLAGS``), in reporting order.
COMPARE_KINDS = ("omission", "addition", "number_mismatch", "date_mismatch", "term_mismatch", "name_mismatch")


@dataclass(frozen=True, slots=True)
class Difference:
    """One way the two translations differ in a row; ``detail`` names them by translation id."""

    kind: str
    detail: str


@dataclass(frozen=True, slots=True)
class PivotRow:
    """One row of the three-column view.

    :param word_diff: ``(op, a_words, b_words)`` with ``op`` one of ``equal``, ``replace``,
        ``delete`` (words only in A), ``insert`` (words only in B).
    """

    row_no: int
    src_sent_ids: tuple[int, ...]
    src: str
    a_seg_nos: tuple[int, ...]
    a: str
    b_seg_nos: tuple[int, ...]
    b: str
    differences: tuple[Difference, ...]
    word_diff: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Translations ``a`` and ``b`` of ``doc_id``, row by row."""

    doc_id: str
    a: str
    b: str
    rows: tuple[PivotRow, ...]

    def counts(self) -> dict[str, int]:
        """Differences per kind (every kind listed)."""
        found = Counter(d.kind for row in self.rows for d in row.differences)
        return {kind: found[kind] for kind in COMPARE_KINDS}


def compare_translations(corpus: Any, doc_id: str, a: str, b: str, glossary: Any = None) -> Comparison:
    """Line up translations ``a`` and ``b`` of ``doc_id`` on the source and list their differences.

    :param corpus: an open ``aligner.store.corpus.Corpus``.
    :raises ValueError: ``a`` and ``b`` are the same translation.
    :raises CorpusError: either translation is not stored, or they were aligned from
        different source texts.
    """
    if a == b:
        raise ValueError(f"compare two different translations, not {a!r} with itself")
    corpus.resolve_translation(doc_id, a)
    corpus.resolve_translation(doc_id, b)
    documents = corpus.read_documents()
    rows = {r["translation_id"]: r for r in documents.filter(documents["doc_id"] == doc_id).iter_rows(named=True)}
    if rows[a]["src_text_sha256"] != rows[b]["src_text_sha256"]:
        raise CorpusError(
            f"translations {a!r} and {b!r} of {doc_id!r} were aligned with different source texts; "
            "align both against the same original",
            path=corpus.path,
        )
    a_segs = corpus.read_segments(doc_id=doc_id, translation_id=a).to_dicts()
    b_segs = corpus.read_segments(doc_id=doc_id, translation_id=b).to_dicts()
    labels = (a, b)
    langs = (rows[a]["src_lang"], rows[a]["tgt_lang"])
    return Comparison(doc_id, a, b, compare_segments(a_segs, b_segs, labels, langs, glossary))


def compare_segments(
    a_segs: Sequence[Mapping[str, Any]],
    b_segs: Sequence[Mapping[str, Any]],
    labels: tuple[str, str] = ("A", "B"),
    langs: tuple[str, str] = ("ru", "en"),
    glossary: Any = None,
) -> tuple[PivotRow, ...]:
    """The pivot rows of two translations' segment rows (``segments`` columns, in order)."""
    grouped = pivot_groups(a_segs, b_segs)
    rows = []
    for row_no, (a_group, b_group) in enumerate(grouped):
        src_ids = tuple(sorted({i for seg in [*a_group, *b_group] for i in seg["src_sent_ids"]}))
        src = " ".join(seg["src_text"] for seg in a_group if seg["src_sent_ids"])
        a_text = " ".join(seg["tgt_text"] for seg in a_group if seg["tgt_text"])
        b_text = " ".join(seg["tgt_text"] for seg in b_group if seg["tgt_text"])
        differences = _differences(src, a_group, b_group, a_text, b_text, labels, langs, glossary)
        rows.append(
            PivotRow(
                row_no=row_no,
                src_sent_ids=src_ids,
                src=src,
                a_seg_nos=tuple(seg["seg_no"] for seg in a_group),
                a=a_text,
                b_seg_nos=tuple(seg["seg_no"] for seg in b_group),
                b=b_text,
                differences=differences,
                word_diff=word_diff(a_text, b_text),
            )
        )
    return tuple(rows)


def pivot_groups(
    a_segs: Sequence[Mapping[str, Any]], b_segs: Sequence[Mapping[str, Any]]
) -> list[tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]]:
    """Group the segments of A and B into rows over shared source edges (see the module doc)."""
    cuts = sorted(_edges(a_segs) & _edges(b_segs))
    keyed: dict[tuple[int, int], tuple[list, list]] = {}
    for side, segs in enumerate((a_segs, b_segs)):
        position = 0
        for seg in segs:
            ids = seg["src_sent_ids"]
            if ids:
                key = (cuts[bisect_right(cuts, min(ids)) - 1], 1)
                position = max(ids) + 1
            elif position in cuts:
                key = (position, 0)
            else:
                key = (cuts[bisect_right(cuts, position) - 1], 1)
            keyed.setdefault(key, ([], []))[side].append(seg)
    return [keyed[key] for key in sorted(keyed)]


def _edges(segs: Sequence[Mapping[str, Any]]) -> set[int]:
    edges = {0}
    for seg in segs:
        ids = seg["src_sent_ids"]
        if ids:
            edges.update((min(ids), max(ids) + 1))
    return edges


def word_diff(a: str, b: str) -> tuple[tuple[str, str, str], ...]:
    """Word-level opcodes turning ``a`` into ``b`` (words are whitespace-separated)."""
    a_words, b_words = a.split(), b.split()
    matcher = difflib.SequenceMatcher(a=a_words, b=b_words, autojunk=False)
    return tuple(
        (op, " ".join(a_words[i1:i2]), " ".join(b_words[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def _differences(
    src: str,
    a_group: Sequence[Mapping[str, Any]],
    b_group: Sequence[Mapping[str, Any]],
    a_text: str,
    b_text: str,
    labels: tuple[str, str],
    langs: tuple[str, str],
    glossary: Any,
) -> tuple[Difference, ...]:
    found: list[Difference] = []
    found += _omissions(a_group, b_group, labels)
    found += _additions(a_group, b_group, labels)
    found += _numbers(src, a_text, b_text, labels, langs)
    if glossary is not None:
        terms, person_spans = _glossary_terms(src, a_text, b_text, labels, langs, glossary)
        found += terms
    else:
        found += _stored_terms(a_group, b_group, labels)
        person_spans = []
    found += _names(src, a_text, b_text, labels, langs, person_spans)
    order = {kind: k for k, kind in enumerate(COMPARE_KINDS)}
    return tuple(sorted(found, key=lambda d: order[d.kind]))


def _omissions(a_group, b_group, labels) -> list[Difference]:
    left = [sorted(i for seg in group if not seg["tgt_text"] for i in seg["src_sent_ids"]) for group in (a_group, b_group)]
    found = []
    for k in (0, 1):
        only = [i for i in left[k] if i not in left[1 - k]]
        if only:
            found.append(
                Difference(
                    "omission",
                    f"{labels[k]} leaves source sentence(s) {', '.join(map(str, only))} untranslated; "
                    f"{labels[1 - k]} translates them",
                )
            )
    return found


def _additions(a_group, b_group, labels) -> list[Difference]:
    groups = (a_group, b_group)
    added = [" ".join(seg["tgt_text"] for seg in group if not seg["src_sent_ids"] and seg["tgt_text"]) for group in groups]
    texts = [" ".join(seg["tgt_text"] for seg in group if seg["src_sent_ids"] and seg["tgt_text"]) for group in groups]
    notes = [
        [note for note in (" ".join(text[s.start : s.end].split()) for s in find_editorial_spans(text))
         if len(note.split()) >= MIN_NOTE_WORDS]
        for text in texts
    ]
    found = []
    for k in (0, 1):
        if added[k] and not added[1 - k]:
            found.append(Difference("addition", f"{labels[k]} adds: {added[k]}"))
        # A note merged into a bead with source sentences (a 1-2 bead) is an addition too,
        # unless the other translation has a note like it (the same note, worded otherwise).
        others = [*notes[1 - k], added[1 - k]]
        for note in notes[k]:
            if not any(_similar(note, other) for other in others if other):
                found.append(Difference("addition", f"{labels[k]} adds: {note}"))
    return found


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(a=a.split(), b=b.split(), autojunk=False).ratio() >= SAME_NOTE_RATIO


def _numbers(src: str, a: str, b: str, labels, langs) -> list[Difference]:
    src_tokens = extract_numbers(src, langs[0])
    a_tokens, b_tokens = extract_numbers(a, langs[1]), extract_numbers(b, langs[1])
    found = []
    for kind, keep in (("date_mismatch", is_date), ("number_mismatch", lambda t: not is_date(t))):
        a_count = Counter(t for t in a_tokens if keep(t))
        b_count = Counter(t for t in b_tokens if keep(t))
        if a_count == b_count:
            continue
        a_only, b_only = sorted((a_count - b_count).elements()), sorted((b_count - a_count).elements())
        source = sorted({t for t in src_tokens if keep(t)} & set(a_only + b_only))
        parts = [f"{labels[0]} only: {', '.join(a_only) or '-'}", f"{labels[1]} only: {', '.join(b_only) or '-'}"]
        parts.append(f"source has: {', '.join(source) or '-'}")
        found.append(Difference(kind, "; ".join(parts)))
    return found


def _stored_terms(a_group, b_group, labels) -> list[Difference]:
    a_terms = {t for seg in a_group for t in seg["tgt_terms"] or ()}
    b_terms = {t for seg in b_group for t in seg["tgt_terms"] or ()}
    if a_terms == b_terms:
        return []
    return [
        Difference(
            "term_mismatch",
            f"{labels[0]} only: {', '.join(sorted(a_terms - b_terms)) or '-'}; "
            f"{labels[1]} only: {', '.join(sorted(b_terms - a_terms)) or '-'}",
        )
    ]


def _glossary_terms(src, a, b, labels, langs, glossary) -> tuple[list[Difference], list[tuple[int, int]]]:
    """Per source term: how A and B render it; and the source spans of person terms."""
    terms = {t.term_id: t for t in reversed(glossary.terms)}
    src_hits = match_terms(glossary, src, langs[0]) if src else []
    a_forms, b_forms = renderings_in(glossary, a, langs[1]), renderings_in(glossary, b, langs[1])
    found, persons, seen = [], [], set()
    for hit in src_hits:
        term = terms.get(hit.term_id)
        if term is None:
            continue
        if term.category == "person":
            persons.append((hit.start, hit.end))
        if hit.term_id in seen:
            continue
        seen.add(hit.term_id)
        in_a, in_b = a_forms.get(hit.term_id, []), b_forms.get(hit.term_id, [])
        if _ways(term, in_a) == _ways(term, in_b):
            continue
        kind = "name_mismatch" if term.category == "person" else "term_mismatch"
        found.append(
            Difference(
                kind,
                f"{hit.term_id} ({src[hit.start:hit.end]}): {labels[0]} {_quoted(in_a)}, {labels[1]} {_quoted(in_b)}",
            )
        )
    return found, persons


def _ways(term: Any, forms: list[str]) -> set[str]:
    """The ways a term is rendered: all preferred renderings are one way (as in ``terms``)."""
    return {"preferred" if term.status_of(form) is Status.PREFERRED else form for form in forms}


def _quoted(forms: list[str]) -> str:
    return ", ".join(f"'{form}'" for form in dict.fromkeys(forms)) or "none"


def _names(src, a, b, labels, langs, skip_spans) -> list[Difference]:
    """Source names beyond the glossary, looked up in A and in B by name key."""
    a_names = [a[k.start : k.end] for k in name_keys(a, langs[1])]
    b_names = [b[k.start : k.end] for k in name_keys(b, langs[1])]
    found = []
    for key in name_keys(src, langs[0]):
        if any(start < key.end and key.start < end for start, end in skip_spans):
            continue
        name = src[key.start : key.end]
        picks = []
        for names in (a_names, b_names):
            best = max(names, key=lambda n: names_match(name, n), default=None)
            picks.append(best if best is not None and names_match(name, best) >= NAME_MATCH_THRESHOLD else None)
        if picks[0] is None and picks[1] is None:
            continue  # not a name either translation renders (a capitalised word, a title)
        if picks[0] != picks[1]:
            shown = [f"'{p}'" if p else "none" for p in picks]
            found.append(Difference("name_mismatch", f"{name}: {labels[0]} {shown[0]}, {labels[1]} {shown[1]}"))
    return found
