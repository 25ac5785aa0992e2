"""Bead costs: every piece of evidence as a log-likelihood ratio, summed, negated.

A bead's score is ``log P(type) + LLR_length + LLR_anchors + LLR_lexical + paragraph term``,
each LLR comparing "these sentences translate each other" with "these are unrelated
sentences" (Moore 2002). Insertions and deletions carry no evidence, only their prior, so a
block omission needs no tuned penalty: a 1-1 bead wins only when its evidence is better than
unrelated. The search minimises ``cost = -score``.

Every term is computed for many cells at once (a ``Grid``: a chunk of band rows, one row, or
a path's nodes) from per-sentence prefix sums and single-sentence pair values, so the search
asks for whole bands of costs instead of calling back once per row (issue #5).

Conventions: as in ``search.py``, a bead (a, b) ending at node (i, j) covers source
sentences ``i-a .. i-1`` and target sentences ``j-b .. j-1``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numba import njit, prange

from aligner.align.beads import BeadType
from aligner.align.features import SideFeatures
from aligner.align.search import PARALLEL_CELLS
from aligner.align.settings import GALE_CHURCH_VARIANCE, RARE_BEAD_PRIOR

#: Student-t degrees of freedom for the length residual: translation length ratios have
#: heavy tails (a gloss, a dropped clause), and a Gaussian punishes them quadratically.
LENGTH_T_DOF = 4.0
assert float(LENGTH_T_DOF + 1).is_integer()

#: Floor on the variance of the log length ratio (very long sentences are not that exact).
MIN_LOG_RATIO_VARIANCE = 0.004

#: Floor on the variance of unrelated sentences' log length ratio (a document whose
#: sentences all have one length would otherwise make length evidence infinite).
MIN_NULL_VARIANCE = 0.05

#: An anchor held by more than this share of a side's sentences says little about position.
MAX_ANCHOR_SHARE = 0.05

#: Probability that an omission or addition goes on for one more sentence: translators skip
#: whole passages, so once a gap is open, continuing it is as likely as closing it.
GAP_EXTEND_PROBABILITY = 0.5

#: Prior of an editorial-only sentence standing alone as an insertion or deletion.
EDITORIAL_ALONE_PRIOR = 0.5

#: Nats against a bead that merges an editorial-only sentence with others, or pairs one with
#: a sentence that is not a bracket: brackets are the archivist's, not the translation's.
EDITORIAL_MERGE_PENALTY = 6.0

#: Anchor namespaces whose keys count against a bead even when the other side of the document
#: never has them.
ONE_SIDED_NAMESPACES = frozenset({"num"})

#: Nats against a bead that breaks a paragraph on one side only (soft evidence).
PARAGRAPH_WEIGHT = 2.0

#: A lexical similarity: (a, b, i, j_nodes) -> log-likelihood ratios, like a cost function.
LexicalScore = Callable[[int, int, int, np.ndarray], np.ndarray]


@dataclass(frozen=True, slots=True)
class LengthModel:
    """Log length ratio statistics of one document pair."""

    log_ratio: float  # log(target chars / source chars) over the whole document
    src_log_mean: float
    src_log_var: float
    tgt_log_mean: float
    tgt_log_var: float
    scale: float  # target chars per source char

    @classmethod
    def fit(cls, src: SideFeatures, tgt: SideFeatures) -> LengthModel:
        ls, lt = np.log(src.lengths), np.log(tgt.lengths)
        ratio = float(max(tgt.lengths.sum(), 1.0) / max(src.lengths.sum(), 1.0))
        return cls(
            log_ratio=math.log(ratio),
            src_log_mean=float(ls.mean()) if ls.size else 0.0,
            src_log_var=float(ls.var()) if ls.size > 1 else 0.5,
            tgt_log_mean=float(lt.mean()) if lt.size else 0.0,
            tgt_log_var=float(lt.var()) if lt.size > 1 else 0.5,
            scale=ratio,
        )

    def llr(self, src_len: np.ndarray, tgt_len: np.ndarray, a: int, b: int) -> np.ndarray:
        """log p(lengths | translation) - log p(lengths | unrelated sentences)."""
        src_len, tgt_len = np.broadcast_arrays(np.asarray(src_len, dtype=np.float64), np.asarray(tgt_len, dtype=np.float64))
        shape = tgt_len.shape
        return _length_llr(np.ascontiguousarray(src_len).reshape(-1), np.ascontiguousarray(tgt_len).reshape(-1),
                           *self.constants(a, b)).reshape(shape)

    def constants(self, a: int, b: int) -> tuple[float, ...]:
        nu = LENGTH_T_DOF
        t_const = math.lgamma((nu + 1) / 2) - math.lgamma(nu / 2) - 0.5 * math.log(nu * math.pi)
        null_mean = (self.tgt_log_mean + math.log(b)) - (self.src_log_mean + math.log(a)) - self.log_ratio
        null_var = max(self.src_log_var + self.tgt_log_var, MIN_NULL_VARIANCE)
        null_const = -0.5 * math.log(2 * math.pi * null_var)
        return (self.log_ratio, self.scale, GALE_CHURCH_VARIANCE, MIN_LOG_RATIO_VARIANCE, nu, t_const, null_mean,
                null_var, null_const)


@njit(cache=True)
def _length_value(src_len, tgt_len, log_ratio, scale, gc_var, min_var, nu, t_const, null_mean, null_var,
                  null_const):  # pragma: no cover
    """Student-t log density of the log length ratio minus the unrelated pairs' Gaussian one."""
    r = np.log(tgt_len) - np.log(src_len) - log_ratio
    mean_len = 0.5 * (src_len * scale + tgt_len)
    var = max(gc_var / (scale * mean_len), min_var)
    z2 = r * r / var
    log_t = t_const - 0.5 * np.log(var) - (nu + 1) / 2 * np.log1p(z2 / nu)
    log_null = null_const - (r - null_mean) ** 2 / (2 * null_var)
    return log_t - log_null


@njit(cache=True)
def _length_llr(src_len, tgt_len, log_ratio, scale, gc_var, min_var, nu, t_const, null_mean, null_var,
                null_const):  # pragma: no cover
    out = np.empty(src_len.size)
    for k in range(src_len.size):
        out[k] = _length_value(src_len[k], tgt_len[k], log_ratio, scale, gc_var, min_var, nu, t_const, null_mean,
                               null_var, null_const)
    return out


@njit(cache=True)
def _length_cell(src_len, src_log, tgt_len, tgt_log, log_ratio, scale, gc_var, min_var, nu, t_const, null_mean,
                 null_var, null_const):  # pragma: no cover
    """``_length_value`` with the logs of the run lengths given, and the two remaining logs of
    the Student-t term taken as one (``log(var * (1 + z2/nu)^(nu+1))``, nu + 1 whole)."""
    ratio = tgt_log - src_log - log_ratio
    mean_len = 0.5 * (src_len * scale + tgt_len)
    var = max(gc_var / (scale * mean_len), min_var)
    base = 1.0 + ratio * ratio / var / nu
    power = var
    for _ in range(int(nu + 1)):
        power *= base
    log_t = t_const - 0.5 * np.log(power)
    log_null = null_const - (ratio - null_mean) ** 2 / (2 * null_var)
    return log_t - log_null


@njit(cache=True)
def _base_row(r, I, J, a, b, prior, alone, merge_penalty, src_ed, tgt_ed, src_len, src_log, tgt_len, tgt_log,
              log_ratio, scale, gc_var, min_var, nu, t_const, null_mean, null_var, null_const,
              out):  # pragma: no cover
    """Prior, editorial terms and length evidence of row ``r``'s cells, written to ``out``;
    cells with ``j < b`` (or past the last node) get 0 and are never read."""
    m = tgt_ed.size - 1
    i = I[r]
    ed_src = src_ed[i] - src_ed[i - a]
    for c in range(J.shape[1]):
        j = J[r, c]
        if j < b or j > m:
            out[r, c] = 0.0
            continue
        ed_tgt = tgt_ed[j] - tgt_ed[j - b]
        if a == 0 or b == 0:
            # A sentence that is only an editorial bracket usually stands alone: an
            # insertion or deletion of one is as likely as not.
            out[r, c] = prior + (ed_src + ed_tgt) * (alone - prior)
            continue
        value = prior
        if a + b > 2:
            value -= merge_penalty * (ed_src + ed_tgt)
        else:
            value -= merge_penalty * abs(ed_src - ed_tgt)
        value += _length_cell(src_len[r], src_log[r], tgt_len[j], tgt_log[j], log_ratio, scale, gc_var, min_var,
                              nu, t_const, null_mean, null_var, null_const)
        out[r, c] = value


@njit(cache=True)
def _base_cells(*args):  # pragma: no cover
    for r in range(args[0].size):
        _base_row(r, *args)


@njit(cache=True, parallel=True)
def _base_cells_parallel(*args):  # pragma: no cover
    for r in prange(args[0].size):
        _base_row(r, *args)


@njit(cache=True)
def _negate_into(values, J, hi_of_row, b, out):  # pragma: no cover
    """``out[r, c] = -values[r, c]`` where the cell is in its row's band and ``j >= b``."""
    rows, width = J.shape
    for r in range(rows):
        for c in range(width):
            j = J[r, c]
            if j < hi_of_row[r] and j >= b:
                out[r, c] = -values[r, c]


class Grid:
    """Cells at which to evaluate beads: node rows ``I`` (shape (R,)) and, per row, target
    nodes ``J`` (shape (R, W)).

    A band chunk is a grid (``J`` = the row's band columns); so is a single row of a
    ``CostFunction`` call (R = 1), and a list of path nodes (W = 1). ``valid`` marks the cells
    that matter (others may hold any value and are never read back).
    """

    __slots__ = ("I", "J", "valid")

    def __init__(self, I: np.ndarray, J: np.ndarray, valid: np.ndarray | None = None):
        self.I = I
        self.J = J
        self.valid = valid


@njit(cache=True)
def _anchor_row(r, I, J, a, b, occ_ptr, occ_key, codes, stride, key_weight, key_lost, src_miss, tgt_miss_cum,
                out):  # pragma: no cover
    """``AnchorIndex.cells`` for row ``r``, added to ``out``: the keys of the bead's source
    sentences found in its target sentences (a binary search in the postings' codes), and the
    miss penalties."""
    m = tgt_miss_cum.size - 1
    i = I[r]
    src_run = 0.0
    for s in range(i - a, i):
        src_run += src_miss[s]
    for c in range(J.shape[1]):
        j = J[r, c]
        if j < b or j > m:
            continue
        shared = 0.0
        relieved = 0.0
        for p in range(a):
            s = i - 1 - p
            for e in range(occ_ptr[s], occ_ptr[s + 1]):
                key = occ_key[e]
                # Once per source sentence holding the key: a key repeated on both sides of a
                # merged bead must not count every (source, target) pairing of its copies.
                for q in range(b):
                    wanted = key * stride + (j - 1 - q)
                    pos = np.searchsorted(codes, wanted)
                    if pos < codes.size and codes[pos] == wanted:
                        shared += key_weight[key]
                        relieved += key_lost[key]
                        break
        missing = src_run + (tgt_miss_cum[j] - tgt_miss_cum[j - b])
        out[r, c] += shared - max(missing - relieved, 0.0)


@njit(cache=True)
def _anchor_cells(*args):  # pragma: no cover
    for r in range(args[0].size):
        _anchor_row(r, *args)


@njit(cache=True, parallel=True)
def _anchor_cells_parallel(*args):  # pragma: no cover
    for r in prange(args[0].size):
        _anchor_row(r, *args)


class AnchorIndex:
    """Postings of anchor keys over target sentences, and the evidence each key gives.

    An anchor key (a normalised number, a glossary term id, a name key) found on both sides of
    a bead is evidence in proportion to its rarity: with ``p`` the chance that a translation
    keeps the anchor and ``r`` the share of sentences holding it, sharing it is
    ``log(p / r)`` nats more likely for a translation than for unrelated sentences, and finding
    it on one side only is ``log((1 - p) / (1 - r))``. Keys seen on one side of the document
    only (a name the translator spelled differently) say nothing and are ignored.

    Layout for bulk evaluation: keys get ids; each source sentence lists the ids of its usable
    keys (CSR), and the postings are one sorted array of codes ``key_id * (m + 1) + t``, so
    "does target sentence t hold key k" is one ``searchsorted`` for any number of cells.
    """

    def __init__(self, src: SideFeatures, tgt: SideFeatures, keep: Mapping[str, float]):
        postings: dict[str, list[int]] = defaultdict(list)
        for j, keys in enumerate(tgt.anchors):
            for key in keys:
                postings[key].append(j)
        src_df: dict[str, int] = defaultdict(int)
        for keys in src.anchors:
            for key in keys:
                src_df[key] += 1
        cap_t = max(2, int(MAX_ANCHOR_SHARE * max(tgt.n, 1)))
        cap_s = max(2, int(MAX_ANCHOR_SHARE * max(src.n, 1)))
        self.postings = {
            k: np.asarray(v, dtype=np.int64)
            for k, v in postings.items()
            if len(v) <= cap_t and 0 < src_df.get(k, 0) <= cap_s and keep.get(k.split(":", 1)[0], 0.0) > 0
        }
        self.weight: dict[str, float] = {}
        self.miss: dict[str, float] = {}
        for k, post in self.postings.items():
            p = min(keep[k.split(":", 1)[0]], 0.99)
            share = math.sqrt((len(post) / max(tgt.n, 1)) * (src_df[k] / max(src.n, 1)))
            self.weight[k] = max(0.0, math.log(p / share))
            self.miss[k] = max(0.0, -math.log((1 - p) / max(1 - share, 1e-9)))
        # A number found on one side of the whole document only (the sentence holding it was
        # dropped, or the number was) still counts against any bead holding it: numbers are
        # normalised across languages, unlike name keys, whose spellings may differ.
        for keys in (*src.anchors, *tgt.anchors):
            for k in keys:
                namespace = k.split(":", 1)[0]
                if k not in self.miss and namespace in ONE_SIDED_NAMESPACES and keep.get(namespace, 0.0) > 0:
                    self.miss[k] = -math.log(1 - min(keep[namespace], 0.99))
        self.src_anchors = src.anchors
        tgt_miss = np.asarray([sum(self.miss.get(k, 0.0) for k in a) for a in tgt.anchors], dtype=np.float64)
        self.tgt_miss_cum = np.concatenate(([0.0], np.cumsum(tgt_miss)))
        self.src_miss = np.asarray([sum(self.miss.get(k, 0.0) for k in a) for a in src.anchors], dtype=np.float64)
        # Bulk layout (see the class docstring).
        key_id = {k: n for n, k in enumerate(self.postings)}
        self._stride = tgt.n + 1
        self._key_weight = np.asarray([self.weight[k] for k in self.postings], dtype=np.float64)
        self._key_lost = np.asarray([2 * self.miss[k] for k in self.postings], dtype=np.float64)
        per_sentence = [[key_id[k] for k in keys if k in key_id] for keys in src.anchors]
        self._occ_ptr = np.concatenate(([0], np.cumsum([len(ks) for ks in per_sentence]))).astype(np.int64)
        self._occ_key = np.asarray([k for ks in per_sentence for k in ks], dtype=np.int64)
        codes = [key_id[k] * self._stride + post for k, post in self.postings.items()]
        self._codes = np.sort(np.concatenate(codes)) if codes else np.zeros(0, dtype=np.int64)

    def cells(self, a: int, b: int, grid: Grid) -> np.ndarray:
        """Evidence of shared anchors minus that of anchors found on one side of the bead only."""
        out = np.zeros(grid.J.shape)
        self.add_cells(a, b, grid, out)
        return out

    def add_cells(self, a: int, b: int, grid: Grid, out: np.ndarray) -> None:
        """``out += cells(a, b, grid)``, without a temporary."""
        if self.postings:
            J = np.ascontiguousarray(grid.J, dtype=np.int64)
            kernel = _anchor_cells_parallel if J.size >= PARALLEL_CELLS else _anchor_cells
            kernel(
                np.ascontiguousarray(grid.I, dtype=np.int64), J, a, b,
                self._occ_ptr, self._occ_key, self._codes, self._stride, self._key_weight, self._key_lost,
                self.src_miss, self.tgt_miss_cum, out,
            )

    def llr(self, a: int, b: int, i: int, j_nodes: np.ndarray) -> np.ndarray:
        """The anchor evidence of the beads (a, b) ending at (i, j_nodes)."""
        j = np.asarray(j_nodes, dtype=np.int64)
        return self.cells(a, b, Grid(np.asarray([i], dtype=np.int64), j.reshape(1, -1)))[0]


_RECENT_ANCHORS: list[tuple[SideFeatures, SideFeatures, tuple, AnchorIndex]] = []


def _anchor_index(src: SideFeatures, tgt: SideFeatures, keep: Mapping[str, float]) -> AnchorIndex:
    """The ``AnchorIndex`` of two sides, built once for the scorers of every pass (cached by
    the sides' identity: features are immutable)."""
    key = tuple(sorted(keep.items()))
    for s, t, k, index in _RECENT_ANCHORS:
        if s is src and t is tgt and k == key:
            return index
    index = AnchorIndex(src, tgt, keep)
    _RECENT_ANCHORS.insert(0, (src, tgt, key, index))
    del _RECENT_ANCHORS[4:]
    return index


class BeadScorer:
    """Cost of every candidate bead from lengths, anchors, paragraphs, priors and a lexicon.

    Every evidence term is computed on a ``Grid`` of cells at once: a band chunk for the
    search (``band_costs``, the ``search.CostTable`` protocol), one row for a ``CostFunction``
    call (``cost``, also ``__call__``), or a path's end nodes (``score_path``). The lexicon is
    any ``LexicalScore``; one with a ``cells(a, b, grid)`` method is evaluated in bulk too.
    """

    def __init__(
        self,
        src: SideFeatures,
        tgt: SideFeatures,
        priors: Mapping[BeadType, float],
        anchor_keep: Mapping[str, float],
        lexical: LexicalScore | None = None,
        length_model: LengthModel | None = None,
    ):
        self.src, self.tgt = src, tgt
        self.length = length_model or LengthModel.fit(src, tgt)
        self.src_cum = np.concatenate(([0.0], np.cumsum(src.lengths)))
        self.tgt_cum = np.concatenate(([0.0], np.cumsum(tgt.lengths)))
        self.log_prior = {t: math.log(max(p, 1e-9)) for t, p in priors.items()}
        self.anchors = _anchor_index(src, tgt, anchor_keep)
        self._run_cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.src_editorial = np.concatenate(([0], np.cumsum(src.editorial.astype(np.int64))))
        self.tgt_editorial = np.concatenate(([0], np.cumsum(tgt.editorial.astype(np.int64))))
        self.lexical = lexical
        self.use_paragraphs = src.has_paragraphs and tgt.has_paragraphs
        self.src_para = np.concatenate(([0], np.cumsum(src.para_start.astype(np.int64))))
        self.tgt_para = np.concatenate(([0], np.cumsum(tgt.para_start.astype(np.int64))))

    def prior(self, a: int, b: int) -> float:
        return self.log_prior.get((a, b), math.log(RARE_BEAD_PRIOR))

    def _runs(self, b: int) -> tuple[np.ndarray, np.ndarray]:
        """Length of the run of ``b`` target sentences ending at each node, and its log (the
        log once per node, not once per cell)."""
        runs = self._run_cache.get(b)
        if runs is None:
            length = np.ones(self.tgt_cum.size)
            length[b:] = self.tgt_cum[b:] - self.tgt_cum[:-b] if b else 1.0
            runs = self._run_cache[b] = (length, np.log(length))
        return runs

    def score(self, a: int, b: int, i: int, j_nodes: np.ndarray) -> np.ndarray:
        """Log-odds score of the beads (a, b) ending at (i, j_nodes); higher is better."""
        j = np.asarray(j_nodes, dtype=np.int64)
        return self.cells(a, b, Grid(np.asarray([i], dtype=np.int64), j.reshape(1, -1)))[0]

    def cost(self, a: int, b: int, i: int, j_nodes: np.ndarray) -> np.ndarray:
        return -self.score(a, b, i, j_nodes)

    __call__ = cost

    def gap_extend_discount(self) -> float:
        """Nats an insertion (deletion) costs less right after another: the prior of opening a
        gap is replaced by ``GAP_EXTEND_PROBABILITY`` of continuing one."""
        opening = -0.5 * (self.prior(1, 0) + self.prior(0, 1))
        return max(0.0, opening + math.log(GAP_EXTEND_PROBABILITY))

    def band_costs(self, bead_types, band, start: int, stop: int) -> np.ndarray:
        """Costs of every bead type over band rows ``start..stop-1`` (``search.CostTable``)."""
        types = list(bead_types)
        width = max(int((band.hi - band.lo).max()), 1)
        out = np.full((len(types), stop - start, width), np.inf)
        # Rows a bead type cannot reach (i < a) exist only at the top of the grid: they go
        # row by row, the rest share one grid across the bead types.
        max_a = max(a for a, _ in types)
        split = min(max(start, max_a), stop)
        for i in range(start, split):
            j_nodes = np.arange(band.lo[i], band.hi[i])
            for k, (a, b) in enumerate(types):
                ok = j_nodes >= b
                if i >= a and ok.any():
                    out[k, i - start, : j_nodes.size][ok] = self.cost(a, b, i, j_nodes[ok])
        if split == stop:
            return out
        I = np.arange(split, stop, dtype=np.int64)
        J = band.lo[I][:, None] + np.arange(width)
        hi_of_row = np.ascontiguousarray(band.hi[I], dtype=np.int64)
        # Cells past a row's band are clamped to the last node for the evidence (never read).
        grid = Grid(I, np.minimum(J, self.tgt.n), J < hi_of_row[:, None])
        for k, (a, b) in enumerate(types):
            _negate_into(self.cells(a, b, grid), J, hi_of_row, b, out[k, split - start :])
        return out

    def score_path(self, steps) -> np.ndarray:
        """The score of each bead of a path (steps from node (0, 0)), in path order."""
        nodes = np.cumsum(np.asarray(steps, dtype=np.int64).reshape(-1, 2), axis=0)
        out = np.zeros(len(nodes))
        kinds = {tuple(s) for s in np.asarray(steps, dtype=np.int64).reshape(-1, 2).tolist()}
        arr = np.asarray(steps, dtype=np.int64).reshape(-1, 2)
        for a, b in sorted(kinds):
            at = np.nonzero((arr[:, 0] == a) & (arr[:, 1] == b))[0]
            grid = Grid(nodes[at, 0], nodes[at, 1][:, None])
            out[at] = self.cells(a, b, grid)[:, 0]
        return out

    def cells(self, a: int, b: int, grid: Grid) -> np.ndarray:
        """Log-odds score of the beads (a, b) ending at the grid's cells (shape of ``grid.J``).

        Cells with ``j < b`` or ``j > m`` hold meaningless values (callers mask them).
        """
        I = np.ascontiguousarray(grid.I, dtype=np.int64)
        J = np.ascontiguousarray(grid.J, dtype=np.int64)
        out = np.empty(J.shape)
        src_len = self.src_cum[I] - self.src_cum[I - a]
        tgt_len, tgt_log = self._runs(b)
        with np.errstate(divide="ignore"):
            src_log = np.log(src_len)
        kernel = _base_cells_parallel if J.size >= PARALLEL_CELLS else _base_cells
        kernel(I, J, a, b, self.prior(a, b), math.log(EDITORIAL_ALONE_PRIOR), EDITORIAL_MERGE_PENALTY,
               self.src_editorial, self.tgt_editorial, src_len, src_log, tgt_len, tgt_log,
               *self.length.constants(max(a, 1), max(b, 1)), out)
        if a == 0 or b == 0:
            return out
        self.anchors.add_cells(a, b, grid, out)
        if self.lexical is not None:
            add = getattr(self.lexical, "add_cells", None)
            if add is not None:
                add(a, b, grid, out)
            else:
                out += self._lexical_cells(a, b, grid)
        if self.use_paragraphs:
            out -= PARAGRAPH_WEIGHT * self._paragraph_mismatch(a, b, grid)
        return out

    def _lexical_cells(self, a: int, b: int, grid: Grid) -> np.ndarray:
        cells = getattr(self.lexical, "cells", None)
        if cells is not None:
            return cells(a, b, grid)
        # A plain LexicalScore: row by row, on the cells that matter.
        out = np.zeros(grid.J.shape)
        for r, i in enumerate(grid.I):
            keep = slice(None) if grid.valid is None else grid.valid[r] & (grid.J[r] >= b)
            js = grid.J[r][keep]
            if js.size:
                out[r][keep] = self.lexical(a, b, int(i), js)
        return out

    def _paragraph_mismatch(self, a: int, b: int, grid: Grid) -> np.ndarray:
        # Paragraph breaks inside the bead (after its first sentence) on each side, and whether
        # the bead opens a paragraph on each side: a mismatch suggests a misplaced boundary.
        I, J = grid.I, grid.J
        src_inside = (self.src_para[I] - self.src_para[I - a + 1])[:, None]
        tgt_inside = self.tgt_para[J] - self.tgt_para[J - b + 1]
        src_opens = self.src.para_start[I - a][:, None]
        tgt_opens = self.tgt.para_start[J - b]
        return np.abs(src_inside - tgt_inside) + 0.5 * (src_opens != tgt_opens)
