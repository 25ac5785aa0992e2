"""Bead search: dynamic programming over a band of the (source, target) grid. numpy only.

Conventions, defined once here: ``i`` indexes source sentences and ``j`` target sentences;
grid node ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are aligned", so
nodes run over ``0..n`` and ``0..m`` (one more than sentences per dimension, as in Vecalign's
``dense_dp``). A bead of type ``(a, b)`` is an edge from node ``(i - a, j - b)`` to ``(i, j)``
consuming source sentences ``i-a .. i-1`` and target sentences ``j-b .. j-1``. Costs sit on
edges, sums and backpointers on nodes; costs accumulate in float64; lower is better.

The band gives, for every row ``i``, the half-open range ``[lo[i], hi[i])`` of target nodes
searched. Work and memory are O((n + m) * width * |bead types|); the full ``n x m`` table is
only used when the caller passes a full band (small documents). Backpointers store the bead
type index, so a traceback yields the step ``(a, b)`` directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

#: Cost function: (a, b, i, j_nodes) -> costs of the beads (a, b) ending at nodes (i, j_nodes);
#: it is only called with i >= a and j_nodes >= b. Returns float64 array like j_nodes.
CostFunction = Callable[[int, int, int, np.ndarray], np.ndarray]


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
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    # Fill the rows a path segment passes over, including rows skipped by a step of a > 1.
    prev_i, prev_j = 0, 0
    for i, j in path_nodes:
        for r in range(prev_i, i + 1):
            jl, jh = min(prev_j, j), max(prev_j, j)
            lo[r] = min(lo[r], jl)
            hi[r] = max(hi[r], jh + 1)
        prev_i, prev_j = i, j
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


def search(
    n: int,
    m: int,
    bead_types: Sequence[tuple[int, int]],
    cost: CostFunction,
    band: Band,
) -> tuple[list[tuple[int, int]], float, bool]:
    """Find the cheapest monotone path of beads from node (0, 0) to (n, m) inside ``band``.

    :returns: the beads as steps ``(a, b)`` in document order, the total cost, and whether the
        path touched the band's edge (a hint that a wider band might find a cheaper path).
    """
    lo, hi = band.lo, band.hi
    width = int((hi - lo).max())
    total = np.full((n + 1, width), np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    types = list(bead_types)
    zero_first = [(k, t) for k, t in enumerate(types) if t[0] == 0]  # insertions: same row
    other = [(k, t) for k, t in enumerate(types) if t[0] > 0]

    for i in range(n + 1):
        j_nodes = np.arange(lo[i], hi[i])
        row = np.full(j_nodes.size, np.inf)
        row_back = np.full(j_nodes.size, -1, dtype=np.int8)
        if i == 0:
            start = j_nodes == 0
            row[start] = 0.0
        for k, (a, b) in other:
            if i < a:
                continue
            prev = i - a
            src_j = j_nodes - b
            ok = (src_j >= lo[prev]) & (src_j < hi[prev])
            if not ok.any():
                continue
            cand = np.full(j_nodes.size, np.inf)
            idx = np.nonzero(ok)[0]
            before = total[prev, src_j[idx] - lo[prev]]
            live = np.isfinite(before)
            if not live.any():
                continue
            idx = idx[live]
            cand[idx] = before[live] + cost(a, b, i, j_nodes[idx])
            better = cand < row
            row[better] = cand[better]
            row_back[better] = k
        for k, (a, b) in zero_first:
            # Insertions chain along the row: row[j] = min(row[j], row[j-b] + c(j)); for b = 1
            # this is a prefix minimum, so it is solved with one accumulate, not a Python loop.
            if b != 1:
                raise ValueError("only 0-1 insertions are supported")
            if j_nodes.size < 2:
                continue
            step = np.zeros(j_nodes.size)
            valid = j_nodes >= 1
            step[valid] = cost(0, 1, i, j_nodes[valid])
            step[~valid] = np.inf
            csum = np.concatenate(([0.0], np.cumsum(step[1:])))
            with np.errstate(invalid="ignore"):
                shifted = row - csum
            shifted[~np.isfinite(shifted)] = np.inf
            best = np.minimum.accumulate(shifted)
            via = best + csum
            better = via < row - 1e-12
            row = np.where(better, via, row)
            row_back[better] = k
        total[i, : j_nodes.size] = row
        back[i, : j_nodes.size] = row_back

    end = m - lo[n]
    if not (0 <= end < hi[n] - lo[n]) or not np.isfinite(total[n, end]):
        raise RuntimeError("the band does not connect (0, 0) to (n, m)")
    steps: list[tuple[int, int]] = []
    i, j = n, m
    touched = False
    while i > 0 or j > 0:
        col = j - lo[i]
        if (col == 0 and lo[i] > 0) or (col == hi[i] - lo[i] - 1 and hi[i] <= m):
            touched = True
        k = int(back[i, col])
        if k < 0:
            raise RuntimeError(f"broken backpointer at node ({i}, {j})")
        a, b = types[k]
        steps.append((a, b))
        i, j = i - a, j - b
    steps.reverse()
    return steps, float(total[n, end]), touched


def path_nodes(steps: Sequence[tuple[int, int]]) -> np.ndarray:
    """Grid nodes visited by a sequence of steps, starting with (0, 0)."""
    arr = np.zeros((len(steps) + 1, 2), dtype=np.int64)
    if steps:
        arr[1:] = np.cumsum(np.asarray(steps, dtype=np.int64), axis=0)
    return arr
