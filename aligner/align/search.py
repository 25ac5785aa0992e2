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


# States of the search: the last bead was a match (both sides non-empty) or the start, a
# deletion (1-0), or an insertion (0-1).
MATCH, DELETION, INSERTION = 0, 1, 2


def search(
    n: int,
    m: int,
    bead_types: Sequence[tuple[int, int]],
    cost: CostFunction,
    band: Band,
    gap_extend_discount: float = 0.0,
) -> tuple[list[tuple[int, int]], float, bool]:
    """Find the cheapest monotone path of beads from node (0, 0) to (n, m) inside ``band``.

    Deletions (1-0) and insertions (0-1) are the only one-sided bead types. A deletion that
    follows a deletion (an insertion that follows an insertion) costs ``gap_extend_discount``
    less: translators omit whole blocks, so the search keeps three states per node (last bead
    a match, a deletion or an insertion), the affine gap of sequence alignment.

    :returns: the beads as steps ``(a, b)`` in document order, the total cost, and whether the
        path touched the band's edge (a hint that a wider band might find a cheaper path).
    """
    lo, hi = band.lo, band.hi
    width = int((hi - lo).max())
    types = list(bead_types)
    for a, b in types:
        if (a == 0 or b == 0) and (a, b) not in ((1, 0), (0, 1)):
            raise ValueError("the only one-sided bead types are 1-0 and 0-1")
    matches = [(k, t) for k, t in enumerate(types) if t[0] > 0 and t[1] > 0]
    has_del = (1, 0) in types
    has_ins = (0, 1) in types
    d = gap_extend_discount
    total = np.full((3, n + 1, width), np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)  # MATCH state: bead type index
    from_state = np.zeros((3, n + 1, width), dtype=np.int8)  # predecessor's state

    def best_at(row: int, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """min over states at (row, cols) (cols relative to the row's band) and its argmin."""
        vals = total[:, row, cols]
        arg = np.argmin(vals, axis=0)
        return vals[arg, np.arange(cols.size)], arg.astype(np.int8)

    for i in range(n + 1):
        j_nodes = np.arange(lo[i], hi[i])
        size = j_nodes.size
        match = np.full(size, np.inf)
        match_back = np.full(size, -1, dtype=np.int8)
        match_from = np.zeros(size, dtype=np.int8)
        if i == 0:
            match[j_nodes == 0] = 0.0
        for k, (a, b) in matches:
            if i < a:
                continue
            prev = i - a
            src_j = j_nodes - b
            ok = np.nonzero((src_j >= lo[prev]) & (src_j < hi[prev]))[0]
            if ok.size == 0:
                continue
            before, state = best_at(prev, src_j[ok] - lo[prev])
            live = np.isfinite(before)
            if not live.any():
                continue
            idx = ok[live]
            cand = before[live] + cost(a, b, i, j_nodes[idx])
            better = cand < match[idx]
            match[idx[better]] = cand[better]
            match_back[idx[better]] = k
            match_from[idx[better]] = state[live][better]
        deletion = np.full(size, np.inf)
        deletion_from = np.zeros(size, dtype=np.int8)
        if has_del and i >= 1:
            prev = i - 1
            ok = np.nonzero((j_nodes >= lo[prev]) & (j_nodes < hi[prev]))[0]
            if ok.size:
                cols = j_nodes[ok] - lo[prev]
                vals = total[:, prev, cols].copy()
                vals[DELETION] -= d
                arg = np.argmin(vals, axis=0)
                best = vals[arg, np.arange(ok.size)]
                live = np.isfinite(best)
                idx = ok[live]
                deletion[idx] = best[live] + cost(1, 0, i, j_nodes[idx])
                deletion_from[idx] = arg[live]
        insertion = np.full(size, np.inf)
        insertion_from = np.zeros(size, dtype=np.int8)
        if has_ins and size >= 2:
            # Insertions chain along the row. With e(l) = c(l) - d and C its prefix sum,
            # Y[j] = C[j] + min_{k<j} (start[k] + d - C[k]), start = min(match, deletion): one
            # accumulate instead of a Python loop over the row.
            step = np.full(size, np.inf)
            valid = j_nodes >= 1
            step[valid] = cost(0, 1, i, j_nodes[valid])
            e = step - d
            e[0] = 0.0
            csum = np.cumsum(e)
            start = np.minimum(match, deletion)
            start_state = np.where(deletion < match, DELETION, MATCH).astype(np.int8)
            with np.errstate(invalid="ignore"):
                opened = start + d - csum
            opened[~np.isfinite(opened)] = np.inf
            run_min = np.minimum.accumulate(opened)
            run_arg = _running_argmin(opened)
            via = np.full(size, np.inf)
            via[1:] = run_min[:-1] + csum[1:]
            origin = np.full(size, -1)
            origin[1:] = run_arg[:-1]
            finite = np.isfinite(via)
            insertion[finite] = via[finite]
            # The predecessor of Y[j] is the node j-1: an insertion too, unless the run opened there.
            opened_here = origin == np.arange(size) - 1
            insertion_from[:] = INSERTION
            insertion_from[opened_here] = start_state[np.maximum(origin[opened_here], 0)]
        total[MATCH, i, :size] = match
        total[DELETION, i, :size] = deletion
        total[INSERTION, i, :size] = insertion
        back[i, :size] = match_back
        from_state[MATCH, i, :size] = match_from
        from_state[DELETION, i, :size] = deletion_from
        from_state[INSERTION, i, :size] = insertion_from

    end = m - lo[n]
    if not (0 <= end < hi[n] - lo[n]) or not np.isfinite(total[:, n, end]).any():
        raise RuntimeError("the band does not connect (0, 0) to (n, m)")
    state = int(np.argmin(total[:, n, end]))
    best_total = float(total[state, n, end])
    steps: list[tuple[int, int]] = []
    i, j = n, m
    touched = False
    while i > 0 or j > 0:
        col = j - lo[i]
        if (col == 0 and lo[i] > 0) or (col == hi[i] - lo[i] - 1 and hi[i] <= m):
            touched = True
        if state == MATCH:
            k = int(back[i, col])
            if k < 0:
                raise RuntimeError(f"broken backpointer at node ({i}, {j})")
            a, b = types[k]
        elif state == DELETION:
            a, b = 1, 0
        else:
            a, b = 0, 1
        steps.append((a, b))
        state = int(from_state[state, i, col])
        i, j = i - a, j - b
    steps.reverse()
    return steps, best_total, touched


def _running_argmin(values: np.ndarray) -> np.ndarray:
    """Index of the minimum of ``values[:k+1]`` for every k (first index on ties)."""
    run_min = np.minimum.accumulate(values)
    is_new = np.concatenate(([True], values[1:] < run_min[:-1]))
    idx = np.where(is_new, np.arange(values.size), 0)
    return np.maximum.accumulate(idx)


def path_nodes(steps: Sequence[tuple[int, int]]) -> np.ndarray:
    """Grid nodes visited by a sequence of steps, starting with (0, 0)."""
    arr = np.zeros((len(steps) + 1, 2), dtype=np.int64)
    if steps:
        arr[1:] = np.cumsum(np.asarray(steps, dtype=np.int64), axis=0)
    return arr
