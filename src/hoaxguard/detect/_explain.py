"""Exact per-term contributions of a linear model, vectorised over rows.

For a linear model the logit of a text is ``intercept + sum_j coef_j * x_j``;
``coef_j * x_j`` is the exact contribution of feature ``j`` (no sampling, no
surrogate model). :func:`top_contributions` picks, per row, the ``top_k``
features with the largest absolute contribution and orders them from most
hoax-ward to most valid-ward, using only sparse/array operations.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["contribution_matrix", "top_contributions", "format_terms"]


def contribution_matrix(X: sp.spmatrix, coef: np.ndarray) -> sp.csr_matrix:
    """``X * coef`` column-wise (CSR), i.e. each feature's contribution per row."""
    contrib = sp.csr_matrix(X, dtype=np.float64, copy=True)
    contrib.data *= np.asarray(coef, dtype=np.float64)[contrib.indices]
    contrib.eliminate_zeros()
    contrib.sort_indices()
    return contrib


def top_contributions(
    contrib: sp.csr_matrix, top_k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Top-k contributions per row.

    A row's features are chosen by decreasing absolute contribution (ties: the
    lower feature index first), then ordered by decreasing contribution.

    Returns
    -------
    (row_ptr, feature_idx, value)
        ``feature_idx[row_ptr[i]:row_ptr[i+1]]`` are row ``i``'s selected
        features, ordered by decreasing contribution (hoax-ward first).
    """
    n = contrib.shape[0]
    if top_k <= 0 or contrib.nnz == 0:
        return np.zeros(n + 1, np.int64), np.empty(0, np.int64), np.empty(0)
    keep = _top_abs_positions(contrib, top_k)
    counts = np.diff(contrib.indptr)
    krows = np.repeat(np.arange(n), counts)[keep]
    kdata, kidx = contrib.data[keep], contrib.indices[keep]
    # within row: hoax-ward (largest value) first
    order2 = np.lexsort((-kdata, krows))
    krows, kdata, kidx = krows[order2], kdata[order2], kidx[order2]
    ptr = np.zeros(n + 1, np.int64)
    np.add.at(ptr, krows + 1, 1)
    return np.cumsum(ptr), kidx.astype(np.int64), kdata


def _top_abs_positions(contrib: sp.csr_matrix, top_k: int) -> np.ndarray:
    """Positions in ``contrib.data`` of each row's ``top_k`` largest ``|value|``.

    Ordered by row, then by decreasing ``|value|``, ties by position (what a
    stable sort on ``(row, -|value|)`` gives), in ``top_k`` passes of per-row
    maxima instead of one sort of all non-zeros.
    """
    indptr = contrib.indptr
    counts = np.diff(indptr)
    n = counts.size
    small = counts <= top_k  # rows that keep all their entries
    absval = np.abs(contrib.data)
    picks: list[np.ndarray] = []  # per pass: the chosen position of every big row
    big = np.flatnonzero(~small)
    if big.size:
        starts = indptr[big]
        # work on the big rows only, as one contiguous array
        seg = np.repeat(np.arange(big.size), counts[big])
        lengths = counts[big]
        local_starts = np.r_[0, np.cumsum(lengths)[:-1]]
        gather = np.repeat(starts - local_starts, lengths) + np.arange(lengths.sum())
        values = absval[gather].copy()
        index = np.arange(values.size)
        for _ in range(top_k):
            best = np.maximum.reduceat(values, local_starts)
            is_best = values == best[seg]
            first = np.minimum.reduceat(np.where(is_best, index, values.size), local_starts)
            picks.append(gather[first])
            values[first] = -1.0
    order_small = np.flatnonzero(small & (counts > 0))
    chosen = np.full((n, top_k), -1, dtype=np.int64)
    if big.size:
        chosen[big] = np.stack(picks, axis=1)
    if order_small.size:
        lengths = counts[order_small]
        rows = np.repeat(order_small, lengths)
        starts = np.repeat(indptr[order_small], lengths)
        positions = np.arange(lengths.sum()) - np.repeat(np.r_[0, np.cumsum(lengths)[:-1]], lengths)
        flat = starts + positions
        # order each small row by -|value|, ties by position
        order = np.lexsort((flat, -absval[flat], rows))
        chosen[rows, positions] = flat[order]  # rows keep their blocks in sorted order
    out = chosen.ravel()
    return out[out >= 0]


def format_terms(
    ptr: np.ndarray, idx: np.ndarray, value: np.ndarray, names: np.ndarray
) -> list[str]:
    """Render rows as ``"term (+0.84); term2 (-0.10)"`` strings."""
    if idx.size == 0:
        return [""] * (len(ptr) - 1)
    pieces = np.char.add(np.char.add(names[idx].astype(str), " ("),
                         np.char.add(np.char.mod("%+.2f", value), ")"))
    return ["; ".join(pieces[ptr[i]:ptr[i + 1]]) for i in range(len(ptr) - 1)]
