"""Sparse rows of hashed sentence vectors, and the compiled loops the lexicon needs over them.

A sentence's hashed bag has a few dozen non-zero entries of ``HASH_DIM`` and its projection a
few hundred, so rows are kept as CSR (``indptr``, ``indices``, ``values``): a 100,000-sentence
document's four vector sets take tens of MB instead of 1.6 GB dense (issue #5). Dot products
are only computed where a banded search can ask for them, by scattering one row into a dense
scratch vector and reading the other's entries: work is band cells x entries per sentence.

Conventions: row ``r`` is sentence ``r`` of one side; values are float32, sums float64;
``lo``/``hi`` give each row's half-open column range, both non-decreasing (a band).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit


@dataclass(frozen=True, slots=True)
class SparseRows:
    """Rows of a ``(n, dim)`` matrix as CSR; a row's entries in order of first appearance,
    none zero; ``indices`` int16 when ``dim`` allows, ``values`` float32."""

    indptr: np.ndarray
    indices: np.ndarray
    values: np.ndarray
    dim: int

    @property
    def n(self) -> int:
        return int(self.indptr.size - 1)

    def dense(self) -> np.ndarray:
        """The rows as a dense float32 matrix (for small documents and tests)."""
        out = np.zeros((self.n, self.dim), dtype=np.float32)
        rows = np.repeat(np.arange(self.n), np.diff(self.indptr))
        out[rows, self.indices] = self.values
        return out

    def run_norms(self, max_run: int) -> np.ndarray:
        """``norms[k, i]`` = length of the sum of rows ``i-k-1 .. i-1`` (node index i, run k+1)."""
        return _run_norms(self.indptr, self.indices, self.values, self.dim, max_run)


def accumulate_rows(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, n_rows: int, dim: int) -> SparseRows:
    """Sum ``values`` into ``(rows, cols)`` cells, in the given order, in float32 (as
    ``np.add.at`` on a dense float32 matrix would); ``rows`` must be non-decreasing."""
    indptr, indices, vals = _accumulate(
        np.ascontiguousarray(rows, dtype=np.int64), np.ascontiguousarray(cols, dtype=np.int64),
        np.ascontiguousarray(values, dtype=np.float32), n_rows, dim,
    )
    # Column numbers are small (HASH_DIM): int16 where they fit keeps long documents' rows small.
    return SparseRows(indptr, indices.astype(np.int16) if dim <= 1 << 15 else indices, vals, dim)


def concat_rows(parts: list[SparseRows], dim: int) -> SparseRows:
    """The rows of ``parts``, one after the other."""
    if not parts:
        return SparseRows(np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int16), np.zeros(0, dtype=np.float32), dim)
    offsets = np.cumsum([0] + [p.indptr[-1] for p in parts[:-1]])
    indptr = np.concatenate([[0]] + [p.indptr[1:] + off for p, off in zip(parts, offsets)]).astype(np.int64)
    return SparseRows(indptr, np.concatenate([p.indices for p in parts]), np.concatenate([p.values for p in parts]), dim)


def banded_dots(left: SparseRows, right: SparseRows, lo: np.ndarray, hi: np.ndarray, width: int,
                scatter_left: bool) -> np.ndarray:
    """``out[r, c] = left[r] . right[lo[r] + c]`` for ``c < hi[r] - lo[r]`` (0 elsewhere).

    ``scatter_left`` scatters each left row and reads the right rows' entries (best when right
    rows are the shorter ones), else the reverse. float32, shape ``(left.n, width)``.
    """
    lo = np.ascontiguousarray(lo, dtype=np.int64)
    hi = np.ascontiguousarray(hi, dtype=np.int64)
    if scatter_left:
        return _dots_scatter_rows(left.indptr, left.indices, left.values, right.indptr, right.indices, right.values,
                                  lo, hi, width, left.dim)
    first = np.searchsorted(hi, np.arange(right.n), side="right")
    last = np.searchsorted(lo, np.arange(right.n), side="right")
    return _dots_scatter_cols(left.indptr, left.indices, left.values, right.indptr, right.indices, right.values,
                              lo, first, last, width, left.dim)


def pair_dots(left: SparseRows, right: SparseRows, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """``left[i[k]] . right[j[k]]`` for every k (float64)."""
    return _pair_dots(left.indptr, left.indices, left.values, right.indptr, right.indices, right.values,
                      np.ascontiguousarray(i, dtype=np.int64), np.ascontiguousarray(j, dtype=np.int64), left.dim)


@njit(cache=True)
def _accumulate(rows, cols, values, n_rows, dim):  # pragma: no cover
    scratch = np.zeros(dim, dtype=np.float32)
    seen = np.zeros(dim, dtype=np.bool_)
    touched = np.empty(dim, dtype=np.int64)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    out_idx = np.empty(rows.size, dtype=np.int64)
    out_val = np.empty(rows.size, dtype=np.float32)
    count = 0
    e = 0
    for r in range(n_rows):
        n_touched = 0
        while e < rows.size and rows[e] == r:
            c = cols[e]
            if not seen[c]:
                seen[c] = True
                touched[n_touched] = c
                n_touched += 1
            scratch[c] += values[e]
            e += 1
        for t in range(n_touched):
            c = touched[t]
            if scratch[c] != 0.0:
                out_idx[count] = c
                out_val[count] = scratch[c]
                count += 1
            scratch[c] = 0.0
            seen[c] = False
        indptr[r + 1] = count
    return indptr, out_idx[:count].copy(), out_val[:count].copy()


@njit(cache=True)
def _run_norms(indptr, indices, values, dim, max_run):  # pragma: no cover
    n = indptr.size - 1
    out = np.zeros((max_run, n + 1))
    scratch = np.zeros(dim)
    seen = np.zeros(dim, dtype=np.bool_)
    touched = np.empty(dim, dtype=np.int64)
    for i in range(1, n + 1):
        n_touched = 0
        for k in range(max_run):
            row = i - 1 - k
            if row < 0:
                break
            for e in range(indptr[row], indptr[row + 1]):
                c = indices[e]
                if not seen[c]:
                    seen[c] = True
                    touched[n_touched] = c
                    n_touched += 1
                scratch[c] += values[e]
            sq = 0.0
            for t in range(n_touched):
                sq += scratch[touched[t]] * scratch[touched[t]]
            out[k, i] = np.sqrt(sq)
        for t in range(n_touched):
            scratch[touched[t]] = 0.0
            seen[touched[t]] = False
    return out


@njit(cache=True)
def _dots_scatter_rows(lp, li, lv, rp, ri, rv, lo, hi, width, dim):  # pragma: no cover
    n = lp.size - 1
    out = np.zeros((n, width), dtype=np.float32)
    scratch = np.zeros(dim)
    for r in range(n):
        for e in range(lp[r], lp[r + 1]):
            scratch[li[e]] = lv[e]
        for c in range(hi[r] - lo[r]):
            t = lo[r] + c
            acc = 0.0
            for e in range(rp[t], rp[t + 1]):
                acc += rv[e] * scratch[ri[e]]
            out[r, c] = acc
        for e in range(lp[r], lp[r + 1]):
            scratch[li[e]] = 0.0
    return out


@njit(cache=True)
def _dots_scatter_cols(lp, li, lv, rp, ri, rv, lo, first, last, width, dim):  # pragma: no cover
    n = lp.size - 1
    out = np.zeros((n, width), dtype=np.float32)
    scratch = np.zeros(dim)
    for t in range(rp.size - 1):
        if first[t] >= last[t]:
            continue
        for e in range(rp[t], rp[t + 1]):
            scratch[ri[e]] = rv[e]
        for r in range(first[t], min(last[t], n)):
            acc = 0.0
            for e in range(lp[r], lp[r + 1]):
                acc += lv[e] * scratch[li[e]]
            out[r, t - lo[r]] = acc
        for e in range(rp[t], rp[t + 1]):
            scratch[ri[e]] = 0.0
    return out


@njit(cache=True)
def _pair_dots(lp, li, lv, rp, ri, rv, i, j, dim):  # pragma: no cover
    out = np.zeros(i.size)
    scratch = np.zeros(dim)
    for k in range(i.size):
        r = i[k]
        for e in range(lp[r], lp[r + 1]):
            scratch[li[e]] = lv[e]
        t = j[k]
        acc = 0.0
        for e in range(rp[t], rp[t + 1]):
            acc += rv[e] * scratch[ri[e]]
        out[k] = acc
        for e in range(lp[r], lp[r + 1]):
            scratch[li[e]] = 0.0
    return out
