"""The fast word and char n-gram transforms equal scikit-learn's TfidfVectorizer.transform."""

from __future__ import annotations

import pickle

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from hoaxguard.text._ngrams import CharNgramTransformer, WordNgramTransformer, fast_transformer

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


def test_vectorised_and_cached_paths_agree_with_sklearn_on_odd_text():
    texts = ["a\tb  c\u00a0d", "\ud800 lone surrogate", "emoji 😂😂 ok.", "x" * 2000, "   "]
    for ngram_range in [(2, 5), (4, 6), (1, 1), (5, 5)]:
        vec = _vectorizer(ngram_range).fit(TRAIN + texts)
        transformer = CharNgramTransformer(vec)
        assert transformer._tables is not None  # the vectorised path
        _assert_same(vec, texts + TRAIN + ["abc abcd abcde ab a"])
        words = sorted({w for t in texts + TRAIN for w in t.split()})
        coded = transformer._tables.word_grams(words, *ngram_range)
        for word, indices in zip(words, coded, strict=True):  # the dict path, word by word
            assert sorted(indices) == sorted(transformer._word_indices(word))


def _word_vectorizer(ngram_range=(1, 2), min_df=1) -> TfidfVectorizer:
    return TfidfVectorizer(
        token_pattern=r"\S+", lowercase=False, ngram_range=ngram_range, min_df=min_df,
        sublinear_tf=True, dtype=np.float32,
    ).fit(TRAIN + ["bmkg gempa gempa bmkg", "xxurl xxshare sebar"])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["bmkg", "gempa", "tidak", "xxurl", "sebar", "zz", "a-b"]),
                 max_size=12).map(" ".join),
        min_size=1, max_size=6,
    ),
    st.sampled_from([(1, 1), (1, 2), (2, 2)]),
)
def test_word_transformer_equals_sklearn(texts, ngram_range):
    vec = _word_vectorizer(ngram_range)
    expected = vec.transform(texts)
    got = WordNgramTransformer(vec).transform(texts)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    np.testing.assert_array_equal(got.indices, expected.indices)
    np.testing.assert_array_equal(got.data, expected.data)


def test_fast_transformer_falls_back_for_other_vectorizers():
    plain = TfidfVectorizer().fit(TRAIN)  # lowercases: not ours to reproduce
    assert fast_transformer(plain) is plain
    assert isinstance(fast_transformer(_word_vectorizer()), WordNgramTransformer)
    assert isinstance(fast_transformer(_vectorizer()), CharNgramTransformer)
