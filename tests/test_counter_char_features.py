"""The cached char n-gram transform equals scikit-learn's TfidfVectorizer.transform."""

from __future__ import annotations

import pickle

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from hoaxguard.counter._char_features import CharNgramTransformer

TRAIN = [
    "bmkg tidak pernah memprediksi gempa",
    "pendaftaran cpns hanya lewat sscasn",
    "undangan pernikahan apk jangan dibuka",
    "a ab abc abcd",
    "bansos tidak dipungut biaya",
]


def _vectorizer(ngram_range=(3, 5), max_df=1.0) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=ngram_range,
        lowercase=False,
        sublinear_tf=True,
        dtype=np.float32,
        max_df=max_df,
    ).fit(TRAIN)


def _assert_same(vec: TfidfVectorizer, texts: list[str]) -> None:
    expected = vec.transform(texts)
    got = CharNgramTransformer(vec).transform(texts)
    assert got.shape == expected.shape and got.dtype == expected.dtype
    np.testing.assert_array_equal(got.toarray(), expected.toarray())


def test_equal_on_short_long_empty_and_repeated_words():
    texts = [
        "",
        "a",
        "ab",
        "abc",
        "abcd abcd abcd",
        "  gempa   bmkg\n\tcpns ",
        "x" * 300,
        "é ü 中文",
    ]
    for ngram_range in [(3, 5), (1, 3), (2, 2)]:
        _assert_same(_vectorizer(ngram_range), texts + TRAIN)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="abcdegikmnprstu ", max_size=40), min_size=1, max_size=6))
def test_equal_on_random_texts(texts):
    _assert_same(_vectorizer(), texts)


def test_cache_is_reused_and_not_needed_for_pickling():
    transformer = CharNgramTransformer(_vectorizer())
    transformer.transform(["gempa bmkg"])
    assert "gempa" in transformer._cache
    assert pickle.loads(pickle.dumps(transformer.vectorizer)).vocabulary_
