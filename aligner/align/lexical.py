"""A translation lexicon learned from the document itself, and the bead evidence it gives.

Moore (2002) and hunalign's realign both learn word translations from the first pass's
confident beads. We train IBM Model 1 in both directions over word units (lowercased word
prefixes: Russian inflections share a prefix, and rare names still match), then project each
sentence into the other language's unit space as the expected bag of translations. Sentences
and runs of sentences become hashed vectors (sparse rows, ``sparse.py``), so a bead's
similarity is a cosine built from single-sentence dot products over the band and from sums (a
2-1 bead's vector is the sum of its sentences' vectors). A logistic regression of "confident bead" against "shifted, unrelated
pair" turns the two cosines into a log-likelihood ratio, so lexical evidence needs no
hand-set weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numba
import numpy as np
from numba import njit, prange

from aligner.align.search import PARALLEL_CELLS
from aligner.align.sparse import SparseRows, accumulate_rows, banded_dots, concat_rows, pair_dots

#: Characters kept of each lowercased word; 5 did as well as per-document sentencepiece
#: pieces in the issue #4 experiment, and makes inflected forms share a unit.
PREFIX_LENGTH = 5

#: EM iterations of IBM Model 1.
MODEL1_ITERATIONS = 5

#: Translations kept per source unit when projecting (the tail is noise).
TOP_TRANSLATIONS = 8

#: Width of the hashed unit space.
HASH_DIM = 1024

#: The evidence is clipped to this many nats either way: no single cue should decide alone.
MAX_LEXICAL_LLR = 12.0

#: Most confident pairs a lexicon is trained on; a longer document's pairs are thinned evenly
#: (issue #5: keeps a 100,000-sentence document's training in seconds and its candidate links
#: in a few hundred MB; the dev documents have at most about 5,000 pairs and are unaffected).
MAX_TRAINING_PAIRS = 10_000

#: Threads training a round's lexicons (2 x folds independent tables); never more than numba
#: may use (a batch worker process is given one).
TRAINING_THREADS = 2

#: Above this many candidate links per table (about 60 bytes each while training), tables are
#: trained one at a time: two at once would double a very long document's peak memory.
THREADED_LINKS = 4_000_000

#: Sentences projected at once (bounds the memory of a long document's projection).
PROJECT_BLOCK = 8_192


def word_units(words: Sequence[str], prefix: int = PREFIX_LENGTH) -> list[str]:
    """Lowercased prefixes of the alphanumeric words."""
    return [w[:prefix] for w in (w.lower() for w in words) if any(ch.isalnum() for ch in w)]


class Vocabulary:
    """Unit strings to dense ids, one per side, in order of first appearance.

    Words are turned into units once per distinct word (``word_ids``), not once per token.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.word_ids: dict[str, int] = {}
        self.origin: Vocabulary | None = None

    def encode(self, units: Sequence[str]) -> np.ndarray:
        ids = self.ids
        return np.fromiter((ids.setdefault(u, len(ids)) for u in units), dtype=np.int64, count=len(units))

    def encode_sentences(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Unit ids of each sentence's words (``word_units`` of each, new units added)."""
        word_ids = self.word_ids
        flat = [w for words in sentences for w in words]
        missing = [w for w in dict.fromkeys(flat) if w not in word_ids]
        for word in missing:
            units = word_units([word])
            word_ids[word] = self.ids.setdefault(units[0], len(self.ids)) if units else -1
        ids = np.fromiter((word_ids[w] for w in flat), dtype=np.int64, count=len(flat))
        sentence_of = np.repeat(np.arange(len(sentences)), [len(words) for words in sentences])
        kept = ids >= 0
        ids, sentence_of = ids[kept], sentence_of[kept]
        bounds = np.searchsorted(sentence_of, np.arange(1, len(sentences)))
        return np.split(ids, bounds) if len(sentences) else []

    def copy(self) -> Vocabulary:
        """An independent copy; ``origin`` remembers the vocabulary it was copied from."""
        out = Vocabulary()
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


def encode_side(words: Sequence[Sequence[str]]) -> tuple[Vocabulary, list[np.ndarray]]:
    """A fresh vocabulary of one side's words and each sentence's unit ids (cached by identity;
    callers must not change the returned objects)."""
    for seen, vocab, units in _RECENT_SIDES:
        if seen is words:
            return vocab, units
    vocab = Vocabulary()
    units = vocab.encode_sentences(words)
    _RECENT_SIDES.insert(0, (words, vocab, units))
    del _RECENT_SIDES[_RECENT_LIMIT:]
    return vocab, units


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
    null = n_src
    pair_weights = np.ones(len(src)) if weights is None else np.asarray(weights, dtype=np.float64)
    s_ptr = np.concatenate(([0], np.cumsum([x.size for x in src]))).astype(np.int64)
    t_ptr = np.concatenate(([0], np.cumsum([x.size for x in tgt]))).astype(np.int64)
    s_flat = np.concatenate(list(src)).astype(np.int64) if len(src) else np.zeros(0, dtype=np.int64)
    t_flat = np.concatenate(list(tgt)).astype(np.int64) if len(tgt) else np.zeros(0, dtype=np.int64)
    # Every (source unit or NULL, target unit) candidate link of every target token, in pair
    # order, target token outer and source unit inner; built by a compiled loop.
    keys, occ_arr, pair_of = _link_keys(s_ptr, s_flat, t_ptr, t_flat, null, n_tgt + 1)
    if keys.size == 0:
        return TranslationTable(np.zeros(n_src + 2, dtype=np.int64), np.zeros(0, np.int64), np.zeros(0))
    w_arr = pair_weights[pair_of]
    uniq, inverse = _unique_inverse(keys)
    u_src = uniq // (n_tgt + 1)
    u_tgt = uniq % (n_tgt + 1)
    prob = _model1_em(inverse.astype(np.int64), occ_arr, w_arr, u_src.astype(np.int64), uniq.size, n_src + 1,
                      1.0 / max(n_tgt, 1), MODEL1_ITERATIONS)
    # Keep the best translations of each real source unit, in CSR order (ties: the lower
    # target unit first, as a stable sort of the key-ordered links gives).
    real = u_src < null
    u_src, u_tgt, prob = u_src[real], u_tgt[real], prob[real]
    keep = _top_per_source(u_src, prob, TOP_TRANSLATIONS)
    u_src, u_tgt, prob = u_src[keep], u_tgt[keep], prob[keep]
    indptr = np.zeros(n_src + 1, dtype=np.int64)
    np.add.at(indptr, u_src + 1, 1)
    return TranslationTable(np.cumsum(indptr), u_tgt, prob)


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
def _model1_em(inverse, occ, weights, u_src, n_links, n_sources, start, iterations):  # pragma: no cover
    """EM of Model 1 over candidate links (``occ`` groups a target token's links, in order);
    the sums run in the order ``np.bincount`` would use."""
    prob = np.full(n_links, start)
    for _ in range(iterations):
        counts = np.zeros(n_links)
        e = 0
        while e < inverse.size:
            end = e
            denom = 0.0
            while end < inverse.size and occ[end] == occ[e]:
                denom += prob[inverse[end]]
                end += 1
            for k in range(e, end):
                counts[inverse[k]] += prob[inverse[k]] / denom * weights[k]
            e = end
        totals = np.zeros(n_sources)
        for u in range(n_links):
            totals[u_src[u]] += counts[u]
        for u in range(n_links):
            prob[u] = counts[u] / totals[u_src[u]]
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
    ) -> LexicalModel:
        """Train on sentence pairs ``(i, j)`` of the two sides' word lists (at most
        ``MAX_TRAINING_PAIRS`` of them, taken evenly)."""
        if len(pairs) > MAX_TRAINING_PAIRS:
            keep = np.linspace(0, len(pairs) - 1, MAX_TRAINING_PAIRS).round().astype(np.int64)
            pairs = [pairs[k] for k in keep]
            weights = None if weights is None else [weights[k] for k in keep]
        src_vocab, s_all = encode_side(src_words)
        tgt_vocab, t_all = encode_side(tgt_words)
        sv, tv = src_vocab.copy(), tgt_vocab.copy()
        fold = fold_of(len(src_words), folds)
        jobs = []
        for k in range(folds):
            chosen = [n for n, (i, _) in enumerate(pairs) if folds == 1 or fold[i] != k]
            s_ids = [s_all[pairs[n][0]] for n in chosen]
            t_ids = [t_all[pairs[n][1]] for n in chosen]
            w = None if weights is None else [weights[n] for n in chosen]
            jobs += [(s_ids, t_ids, len(sv), len(tv), w), (t_ids, s_ids, len(tv), len(sv), w)]
        # The 2 x folds tables are independent, and their heavy parts (sorting, the compiled
        # EM) release the GIL: two threads train them side by side.
        threads = min(TRAINING_THREADS, numba.get_num_threads())
        links = sum(sum(t.size * (s.size + 1) for s, t in zip(job[0], job[1])) for job in jobs[:2])
        if threads > 1 and links <= THREADED_LINKS:
            with ThreadPoolExecutor(max_workers=threads) as pool:
                tables = list(pool.map(lambda job: train_model1(*job), jobs))
        else:
            tables = [train_model1(*job) for job in jobs]
        return cls(sv, tv, tables[0::2], tables[1::2])

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
                 max_src: int, max_tgt: int, floor: float = MAX_LEXICAL_LLR):
        self.floor = floor
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
        (wf0, wf1), (wb0, wb1) = self.weights
        J = np.ascontiguousarray(grid.J, dtype=np.int64)
        kernel = _lexical_evidence_parallel if J.size >= PARALLEL_CELLS else _lexical_evidence
        kernel(
            np.ascontiguousarray(grid.I, dtype=np.int64), J, a, b,
            self.forward.data, self.forward.lo, self.backward.data, self.backward.lo,
            self.norm_src_proj, self.norm_tgt_bag, self.norm_src_bag, self.norm_tgt_proj,
            float(wf0), float(wf1), float(wb0), float(wb1), float(self.floor), MAX_LEXICAL_LLR, out,
        )


@njit(cache=True)
def _band_value(data, lo, row, col):  # pragma: no cover
    rel = col - lo[row]
    if row < 0 or col < 0 or rel < 0 or rel >= data.shape[1]:
        return 0.0
    return np.float64(data[row, rel])


@njit(cache=True)
def _lexical_row(r, I, J, a, b, fdata, flo, bdata, blo, nsp, ntb, nsb, ntp, wf0, wf1, wb0, wb1, floor, cap,
                 out):  # pragma: no cover
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
            total += min(max(wf0 + wf1 * cos, -floor), cap)
        for p in range(a):
            dot = 0.0
            for q in range(b):
                dot += _band_value(bdata, blo, i - 1 - p, j - 1 - q)
            cos = dot / max(nsb[0, i - p] * ntp[b - 1, j], 1e-9)
            total += min(max(wb0 + wb1 * cos, -floor), cap)
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
