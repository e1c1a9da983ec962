"""The machine-independent ``max_features`` cut of the detector's vectorizers."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from hoaxguard.detect._vocabulary import fit_transform_limited

DOCS = ["a b c d", "a b c", "a b e", "a f g", "h i j", "a b c d e f"]


def _vec(**kw):
    return TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True, dtype=np.float32, **kw)


@pytest.mark.parametrize("limit", [None, 3, 5, 100])
def test_matrix_is_what_transform_gives(limit):
    vec, X = fit_transform_limited(_vec(max_features=limit, ngram_range=(1, 2)), DOCS)
    np.testing.assert_allclose(X.toarray(), vec.transform(DOCS).toarray(), rtol=1e-6)
    if limit:
        assert len(vec.vocabulary_) == min(limit, len(_vec(ngram_range=(1, 2)).fit(DOCS).vocabulary_))


def test_same_as_sklearn_when_there_are_no_ties_at_the_cut():
    # document frequencies a:5 b:4 c:3 -> the top 3 are unambiguous
    ours, X = fit_transform_limited(_vec(max_features=3), DOCS)
    ref = _vec(max_features=3)
    X_ref = ref.fit_transform(DOCS)
    assert ours.vocabulary_ == ref.vocabulary_
    np.testing.assert_allclose(ours.idf_, ref.idf_)
    np.testing.assert_allclose(X.toarray(), X_ref.toarray(), rtol=1e-6)


def test_ties_at_the_cut_are_broken_by_the_term():
    # after a, b, c, the terms d, e, f share df = 2: the cut keeps d (first by term)
    vec, _ = fit_transform_limited(_vec(max_features=4), DOCS)
    assert sorted(vec.vocabulary_) == ["a", "b", "c", "d"]
    # the same whatever the order of the documents
    for seed in range(5):
        docs = list(np.random.default_rng(seed).permutation(DOCS))
        assert fit_transform_limited(_vec(max_features=4), docs)[0].vocabulary_ == vec.vocabulary_
