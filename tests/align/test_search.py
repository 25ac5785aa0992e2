"""The banded DP: it finds the cheapest path, respects the band, and never goes quadratic."""

import numpy as np
import pytest

from aligner.align import search
from aligner.align.beads import BEAD_TYPES


def diagonal_cost(a, b, i, j_nodes):
    """1-1 beads on the diagonal are free; everything else costs."""
    base = {(1, 1): 0.0, (1, 0): 3.0, (0, 1): 3.0}.get((a, b), 5.0)
    off = np.abs((i - a) - (j_nodes - b)) * 1.0 if (a, b) == (1, 1) else 0.0
    return base + off + np.zeros(j_nodes.size)


@pytest.mark.parametrize(
    "n, m, expected",
    [
        pytest.param(3, 3, [(1, 1)] * 3, id="square document: all 1-1"),
        pytest.param(2, 3, [(1, 1), (1, 1), (0, 1)], id="one extra target sentence: an insertion"),
        pytest.param(3, 2, [(1, 1), (1, 1), (1, 0)], id="one extra source sentence: a deletion"),
        pytest.param(0, 2, [(0, 1), (0, 1)], id="empty source side"),
    ],
)
def test_search_finds_cheapest_path(n, m, expected):
    steps, total, _ = search.search(n, m, BEAD_TYPES, diagonal_cost, search.full_band(n, m))
    assert steps == expected
    assert total == pytest.approx(3.0 * sum(1 for step in expected if step != (1, 1)))


def test_insertion_chain_matches_python_loop():
    """The vectorised insertion recurrence equals a plain loop on a random cost table."""
    rng = np.random.default_rng(0)
    n, m = 7, 9
    table = {t: rng.uniform(0, 5, size=(n + 1, m + 1)) for t in BEAD_TYPES}

    def cost(a, b, i, j_nodes):
        return table[(a, b)][i, j_nodes]

    steps, total, _ = search.search(n, m, BEAD_TYPES, cost, search.full_band(n, m))
    best = np.full((n + 1, m + 1), np.inf)
    best[0, 0] = 0
    for i in range(n + 1):
        for j in range(m + 1):
            for a, b in BEAD_TYPES:
                if i >= a and j >= b and (a or b):
                    best[i, j] = min(best[i, j], best[i - a, j - b] + table[(a, b)][i, j])
    assert total == pytest.approx(best[n, m])
    assert sum(a for a, _ in steps) == n and sum(b for _, b in steps) == m


def test_band_limits_the_search_and_reports_touching():
    n = m = 50
    band = search.diagonal_band(n, m, 2)
    steps, _, touched = search.search(n, m, BEAD_TYPES, diagonal_cost, band)
    assert steps == [(1, 1)] * 50
    assert not touched
    assert band.width <= 5


def test_band_around_path_covers_the_path():
    steps = [(1, 1), (2, 1), (1, 0), (0, 1), (1, 2)]
    nodes = search.path_nodes(steps)
    n, m = nodes[-1]
    band = search.band_around_path(nodes, int(n), int(m), 0)
    for i, j in nodes:
        assert band.lo[i] <= j < band.hi[i]


def test_a_band_that_cannot_reach_the_end_is_an_error():
    band = search.Band(np.array([0, 0, 0]), np.array([1, 1, 1]))
    with pytest.raises(RuntimeError):
        search.search(2, 2, BEAD_TYPES, diagonal_cost, band)
