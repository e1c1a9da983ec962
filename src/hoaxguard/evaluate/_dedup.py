"""Near-duplicate detection across a train/test split (leakage control).

Two texts are near-duplicates when, after normalisation (NFKC, lowercase,
punctuation and spacing removed), they are equal, or their sets of word
3-gram shingles overlap strongly: Jaccard >= ``jaccard`` or overlap
coefficient (shared shingles / shingles of the smaller text) >= ``overlap``.
The overlap coefficient catches a claim quoted inside a longer training text.
Shingles are hashed into a sparse binary matrix and intersections computed by
sparse matrix products in chunks, so this scales to ~10^5 rows.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

__all__ = ["dedup_key", "near_duplicate_mask", "remove_near_duplicates"]

_WORD = re.compile(r"[^\W_]+")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text or "").lower())


def dedup_key(text: str) -> str:
    """Exact-duplicate key: hash of the NFKC-lowercased words joined by spaces."""
    return hashlib.blake2b(" ".join(_tokens(text)).encode(), digest_size=12).hexdigest()


def _shingles(text: str) -> list[str]:
    toks = _tokens(text)
    if len(toks) < 3:
        return [" ".join(toks)] if toks else []
    return [" ".join(toks[i:i + 3]) for i in range(len(toks) - 2)]


def _shingle_matrix(texts: list[str]) -> sp.csr_matrix:
    vec = HashingVectorizer(analyzer=_shingles, n_features=2**24, alternate_sign=False,
                            norm=None, binary=True, dtype=np.float32)
    return vec.transform(texts).tocsr()


def near_duplicate_mask(
    test_texts: Iterable[str],
    train_texts: Iterable[str],
    *,
    jaccard: float = 0.5,
    overlap: float = 0.8,
    min_shingles: int = 3,
    chunk_size: int = 2000,
) -> np.ndarray:
    """Flag test texts that are (near-)duplicates of any training text.

    Parameters
    ----------
    test_texts, train_texts : iterable of str
    jaccard : float
        Jaccard threshold on word 3-gram shingle sets.
    overlap : float
        Overlap-coefficient threshold; applied only when the smaller text has
        at least ``min_shingles`` shingles (short texts need Jaccard or equality).
    chunk_size : int
        Test rows per sparse product (memory bound).

    Returns
    -------
    np.ndarray of bool, one per test text.
    """
    test = ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t)
            for t in test_texts]
    train = ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t)
             for t in train_texts]
    train_keys = {dedup_key(t) for t in train}
    mask = np.fromiter((dedup_key(t) in train_keys for t in test), bool, len(test))
    if not train or not test:
        return mask
    xtr = _shingle_matrix(train)
    xte = _shingle_matrix(test)
    ntr = np.asarray(xtr.sum(axis=1)).ravel()
    nte = np.asarray(xte.sum(axis=1)).ravel()
    xtr_t = xtr.T.tocsc()
    for start in range(0, len(test), chunk_size):
        stop = min(start + chunk_size, len(test))
        inter = (xte[start:stop] @ xtr_t).tocoo()
        if inter.nnz == 0:
            continue
        rows = inter.row
        a = nte[start + rows]
        b = ntr[inter.col]
        union = a + b - inter.data
        jac = inter.data / np.maximum(union, 1)
        small = np.minimum(a, b)
        ovl = np.where(small >= min_shingles, inter.data / np.maximum(small, 1), 0.0)
        hit = (jac >= jaccard) | (ovl >= overlap)
        if hit.any():
            mask[start + np.unique(rows[hit])] = True
    return mask


def remove_near_duplicates(
    train: pd.DataFrame,
    test: pd.DataFrame,
    *,
    text_col: str = "text",
    **kwargs: float,
) -> tuple[pd.DataFrame, int]:
    """Drop test rows that near-duplicate a training row; also dedupe test itself.

    Returns
    -------
    (test_clean, n_removed) : the kept test rows (index kept) and how many were dropped.
    """
    mask = near_duplicate_mask(test[text_col], train[text_col], **kwargs)
    keys = test[text_col].map(dedup_key)
    mask |= keys.duplicated(keep="first").to_numpy()
    return test[~mask], int(mask.sum())
