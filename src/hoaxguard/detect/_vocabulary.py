"""A vocabulary limit that gives the same terms on every machine.

``TfidfVectorizer(max_features=k)`` keeps the ``k`` most frequent terms, but
breaks ties in document frequency with numpy's unstable ``argsort``, whose
SIMD implementation differs between CPUs and numpy builds. With 400,000 word
n-grams, thousands of terms share the document frequency at the cut, so a
retrained model kept other terms on another machine (and its weights could
not be compared). :func:`fit_transform_limited` keeps the ``k`` most frequent
terms with ties broken by the term itself, which is the same everywhere.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

__all__ = ["fit_transform_limited"]


def fit_transform_limited(
    vectorizer: TfidfVectorizer, docs: list[str]
) -> tuple[TfidfVectorizer, sp.csr_matrix]:
    """Fit ``vectorizer`` on ``docs`` with a machine-independent ``max_features`` cut.

    Parameters
    ----------
    vectorizer : TfidfVectorizer
        Unfitted; its ``max_features`` (if any) is the limit.
    docs : list of str

    Returns
    -------
    vectorizer : TfidfVectorizer
        Fitted as if by ``fit`` with ``max_features``, except for the ties.
    X : scipy.sparse.csr_matrix
        ``vectorizer.transform(docs)``.
    """
    limit = vectorizer.max_features
    if limit is None:
        return vectorizer, vectorizer.fit_transform(docs).tocsr()
    full = clone(vectorizer).set_params(max_features=None, norm=None)
    X = full.fit_transform(docs).tocsr()
    n_terms = X.shape[1]
    if n_terms > limit:
        df = np.bincount(X.indices, minlength=n_terms)
        # columns are in alphabetical order of the terms, so the column index
        # breaks ties the same way everywhere; lexsort is stable
        order = np.lexsort((np.arange(n_terms), -df))
        keep = np.sort(order[:limit])
    else:
        keep = np.arange(n_terms)
    terms = full.get_feature_names_out()[keep]
    X = X[:, keep]
    if vectorizer.norm:
        X = normalize(X, norm=vectorizer.norm, copy=False)
    vectorizer.vocabulary_ = {str(t): i for i, t in enumerate(terms)}
    vectorizer.fixed_vocabulary_ = False
    if vectorizer.use_idf:
        vectorizer.idf_ = np.asarray(full.idf_, dtype=np.float64)[keep]
    return vectorizer, X.astype(vectorizer.dtype, copy=False).tocsr()
