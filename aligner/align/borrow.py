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
  a document the reader was told to leave out, keyed ``(doc_id, translation_id)``.
- Exclusion happens once, when the pairs are read (``exclude``): a reader function is given
  the document's key and leaves it out (a re-alignment never learns from its own earlier
  beads); pairs read ahead for many documents (a batch) leave out every document of them (a
  resumed batch then borrows exactly what an uninterrupted one did). ``for_document`` only
  checks: pairs holding the document's own are a caller's bug. So one ``BorrowedPairs`` object
  is shared by every document that borrows it, and so is the lexicon trained on it
  (``lexical.corpus_lexicon``).
- At most ``MAX_BORROWED_PAIRS``, taken evenly over the selection in ``(doc_id,
  translation_id, seg_no)`` order: every part of the corpus contributes and the choice is
  deterministic (the same corpus version gives the same pairs).
- Words are tokenized exactly as the aligner's own features are (``Language.words`` of the
  segment text, which for a 1-1 segment is its one sentence), so the lexicon's word units
  agree.
- Only documents under ``BORROW_BELOW`` sentences on both sides borrow (``qualifies``).

This module is pure (no polars, no corpus): ``aligner.store.borrowing`` selects and reads the
pairs from a corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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

    def serves(self, src_lang: str, tgt_lang: str) -> bool:
        """Whether these pairs can teach a document of this language pair anything."""
        return (self.src_lang, self.tgt_lang) == (src_lang, tgt_lang) and len(self) > 0


#: What a caller offers: the pairs (read leaving out every document they will serve), or a
#: function of the document's key that reads them leaving that document out, called only when
#: the document qualifies (``aligner align --corpus`` reads the corpus only for a small document).
BorrowSource = BorrowedPairs | Callable[[DocKey], BorrowedPairs | None]


def for_document(source: BorrowSource | None, key: DocKey, src_lang: str, tgt_lang: str, n_src: int,
                 n_tgt: int, lexical: str = "prefix") -> BorrowedPairs | None:
    """The pairs a document borrows from ``source`` (the same object, never a filtered copy):
    none for a document that does not qualify, or aligned without a lexicon (``lexical ==
    "none"``), nor pairs of another language pair.

    :raises ValueError: the pairs hold some of document ``key``'s own (they were read without
        leaving it out: see the module doc).
    """
    if source is None or lexical == "none" or not qualifies(n_src, n_tgt):
        return None
    pairs = source(key) if callable(source) else source
    if pairs is None or not pairs.serves(src_lang, tgt_lang):
        return None
    if key in pairs.sources:
        raise ValueError(f"the borrowed pairs hold document {key}'s own: read them with exclude")
    return pairs


def qualifies(n_src: int, n_tgt: int) -> bool:
    """Whether a document of ``n_src``/``n_tgt`` sentences borrows (fewer than ``BORROW_BELOW`` a side)."""
    return max(n_src, n_tgt) < BORROW_BELOW


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
