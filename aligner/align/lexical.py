"""A translation lexicon learned from the document itself, and the bead evidence it gives.

Moore (2002) and hunalign's realign both learn word translations from the first pass's
confident beads. We train IBM Model 1 in both directions over word units (``units.py``:
lowercased word prefixes, or the pieces of a joint sentencepiece model, so a word may give
several units; either way Russian inflections share a unit, and rare names still match), then
project each
sentence into the other language's unit space as the expected bag of translations. Sentences
and runs of sentences become hashed vectors (sparse rows, ``sparse.py``), so a bead's
similarity is a cosine built from single-sentence dot products over the band and from sums (a
2-1 bead's vector is the sum of its sentences' vectors). A logistic regression of "confident bead" against "shifted, unrelated
pair" turns the two cosines into a log-likelihood ratio, so lexical evidence needs no
hand-set weight. A small document's lexicon also learns from sentence pairs borrowed from the
corpus it joins (``borrow.py``): their model's counts (``CorpusLexicon``) join every fold's.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

import numba
import numpy as np
from numba import njit, prange

from aligner.align.search import PARALLEL_CELLS
from aligner.align.sparse import SparseRows, accumulate_rows, banded_dots, concat_rows, pair_dots
from aligner.align.units import PREFIX_LENGTH, PrefixUnits, WordUnits

if TYPE_CHECKING:
    from aligner.align.borrow import BorrowedPairs

#: EM iterations of IBM Model 1.
MODEL1_ITERATIONS = 5

#: Translations kept per source unit when projecting (the tail is noise).
TOP_TRANSLATIONS = 8

#: Translations a borrowed model gives a source unit besides the document's own units
#: (``CorpusLexicon.prior``); the rest of its count goes to a sink, so the kept ones keep their
#: probabilities. A frequent word links to thousands of units; a table keeps
#: ``TOP_TRANSLATIONS`` of them anyway.
PRIOR_TRANSLATIONS = 64

#: A sentence's lexical evidence counts ``1 - exp(-units / INFORMATION_UNITS)`` of its full
#: weight (units: distinct hashed units; one per word with prefixes, a few with sentencepiece): a heading or a fragment of a unit or two says little either way (issue #9: Text+Berg's
#: "Literatur :" or "Lager 4 !" were dropped rather than merged for their empty cosines).
INFORMATION_UNITS = 2.0

#: Width of the hashed unit space.
HASH_DIM = 1024

#: The evidence is clipped to this many nats either way: no single cue should decide alone.
MAX_LEXICAL_LLR = 12.0

#: Nats a sentence's lexical evidence may count against a bead: a sentence the lexicon cannot
#: explain (a gloss, a name the translator spelled out) is weak evidence of misalignment.
LEXICAL_FLOOR = 2.0

#: Most confident pairs a lexicon is trained on; a longer document's pairs are thinned evenly
#: (issue #5: keeps a 100,000-sentence document's training in seconds and its candidate links
#: in a few hundred MB; the dev documents have at most about 4,500 pairs and are unaffected).
MAX_TRAINING_PAIRS = 6_000

#: Threads training a round's lexicons (one per direction); never more than numba may use (a
#: batch worker process is given one).
TRAINING_THREADS = 2

#: Above this many candidate links per direction (about 60 bytes each, plus 16 per fold, while
#: training), the directions train one at a time: two at once would double a very long
#: document's peak memory.
THREADED_LINKS = 4_000_000

#: Sentences projected at once (bounds the memory of a long document's projection).
PROJECT_BLOCK = 8_192


class Vocabulary:
    """Unit strings to dense ids, one per side, in order of first appearance.

    Words are turned into units (by ``units``, prefixes by default) once per distinct word
    (``word_ids``: a word's unit ids, in order; none for a word without letters or digits),
    not once per token.
    """

    def __init__(self, units: WordUnits | None = None) -> None:
        self.units: WordUnits = units if units is not None else PrefixUnits()
        self.ids: dict[str, int] = {}
        self.word_ids: dict[str, tuple[int, ...]] = {}
        self.origin: Vocabulary | None = None

    def encode(self, units: Sequence[str]) -> np.ndarray:
        ids = self.ids
        return np.fromiter((ids.setdefault(u, len(ids)) for u in units), dtype=np.int64, count=len(units))

    def encode_sentences(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Unit ids of each sentence's words (its ``units`` of each word, new units added)."""
        word_ids, ids = self.word_ids, self.ids
        flat = [w for words in sentences for w in words]
        missing = [w for w in dict.fromkeys(flat) if w not in word_ids]
        for word, units in zip(missing, self.units.units_of(missing)):
            word_ids[word] = tuple(ids.setdefault(u, len(ids)) for u in units)
        per_word = [word_ids[w] for w in flat]
        counts = np.fromiter(map(len, per_word), dtype=np.int64, count=len(per_word))
        unit_ids = np.fromiter(chain.from_iterable(per_word), dtype=np.int64, count=int(counts.sum()))
        # Each sentence's units end where its last word's do.
        word_ends = np.cumsum([len(words) for words in sentences], dtype=np.int64)
        unit_ends = np.concatenate(([0], np.cumsum(counts)))[word_ends[:-1]]
        return np.split(unit_ids, unit_ends) if len(sentences) else []

    def copy(self) -> Vocabulary:
        """An independent copy; ``origin`` remembers the vocabulary it was copied from."""
        out = Vocabulary(self.units)
        out.ids = dict(self.ids)
        out.word_ids = dict(self.word_ids)
        out.origin = self.origin or self
        return out

    def __len__(self) -> int:
        return len(self.ids)


#: Recently encoded sides: (words, vocabulary, unit ids per sentence). A document's words are
#: encoded once for all its lexical rounds (the same ``SideFeatures.words`` object each time).
_RECENT_SIDES: list[tuple[Sequence[Sequence[str]], Vocabulary, list[np.ndarray]]] = []
_RECENT_LIMIT = 4

#: The default units.
_PREFIX = PrefixUnits()


def encode_side(words: Sequence[Sequence[str]],
                units: WordUnits | None = None) -> tuple[Vocabulary, list[np.ndarray]]:
    """A fresh vocabulary of one side's words (in ``units``, prefixes by default) and each
    sentence's unit ids (cached by identity of words and units; callers must not change the
    returned objects)."""
    units = units if units is not None else _PREFIX
    for seen, vocab, encoded in _RECENT_SIDES:
        if seen is words and vocab.units == units:
            return vocab, encoded
    vocab = Vocabulary(units)
    encoded = vocab.encode_sentences(words)
    _RECENT_SIDES.insert(0, (words, vocab, encoded))
    del _RECENT_SIDES[_RECENT_LIMIT:]
    return vocab, encoded


@dataclass(frozen=True, slots=True)
class TranslationTable:
    """Sparse P(target unit | source unit), grouped by source unit (CSR layout)."""

    indptr: np.ndarray  # shape (n_source_units + 1,)
    targets: np.ndarray
    probs: np.ndarray

    def contributions(self, sentences: Sequence[np.ndarray], signs: np.ndarray, buckets: np.ndarray,
                      rows_of: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, bucket, value) of every expected translation of every unit, in order:
        sentence ``k`` goes to row ``rows_of[k]``; units the table does not know add nothing."""
        if not len(sentences):
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
        sent_of = np.repeat(rows_of, [s.size for s in sentences])
        units = np.concatenate(sentences)
        known = units < self.indptr.size - 1
        sent_of, units = sent_of[known], units[known]
        starts, ends = self.indptr[units], self.indptr[units + 1]
        counts = ends - starts
        rows = np.repeat(sent_of, counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        entries = np.repeat(starts, counts) + offsets
        tgt = self.targets[entries]
        vals = self.probs[entries] * signs[tgt]
        return rows, buckets[tgt], vals.astype(np.float32)

    def project(self, sentences: Sequence[np.ndarray], signs: np.ndarray, buckets: np.ndarray) -> SparseRows:
        """Hashed expected-translation vectors, one row per sentence (``HASH_DIM`` columns)."""
        rows, cols, vals = self.contributions(sentences, signs, buckets, np.arange(len(sentences)))
        return accumulate_rows(rows, cols, vals, len(sentences), HASH_DIM)


def train_model1(
    src: Sequence[np.ndarray],
    tgt: Sequence[np.ndarray],
    n_src: int,
    n_tgt: int,
    weights: Sequence[float] | None = None,
) -> TranslationTable:
    """IBM Model 1 P(t | s) with a NULL source unit, trained by EM on sentence pairs.

    :param src: per pair, source unit ids; :param tgt: per pair, target unit ids.
    :param weights: per pair, how much its expected counts weigh (default 1).
    """
    return train_model1_folds(src, tgt, n_src, n_tgt, np.zeros(len(src), dtype=np.int64), 1, weights)[0]


def train_model1_folds(
    src: Sequence[np.ndarray],
    tgt: Sequence[np.ndarray],
    n_src: int,
    n_tgt: int,
    pair_fold: np.ndarray,
    folds: int,
    weights: Sequence[float] | None = None,
    prior: LinkCounts | None = None,
) -> list[TranslationTable]:
    """One Model 1 table per fold ``k``, trained on the pairs with ``pair_fold != k`` (on all
    pairs when ``folds == 1``).

    The candidate links (a sort of every link of every pair) are built once, and one EM pass
    trains every fold, skipping a fold's held-out pairs: exactly training without them.

    :param prior: expected link counts learned elsewhere (``model1_counts``: the pairs a
        document borrows), added to every fold's counts at every EM step; target ``n_tgt`` is
        a sink that only takes probability mass.
    """
    null = n_src
    pair_weights = np.ones(len(src)) if weights is None else np.asarray(weights, dtype=np.float64)
    keys, occ_arr, pair_of = candidate_links(src, tgt, n_src, n_tgt)
    if prior is not None and prior.counts.size:
        # Each prior link is a pseudo-pair of one token with one candidate link, weighted by
        # its count: every E-step gives it exactly that count. Its fold, -1, is never held out.
        extra = prior.counts.size
        keys = np.concatenate([keys, prior.src * (n_tgt + 1) + prior.tgt])
        occ_arr = np.concatenate([occ_arr, (occ_arr[-1] + 1 if occ_arr.size else 0) + np.arange(extra)])
        pair_of = np.concatenate([pair_of, len(src) + np.arange(extra)])
        pair_weights = np.concatenate([pair_weights, prior.counts])
        pair_fold = np.concatenate([np.asarray(pair_fold, dtype=np.int64), np.full(extra, -1, dtype=np.int64)])
    if keys.size == 0:
        empty = TranslationTable(np.zeros(n_src + 2, dtype=np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
        return [empty] * folds
    uniq, inverse = _unique_inverse(keys)
    inverse = inverse.astype(np.int64)
    u_src = (uniq // (n_tgt + 1)).astype(np.int64)
    u_tgt = uniq % (n_tgt + 1)
    del keys, uniq

    occ_fold = np.full(pair_of.size, -1, dtype=np.int64) if folds == 1 else np.asarray(pair_fold, np.int64)[pair_of]
    # Every fold's EM in one pass: a link's probabilities under the folds sit side by side in
    # memory, so each token's candidate links are read once, not once per fold.
    probs = _model1_em_folds(inverse, occ_arr, pair_weights[pair_of], occ_fold, u_src, u_src.size, n_src + 1,
                             1.0 / max(n_tgt, 1), MODEL1_ITERATIONS, folds)

    def fold_table(k: int) -> TranslationTable:
        prob = np.ascontiguousarray(probs[:, k])
        # Keep the best translations of each real source unit, in CSR order (ties: the lower
        # target unit first, as a stable sort of the key-ordered links gives); links seen only
        # in held-out pairs have probability 0 and are dropped, and so is a prior's sink
        # (target ``n_tgt``: the mass of the translations it left out).
        real = (u_src < null) & (u_tgt < n_tgt) & (prob > 0)
        src_k, tgt_k, prob_k = u_src[real], u_tgt[real], prob[real]
        keep = _top_per_source(src_k, prob_k, TOP_TRANSLATIONS)
        src_k, tgt_k, prob_k = src_k[keep], tgt_k[keep], prob_k[keep]
        indptr = np.zeros(n_src + 1, dtype=np.int64)
        np.add.at(indptr, src_k + 1, 1)
        return TranslationTable(np.cumsum(indptr), tgt_k, prob_k)

    return [fold_table(k) for k in range(folds)]


@dataclass(frozen=True, slots=True)
class LinkCounts:
    """Expected counts of Model 1 links ``(src[k], tgt[k])`` (source ``n_src`` is NULL)."""

    src: np.ndarray
    tgt: np.ndarray
    counts: np.ndarray


def model1_counts(src: Sequence[np.ndarray], tgt: Sequence[np.ndarray], n_src: int, n_tgt: int) -> LinkCounts:
    """What Model 1 trained on these pairs learned, as the expected link counts of one more
    E-step (the counts its next table would normalise), ordered by source unit (NULL is
    ``n_src``), for ``train_model1_folds(prior=...)``.
    """
    keys, occ, _ = candidate_links(src, tgt, n_src, n_tgt)
    if keys.size == 0:
        return LinkCounts(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    uniq, inverse = _unique_inverse(keys)
    inverse = inverse.astype(np.int64)
    u_src = (uniq // (n_tgt + 1)).astype(np.int64)
    prob = _model1_em_folds(inverse, occ, np.ones(keys.size), np.full(keys.size, -1, dtype=np.int64), u_src,
                            uniq.size, n_src + 1, 1.0 / max(n_tgt, 1), MODEL1_ITERATIONS, 1)[:, 0]
    linked = prob[inverse]
    counts = np.bincount(inverse, linked / np.bincount(occ, linked)[occ], minlength=uniq.size)
    keep = counts > 0
    return LinkCounts(u_src[keep], (uniq % (n_tgt + 1))[keep].astype(np.int64), counts[keep])


def candidate_links(src: Sequence[np.ndarray], tgt: Sequence[np.ndarray], n_src: int,
                    n_tgt: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (source unit or NULL ``n_src``, target unit) candidate link of every target token of
    the pairs ``(src[k], tgt[k])``, in pair order, target token outer and source unit inner: its
    key ``s * (n_tgt + 1) + t``, its target token number and its pair number."""
    s_ptr = np.concatenate(([0], np.cumsum([x.size for x in src]))).astype(np.int64)
    t_ptr = np.concatenate(([0], np.cumsum([x.size for x in tgt]))).astype(np.int64)
    s_flat = np.concatenate(list(src)).astype(np.int64) if len(src) else np.zeros(0, dtype=np.int64)
    t_flat = np.concatenate(list(tgt)).astype(np.int64) if len(tgt) else np.zeros(0, dtype=np.int64)
    return _link_keys(s_ptr, s_flat, t_ptr, t_flat, n_src, n_tgt + 1)


def _unique_inverse(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_inverse=True)`` for non-negative int64 keys, by one plain sort
    of (key, position) packed into one integer (a plain sort is several times faster than
    the argsort ``np.unique`` runs)."""
    shift = max(int(keys.size).bit_length(), 1)
    if keys.size == 0 or int(keys.max()) >= 1 << (62 - shift):
        return np.unique(keys, return_inverse=True)
    packed = np.sort((keys << shift) | np.arange(keys.size, dtype=np.int64))
    order = packed & ((1 << shift) - 1)
    ordered = packed >> shift
    starts = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    inverse = np.empty(keys.size, dtype=np.int64)
    inverse[order] = np.cumsum(starts) - 1
    return ordered[starts], inverse


@njit(cache=True, nogil=True)
def _top_per_source(u_src, prob, top):  # pragma: no cover
    """Indices of the ``top`` most probable links of each source unit (links grouped by source,
    in key order), highest first, ties in key order."""
    keep = np.empty(u_src.size, dtype=np.int64)
    count = 0
    start = 0
    while start < u_src.size:
        end = start
        while end < u_src.size and u_src[end] == u_src[start]:
            end += 1
        size = end - start
        if size > 32:
            order = start + np.argsort(-prob[start:end], kind="mergesort")
        else:
            order = np.arange(start, end)
        # A stable insertion sort by falling probability for the many small groups.
        for x in range(1, size if size <= 32 else 0):
            item = order[x]
            y = x - 1
            while y >= 0 and prob[order[y]] < prob[item]:
                order[y + 1] = order[y]
                y -= 1
            order[y + 1] = item
        for k in range(min(top, size)):
            keep[count] = order[k]
            count += 1
        start = end
    return keep[:count]


@njit(cache=True, nogil=True)
def _model1_em_folds(inverse, occ, weights, occ_fold, u_src, n_links, n_sources, start, iterations,
                     folds):  # pragma: no cover
    """EM of Model 1 over candidate links (``occ`` groups a target token's links, in order), for
    every fold at once: column ``f`` of the result is trained on the occurrences whose
    ``occ_fold`` is not ``f`` (-1: every fold), exactly as ``folds`` separate runs would be.

    Probabilities and counts are float32 (a source unit's totals float64): the tables are read
    at random, so half the bytes is a quarter less time, and half the memory of a book-length
    document; a very frequent link's count loses some 1e-4 of its value."""
    prob = np.full((n_links, folds), start, dtype=np.float32)
    denom = np.zeros(folds)
    for _ in range(iterations):
        counts = np.zeros((n_links, folds), dtype=np.float32)
        e = 0
        while e < inverse.size:
            end = e
            denom[:] = 0.0
            while end < inverse.size and occ[end] == occ[e]:
                u = inverse[end]
                for f in range(folds):
                    denom[f] += prob[u, f]
                end += 1
            # A held-out pair's tokens add nothing to that fold; their links may all be 0.
            w = weights[e]
            if w != 0.0:
                held = occ_fold[e]
                for f in range(folds):
                    denom[f] = 0.0 if f == held else w / denom[f]
                for k in range(e, end):
                    u = inverse[k]
                    for f in range(folds):
                        counts[u, f] += prob[u, f] * denom[f]
            e = end
        totals = np.zeros((n_sources, folds))
        for u in range(n_links):
            for f in range(folds):
                totals[u_src[u], f] += counts[u, f]
        for u in range(n_links):
            for f in range(folds):
                total = totals[u_src[u], f]
                prob[u, f] = counts[u, f] / total if total > 0 else 0.0
    return prob


@njit(cache=True, nogil=True)
def _link_keys(s_ptr, s_flat, t_ptr, t_flat, null, stride):  # pragma: no cover
    """Model 1's candidate links: key ``s * stride + t``, target token number, pair number."""
    total = 0
    for p in range(s_ptr.size - 1):
        total += (t_ptr[p + 1] - t_ptr[p]) * (s_ptr[p + 1] - s_ptr[p] + 1)
    keys = np.empty(total, dtype=np.int64)
    occ = np.empty(total, dtype=np.int64)
    pair = np.empty(total, dtype=np.int64)
    k = 0
    token = 0
    for p in range(s_ptr.size - 1):
        for tt in range(t_ptr[p], t_ptr[p + 1]):
            t = t_flat[tt]
            for ss in range(s_ptr[p], s_ptr[p + 1] + 1):
                source = s_flat[ss] if ss < s_ptr[p + 1] else null
                keys[k] = source * stride + t
                occ[k] = token
                pair[k] = p
                k += 1
            token += 1
    return keys, occ, pair


def bag_vectors(sentences: Sequence[np.ndarray], signs: np.ndarray, buckets: np.ndarray) -> SparseRows:
    """Hashed bag-of-units vectors, one row per sentence (``HASH_DIM`` columns)."""
    rows = np.repeat(np.arange(len(sentences)), [s.size for s in sentences])
    units = np.concatenate(sentences) if len(sentences) else np.zeros(0, dtype=np.int64)
    return accumulate_rows(rows, buckets[units], signs[units].astype(np.float32), len(sentences), HASH_DIM)


def hashing(n_units: int) -> tuple[np.ndarray, np.ndarray]:
    """Bucket and sign per unit id (the feature-hashing trick), fixed by the id alone."""
    ids = np.arange(n_units, dtype=np.uint64)
    mixed = (ids * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(17)
    buckets = (mixed % np.uint64(HASH_DIM)).astype(np.int64)
    signs = np.where((mixed >> np.uint64(23)) & np.uint64(1), 1.0, -1.0)
    return buckets, signs


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, iterations: int = 25) -> np.ndarray:
    """Weights (bias first) of an L2-regularised logistic regression, by Newton's method."""
    X = np.hstack([np.ones((x.shape[0], 1)), x])
    w = np.zeros(X.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        grad = X.T @ (p - y) + l2 * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + l2 * np.eye(X.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def cosine_features(dot_f: np.ndarray, dot_b: np.ndarray, norms: tuple[np.ndarray, ...]) -> np.ndarray:
    """The two directions' cosines as regression features, shape (k, 2)."""
    nu_f, nv_f, nu_b, nv_b = norms
    cf = dot_f / np.maximum(nu_f * nv_f, 1e-9)
    cb = dot_b / np.maximum(nu_b * nv_b, 1e-9)
    return np.stack([cf, cb], axis=-1)


def llr_from_features(weights: np.ndarray, feats: np.ndarray) -> np.ndarray:
    """Log-odds of the balanced regression = log-likelihood ratio, clipped."""
    z = weights[0] + feats @ weights[1:]
    return np.clip(z, -MAX_LEXICAL_LLR, MAX_LEXICAL_LLR)


class BandedDots:
    """Dot products ``left[r] . right[c]`` for the cells a banded search can ask for.

    Rows and columns are sentence indices. ``cols_lo``/``cols_hi`` give, per row, the
    half-open column range stored; cells outside it read as 0.
    """

    BLOCK = 128

    def __init__(self, left: np.ndarray, right: np.ndarray, cols_lo: np.ndarray, cols_hi: np.ndarray):
        n = left.shape[0]
        self.lo = np.asarray(cols_lo, dtype=np.int64)
        width = int(max((cols_hi - cols_lo).max(), 1)) if n else 1
        self.data = np.zeros((n, width), dtype=np.float32)
        span = np.arange(width)
        for r0 in range(0, n, self.BLOCK):
            r1 = min(n, r0 + self.BLOCK)
            c0, c1 = int(cols_lo[r0:r1].min()), int(cols_hi[r0:r1].max())
            if c1 <= c0:
                continue
            block = left[r0:r1] @ right[c0:c1].T
            # Row r keeps block columns lo[r] - c0 ... hi[r] - c0 - 1, shifted to start at 0.
            cols = np.minimum((self.lo[r0:r1] - c0)[:, None] + span, c1 - c0 - 1)
            stored = span < (cols_hi[r0:r1] - cols_lo[r0:r1])[:, None]
            self.data[r0:r1] = np.where(stored, np.take_along_axis(block, cols, axis=1), 0.0)
        self.width = width

    @classmethod
    def from_data(cls, data: np.ndarray, cols_lo: np.ndarray) -> BandedDots:
        """Wrap products already computed: ``data[r, c]`` is the cell (r, cols_lo[r] + c)."""
        out = cls.__new__(cls)
        out.lo = np.asarray(cols_lo, dtype=np.int64)
        out.data = data
        out.width = data.shape[1]
        return out

    def get(self, row: int, cols: np.ndarray) -> np.ndarray:
        rel = cols - self.lo[row]
        ok = (rel >= 0) & (rel < self.width)
        out = np.zeros(cols.size, dtype=np.float64)
        out[ok] = self.data[row, rel[ok]]
        return out

    def gather(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """``get`` for many rows at once: ``rows`` shape (R,) (each at least 0), ``cols`` (R, W)."""
        rel = cols - self.lo[rows][:, None]
        ok = (rel >= 0) & (rel < self.width)
        out = self.data[rows[:, None], np.clip(rel, 0, self.width - 1)].astype(np.float64)
        out[~ok] = 0.0
        return out


def run_norms(vectors: np.ndarray, max_run: int) -> np.ndarray:
    """``norms[k, i]`` = length of the sum of rows ``i-k-1 .. i-1`` (node index i, run k+1)."""
    n = vectors.shape[0]
    out = np.zeros((max_run, n + 1))
    acc = np.zeros_like(vectors, dtype=np.float64)
    for k in range(max_run):
        if k < n:
            acc[k:] += vectors[: n - k] if k else vectors
        sq = np.einsum("ij,ij->i", acc, acc)
        out[k, k + 1 :] = np.sqrt(sq[k:]) if k < n else 0.0
    return out


def fold_of(count: int, folds: int) -> np.ndarray:
    """Fold number of each of ``count`` sentences: contiguous stretches of the document."""
    return np.minimum(np.arange(count) * folds // max(count, 1), folds - 1)


class CorpusLexicon:
    """Model 1 of borrowed pairs in both directions, as expected link counts per unit string.

    Trained once per process for a set of pairs and units (``corpus_lexicon``) and shared by
    every document that borrows them (a batch worker's documents, the rounds of one document);
    ``prior`` turns it into one document's ``train_model1_folds`` prior.
    """

    #: The target of a row's left-out count in ``prior`` (``borrowed_prior`` makes it the sink).
    SINK = -2

    def __init__(self, borrowed: BorrowedPairs, units: WordUnits | None = None):
        units = units if units is not None else _PREFIX
        sv, tv = Vocabulary(units), Vocabulary(units)
        b_src, b_tgt = sv.encode_sentences(borrowed.src_words), tv.encode_sentences(borrowed.tgt_words)
        self.units = (sv.ids, tv.ids)
        self.names = (list(sv.ids), list(tv.ids))  # id -> unit string, each side
        self.counts = (_by_source(model1_counts(b_src, b_tgt, len(sv), len(tv)), len(sv) + 1),
                       _by_source(model1_counts(b_tgt, b_src, len(tv), len(sv)), len(tv) + 1))

    def prior(self, backward: bool, source: Vocabulary, target: Vocabulary) -> LinkCounts:
        """The rows of ``source``'s units (and NULL, as id -1), in ``source``/``target`` ids; the
        borrowed units ``target`` lacks are added to it.

        A row keeps its links to the units ``target`` holds (a document's own: its pairs train
        those links) and its ``PRIOR_TRANSLATIONS`` largest; the rest of its count goes to one
        link to target ``SINK``, so every kept link has the probability it would have with them
        all, and a table's ``TOP_TRANSLATIONS`` best are the same.
        """
        side = int(backward)
        indptr, tgt, counts, top = self.counts[side]
        own, other, names = self.units[side], self.units[1 - side], self.names[1 - side]
        doc_rows = np.fromiter(source.ids.values(), dtype=np.int64, count=len(source.ids))
        rows = np.fromiter((own.get(u, -1) for u in source.ids), dtype=np.int64, count=len(source.ids))
        rows, doc_rows = np.append(rows, indptr.size - 2), np.append(doc_rows, -1)  # NULL is last
        found = rows >= 0
        rows, doc_rows = rows[found], doc_rows[found]
        sizes = indptr[rows + 1] - indptr[rows]
        links = np.repeat(indptr[rows] - np.cumsum(sizes) + sizes, sizes) + np.arange(sizes.sum())
        row_of = np.repeat(np.arange(rows.size), sizes)
        present = np.zeros(len(names), dtype=bool)
        theirs = np.fromiter((other.get(u, -1) for u in target.ids), dtype=np.int64, count=len(target.ids))
        present[theirs[theirs >= 0]] = True
        keep = top[links] | present[tgt[links]]
        rest = np.bincount(row_of[~keep], counts[links[~keep]], minlength=rows.size)
        sunk = rest > 0
        links, row_of = links[keep], row_of[keep]
        used, where = np.unique(tgt[links], return_inverse=True)
        ids = target.ids
        mapped = np.fromiter((ids.setdefault(names[c], len(ids)) for c in used.tolist()), dtype=np.int64,
                             count=used.size)
        return LinkCounts(
            np.concatenate([doc_rows[row_of], doc_rows[sunk]]),
            np.concatenate([mapped[where], np.full(int(sunk.sum()), self.SINK, dtype=np.int64)]),
            np.concatenate([counts[links], rest[sunk]]),
        )


def _by_source(links: LinkCounts, n_rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(indptr, targets, counts, whether among its row's ``PRIOR_TRANSLATIONS`` largest) of links
    ordered by source (as ``model1_counts`` gives them)."""
    top = np.zeros(links.counts.size, dtype=bool)
    top[_top_per_source(links.src, links.counts, PRIOR_TRANSLATIONS)] = True
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.add.at(indptr, links.src + 1, 1)
    return np.cumsum(indptr), links.tgt, links.counts, top


#: Recent corpus lexicons: (pairs, units, lexicon), found by the identity of the pairs (one
#: ``BorrowedPairs`` object serves every document that borrows it: ``borrow.for_document`` never
#: copies it) and the equality of the units (each document's vocabulary holds its own equal
#: units object), like ``_RECENT_SIDES``; and recent document priors: (pairs, source
#: vocabulary, target vocabulary, value), identity-keyed.
_RECENT_LEXICONS: list[tuple[BorrowedPairs, WordUnits | None, CorpusLexicon]] = []
_RECENT_PRIORS: list[tuple[BorrowedPairs, Vocabulary, Vocabulary, tuple]] = []


def corpus_lexicon(borrowed: BorrowedPairs, units: WordUnits | None = None) -> CorpusLexicon:
    """The ``CorpusLexicon`` of ``borrowed`` in ``units``, trained on first use in this process
    (cached by ``borrowed``'s identity and ``units``' equality)."""
    for seen, seen_units, lexicon in _RECENT_LEXICONS:
        if seen is borrowed and seen_units == units:
            return lexicon
    lexicon = CorpusLexicon(borrowed, units)
    _RECENT_LEXICONS.insert(0, (borrowed, units, lexicon))
    del _RECENT_LEXICONS[2:]
    return lexicon


def borrowed_prior(borrowed: BorrowedPairs, src_vocab: Vocabulary, tgt_vocab: Vocabulary
                   ) -> tuple[Vocabulary, Vocabulary, LinkCounts, LinkCounts]:
    """A document's vocabularies (from ``encode_side``) extended with the borrowed units its
    tables need, and the link counts the borrowed pairs add to them, forward and backward
    (``CorpusLexicon.prior``; cached by identity: callers copy the vocabularies before adding).

    The borrowed pairs' alignments are those of the model of the borrowed pairs alone (the
    document's few pairs could barely move them), so that model is trained once, not once per
    fold and round.
    """
    for seen, sv_seen, tv_seen, value in _RECENT_PRIORS:
        if seen is borrowed and sv_seen is src_vocab and tv_seen is tgt_vocab:
            return value
    lexicon = corpus_lexicon(borrowed, src_vocab.units)
    sv, tv = src_vocab.copy(), tgt_vocab.copy()
    forward, backward = lexicon.prior(False, src_vocab, tv), lexicon.prior(True, tgt_vocab, sv)
    # NULL's id is the source side's size, and the sink's the target side's, known once both
    # sides have their new units.
    forward.src[forward.src < 0], forward.tgt[forward.tgt == lexicon.SINK] = len(sv), len(tv)
    backward.src[backward.src < 0], backward.tgt[backward.tgt == lexicon.SINK] = len(tv), len(sv)
    value = (sv, tv, forward, backward)
    _RECENT_PRIORS.insert(0, (borrowed, src_vocab, tgt_vocab, value))
    del _RECENT_PRIORS[2:]
    return value


class LexicalModel:
    """IBM Model 1 in both directions, cross-fitted, plus the map from cosines to nats.

    A lexicon trained on a document's first-pass beads and then used to score those same
    sentences confirms whatever the first pass said, wrong pairs included (a smeared block
    omission stays smeared). So the document is cut into ``folds`` contiguous stretches, one
    lexicon is trained per stretch left out, and each sentence is scored only by the lexicon
    that never saw it: the evidence is honest, and so is the calibration fitted on it.
    """

    def __init__(self, src_vocab: Vocabulary, tgt_vocab: Vocabulary, forward: list[TranslationTable],
                 backward: list[TranslationTable]):
        self.src_vocab, self.tgt_vocab = src_vocab, tgt_vocab
        self.forward, self.backward = forward, backward
        self.weights = np.zeros((2, 2))

    @property
    def folds(self) -> int:
        return len(self.forward)

    @classmethod
    def train(
        cls,
        src_words: Sequence[Sequence[str]],
        tgt_words: Sequence[Sequence[str]],
        pairs: Sequence[tuple[int, int]],
        folds: int = 2,
        weights: Sequence[float] | None = None,
        units: WordUnits | None = None,
        borrowed: BorrowedPairs | None = None,
    ) -> LexicalModel:
        """Train on sentence pairs ``(i, j)`` of the two sides' word lists (at most
        ``MAX_TRAINING_PAIRS`` of them, taken evenly), over ``units`` (``units.py``; prefixes
        by default); ``vectors`` encodes in the same units.

        :param borrowed: sentence pairs from the corpus the document joins (``borrow.py``).
            They are not in the document, so no fold holds them out: every fold's tables add
            the link counts of a Model 1 trained on them alone (``borrowed_prior``; trained
            once per process for those pairs, not once per fold, round and document).
        """
        if len(pairs) > MAX_TRAINING_PAIRS:
            keep = np.linspace(0, len(pairs) - 1, MAX_TRAINING_PAIRS).round().astype(np.int64)
            pairs = [pairs[k] for k in keep]
            weights = None if weights is None else [weights[k] for k in keep]
        src_vocab, s_all = encode_side(src_words, units)
        tgt_vocab, t_all = encode_side(tgt_words, units)
        forward_prior = backward_prior = None
        if borrowed is not None and len(borrowed):
            sv, tv, forward_prior, backward_prior = borrowed_prior(borrowed, src_vocab, tgt_vocab)
            sv, tv = sv.copy(), tv.copy()
        else:
            sv, tv = src_vocab.copy(), tgt_vocab.copy()
        fold = fold_of(len(src_words), folds)
        s_ids = [s_all[i] for i, _ in pairs]
        t_ids = [t_all[j] for _, j in pairs]
        pair_fold = fold[np.asarray([i for i, _ in pairs], dtype=np.int64)] if pairs else np.zeros(0, np.int64)
        # The two directions (compiled, releasing the GIL) train side by side, unless a very
        # long document's links would make two at once too big.
        threads = min(TRAINING_THREADS, numba.get_num_threads())
        links = sum(t.size * (s.size + 1) for s, t in zip(s_ids, t_ids))
        jobs = [(s_ids, t_ids, len(sv), len(tv), pair_fold, folds, weights, forward_prior),
                (t_ids, s_ids, len(tv), len(sv), pair_fold, folds, weights, backward_prior)]
        if threads > 1 and links <= THREADED_LINKS:
            with ThreadPoolExecutor(max_workers=threads) as pool:
                forward, backward = pool.map(lambda job: train_model1_folds(*job), jobs)
        else:
            forward, backward = (train_model1_folds(*job) for job in jobs)
        return cls(sv, tv, forward, backward)

    def vectors(self, src_words: Sequence[Sequence[str]], tgt_words: Sequence[Sequence[str]]) -> SentenceVectors:
        s_ids = self._encoded(self.src_vocab, src_words)
        t_ids = self._encoded(self.tgt_vocab, tgt_words)
        sb, ss = hashing(len(self.src_vocab))
        tb, ts = hashing(len(self.tgt_vocab))
        return SentenceVectors(
            src_proj=_project_by_fold(self.forward, s_ids, ts, tb),
            tgt_bag=bag_vectors(t_ids, ts, tb),
            tgt_proj=_project_by_fold(self.backward, t_ids, ss, sb),
            src_bag=bag_vectors(s_ids, ss, sb),
        )

    @staticmethod
    def _encoded(vocab: Vocabulary, words: Sequence[Sequence[str]]) -> list[np.ndarray]:
        # The training words' encoding is cached (``encode_side``); it is reused only when the
        # model's vocabulary is a copy of the one that encoded them, so the ids agree.
        for seen, origin, units in _RECENT_SIDES:
            if seen is words and vocab.origin is origin:
                return units
        return vocab.encode_sentences(words)

    def fit_evidence(self, vecs: SentenceVectors, pairs: Sequence[tuple[int, int]], rng: np.random.Generator) -> None:
        """Learn the cosine -> log-likelihood-ratio map from confident 1-1 pairs vs shifted ones."""
        if len(pairs) < 10:
            self.weights = np.zeros((2, 2))
            return
        src_i = np.asarray([p[0] for p in pairs])
        tgt_j = np.asarray([p[1] for p in pairs])
        n_tgt = vecs.tgt_bag.n
        shift = rng.integers(2, max(3, min(50, n_tgt // 2 + 3)), size=src_i.size) * rng.choice([-1, 1], size=src_i.size)
        neg_j = np.clip(tgt_j + shift, 0, n_tgt - 1)
        differs = neg_j != tgt_j
        pos = vecs.single_features(src_i, tgt_j)
        neg = vecs.single_features(src_i[differs], neg_j[differs])
        x = np.vstack([pos, neg])
        y = np.concatenate([np.ones(len(pos)), np.zeros(len(neg))])
        # One calibration per direction, so a bead's evidence can be summed sentence by sentence.
        self.weights = np.stack([fit_logistic(x[:, k : k + 1], y) for k in range(2)])


def _project_by_fold(tables: list[TranslationTable], sentences: list[np.ndarray], signs: np.ndarray,
                     buckets: np.ndarray) -> SparseRows:
    """Project each sentence with the lexicon of the folds that left its stretch out."""
    fold = fold_of(len(sentences), len(tables))
    pieces = []
    # Folds are contiguous stretches; each is projected a block of sentences at a time, so the
    # expected translations of a whole long document are never held at once.
    for k, table in enumerate(tables):
        rows = np.nonzero(fold == k)[0] if len(tables) > 1 else np.arange(len(sentences))
        for at in range(0, rows.size, PROJECT_BLOCK):
            block = rows[at : at + PROJECT_BLOCK]
            r, c, v = table.contributions([sentences[x] for x in block], signs, buckets, block - block[0])
            pieces.append(accumulate_rows(r, c, v, block.size, HASH_DIM))
    return concat_rows(pieces, HASH_DIM)


@dataclass(frozen=True, slots=True)
class _Derived:
    """What every scorer of one set of sentence vectors needs: run norms."""

    norm_src_proj: np.ndarray
    norm_tgt_bag: np.ndarray
    norm_src_bag: np.ndarray
    norm_tgt_proj: np.ndarray


def _derived(vecs: SentenceVectors, max_src: int, max_tgt: int) -> _Derived:
    """``_Derived`` of ``vecs``, computed once and kept with them (vectors are not changed)."""
    value = vecs.cache.get((max_src, max_tgt))
    if value is None:
        value = vecs.cache[(max_src, max_tgt)] = _Derived(
            norm_src_proj=vecs.src_proj.run_norms(max_src),
            norm_tgt_bag=vecs.tgt_bag.run_norms(max_tgt),
            norm_src_bag=vecs.src_bag.run_norms(max_src),
            norm_tgt_proj=vecs.tgt_proj.run_norms(max_tgt),
        )
    return value


@dataclass(frozen=True, slots=True)
class SentenceVectors:
    """Hashed vectors of every sentence: projections into the other side's space, and bags."""

    src_proj: SparseRows
    tgt_bag: SparseRows
    tgt_proj: SparseRows
    src_bag: SparseRows
    #: Values derived from the vectors (run norms), filled by the scorers that need them.
    cache: dict = field(default_factory=dict, compare=False, repr=False)

    def single_features(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        df = pair_dots(self.src_proj, self.tgt_bag, i, j)
        db = pair_dots(self.src_bag, self.tgt_proj, i, j)
        norms = (
            self.src_proj.run_norms(1)[0, 1:][i], self.tgt_bag.run_norms(1)[0, 1:][j],
            self.src_bag.run_norms(1)[0, 1:][i], self.tgt_proj.run_norms(1)[0, 1:][j],
        )
        return cosine_features(df, db, norms)


def banded_columns(n: int, m: int, node_lo: np.ndarray, node_hi: np.ndarray, max_src: int,
                   max_tgt: int) -> tuple[np.ndarray, np.ndarray]:
    """Per source sentence, the target sentences ``[lo, hi)`` a band search can pair it with.

    Sentence row r is read by nodes r+1 .. r+max_src; their bead columns reach back max_tgt.
    """
    idx = np.arange(n)
    lo = np.full(n, m, dtype=np.int64)
    hi = np.zeros(n, dtype=np.int64)
    for k in range(1, max_src + 1):
        node = np.minimum(idx + k, n)
        lo = np.minimum(lo, node_lo[node] - max_tgt)
        hi = np.maximum(hi, node_hi[node])
    return np.clip(lo, 0, m), np.clip(hi, 0, m)


class LexicalScorer:
    """Lexical log-likelihood ratio of candidate beads inside a band (a ``LexicalScore``).

    The single-sentence dot products over the band come from the sparse rows by a compiled
    loop (``sparse.banded_dots``), and the run norms once per set of sentence vectors (a
    round's scorers share them).
    """

    def __init__(self, vecs: SentenceVectors, weights: np.ndarray, node_lo: np.ndarray, node_hi: np.ndarray,
                 max_src: int, max_tgt: int, floor: float = LEXICAL_FLOOR):
        self.floor = floor
        self.src_weight = _information(vecs.src_bag)
        self.tgt_weight = _information(vecs.tgt_bag)
        n = vecs.src_proj.n
        m = vecs.tgt_bag.n
        lo, hi = banded_columns(n, m, node_lo, node_hi, max_src, max_tgt)
        derived = _derived(vecs, max_src, max_tgt)
        width = int(max((hi - lo).max(), 1)) if n else 1
        # A projection row has about TOP_TRANSLATIONS times a bag's entries: scatter the long
        # rows once each and read the short ones per cell.
        self.forward = BandedDots.from_data(banded_dots(vecs.src_proj, vecs.tgt_bag, lo, hi, width, True), lo)
        self.backward = BandedDots.from_data(banded_dots(vecs.src_bag, vecs.tgt_proj, lo, hi, width, False), lo)
        self.norm_src_proj = derived.norm_src_proj
        self.norm_tgt_bag = derived.norm_tgt_bag
        self.norm_src_bag = derived.norm_src_bag
        self.norm_tgt_proj = derived.norm_tgt_proj
        self.weights = weights
        self.max_src, self.max_tgt = max_src, max_tgt

    def __call__(self, a: int, b: int, i: int, j_nodes: np.ndarray) -> np.ndarray:
        """The evidence of the beads (a, b) ending at nodes (i, j_nodes) (see ``cells``)."""
        cols = np.asarray(j_nodes, dtype=np.int64).reshape(1, -1)
        return self.cells(a, b, _RowGrid(np.asarray([i], dtype=np.int64), cols))[0]

    def cells(self, a: int, b: int, grid) -> np.ndarray:
        """Sum over the bead's sentences of how well the other side's run explains each one.

        Each target sentence is compared with the projection of the whole source run, and each
        source sentence with the projection of the whole target run; unrelated material in a
        run dilutes the projection, so a merge that is not a real merge loses evidence, and
        evidence grows with the number of sentences it covers (as Model 1's does with words).

        ``grid`` is a ``scoring.Grid``: node rows ``I`` (R,), target nodes ``J`` (R, W); one
        compiled pass over its cells reads the banded single-sentence dot products.
        """
        out = np.zeros(np.shape(grid.J))
        self.add_cells(a, b, grid, out)
        return out

    def add_cells(self, a: int, b: int, grid, out: np.ndarray) -> None:
        """``out += cells(a, b, grid)``, without a temporary."""
        if a > self.max_src or b > self.max_tgt:
            # The compiled kernel does not check bounds: a longer run would read past the norms.
            raise ValueError(f"bead {a}-{b} is larger than this scorer's {self.max_src}-{self.max_tgt}")
        (wf0, wf1), (wb0, wb1) = self.weights
        J = np.ascontiguousarray(grid.J, dtype=np.int64)
        kernel = _lexical_evidence_parallel if J.size >= PARALLEL_CELLS else _lexical_evidence
        kernel(
            np.ascontiguousarray(grid.I, dtype=np.int64), J, a, b,
            self.forward.data, self.forward.lo, self.backward.data, self.backward.lo,
            self.norm_src_proj, self.norm_tgt_bag, self.norm_src_bag, self.norm_tgt_proj,
            float(wf0), float(wf1), float(wb0), float(wb1), float(self.floor), MAX_LEXICAL_LLR,
            self.src_weight, self.tgt_weight, out,
        )


def _information(bag: SparseRows) -> np.ndarray:
    """Per sentence, how much its lexical evidence counts (``INFORMATION_UNITS``), from its
    number of distinct hashed units."""
    units = np.diff(bag.indptr).astype(np.float64)
    return 1.0 - np.exp(-units / INFORMATION_UNITS)


@njit(cache=True)
def _band_value(data, lo, row, col):  # pragma: no cover
    rel = col - lo[row]
    if row < 0 or col < 0 or rel < 0 or rel >= data.shape[1]:
        return 0.0
    return np.float64(data[row, rel])


@njit(cache=True)
def _lexical_row(r, I, J, a, b, fdata, flo, bdata, blo, nsp, ntb, nsb, ntp, wf0, wf1, wb0, wb1, floor, cap,
                 src_w, tgt_w, out):  # pragma: no cover
    """``LexicalScorer.cells`` for row ``r``, added to ``out``: per target sentence of the bead,
    the clipped calibrated cosine with the source run's projection, and per source sentence,
    with the target run's projection."""
    m = ntb.shape[1] - 1
    i = I[r]
    for c in range(J.shape[1]):
        j = J[r, c]
        if j < b or j > m:
            continue
        total = 0.0
        for q in range(b):
            dot = 0.0
            for p in range(a):
                dot += _band_value(fdata, flo, i - 1 - p, j - 1 - q)
            cos = dot / max(nsp[a - 1, i] * ntb[0, j - q], 1e-9)
            total += tgt_w[j - 1 - q] * min(max(wf0 + wf1 * cos, -floor), cap)
        for p in range(a):
            dot = 0.0
            for q in range(b):
                dot += _band_value(bdata, blo, i - 1 - p, j - 1 - q)
            cos = dot / max(nsb[0, i - p] * ntp[b - 1, j], 1e-9)
            total += src_w[i - 1 - p] * min(max(wb0 + wb1 * cos, -floor), cap)
        out[r, c] += total


@njit(cache=True)
def _lexical_evidence(*args):  # pragma: no cover
    for r in range(args[0].size):
        _lexical_row(r, *args)


@njit(cache=True, parallel=True)
def _lexical_evidence_parallel(*args):  # pragma: no cover
    for r in prange(args[0].size):
        _lexical_row(r, *args)


class _RowGrid:
    """The smallest grid (one row of cells) for per-row calls."""

    __slots__ = ("I", "J")

    def __init__(self, I: np.ndarray, J: np.ndarray):
        self.I, self.J = I, J
