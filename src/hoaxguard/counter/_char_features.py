"""Fast, exact ``TfidfVectorizer(analyzer="char_wb").transform`` through a per-word cache.

scikit-learn builds the character n-grams of every word of every document in
Python and looks each one up in the vocabulary. ``char_wb`` n-grams never cross
a word boundary, so a document's counts are the sum of its words' counts: we
cache, per distinct word, the vocabulary indices of its n-grams and build the
count matrix with one sparse constructor per batch. The tf-idf weighting and
normalisation are then scikit-learn's own (``vectorizer._tfidf``), so the
result equals ``vectorizer.transform`` (checked in tests).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

#: the word cache is cleared past this many distinct words (bounded memory)
MAX_WORDS = 500_000


class CharNgramTransformer:
    """Transform texts with a fitted ``char_wb`` :class:`TfidfVectorizer`, caching per word.

    Parameters
    ----------
    vectorizer : TfidfVectorizer
        Fitted, with ``analyzer="char_wb"`` and ``lowercase=False`` (texts are
        already normalised) and no ``preprocessor``.
    """

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if vectorizer.analyzer != "char_wb" or vectorizer.lowercase or vectorizer.preprocessor:
            raise ValueError(
                "CharNgramTransformer needs a char_wb vectorizer without lowercase/preprocessor"
            )
        self.vectorizer = vectorizer
        self.min_n, self.max_n = vectorizer.ngram_range
        self.vocabulary = vectorizer.vocabulary_
        self._cache: dict[str, np.ndarray] = {}

    def _word_indices(self, word: str) -> np.ndarray:
        padded = f" {word} "
        size = len(padded)
        get = self.vocabulary.get
        found: list[int] = []
        for n in range(self.min_n, self.max_n + 1):
            if size <= n:  # sklearn counts a short padded word once, then stops
                index = get(padded)
                if index is not None:
                    found.append(index)
                break
            for offset in range(size - n + 1):
                index = get(padded[offset : offset + n])
                if index is not None:
                    found.append(index)
        return np.asarray(found, dtype=np.int64)

    def counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The raw n-gram count matrix (as ``CountVectorizer`` would give it)."""
        cache = self._cache
        if len(cache) > MAX_WORDS:
            cache.clear()
        pieces: list[np.ndarray] = []
        lengths = np.zeros(len(texts), dtype=np.int64)
        for row, text in enumerate(texts):
            total = 0
            for word in text.split():
                indices = cache.get(word)
                if indices is None:
                    indices = cache[word] = self._word_indices(word)
                if indices.size:
                    pieces.append(indices)
                    total += indices.size
            lengths[row] = total
        n_features = len(self.vocabulary)
        cols = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        data = np.ones(cols.size, dtype=self.vectorizer.dtype)
        matrix = sp.csr_matrix((data, (rows, cols)), shape=(len(texts), n_features))
        matrix.sum_duplicates()
        matrix.sort_indices()
        return matrix

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Equal to ``vectorizer.transform(texts)``."""
        return self.vectorizer._tfidf.transform(self.counts(texts), copy=False)
