"""The bulk (band-at-once, compiled) paths of issue #5 against plain references.

Each fast path is pinned against the straightforward computation it replaced: per-row cost
calls, dense vectors, ``np.add.at``, ``np.unique``, a Python band loop, a brute-force DP.
"""

import math

import numpy as np
import pytest

from aligner.align import lexical, search
from aligner.align.beads import BEAD_TYPES
from aligner.align.features import build_side_features
from aligner.align.scoring import AnchorIndex, BeadScorer, Grid
from aligner.align.settings import GALE_CHURCH_PRIORS
from aligner.align.sparse import accumulate_rows, banded_dots, pair_dots

KEEP = {"num": 0.9, "term": 0.85, "name": 0.6}


def random_side(rng, n, vocab, anchor_keys, paragraphs=True):
    words = [tuple(f"w{k}" for k in rng.integers(0, vocab, size=rng.integers(3, 12))) for _ in range(n)]
    anchors = [tuple(rng.choice(anchor_keys, size=rng.integers(0, 3), replace=False)) for _ in range(n)]
    para = np.cumsum(rng.random(n) < 0.2) if paragraphs else np.zeros(n, dtype=int)
    editorial = list(rng.random(n) < 0.05)
    return build_side_features([sum(len(w) for w in ws) + 3 for ws in words], anchors, list(para), editorial, words)


def random_band(rng, n, m, half):
    steps = []
    i = j = 0
    while i < n or j < m:
        a = int(rng.integers(0, 3)) if i < n else 0
        b = int(rng.integers(0, 3)) if j < m else 0
        a, b = min(a, n - i), min(b, m - j)
        if a == 0 and b == 0:
            a, b = (1, 0) if i < n else (0, 1)
        steps.append((a, b))
        i, j = i + a, j + b
    return search.band_around_path(search.path_nodes(steps), n, m, half)


@pytest.fixture(scope="module")
def document():
    rng = np.random.default_rng(11)
    keys = np.array([f"num:{k}" for k in range(30)] + [f"name:n{k}" for k in range(10)])
    src = random_side(rng, 70, 200, keys)
    tgt = random_side(rng, 64, 200, keys)
    pairs = [(k, min(k, 63)) for k in range(0, 60)]
    model = lexical.LexicalModel.train(src.words, tgt.words, pairs, 2)
    vecs = model.vectors(src.words, tgt.words)
    model.fit_evidence(vecs, pairs, np.random.default_rng(3))
    band = random_band(rng, src.n, tgt.n, 6)
    max_a = max(a for a, _ in BEAD_TYPES)
    max_b = max(b for _, b in BEAD_TYPES)
    lex = lexical.LexicalScorer(vecs, model.weights, band.lo, band.hi, max_a, max_b, 2.0)
    return src, tgt, vecs, model, band, BeadScorer(src, tgt, GALE_CHURCH_PRIORS, KEEP, lex)


def test_a_scorer_refuses_beads_longer_than_its_runs(document):
    *_, scorer = document
    small = lexical.LexicalScorer(document[2], document[3].weights, document[4].lo, document[4].hi, 2, 2)
    grid = Grid(np.array([5]), np.array([[5]]))
    with pytest.raises(ValueError, match="larger"):
        small.add_cells(3, 1, grid, np.zeros((1, 1)))


def test_band_costs_equal_row_by_row_costs(document):
    src, tgt, _, _, band, scorer = document
    table = scorer.band_costs(BEAD_TYPES, band, 0, src.n + 1)
    by_rows = search.CallbackCosts(scorer.cost).band_costs(BEAD_TYPES, band, 0, src.n + 1)
    assert np.isfinite(table).sum() == np.isfinite(by_rows).sum() > 0
    finite = np.isfinite(by_rows)
    assert table[finite] == pytest.approx(by_rows[finite], rel=1e-12, abs=1e-12)


def test_chunked_band_costs_equal_one_chunk(document):
    src, _, _, _, band, scorer = document
    whole = scorer.band_costs(BEAD_TYPES, band, 0, src.n + 1)
    parts = np.concatenate([scorer.band_costs(BEAD_TYPES, band, a, min(a + 7, src.n + 1))
                            for a in range(0, src.n + 1, 7)], axis=1)
    assert np.array_equal(np.isfinite(whole), np.isfinite(parts))
    assert parts[np.isfinite(parts)] == pytest.approx(whole[np.isfinite(whole)])


def test_path_scores_equal_single_bead_scores(document):
    _, _, _, _, _, scorer = document
    steps = [(1, 1), (2, 1), (1, 0), (1, 2), (0, 1), (2, 2), (1, 1)]
    got = scorer.score_path(steps)
    i = j = 0
    for (a, b), value in zip(steps, got):
        i, j = i + a, j + b
        assert value == pytest.approx(scorer.score(a, b, i, np.array([j]))[0])


def reference_anchor_llr(src, tgt, index, a, b, i, j):
    """The anchor evidence of one bead, straight from AnchorIndex's definition."""
    shared = relieved = 0.0
    for s in range(i - a, i):
        for key in src.anchors[s]:
            if key not in index.postings:
                continue
            # once per source sentence, however many of the bead's target sentences hold it
            hits = int(any(key in tgt.anchors[t] for t in range(j - b, j)))
            shared += hits * index.weight[key]
            relieved += hits * 2 * index.miss[key]
    missing = sum(index.src_miss[i - a : i]) + sum(index.miss.get(k, 0.0) for t in range(j - b, j) for k in tgt.anchors[t])
    return shared - max(missing - relieved, 0.0)


def test_anchor_cells_follow_the_definition(document):
    src, tgt, *_ = document
    index = AnchorIndex(src, tgt, KEEP)
    assert index.postings
    for a, b in [(1, 1), (2, 1), (1, 2), (2, 2)]:
        I = np.arange(a, src.n + 1)
        J = np.tile(np.arange(b, tgt.n + 1), (I.size, 1))
        got = index.cells(a, b, Grid(I, J))
        for r in range(0, I.size, 5):
            for c in range(0, J.shape[1], 3):
                assert got[r, c] == pytest.approx(reference_anchor_llr(src, tgt, index, a, b, I[r], J[r, c]))


def test_lexical_cells_follow_dense_cosines(document):
    src, tgt, vecs, model, band, scorer = document
    dense = {name: getattr(vecs, name).dense().astype(np.float64)
             for name in ("src_proj", "tgt_bag", "src_bag", "tgt_proj")}
    (wf0, wf1), (wb0, wb1) = model.weights
    lex = scorer.lexical
    units = {name: np.diff(getattr(vecs, name).indptr) for name in ("src_bag", "tgt_bag")}
    info = {name: 1 - np.exp(-u / lexical.INFORMATION_UNITS) for name, u in units.items()}
    for a, b in [(1, 1), (2, 1), (1, 2), (2, 2)]:
        for i in range(a, src.n + 1, 4):
            js = np.arange(max(band.lo[i], b), band.hi[i])
            if js.size == 0:
                continue
            got = lex(a, b, i, js)
            for j, value in zip(js, got):
                src_run = dense["src_proj"][i - a : i].sum(0)
                tgt_run = dense["tgt_proj"][j - b : j].sum(0)
                want = 0.0
                for t in range(j - b, j):
                    cos = src_run @ dense["tgt_bag"][t] / max(np.linalg.norm(src_run) * np.linalg.norm(dense["tgt_bag"][t]), 1e-9)
                    want += info["tgt_bag"][t] * min(max(wf0 + wf1 * cos, -2.0), lexical.MAX_LEXICAL_LLR)
                for s in range(i - a, i):
                    cos = dense["src_bag"][s] @ tgt_run / max(np.linalg.norm(dense["src_bag"][s]) * np.linalg.norm(tgt_run), 1e-9)
                    want += info["src_bag"][s] * min(max(wb0 + wb1 * cos, -2.0), lexical.MAX_LEXICAL_LLR)
                assert value == pytest.approx(want, rel=1e-5, abs=1e-5)


def test_length_evidence_of_the_kernel_equals_the_formula(document):
    src, tgt, _, _, _, scorer = document
    for a, b in [(1, 1), (2, 1), (1, 2), (2, 2)]:
        i, j = 10, 9
        src_len = np.array([src.lengths[i - a : i].sum()])
        tgt_len = np.array([tgt.lengths[j - b : j].sum()])
        model = scorer.length
        r = math.log(tgt_len[0]) - math.log(src_len[0]) - model.log_ratio
        var = max(6.8 / (model.scale * 0.5 * (src_len[0] * model.scale + tgt_len[0])), 0.004)
        nu = 4.0
        log_t = (math.lgamma(2.5) - math.lgamma(2.0) - 0.5 * math.log(nu * math.pi) - 0.5 * math.log(var)
                 - 2.5 * math.log1p(r * r / var / nu))
        null_mean = (model.tgt_log_mean + math.log(b)) - (model.src_log_mean + math.log(a)) - model.log_ratio
        null_var = max(model.src_log_var + model.tgt_log_var, 0.05)
        log_null = -0.5 * math.log(2 * math.pi * null_var) - (r - null_mean) ** 2 / (2 * null_var)
        assert model.llr(src_len, tgt_len, a, b)[0] == pytest.approx(log_t - log_null, rel=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_sparse_band_dots_equal_dense_products(seed):
    rng = np.random.default_rng(seed)
    left = rng.random((40, 64)) * (rng.random((40, 64)) < 0.2)
    right = rng.random((50, 64)) * (rng.random((50, 64)) < 0.1)
    band = random_band(rng, 39, 50, 5)
    lo, hi = band.lo[:40].copy(), np.minimum(band.hi[:40], 50)
    width = int((hi - lo).max())
    l_rows = accumulate_rows(*np.nonzero(left), left[np.nonzero(left)], 40, 64)
    r_rows = accumulate_rows(*np.nonzero(right), right[np.nonzero(right)], 50, 64)
    full = left @ right.T
    for scatter_left in (True, False):
        got = banded_dots(l_rows, r_rows, lo, hi, width, scatter_left)
        for r in range(40):
            assert got[r, : hi[r] - lo[r]] == pytest.approx(full[r, lo[r] : hi[r]], rel=1e-5)
            assert not got[r, hi[r] - lo[r] :].any()
    i, j = rng.integers(0, 40, 30), rng.integers(0, 50, 30)
    assert pair_dots(l_rows, r_rows, i, j) == pytest.approx(full[i, j], rel=1e-5)
    assert l_rows.run_norms(2)[1, 2:] == pytest.approx(np.linalg.norm(left[1:] + left[:-1], axis=1), rel=1e-5)


def test_accumulated_rows_equal_add_at():
    rng = np.random.default_rng(4)
    rows = np.sort(rng.integers(0, 20, 300))
    cols = rng.integers(0, 32, 300)
    vals = rng.standard_normal(300).astype(np.float32)
    want = np.zeros((20, 32), dtype=np.float32)
    np.add.at(want, (rows, cols), vals)
    assert np.array_equal(accumulate_rows(rows, cols, vals, 20, 32).dense(), want)


def test_unique_inverse_equals_numpy():
    keys = np.random.default_rng(5).integers(0, 1_000, 5_000)
    uniq, inverse = lexical._unique_inverse(keys)
    want_uniq, want_inverse = np.unique(keys, return_inverse=True)
    assert np.array_equal(uniq, want_uniq) and np.array_equal(inverse, want_inverse)


def reference_model1(src, tgt, n_src, n_tgt):
    """IBM Model 1 by plain numpy (the implementation the compiled one replaced)."""
    s_l, t_l, o_l, occ = [], [], [], 0
    for s_ids, t_ids in zip(src, tgt):
        s_all = np.append(s_ids, n_src)
        s_l.append(np.tile(s_all, t_ids.size))
        t_l.append(np.repeat(t_ids, s_all.size))
        o_l.append(np.repeat(np.arange(occ, occ + t_ids.size), s_all.size))
        occ += t_ids.size
    keys = np.concatenate(s_l) * (n_tgt + 1) + np.concatenate(t_l)
    occ_arr = np.concatenate(o_l)
    uniq, inverse = np.unique(keys, return_inverse=True)
    u_src = uniq // (n_tgt + 1)
    prob = np.full(uniq.size, 1.0 / n_tgt)
    for _ in range(lexical.MODEL1_ITERATIONS):
        val = prob[inverse]
        denom = np.bincount(occ_arr, weights=val, minlength=occ)
        counts = np.bincount(inverse, weights=val / denom[occ_arr], minlength=uniq.size)
        prob = counts / np.bincount(u_src, weights=counts, minlength=n_src + 1)[u_src]
    return {(int(k // (n_tgt + 1)), int(k % (n_tgt + 1))): p for k, p in zip(uniq, prob) if k // (n_tgt + 1) < n_src}


def test_model1_equals_the_plain_numpy_em():
    rng = np.random.default_rng(6)
    src = [rng.integers(0, 15, rng.integers(1, 6)) for _ in range(40)]
    tgt = [rng.integers(0, 12, rng.integers(1, 6)) for _ in range(40)]
    table = lexical.train_model1(src, tgt, 15, 12)
    want = reference_model1(src, tgt, 15, 12)
    for s in range(15):
        kept = range(table.indptr[s], table.indptr[s + 1])
        probs = [table.probs[e] for e in kept]
        assert probs == sorted(probs, reverse=True) and len(probs) <= lexical.TOP_TRANSLATIONS
        for e in kept:  # the compiled EM keeps float32 tables
            assert table.probs[e] == pytest.approx(want[(s, int(table.targets[e]))], rel=1e-5)


def reference_band(path_nodes, n, m, half_width):
    """band_around_path as a loop over the path (the implementation the vectorised one replaced)."""
    lo = np.full(n + 1, m + 1)
    hi = np.zeros(n + 1, dtype=np.int64)
    prev_i, prev_j = 0, 0
    for i, j in path_nodes:
        for r in range(prev_i, i + 1):
            lo[r] = min(lo[r], min(prev_j, j))
            hi[r] = max(hi[r], max(prev_j, j) + 1)
        prev_i, prev_j = i, j
    lo = np.minimum.accumulate(np.maximum(lo - half_width, 0)[::-1])[::-1]
    hi = np.maximum.accumulate(np.minimum(hi + half_width, m + 1))
    return lo, hi


@pytest.mark.parametrize("seed", range(4))
def test_band_around_path_equals_the_loop(seed):
    rng = np.random.default_rng(seed)
    steps = [BEAD_TYPES[k] for k in rng.integers(0, len(BEAD_TYPES), 60)]
    nodes = search.path_nodes(steps)
    n, m = (int(x) for x in nodes[-1])
    half = int(rng.integers(0, 4))
    band = search.band_around_path(nodes, n, m, half)
    lo, hi = reference_band(nodes, n, m, half)
    assert np.array_equal(band.lo, lo) and np.array_equal(band.hi, hi)


@pytest.mark.parametrize("reverse", [False, True], ids=["from (0, 0)", "to (n, m)"])
def test_cheapest_to_nodes_equals_brute_force(monkeypatch, reverse):
    rng = np.random.default_rng(9)
    n, m = 9, 11
    table = {t: rng.uniform(0, 5, size=(n + 1, m + 1)) for t in BEAD_TYPES}
    # Small chunks, so the backward sweep's overlap between chunks is exercised.
    monkeypatch.setattr(search, "CHUNK_CELLS", 6 * 12 * 2)
    got = search.cheapest_to_nodes(n, m, BEAD_TYPES, lambda a, b, i, js: table[(a, b)][i, js], search.full_band(n, m),
                                   reverse=reverse)
    best = np.full((n + 1, m + 1), np.inf)
    order = [(i, j) for i in range(n + 1) for j in range(m + 1)]
    if not reverse:
        best[0, 0] = 0.0
        for i, j in order:
            for a, b in BEAD_TYPES:
                if i >= a and j >= b:
                    best[i, j] = min(best[i, j], best[i - a, j - b] + table[(a, b)][i, j])
    else:
        best[n, m] = 0.0
        for i, j in reversed(order):
            for a, b in BEAD_TYPES:
                if i + a <= n and j + b <= m:
                    best[i, j] = min(best[i, j], best[i + a, j + b] + table[(a, b)][i + a, j + b])
    assert got == pytest.approx(best)
