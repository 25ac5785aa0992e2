"""Per-sentence features for one side of a document, computed once and turned into arrays.

The bead search never sees sentences: it sees these arrays. Features of a multi-sentence
bead are built from the per-sentence ones (length sums, anchor set unions), never by
re-reading text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np


@dataclass(frozen=True, slots=True)
class SideFeatures:
    """Features of the sentences of one side, index = ``sent_no``.

    :param lengths: characters outside editorial brackets, at least 1 (float64, shape (n,)).
    :param anchors: per sentence, the anchor keys it holds (``num:1956-09-22``,
        ``term:kim-il-sung``, ``name:pen dehuai``); keys mean the same on both sides.
    :param para_start: True where a sentence opens a paragraph (shape (n,)); all False when
        paragraph breaks are unknown.
    :param editorial: True where a sentence is only an editorial bracket.
    :param words: per sentence, lowercased word tokens for the lexical model.
    """

    lengths: np.ndarray
    anchors: tuple[tuple[str, ...], ...]
    para_start: np.ndarray
    editorial: np.ndarray
    words: tuple[tuple[str, ...], ...]

    @property
    def n(self) -> int:
        return int(self.lengths.size)

    @property
    def has_paragraphs(self) -> bool:
        return bool(self.para_start[1:].any()) if self.n > 1 else False


def build_side_features(
    lengths: Sequence[int],
    anchors: Sequence[Sequence[str]],
    para_nos: Sequence[int],
    editorial: Sequence[bool],
    words: Sequence[Sequence[str]],
) -> SideFeatures:
    """Arrays from per-sentence values; ``para_nos`` are the sentences' paragraph numbers."""
    n = len(lengths)
    if not (len(anchors) == len(para_nos) == len(editorial) == len(words) == n):
        raise ValueError("per-sentence feature lists differ in length")
    para = np.asarray(para_nos, dtype=np.int64)
    para_start = np.zeros(n, dtype=bool)
    if n:
        para_start[0] = True
        para_start[1:] = para[1:] != para[:-1]
    return SideFeatures(
        lengths=np.maximum(np.asarray(lengths, dtype=np.float64), 1.0),
        anchors=tuple(tuple(sorted(set(a))) for a in anchors),
        para_start=para_start,
        editorial=np.asarray(editorial, dtype=bool),
        words=tuple(tuple(w) for w in words),
    )


def coarsen(side: SideFeatures, factor: int) -> tuple[SideFeatures, np.ndarray]:
    """Merge runs of ``factor`` consecutive sentences into one unit (for coarse-to-fine search).

    :returns: the coarse features and, per coarse unit, the index of its first fine sentence.
    """
    starts = np.arange(0, side.n, factor)
    sums = np.add.reduceat(side.lengths, starts) if side.n else side.lengths
    anchors = tuple(
        tuple(sorted({k for a in side.anchors[s : s + factor] for k in a})) for s in starts
    )
    words = tuple(tuple(chain.from_iterable(side.words[s : s + factor])) for s in starts.tolist())
    coarse = SideFeatures(
        lengths=sums,
        anchors=anchors,
        para_start=np.zeros(starts.size, dtype=bool),
        editorial=np.zeros(starts.size, dtype=bool),
        words=words,
    )
    return coarse, starts
