"""The fast scoring paths give exactly what the reference (scikit-learn) paths give.

`hoaxguard score` featurises through :mod:`hoaxguard.text._ngrams` (vectorised
word and char n-grams), picks explanation terms with per-row maxima and shares
token caches between engines. Here the same corpus texts are scored once that
way and once through plain ``TfidfVectorizer.transform``, a full sort of the
contributions and a fresh engine per call site: every output column must be
identical, value for value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hoaxguard._testing import sample_texts
from hoaxguard.batch._frame import score_texts
from hoaxguard.counter import CounterNarrativeLibrary
from hoaxguard.counter._pipeline import _engine as matcher_engine
from hoaxguard.detect import _detector, _explain
from hoaxguard.persist import default_model_path, load_model
from hoaxguard.text import _engine
from hoaxguard.text._terms import _chunk_stems as chunk_stems
from hoaxguard.text._terms import _engine as terms_engine


def _reference_top_contributions(contrib, top_k):
    """The previous implementation: one stable sort of all non-zeros."""
    n = contrib.shape[0]
    if top_k <= 0 or contrib.nnz == 0:
        return np.zeros(n + 1, np.int64), np.empty(0, np.int64), np.empty(0)
    rows = np.repeat(np.arange(n), np.diff(contrib.indptr))
    data = contrib.data
    order = np.lexsort((-np.abs(data), rows))
    rank = np.arange(order.size) - np.repeat(contrib.indptr[:-1], np.diff(contrib.indptr))
    keep = order[rank < top_k]
    krows, kdata, kidx = rows[keep], data[keep], contrib.indices[keep]
    order2 = np.lexsort((-kdata, krows))
    krows, kdata, kidx = krows[order2], kdata[order2], kidx[order2]
    ptr = np.zeros(n + 1, np.int64)
    np.add.at(ptr, krows + 1, 1)
    return np.cumsum(ptr), kidx.astype(np.int64), kdata


def _score(texts: pd.Series) -> pd.DataFrame:
    """Scores with a freshly read model and library (no caches from an earlier call)."""
    model = load_model(default_model_path())
    return score_texts(texts, model=model, library=CounterNarrativeLibrary.load())


@pytest.fixture(scope="module")
def corpus_sample(corpus_dir) -> pd.Series:
    texts = sample_texts(corpus_dir, n=1500)
    texts += [t + " 123" for t in texts[:200]]  # a number appended, as in distinct exports
    return pd.Series(texts, index=pd.RangeIndex(7, 7 + len(texts)))


def test_score_output_identical_to_reference_paths(corpus_sample, monkeypatch):
    fast = _score(corpus_sample)
    assert fast["error"].isna().all()
    with monkeypatch.context() as m:
        m.setattr(_detector, "fast_transformer", lambda vectorizer: vectorizer)
        m.setattr(
            "hoaxguard.counter._matcher.TemplateMatcher._char_transformer",
            lambda self: self.char_vectorizer_,
        )
        m.setattr(_detector, "top_contributions", _reference_top_contributions)
        m.setattr(_explain, "top_contributions", _reference_top_contributions)
        for shared in ("_SHARED_CACHES", "_SHARED_STEMMERS", "_SHARED_SURFACES"):
            m.setattr(_engine, shared, {})  # engines made from here on start cold
        m.setattr(_detector, "_SHARED_PREPROCESSORS", {})
        for cached in (matcher_engine, terms_engine, chunk_stems):
            cached.cache_clear()
        reference = _score(corpus_sample)
    pd.testing.assert_frame_equal(fast, reference, check_exact=True)
    assert fast["is_hoax"].any() and fast["match_id"].notna().any()


def test_top_contributions_equal_reference_on_ties():
    import scipy.sparse as sp

    rng = np.random.default_rng(0)
    for trial in range(200):
        n, m = int(rng.integers(1, 30)), int(rng.integers(1, 40))
        matrix = sp.random(n, m, density=rng.random(), random_state=trial, format="csr")
        matrix.data = np.round(rng.normal(size=matrix.nnz), 1)  # many equal |values|
        matrix.eliminate_zeros()
        matrix.sort_indices()
        k = int(rng.integers(1, 8))
        for got, want in zip(
            _explain.top_contributions(matrix, k),
            _reference_top_contributions(matrix, k),
            strict=True,
        ):
            np.testing.assert_array_equal(got, want)
