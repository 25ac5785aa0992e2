"""Borrowed training pairs: what a small document's lexicon learns from the corpus it joins.

A 30-sentence cable has about 25 confident 1-1 pairs of its own: too few for IBM Model 1
(``lexical.py``) to learn more than a few words. The corpus the document is added to already
holds thousands of confidently aligned sentence pairs in the same language pair; a small
document's lexicon is trained on those as well as on its own first pass (issue #4: "small
documents borrow the model of the corpus they are added to").

Conventions:

- A pair is borrowable when it is a live 1-1 segment of a document in the same language pair
  (``documents.src_lang``/``tgt_lang``), with ``confidence >= MIN_CONFIDENCE`` and no
  ``low_confidence`` flag, or marked ``reviewed`` by a person; and when it is not a pair of
  the document being (re)aligned, keyed ``(doc_id, translation_id)``: a re-alignment never
  learns from its own earlier beads.
- At most ``MAX_BORROWED_PAIRS``, taken evenly over the selection in ``(doc_id,
  translation_id, seg_no)`` order: every part of the corpus contributes and the choice is
  deterministic (the same corpus version gives the same pairs).
- Words are tokenized exactly as the aligner's own features are (``Language.words`` of the
  segment text, which for a 1-1 segment is its one sentence), so the lexicon's word units
  agree.
- Only documents under ``BORROW_BELOW`` sentences on both sides borrow (``qualifies``).

This module is pure: ``select_borrowable`` filters frames it is given (polars, imported when
called); ``aligner.store.borrowing`` reads them from a corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

#: Least confidence of a borrowable segment (the calibrated "right at least 95% of the time"
#: level of issue #4).
MIN_CONFIDENCE = 0.9

#: Most pairs borrowed. More help (issue #4 report: bible-JAS-perturbed 0.959 strict F1 alone,
#: 0.974 / 0.985 / 1.000 borrowing 500 / 2,000 / 4,250 pairs of other books). The pairs' model
#: is trained once per process (``lexical.corpus_lexicon``: about 0.15 s per 1,000 pairs; a
#: batch worker shares it between its documents); each small document then adds under 0.1 s.
MAX_BORROWED_PAIRS = 5_000

#: Documents with fewer sentences than this on both sides borrow. Measured on dev, each
#: document borrowing from the other books' documents (issue #4 report): every document of
#: 22 to 941 sentences kept or raised its F1 (up to +0.04 strict); the two of 1,006 sentences
#: lost one bead each (own pairs are then plentiful) and a long document pays the most for it.
BORROW_BELOW = 1_000

#: Key of a document translation: ``(doc_id, translation_id)``.
DocKey = tuple[str, str]


@dataclass(frozen=True, slots=True)
class BorrowedPairs:
    """Sentence pairs from a corpus, as word lists, with the document each came from.

    :param src_words: per pair, the source sentence's words (``Language.words``).
    :param tgt_words: per pair, the target sentence's words.
    :param sources: per pair, the ``(doc_id, translation_id)`` it was taken from.
    :param src_lang: the source language of every pair; :param tgt_lang: the target's.
    """

    src_words: tuple[tuple[str, ...], ...]
    tgt_words: tuple[tuple[str, ...], ...]
    sources: tuple[DocKey, ...]
    src_lang: str
    tgt_lang: str

    def __post_init__(self) -> None:
        if not len(self.src_words) == len(self.tgt_words) == len(self.sources):
            raise ValueError("borrowed pairs need as many source and target sentences and sources")

    def __len__(self) -> int:
        return len(self.src_words)

    def without(self, key: DocKey) -> BorrowedPairs:
        """The pairs not taken from document ``key`` (itself when it gave none)."""
        keep = [k for k, source in enumerate(self.sources) if source != key]
        if len(keep) == len(self.sources):
            return self
        return BorrowedPairs(
            tuple(self.src_words[k] for k in keep), tuple(self.tgt_words[k] for k in keep),
            tuple(self.sources[k] for k in keep), self.src_lang, self.tgt_lang,
        )

    def serves(self, src_lang: str, tgt_lang: str) -> bool:
        """Whether these pairs can teach a document of this language pair anything."""
        return (self.src_lang, self.tgt_lang) == (src_lang, tgt_lang) and len(self) > 0


#: What a caller offers: the pairs, or a function that reads them only when a document qualifies
#: (``aligner align --corpus`` reads the corpus only for a small document).
BorrowSource = BorrowedPairs | Callable[[], BorrowedPairs | None]


def for_document(source: BorrowSource | None, key: DocKey, src_lang: str, tgt_lang: str, n_src: int,
                 n_tgt: int, lexical: str = "prefix") -> BorrowedPairs | None:
    """The pairs a document borrows from ``source``: none for a document that does not
    qualify, or aligned without a lexicon (``lexical == "none"``); never its own pairs (``key``)
    nor pairs of another language pair."""
    if source is None or lexical == "none" or not qualifies(n_src, n_tgt):
        return None
    pairs = source() if callable(source) else source
    if pairs is None:
        return None
    pairs = pairs.without(key)
    return pairs if pairs.serves(src_lang, tgt_lang) else None


def qualifies(n_src: int, n_tgt: int, below: int = BORROW_BELOW) -> bool:
    """Whether a document of ``n_src``/``n_tgt`` sentences borrows (fewer than ``below`` a side)."""
    return max(n_src, n_tgt) < below


def even_sample(count: int, limit: int) -> list[int]:
    """Indices of at most ``limit`` of ``count`` items, evenly spread, first and last included."""
    if count <= limit:
        return list(range(count))
    if limit <= 1:
        return [0] if limit == 1 else []
    return [round(k * (count - 1) / (limit - 1)) for k in range(limit)]


def select_borrowable(
    segments: pl.LazyFrame,
    documents: pl.DataFrame,
    src_lang: str,
    tgt_lang: str,
    *,
    exclude: DocKey | None = None,
    limit: int = MAX_BORROWED_PAIRS,
) -> list[tuple[DocKey, str, str]]:
    """``(doc key, source text, target text)`` of the borrowable pairs (see the module doc).

    :param segments: live ``segments`` rows (``Corpus.scan_segments``).
    :param documents: live ``documents`` rows (``Corpus.read_documents``).
    """
    import polars as pl

    docs = documents.filter((pl.col("src_lang") == src_lang) & (pl.col("tgt_lang") == tgt_lang))
    if exclude is not None:
        docs = docs.filter((pl.col("doc_id") != exclude[0]) | (pl.col("translation_id") != exclude[1]))
    if docs.is_empty():
        return []
    confident = (pl.col("confidence") >= MIN_CONFIDENCE) & ~pl.col("flags").list.contains("low_confidence")
    rows = (
        segments.join(docs.lazy().select("doc_id", "translation_id"), on=["doc_id", "translation_id"], how="semi")
        .filter((pl.col("bead") == "1-1") & (confident.fill_null(False) | pl.col("reviewed").fill_null(False)))
        .select("doc_id", "translation_id", "seg_no", "src_text", "tgt_text")
        .sort("doc_id", "translation_id", "seg_no")
        .collect()
    )
    keep = even_sample(rows.height, limit)
    picked = rows[keep] if len(keep) < rows.height else rows
    # One key object per document, not one per pair (the pairs are shipped to batch workers).
    keys: dict[DocKey, DocKey] = {}
    return [
        (keys.setdefault((d, t), (d, t)), s, g)
        for d, t, s, g in picked.select("doc_id", "translation_id", "src_text", "tgt_text").iter_rows()
    ]


def borrowed_pairs(rows: Iterable[tuple[DocKey, str, str]], src_lang: str, tgt_lang: str) -> BorrowedPairs:
    """Tokenize ``(doc key, source text, target text)`` rows as the aligner's features are."""
    from aligner.lang import get_language

    src, tgt = get_language(src_lang), get_language(tgt_lang)
    rows = list(rows)
    return BorrowedPairs(
        tuple(tuple(src.words(s)) for _, s, _ in rows),
        tuple(tuple(tgt.words(t)) for _, _, t in rows),
        tuple(key for key, _, _ in rows),
        src_lang,
        tgt_lang,
    )


def words_of(pairs: BorrowedPairs | None) -> tuple[Sequence[Sequence[str]], Sequence[Sequence[str]]]:
    """The borrowed source and target sentences (empty without pairs)."""
    return ((), ()) if pairs is None else (pairs.src_words, pairs.tgt_words)
