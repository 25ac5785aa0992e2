"""Bead search: dynamic programming over a band of the (source, target) grid. numpy and numba only.

Conventions, defined once here: ``i`` indexes source sentences and ``j`` target sentences;
grid node ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are aligned", so
nodes run over ``0..n`` and ``0..m`` (one more than sentences per dimension, as in Vecalign's
``dense_dp``). A bead of type ``(a, b)`` is an edge from node ``(i - a, j - b)`` to ``(i, j)``
consuming source sentences ``i-a .. i-1`` and target sentences ``j-b .. j-1``. Costs sit on
edges, sums and backpointers on nodes; costs accumulate in float64; lower is better.

The band gives, for every row ``i``, the half-open range ``[lo[i], hi[i])`` of target nodes
searched; "band coordinates" of node ``(i, j)`` are ``(i, j - lo[i])``. Work and memory are
O((n + m) * width * |bead types|); the full ``n x m`` table is only used when the caller
passes a full band (small documents).

How it runs (issue #5): the costs of every bead type are asked for in bulk, a chunk of band
rows at a time (``CostTable.band_costs``, arrays shaped like the band), and one compiled
kernel (numba, cached on disk) runs the recurrence over them. A plain per-row cost function
(``CostFunction``) is still accepted and is evaluated row by row into the same arrays. Only
the rows a bead can reach back to stay in memory as sums (a ring of ``max a + 1`` rows); the
backpointers (int8) cover the band. Backpointers store the bead type index, so a traceback
yields the step ``(a, b)`` directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
from numba import njit

#: Cost function: (a, b, i, j_nodes) -> costs of the beads (a, b) ending at nodes (i, j_nodes);
#: it is only called with i >= a and j_nodes >= b. Returns float64 array like j_nodes.
CostFunction = Callable[[int, int, int, np.ndarray], np.ndarray]

#: Cost values held at once while searching: bead types x rows x band width (float64).
CHUNK_CELLS = 4_000_000

#: Cells from which costs are computed on all cores (below it, starting threads costs more
#: than it saves: a short document, one row, a path).
PARALLEL_CELLS = 50_000


@runtime_checkable
class CostTable(Protocol):
    """Bead costs for whole band rows at once."""

    def band_costs(self, bead_types: Sequence[tuple[int, int]], band: Band, start: int, stop: int) -> np.ndarray:
        """``costs[k, r, c]``: cost of bead type ``k`` ending at node ``(start + r, lo + c)``.

        Shape ``(len(bead_types), stop - start, band.width)``, float64. Values at cells outside
        a row's band, or where the bead would start before node (0, 0), are never read.
        """
        ...


@dataclass(frozen=True, slots=True)
class Band:
    """Per-row target node ranges ``[lo[i], hi[i])`` for rows ``i = 0..n``."""

    lo: np.ndarray
    hi: np.ndarray

    @property
    def width(self) -> int:
        return int((self.hi - self.lo).max())


def full_band(n: int, m: int) -> Band:
    """The whole grid: every target node in every row."""
    return Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64))


def band_around_path(path_nodes: np.ndarray, n: int, m: int, half_width: int) -> Band:
    """A band of ``half_width`` target nodes either side of a monotone path of grid nodes.

    :param path_nodes: int array of shape (k, 2) of (i, j) nodes, starting at (0, 0), ending at
        (n, m), monotone in both coordinates (consecutive nodes may skip rows or columns).
    """
    nodes = np.asarray(path_nodes, dtype=np.int64).reshape(-1, 2)
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    # Each step from the previous node (0, 0 before the first) to the next covers the rows it
    # passes over (a step of a > 1 skips rows) with the columns between its two ends.
    prev = np.vstack([np.zeros((1, 2), dtype=np.int64), nodes[:-1]])
    rows_per_step = nodes[:, 0] - prev[:, 0] + 1
    step_of = np.repeat(np.arange(len(nodes)), rows_per_step)
    first_row = np.repeat(np.cumsum(rows_per_step) - rows_per_step, rows_per_step)
    rows = prev[step_of, 0] + np.arange(step_of.size) - first_row
    j_lo = np.minimum(prev[step_of, 1], nodes[step_of, 1])
    j_hi = np.maximum(prev[step_of, 1], nodes[step_of, 1]) + 1
    np.minimum.at(lo, rows, j_lo)
    np.maximum.at(hi, rows, j_hi)
    lo = np.maximum(lo - half_width, 0)
    hi = np.minimum(hi + half_width, m + 1)
    # A row's range must overlap the previous row's so every path inside can continue.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    return Band(lo, hi)


def diagonal_band(n: int, m: int, half_width: int) -> Band:
    """A band of ``half_width`` nodes either side of the straight line from (0, 0) to (n, m)."""
    i = np.arange(n + 1)
    centre = np.rint(i * (m / max(n, 1))).astype(np.int64)
    lo = np.maximum(centre - half_width, 0)
    hi = np.minimum(centre + half_width + 1, m + 1)
    lo[0] = 0
    hi[-1] = m + 1
    return Band(np.minimum.accumulate(lo[::-1])[::-1], np.maximum.accumulate(hi))


# States of the search: the last bead was a match (both sides non-empty) or the start, a
# deletion (1-0), or an insertion (0-1).
MATCH, DELETION, INSERTION = 0, 1, 2


class CallbackCosts:
    """A ``CostTable`` over a per-row ``CostFunction`` (for tests and small re-searches)."""

    __slots__ = ("cost",)

    def __init__(self, cost: CostFunction):
        self.cost = cost

    def band_costs(self, bead_types: Sequence[tuple[int, int]], band: Band, start: int, stop: int) -> np.ndarray:
        out = np.full((len(bead_types), stop - start, band.width), np.inf)
        for r, i in enumerate(range(start, stop)):
            j_nodes = np.arange(band.lo[i], band.hi[i])
            for k, (a, b) in enumerate(bead_types):
                if i < a:
                    continue
                ok = j_nodes >= b
                if ok.any():
                    out[k, r, : j_nodes.size][ok] = self.cost(a, b, i, j_nodes[ok])
        return out


def as_cost_table(cost: CostTable | CostFunction) -> CostTable:
    """``cost`` itself when it computes whole rows, else a row-by-row wrapper of it."""
    return cost if isinstance(cost, CostTable) else CallbackCosts(cost)


def iter_cost_chunks(cost: CostTable, bead_types: Sequence[tuple[int, int]], band: Band, n: int):
    """Yield ``(start, stop, costs)`` over rows ``0..n`` in chunks of about ``CHUNK_CELLS`` values."""
    rows = max(1, CHUNK_CELLS // max(1, len(bead_types) * band.width))
    for start in range(0, n + 1, rows):
        stop = min(n + 1, start + rows)
        yield start, stop, np.ascontiguousarray(cost.band_costs(bead_types, band, start, stop), dtype=np.float64)


def search(
    n: int,
    m: int,
    bead_types: Sequence[tuple[int, int]],
    cost: CostTable | CostFunction,
    band: Band,
    gap_extend_discount: float = 0.0,
) -> tuple[list[tuple[int, int]], float, bool]:
    """Find the cheapest monotone path of beads from node (0, 0) to (n, m) inside ``band``.

    Deletions (1-0) and insertions (0-1) are the only one-sided bead types. A deletion that
    follows a deletion (an insertion that follows an insertion) costs ``gap_extend_discount``
    less: translators omit whole blocks, so the search keeps three states per node (last bead
    a match, a deletion or an insertion), the affine gap of sequence alignment. Ties go to the
    earlier bead type, then to the state order match, deletion, insertion, then to the longer
    run of insertions.

    :returns: the beads as steps ``(a, b)`` in document order, the total cost, and whether the
        path touched the band's edge (a hint that a wider band might find a cheaper path).
    """
    types = [(int(a), int(b)) for a, b in bead_types]
    for a, b in types:
        if (a == 0 or b == 0) and (a, b) not in ((1, 0), (0, 1)):
            raise ValueError("the only one-sided bead types are 1-0 and 0-1")
    lo = np.ascontiguousarray(band.lo, dtype=np.int64)
    hi = np.ascontiguousarray(band.hi, dtype=np.int64)
    width = max(int((hi - lo).max()), 1)
    kinds = np.asarray(types, dtype=np.int64).reshape(-1, 2)
    match_k = np.asarray([k for k, (a, b) in enumerate(types) if a and b], dtype=np.int64)
    del_k = types.index((1, 0)) if (1, 0) in types else -1
    ins_k = types.index((0, 1)) if (0, 1) in types else -1
    ring = int(max([a for a, _ in types] + [1])) + 1
    total = np.full((3, ring, width), np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    from_state = np.zeros((3, n + 1, width), dtype=np.int8)
    table = as_cost_table(cost)
    for start, stop, costs in iter_cost_chunks(table, types, Band(lo, hi), n):
        _dp_rows(start, stop, lo, hi, kinds, match_k, del_k, ins_k, costs, float(gap_extend_discount),
                 total, back, from_state)
    end = m - lo[n]
    final = total[:, n % ring, end] if 0 <= end < hi[n] - lo[n] else np.full(3, np.inf)
    if not np.isfinite(final).any():
        raise RuntimeError("the band does not connect (0, 0) to (n, m)")
    state = int(np.argmin(final))
    best_total = float(final[state])
    kind_of_step, touched, ok = _traceback(n, m, state, lo, hi, kinds, back, from_state, del_k, ins_k)
    if not ok:
        raise RuntimeError("broken backpointer in the band")
    steps = [types[k] for k in kind_of_step[::-1]]
    return steps, best_total, bool(touched)


@njit(cache=True)
def _dp_rows(start, stop, lo, hi, kinds, match_k, del_k, ins_k, costs, d, total, back, from_state):  # pragma: no cover
    """The recurrence over rows ``start..stop-1`` (compiled); ``total`` is a ring of rows."""
    inf = np.inf
    ring = total.shape[1]
    width = total.shape[2]
    for i in range(start, stop):
        r = i - start
        ri = i % ring
        for s in range(3):
            for c in range(width):
                total[s, ri, c] = inf
        size = hi[i] - lo[i]
        start_prev = inf  # min(match, deletion) at the previous node of this row
        start_state_prev = 0
        for c in range(size):
            j = lo[i] + c
            best = inf
            best_k = -1
            best_from = 0
            if i == 0 and j == 0:
                best = 0.0
            for t in range(match_k.size):
                k = match_k[t]
                a = kinds[k, 0]
                b = kinds[k, 1]
                if i < a:
                    continue
                p = i - a
                sj = j - b
                if sj < lo[p] or sj >= hi[p]:
                    continue
                pc = sj - lo[p]
                pr = p % ring
                before = total[0, pr, pc]
                state = 0
                if total[1, pr, pc] < before:
                    before = total[1, pr, pc]
                    state = 1
                if total[2, pr, pc] < before:
                    before = total[2, pr, pc]
                    state = 2
                if before == inf:
                    continue
                cand = before + costs[k, r, c]
                if cand < best:
                    best = cand
                    best_k = k
                    best_from = state
            deletion = inf
            deletion_from = 0
            if del_k >= 0 and i >= 1:
                p = i - 1
                if lo[p] <= j < hi[p]:
                    pc = j - lo[p]
                    pr = p % ring
                    before = total[0, pr, pc]
                    state = 0
                    if total[1, pr, pc] - d < before:
                        before = total[1, pr, pc] - d
                        state = 1
                    if total[2, pr, pc] < before:
                        before = total[2, pr, pc]
                        state = 2
                    if before < inf:
                        deletion = before + costs[del_k, r, c]
                        deletion_from = state
            insertion = inf
            insertion_from = 2
            if ins_k >= 0 and c >= 1:
                step = costs[ins_k, r, c]
                opened = start_prev + step
                extended = total[2, ri, c - 1] + step - d
                if extended <= opened:
                    insertion = extended
                else:
                    insertion = opened
                    insertion_from = start_state_prev
            total[0, ri, c] = best
            total[1, ri, c] = deletion
            total[2, ri, c] = insertion
            back[i, c] = best_k
            from_state[0, i, c] = best_from
            from_state[1, i, c] = deletion_from
            from_state[2, i, c] = insertion_from
            if deletion < best:
                start_prev = deletion
                start_state_prev = 1
            else:
                start_prev = best
                start_state_prev = 0


@njit(cache=True)
def _traceback(n, m, state, lo, hi, kinds, back, from_state, del_k, ins_k):  # pragma: no cover
    """Bead type indices from (n, m) back to (0, 0), whether the path touched the band's edge,
    and whether every backpointer was sound."""
    out = np.empty(n + m, dtype=np.int64)
    count = 0
    i = n
    j = m
    touched = False
    while i > 0 or j > 0:
        col = j - lo[i]
        if (col == 0 and lo[i] > 0) or (col == hi[i] - lo[i] - 1 and hi[i] <= m):
            touched = True
        if state == 0:
            k = back[i, col]
            if k < 0:
                return out[:0], touched, False
        elif state == 1:
            k = del_k
        else:
            k = ins_k
        out[count] = k
        count += 1
        state = from_state[state, i, col]
        i -= kinds[k, 0]
        j -= kinds[k, 1]
    return out[:count], touched, True


def path_nodes(steps: Sequence[tuple[int, int]]) -> np.ndarray:
    """Grid nodes visited by a sequence of steps, starting with (0, 0)."""
    arr = np.zeros((len(steps) + 1, 2), dtype=np.int64)
    if steps:
        arr[1:] = np.cumsum(np.asarray(steps, dtype=np.int64), axis=0)
    return arr


def cheapest_to_nodes(
    n: int, m: int, bead_types: Sequence[tuple[int, int]], cost: CostTable | CostFunction, band: Band,
    reverse: bool = False,
) -> np.ndarray:
    """Cheapest cost from (0, 0) to every band node (``reverse``: from every node to (n, m)).

    A single-state sweep (no gap-extension discount), in band coordinates: shape
    ``(n + 1, band.width)``, ``inf`` outside the band. For confidence margins (forward +
    backward = the best path through a node).
    """
    types = [(int(a), int(b)) for a, b in bead_types]
    lo = np.ascontiguousarray(band.lo, dtype=np.int64)
    hi = np.ascontiguousarray(band.hi, dtype=np.int64)
    width = max(int((hi - lo).max()), 1)
    kinds = np.asarray(types, dtype=np.int64).reshape(-1, 2)
    out = np.full((n + 1, width), np.inf)
    table = as_cost_table(cost)
    band = Band(lo, hi)
    if not reverse:
        for start, stop, costs in iter_cost_chunks(table, types, band, n):
            _sweep_forward(start, stop, lo, hi, kinds, costs, out)
        return out
    # Costs sit on an edge's end node, so the backward sweep over rows start..stop-1 reads rows
    # up to stop - 1 + max a: chunks are taken from the bottom up with that overlap.
    reach = int(kinds[:, 0].max()) if kinds.size else 0
    rows = max(1, CHUNK_CELLS // max(1, len(types) * width))
    for stop in range(n + 1, 0, -rows):
        start = max(0, stop - rows)
        end = min(n + 1, stop + reach)
        costs = np.ascontiguousarray(table.band_costs(types, band, start, end), dtype=np.float64)
        _sweep_backward(start, stop, n, m, lo, hi, kinds, costs, out)
    return out


@njit(cache=True)
def _sweep_forward(start, stop, lo, hi, kinds, costs, out):  # pragma: no cover
    inf = np.inf
    for i in range(start, stop):
        r = i - start
        size = hi[i] - lo[i]
        for c in range(size):
            j = lo[i] + c
            best = 0.0 if (i == 0 and j == 0) else inf
            for k in range(kinds.shape[0]):
                a = kinds[k, 0]
                b = kinds[k, 1]
                if i < a or (a == 0 and b == 0):
                    continue
                p = i - a
                sj = j - b
                if sj < lo[p] or sj >= hi[p] or (a == 0 and sj < lo[i]):
                    continue
                before = out[p, sj - lo[p]]
                if before < inf:
                    cand = before + costs[k, r, c]
                    if cand < best:
                        best = cand
            out[i, c] = best


@njit(cache=True)
def _sweep_backward(start, stop, n, m, lo, hi, kinds, costs, out):  # pragma: no cover
    """Rows ``stop-1 .. start``; ``costs`` hold rows ``start ..`` (past ``stop`` by max a)."""
    inf = np.inf
    for i in range(stop - 1, start - 1, -1):
        size = hi[i] - lo[i]
        for c in range(size - 1, -1, -1):
            j = lo[i] + c
            best = 0.0 if (i == n and j == m) else inf
            for k in range(kinds.shape[0]):
                a = kinds[k, 0]
                b = kinds[k, 1]
                if a == 0 and b == 0:
                    continue
                ni = i + a
                nj = j + b
                if ni > n or nj < lo[ni] or nj >= hi[ni]:
                    continue
                after = out[ni, nj - lo[ni]]
                if after < inf:
                    cand = after + costs[k, ni - start, nj - lo[ni]]
                    if cand < best:
                        best = cand
            out[i, c] = best
