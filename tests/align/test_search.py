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


def brute_force_affine(n, m, types, table, discount):
    """Plain 3-state DP over every node, the reference for the vectorised search."""
    inf = float("inf")
    best = {(0, 0, 0): 0.0}

    def get(i, j, s):
        return best.get((i, j, s), inf)

    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0):
                continue
            prev_all = lambda i2, j2: min(get(i2, j2, s) for s in range(3))  # noqa: E731
            match = inf
            for a, b in types:
                if a and b and i >= a and j >= b:
                    match = min(match, prev_all(i - a, j - b) + table[(a, b)][i, j])
            best[(i, j, 0)] = match
            if i >= 1:
                best[(i, j, 1)] = min(get(i - 1, j, 0), get(i - 1, j, 2), get(i - 1, j, 1) - discount) + table[(1, 0)][i, j]
            if j >= 1:
                best[(i, j, 2)] = min(get(i, j - 1, 0), get(i, j - 1, 1), get(i, j - 1, 2) - discount) + table[(0, 1)][i, j]
    return min(get(n, m, s) for s in range(3))


@pytest.mark.parametrize("seed", range(5))
def test_affine_gap_search_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 9)), int(rng.integers(1, 9))
    table = {t: rng.uniform(0, 6, size=(n + 1, m + 1)) for t in BEAD_TYPES}

    def cost(a, b, i, j_nodes):
        return table[(a, b)][i, j_nodes]

    steps, total, _ = search.search(n, m, BEAD_TYPES, cost, search.full_band(n, m), gap_extend_discount=2.5)
    assert total == pytest.approx(brute_force_affine(n, m, BEAD_TYPES, table, 2.5))
    # The returned steps cost what the search says they cost.
    i = j = 0
    replay = 0.0
    last = None
    for a, b in steps:
        i, j = i + a, j + b
        replay += table[(a, b)][i, j]
        if (a, b) in ((1, 0), (0, 1)) and last == (a, b):
            replay -= 2.5
        last = (a, b)
    assert replay == pytest.approx(total)


def test_a_block_omission_is_one_run_of_deletions():
    """Twenty deletions in a row cost one opening and nineteen cheap extensions."""
    n, m = 30, 10

    def cost(a, b, i, j_nodes):
        if (a, b) == (1, 1):
            # Sentences 10..29 of the source match target 0..9 only.
            return np.where((i - 1) - 20 == j_nodes - 1, 0.0, 9.0)
        if (a, b) in ((1, 0), (0, 1)):
            return np.full(j_nodes.size, 5.0)
        return np.full(j_nodes.size, 50.0)

    steps, _, _ = search.search(n, m, BEAD_TYPES, cost, search.full_band(n, m), gap_extend_discount=4.3)
    assert steps == [(1, 0)] * 20 + [(1, 1)] * 10
