"""Bead confidence from how clearly the search preferred the path where each bead sits.

For every grid node x, ``forward[x]`` is the cheapest cost from (0, 0) to x and
``backward[x]`` the cheapest cost from x to (n, m); ``forward + backward`` is the cost of the
best path through x. A bead is right when the path really passes through its two end nodes;
the margin of a path node is how much more the best path that crosses the same row (for a
bead consuming source sentences; the same column for an insertion) at another node costs.
The confidence of a bead is the logistic of the smaller margin of its two ends, divided by a
temperature. Gap-extension discounts are left out of these sums, which makes margins of
block omissions conservative. Work is that of two searches over the band.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from aligner.align.search import Band, CostFunction, cheapest_to_nodes, path_nodes

#: Divides a margin (nats) before the logistic: evidence summed as if independent is
#: overconfident (issue #4's calibration table shows the measured effect).
CONFIDENCE_TEMPERATURE = 2.0


def _sweep(n: int, m: int, types: Sequence[tuple[int, int]], cost: CostFunction, band: Band) -> np.ndarray:
    """Cheapest cost from (0, 0) to every band node (rows of width band.width, inf outside)."""
    lo, hi = band.lo, band.hi
    width = int((hi - lo).max())
    total = np.full((n + 1, width), np.inf)
    for i in range(n + 1):
        j_nodes = np.arange(lo[i], hi[i])
        row = np.full(j_nodes.size, np.inf)
        if i == 0:
            row[j_nodes == 0] = 0.0
        for a, b in types:
            if a == 0 or i < a:
                continue
            prev = i - a
            src_j = j_nodes - b
            ok = np.nonzero((src_j >= lo[prev]) & (src_j < hi[prev]) & (src_j >= 0))[0]
            if ok.size == 0:
                continue
            before = total[prev, src_j[ok] - lo[prev]]
            live = np.isfinite(before)
            if live.any():
                idx = ok[live]
                row[idx] = np.minimum(row[idx], before[live] + cost(a, b, i, j_nodes[idx]))
        if (0, 1) in types and j_nodes.size > 1:
            step = np.full(j_nodes.size, np.inf)
            valid = j_nodes >= 1
            step[valid] = cost(0, 1, i, j_nodes[valid])
            step[0] = 0.0
            csum = np.cumsum(step)
            with np.errstate(invalid="ignore"):
                shifted = row - csum
            shifted[~np.isfinite(shifted)] = np.inf
            row = np.minimum(row, np.minimum.accumulate(shifted) + csum)
        total[i, : j_nodes.size] = row
    return total


def reverse_band(band: Band, n: int, m: int) -> Band:
    """The band of the reversed problem (node (i, j) becomes (n - i, m - j))."""
    lo = (m + 1 - band.hi)[::-1].copy()
    hi = (m + 1 - band.lo)[::-1].copy()
    return Band(lo, hi)


def bead_confidences(
    steps: Sequence[tuple[int, int]],
    n: int,
    m: int,
    types: Sequence[tuple[int, int]],
    cost: CostFunction,
    band: Band,
    temperature: float = CONFIDENCE_TEMPERATURE,
) -> list[float]:
    """Confidence in [0, 1] of each bead of a path found in ``band``."""
    if not steps:
        return []
    # Whole bands of costs at once (a BeadScorer) and compiled sweeps (issue #5).
    table = getattr(cost, "__self__", cost)
    through = cheapest_to_nodes(n, m, types, table, band) + cheapest_to_nodes(n, m, types, table, band, reverse=True)
    best = float(through[n, m - band.lo[n]])
    nodes = path_nodes(steps)
    path_rows = nodes[:, 0].astype(np.int64)
    # The path's own nodes are no alternative: masked, each row's minimum is its best other node.
    through[path_rows, nodes[:, 1] - band.lo[path_rows]] = np.inf
    row_best = through.min(axis=1)
    node_margin = (row_best[path_rows] - best).tolist()

    def col_margin(j: int) -> float:
        rows = np.nonzero((band.lo <= j) & (band.hi > j))[0]
        if rows.size == 0:
            return math.inf
        return float(through[rows, j - band.lo[rows]].min()) - best

    out = []
    for k, (a, b) in enumerate(steps):
        i, j = (int(x) for x in nodes[k + 1])
        end = node_margin[k + 1] if a else col_margin(j)
        start = node_margin[k] if a else col_margin(int(nodes[k][1]))
        margin = max(0.0, min(start, end))
        out.append(1.0 / (1.0 + math.exp(-min(margin / temperature, 50.0))))
    return out
