"""A translation lexicon learned from the document itself, and the bead evidence it gives.

Moore (2002) and hunalign's realign both learn word translations from the first pass's
confident beads. We train IBM Model 1 in both directions over word units (lowercased word
prefixes: Russian inflections share a prefix, and rare names still match), then project each
sentence into the other language's unit space as the expected bag of translations. Sentences
and runs of sentences become hashed dense vectors, so a bead's similarity is a cosine built
from one matrix product over the band and from sums (a 2-1 bead's vector is the sum of its
sentences' vectors). A logistic regression of "confident bead" against "shifted, unrelated
pair" turns the two cosines into a log-likelihood ratio, so lexical evidence needs no
hand-set weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

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


def word_units(words: Sequence[str], prefix: int = PREFIX_LENGTH) -> list[str]:
    """Lowercased prefixes of the alphanumeric words."""
    return [w[:prefix] for w in (w.lower() for w in words) if any(ch.isalnum() for ch in w)]


class Vocabulary:
    """Unit strings to dense ids, one per side."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def encode(self, units: Sequence[str]) -> np.ndarray:
        ids = self.ids
        return np.fromiter((ids.setdefault(u, len(ids)) for u in units), dtype=np.int64, count=len(units))

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class TranslationTable:
    """Sparse P(target unit | source unit), grouped by source unit (CSR layout)."""

    indptr: np.ndarray  # shape (n_source_units + 1,)
    targets: np.ndarray
    probs: np.ndarray

    def project(self, sentences: Sequence[np.ndarray], signs: np.ndarray, buckets: np.ndarray) -> np.ndarray:
        """Hashed expected-translation vectors, one row per sentence (float32, (n, HASH_DIM))."""
        out = np.zeros((len(sentences), HASH_DIM), dtype=np.float32)
        if not sentences:
            return out
        sent_of = np.repeat(np.arange(len(sentences)), [s.size for s in sentences])
        units = np.concatenate(sentences) if sentences else np.zeros(0, dtype=np.int64)
        known = units < self.indptr.size - 1
        sent_of, units = sent_of[known], units[known]
        starts, ends = self.indptr[units], self.indptr[units + 1]
        counts = ends - starts
        rows = np.repeat(sent_of, counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        entries = np.repeat(starts, counts) + offsets
        tgt = self.targets[entries]
        vals = self.probs[entries] * signs[tgt]
        np.add.at(out, (rows, buckets[tgt]), vals.astype(np.float32))
        return out


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
    s_list, t_list, occ_list, w_list = [], [], [], []
    occ = 0
    pair_weights = [1.0] * len(src) if weights is None else weights
    for s_ids, t_ids, weight in zip(src, tgt, pair_weights):
        if t_ids.size == 0:
            continue
        w_list.append(np.full(t_ids.size * (s_ids.size + 1), weight))
        s_all = np.append(s_ids, null)
        s_rep = np.tile(s_all, t_ids.size)
        t_rep = np.repeat(t_ids, s_all.size)
        s_list.append(s_rep)
        t_list.append(t_rep)
        occ_list.append(np.repeat(np.arange(occ, occ + t_ids.size), s_all.size))
        occ += t_ids.size
    if not s_list:
        return TranslationTable(np.zeros(n_src + 2, dtype=np.int64), np.zeros(0, np.int64), np.zeros(0))
    s_arr = np.concatenate(s_list)
    t_arr = np.concatenate(t_list)
    occ_arr = np.concatenate(occ_list)
    w_arr = np.concatenate(w_list)
    keys = s_arr * (n_tgt + 1) + t_arr
    uniq, inverse = np.unique(keys, return_inverse=True)
    u_src = uniq // (n_tgt + 1)
    u_tgt = uniq % (n_tgt + 1)
    prob = np.full(uniq.size, 1.0 / max(n_tgt, 1))
    for _ in range(MODEL1_ITERATIONS):
        val = prob[inverse]
        denom = np.bincount(occ_arr, weights=val, minlength=occ)
        post = val / denom[occ_arr] * w_arr
        counts = np.bincount(inverse, weights=post, minlength=uniq.size)
        totals = np.bincount(u_src, weights=counts, minlength=n_src + 1)
        prob = counts / totals[u_src]
    # Keep the best translations of each real source unit, in CSR order.
    real = u_src < null
    u_src, u_tgt, prob = u_src[real], u_tgt[real], prob[real]
    order = np.lexsort((-prob, u_src))
    u_src, u_tgt, prob = u_src[order], u_tgt[order], prob[order]
    group_start = np.searchsorted(u_src, u_src, side="left")
    rank = np.arange(u_src.size) - group_start
    keep = rank < TOP_TRANSLATIONS
    u_src, u_tgt, prob = u_src[keep], u_tgt[keep], prob[keep]
    indptr = np.zeros(n_src + 1, dtype=np.int64)
    np.add.at(indptr, u_src + 1, 1)
    return TranslationTable(np.cumsum(indptr), u_tgt, prob)


def bag_vectors(sentences: Sequence[np.ndarray], signs: np.ndarray, buckets: np.ndarray) -> np.ndarray:
    """Hashed bag-of-units vectors, one row per sentence (float32, (n, HASH_DIM))."""
    out = np.zeros((len(sentences), HASH_DIM), dtype=np.float32)
    if not sentences:
        return out
    rows = np.repeat(np.arange(len(sentences)), [s.size for s in sentences])
    units = np.concatenate(sentences)
    np.add.at(out, (rows, buckets[units]), signs[units].astype(np.float32))
    return out


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
        self.lo = cols_lo
        width = int(max((cols_hi - cols_lo).max(), 1)) if n else 1
        self.data = np.zeros((n, width), dtype=np.float32)
        for r0 in range(0, n, self.BLOCK):
            r1 = min(n, r0 + self.BLOCK)
            c0, c1 = int(cols_lo[r0:r1].min()), int(cols_hi[r0:r1].max())
            if c1 <= c0:
                continue
            block = left[r0:r1] @ right[c0:c1].T
            for r in range(r0, r1):
                lo, hi = int(cols_lo[r]), int(cols_hi[r])
                if hi > lo:
                    self.data[r, : hi - lo] = block[r - r0, lo - c0 : hi - c0]
        self.width = width

    def get(self, row: int, cols: np.ndarray) -> np.ndarray:
        rel = cols - self.lo[row]
        ok = (rel >= 0) & (rel < self.width)
        out = np.zeros(cols.size, dtype=np.float64)
        out[ok] = self.data[row, rel[ok]]
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
        """Train on sentence pairs ``(i, j)`` of the two sides' word lists."""
        sv, tv = Vocabulary(), Vocabulary()
        s_all = [sv.encode(word_units(w)) for w in src_words]
        t_all = [tv.encode(word_units(w)) for w in tgt_words]
        fold = fold_of(len(src_words), folds)
        forward, backward = [], []
        for k in range(folds):
            chosen = [n for n, (i, _) in enumerate(pairs) if folds == 1 or fold[i] != k]
            s_ids = [s_all[pairs[n][0]] for n in chosen]
            t_ids = [t_all[pairs[n][1]] for n in chosen]
            w = None if weights is None else [weights[n] for n in chosen]
            forward.append(train_model1(s_ids, t_ids, len(sv), len(tv), w))
            backward.append(train_model1(t_ids, s_ids, len(tv), len(sv), w))
        return cls(sv, tv, forward, backward)

    def vectors(self, src_words: Sequence[Sequence[str]], tgt_words: Sequence[Sequence[str]]) -> SentenceVectors:
        s_ids = [self.src_vocab.encode(word_units(w)) for w in src_words]
        t_ids = [self.tgt_vocab.encode(word_units(w)) for w in tgt_words]
        sb, ss = hashing(len(self.src_vocab))
        tb, ts = hashing(len(self.tgt_vocab))
        return SentenceVectors(
            src_proj=_project_by_fold(self.forward, s_ids, ts, tb),
            tgt_bag=bag_vectors(t_ids, ts, tb),
            tgt_proj=_project_by_fold(self.backward, t_ids, ss, sb),
            src_bag=bag_vectors(s_ids, ss, sb),
        )

    def fit_evidence(self, vecs: SentenceVectors, pairs: Sequence[tuple[int, int]], rng: np.random.Generator) -> None:
        """Learn the cosine -> log-likelihood-ratio map from confident 1-1 pairs vs shifted ones."""
        if len(pairs) < 10:
            self.weights = np.zeros((2, 2))
            return
        src_i = np.asarray([p[0] for p in pairs])
        tgt_j = np.asarray([p[1] for p in pairs])
        n_tgt = vecs.tgt_bag.shape[0]
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
                     buckets: np.ndarray) -> np.ndarray:
    """Project each sentence with the lexicon of the folds that left its stretch out."""
    if len(tables) == 1:
        return tables[0].project(sentences, signs, buckets)
    fold = fold_of(len(sentences), len(tables))
    out = np.zeros((len(sentences), HASH_DIM), dtype=np.float32)
    for k, table in enumerate(tables):
        rows = np.nonzero(fold == k)[0]
        if rows.size:
            out[rows] = table.project([sentences[r] for r in rows], signs, buckets)
    return out


@dataclass(frozen=True, slots=True)
class SentenceVectors:
    """Hashed vectors of every sentence: projections into the other side's space, and bags."""

    src_proj: np.ndarray
    tgt_bag: np.ndarray
    tgt_proj: np.ndarray
    src_bag: np.ndarray

    def single_features(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        df = np.einsum("ij,ij->i", self.src_proj[i], self.tgt_bag[j])
        db = np.einsum("ij,ij->i", self.src_bag[i], self.tgt_proj[j])
        norms = (
            np.linalg.norm(self.src_proj[i], axis=1), np.linalg.norm(self.tgt_bag[j], axis=1),
            np.linalg.norm(self.src_bag[i], axis=1), np.linalg.norm(self.tgt_proj[j], axis=1),
        )
        return cosine_features(df, db, norms)


class LexicalScorer:
    """Lexical log-likelihood ratio of candidate beads inside a band (a ``LexicalScore``)."""

    def __init__(self, vecs: SentenceVectors, weights: np.ndarray, node_lo: np.ndarray, node_hi: np.ndarray,
                 max_src: int, max_tgt: int, floor: float = MAX_LEXICAL_LLR):
        self.floor = floor
        n = vecs.src_proj.shape[0]
        m = vecs.tgt_bag.shape[0]
        # Sentence row r is read by nodes r+1 .. r+max_src; their bead columns reach back max_tgt.
        idx = np.arange(n)
        lo = np.full(n, m, dtype=np.int64)
        hi = np.zeros(n, dtype=np.int64)
        for k in range(1, max_src + 1):
            node = np.minimum(idx + k, n)
            lo = np.minimum(lo, node_lo[node] - max_tgt)
            hi = np.maximum(hi, node_hi[node])
        lo, hi = np.clip(lo, 0, m), np.clip(hi, 0, m)
        self.forward = BandedDots(vecs.src_proj, vecs.tgt_bag, lo, hi)
        self.backward = BandedDots(vecs.src_bag, vecs.tgt_proj, lo, hi)
        self.norm_src_proj = run_norms(vecs.src_proj, max_src)
        self.norm_tgt_bag = run_norms(vecs.tgt_bag, max_tgt)
        self.norm_src_bag = run_norms(vecs.src_bag, max_src)
        self.norm_tgt_proj = run_norms(vecs.tgt_proj, max_tgt)
        self.weights = weights

    def __call__(self, a: int, b: int, i: int, j_nodes: np.ndarray) -> np.ndarray:
        """Sum over the bead's sentences of how well the other side's run explains each one.

        Each target sentence is compared with the projection of the whole source run, and each
        source sentence with the projection of the whole target run; unrelated material in a
        run dilutes the projection, so a merge that is not a real merge loses evidence, and
        evidence grows with the number of sentences it covers (as Model 1's does with words).
        """
        (wf0, wf1), (wb0, wb1) = self.weights
        out = np.zeros(j_nodes.size)
        run_src_norm = self.norm_src_proj[a - 1, i]
        for q in range(b):
            dot = np.zeros(j_nodes.size)
            for p in range(a):
                dot += self.forward.get(i - 1 - p, j_nodes - 1 - q)
            cos = dot / np.maximum(run_src_norm * self.norm_tgt_bag[0, j_nodes - q], 1e-9)
            out += np.clip(wf0 + wf1 * cos, -self.floor, MAX_LEXICAL_LLR)
        run_tgt_norm = self.norm_tgt_proj[b - 1, j_nodes]
        for p in range(a):
            dot = np.zeros(j_nodes.size)
            for q in range(b):
                dot += self.backward.get(i - 1 - p, j_nodes - 1 - q)
            cos = dot / np.maximum(self.norm_src_bag[0, i - p] * run_tgt_norm, 1e-9)
            out += np.clip(wb0 + wb1 * cos, -self.floor, MAX_LEXICAL_LLR)
        return out
