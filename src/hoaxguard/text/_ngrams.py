"""Fast, exact ``TfidfVectorizer.transform`` for fitted word and ``char_wb`` vectorizers.

scikit-learn builds the n-grams of every document in Python and looks each one
up in the vocabulary, for every chunk again. Here the vocabulary is read once:

- ``char_wb`` n-grams never cross a word boundary, so a document's counts are
  the sum of its words' counts: :class:`CharNgramTransformer` caches, per
  distinct word, the vocabulary indices of its n-grams.
- word n-grams (whitespace tokens, unigrams and bigrams):
  :class:`WordNgramTransformer` maps every token of a chunk to an integer once
  (one dict look-up per token), then finds unigrams and bigrams with array
  operations over the whole chunk.

Both build the count matrix with one sparse constructor per chunk; the tf-idf
weighting and normalisation are scikit-learn's own (``vectorizer._tfidf``), so
the result equals ``vectorizer.transform`` value for value (checked in tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = [
    "CharNgramTransformer",
    "WordNgramTransformer",
    "fast_transformer",
    "token_list_counts",
    "transform_tokenised",
]

#: the per-word cache of CharNgramTransformer is cleared past this many words (bounded memory)
MAX_WORDS = 500_000


def _count_matrix(
    rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int], dtype: Any
) -> sp.csr_matrix:
    """CSR counts of the (row, col) pairs, duplicates summed, indices sorted (as sklearn)."""
    data = np.ones(cols.size, dtype=dtype)
    matrix = sp.csr_matrix((data, (rows, cols)), shape=shape)
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix


class CharNgramTransformer:
    """Transform texts with a fitted ``char_wb`` :class:`TfidfVectorizer`, caching per word.

    Parameters
    ----------
    vectorizer : TfidfVectorizer
        Fitted, with ``analyzer="char_wb"`` and ``lowercase=False`` (texts are
        already normalised) and no ``preprocessor``.
    """

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if not self.supports(vectorizer):
            raise ValueError(
                "CharNgramTransformer needs a char_wb vectorizer without lowercase/preprocessor"
            )
        self.vectorizer = vectorizer
        self.min_n, self.max_n = vectorizer.ngram_range
        self.vocabulary = vectorizer.vocabulary_
        self._cache: dict[str, np.ndarray] = {}
        self._tables = _CharCodeTables.build(self.vocabulary, self.max_n)

    @staticmethod
    def supports(vectorizer: TfidfVectorizer) -> bool:
        """Whether ``vectorizer`` reads text as :class:`CharNgramTransformer` does."""
        return vectorizer.analyzer == "char_wb" and not vectorizer.lowercase and not vectorizer.preprocessor

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
        split = [text.split() for text in texts]
        new = list(dict.fromkeys(w for words in split for w in words if w not in cache))
        if new:
            if self._tables is None:
                for word in new:
                    cache[word] = self._word_indices(word)
            else:
                cache.update(zip(new, self._tables.word_grams(new, self.min_n, self.max_n),
                                 strict=True))
        pieces: list[np.ndarray] = []
        lengths = np.zeros(len(texts), dtype=np.int64)
        for row, words in enumerate(split):
            total = 0
            for word in words:
                indices = cache[word]
                if indices.size:
                    pieces.append(indices)
                    total += indices.size
            lengths[row] = total
        cols = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        shape = (len(texts), len(self.vocabulary))
        return _count_matrix(rows, cols, shape, self.vectorizer.dtype)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Equal to ``vectorizer.transform(texts)``."""
        return self.vectorizer._tfidf.transform(self.counts(texts), copy=False)


class _CharCodeTables:
    """Vocabulary n-grams as base-``base`` integers, one sorted table per length.

    Each character of the vocabulary gets a digit ``1..base-1`` (``0``: a character
    no vocabulary n-gram has), so an n-gram's code is exact and unique for its length.
    """

    def __init__(self, alphabet: np.ndarray, base: int,
                 tables: dict[int, tuple[np.ndarray, np.ndarray]]) -> None:
        self.alphabet = alphabet
        self.base = base
        self.tables = tables

    @classmethod
    def build(cls, vocabulary: dict[str, int], max_n: int) -> _CharCodeTables | None:
        """Tables for ``vocabulary``, or None when its codes would not fit in 64 bits."""
        terms = list(vocabulary)
        features = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(terms))
        lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
        points = np.frombuffer("".join(terms).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        alphabet = np.unique(points)
        base = alphabet.size + 1
        if float(base) ** max(max_n, 1) >= 2.0**62:
            return None
        digits = np.searchsorted(alphabet, points).astype(np.int64) + 1
        starts = np.cumsum(lengths) - lengths
        tables = {}
        for length in np.unique(lengths).tolist():  # Horner's rule over all terms of a length
            which = np.flatnonzero(lengths == length)
            codes = np.zeros(which.size, dtype=np.int64)
            for j in range(length):
                codes = codes * base + digits[starts[which] + j]
            order = np.argsort(codes, kind="stable")
            tables[length] = (codes[order], features[which][order])
        return cls(alphabet, base, tables)

    def digits(self, points: np.ndarray) -> np.ndarray:
        """The digit of every code point (0 where it is not in the alphabet)."""
        where = np.searchsorted(self.alphabet, points)
        where[where == self.alphabet.size] = 0
        known = self.alphabet[where] == points if self.alphabet.size else np.zeros(points.size, bool)
        return np.where(known, where + 1, 0).astype(np.int64)

    def word_grams(self, words: list[str], min_n: int, max_n: int) -> list[np.ndarray]:
        """Vocabulary indices of each word's ``char_wb`` n-grams, all words at once.

        A word is padded with one space each side; its windows of length
        ``min_n..max_n`` are counted, a padded word of at most ``n`` characters
        once, whole (scikit-learn's ``_char_wb_ngrams``).
        """
        size = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 2
        starts = np.cumsum(size) - size
        joined = " " + "  ".join(words) + " "  # every word padded by its own spaces
        points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        word_of = np.repeat(np.arange(len(words), dtype=np.int64), size)
        room = size[word_of] - (np.arange(points.size, dtype=np.int64) - starts[word_of])
        digits = self.digits(points)
        padded = np.concatenate([digits, np.zeros(max_n, dtype=np.int64)])
        hit_words: list[np.ndarray] = []
        hit_features: list[np.ndarray] = []
        code = np.zeros(points.size, dtype=np.int64)
        for n in range(1, max_n + 1):
            code = code * self.base + padded[n - 1 : n - 1 + points.size]
            if n >= min_n:  # windows inside the padded word (one when it has n chars)
                at = np.flatnonzero(room >= n)
                found, feature = self.lookup(n, code[at])
                hit_words.append(word_of[at[found]])
                hit_features.append(feature)
        for length in np.unique(size[size < min_n]):  # shorter than min_n: once, whole
            which = np.flatnonzero(size == length)
            whole = np.zeros(which.size, dtype=np.int64)
            for j in range(int(length)):
                whole = whole * self.base + digits[starts[which] + j]
            found, feature = self.lookup(int(length), whole)
            hit_words.append(which[found])
            hit_features.append(feature)
        owner = np.concatenate(hit_words)
        features = np.concatenate(hit_features)
        order = np.argsort(owner, kind="stable")
        bounds = np.searchsorted(owner[order], np.arange(1, len(words)))
        return np.split(features[order], bounds)

    def lookup(self, length: int, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of ``codes`` that are vocabulary n-grams, and their feature indices."""
        table = self.tables.get(length)
        if table is None or codes.size == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        sorted_codes, features = table
        where = np.searchsorted(sorted_codes, codes)
        where[where == sorted_codes.size] = 0
        found = np.flatnonzero(sorted_codes[where] == codes)
        return found, features[where[found]]


class WordNgramTransformer:
    """Transform token strings with a fitted word :class:`TfidfVectorizer` (n-grams up to 2).

    Parameters
    ----------
    vectorizer : TfidfVectorizer
        Fitted, with ``analyzer="word"``, ``token_pattern=r"\\S+"`` (tokens are
        whitespace-separated), ``lowercase=False``, no preprocessor, tokenizer
        or stop words, and ``ngram_range`` within ``(1, 2)``.
    """

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if not self.supports(vectorizer):
            raise ValueError("WordNgramTransformer needs a whitespace-token word vectorizer, n <= 2")
        self.vectorizer = vectorizer
        self.min_n, self.max_n = vectorizer.ngram_range
        token_ids: dict[str, int] = {}
        unigram_ids: list[int] = []
        unigram_features: list[int] = []
        bigram_codes: list[tuple[str, str, int]] = []
        for term, feature in vectorizer.vocabulary_.items():
            parts = term.split(" ")
            for part in parts:
                token_ids.setdefault(part, len(token_ids))
            if len(parts) == 1:
                unigram_ids.append(token_ids[parts[0]])
                unigram_features.append(feature)
            else:
                bigram_codes.append((parts[0], parts[1], feature))
        self.n_tokens = len(token_ids)
        self.token_ids = token_ids
        self.unigram_feature = np.full(self.n_tokens + 1, -1, dtype=np.int64)  # last: unknown
        self.unigram_feature[unigram_ids] = unigram_features
        codes = np.array(
            [token_ids[a] * self.n_tokens + token_ids[b] for a, b, _ in bigram_codes],
            dtype=np.int64,
        )
        features = np.array([f for _, _, f in bigram_codes], dtype=np.int64)
        order = np.argsort(codes, kind="stable")
        self.bigram_codes = codes[order]
        self.bigram_features = features[order]

    @staticmethod
    def supports(vectorizer: TfidfVectorizer) -> bool:
        """Whether ``vectorizer`` tokenises exactly as :class:`WordNgramTransformer` does."""
        return (
            vectorizer.analyzer == "word"
            and vectorizer.token_pattern == r"\S+"
            and not vectorizer.lowercase
            and vectorizer.preprocessor is None
            and vectorizer.tokenizer is None
            and vectorizer.stop_words is None
            and vectorizer.strip_accents is None
            and 1 <= vectorizer.ngram_range[0] <= vectorizer.ngram_range[1] <= 2
        )

    def counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The raw n-gram count matrix (as ``CountVectorizer`` would give it)."""
        tokens: list[str] = []
        lengths = np.zeros(len(texts), dtype=np.int64)
        for row, text in enumerate(texts):
            words = text.split()
            lengths[row] = len(words)
            tokens.extend(words)
        get = self.token_ids.get
        unknown = self.n_tokens
        ids = np.fromiter((get(t, unknown) for t in tokens), dtype=np.int64, count=len(tokens))
        doc = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        if self.min_n == 1:
            features = self.unigram_feature[ids]
            keep = features >= 0
            rows.append(doc[keep])
            cols.append(features[keep])
        if self.max_n == 2 and ids.size > 1 and self.bigram_codes.size:
            first, second = ids[:-1], ids[1:]
            ok = (doc[:-1] == doc[1:]) & (first < unknown) & (second < unknown)
            codes = first[ok] * self.n_tokens + second[ok]
            where = np.searchsorted(self.bigram_codes, codes)
            where[where == self.bigram_codes.size] = 0
            hit = self.bigram_codes[where] == codes
            rows.append(doc[:-1][ok][hit])
            cols.append(self.bigram_features[where[hit]])
        all_rows = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        all_cols = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        shape = (len(texts), len(self.vectorizer.vocabulary_))
        return _count_matrix(all_rows, all_cols, shape, self.vectorizer.dtype)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Equal to ``vectorizer.transform(texts)``."""
        return self.vectorizer._tfidf.transform(self.counts(texts), copy=False)


def fast_transformer(vectorizer: TfidfVectorizer) -> Any:
    """The exact fast transformer for a fitted ``vectorizer``, or the vectorizer itself."""
    if CharNgramTransformer.supports(vectorizer):
        return CharNgramTransformer(vectorizer)
    if WordNgramTransformer.supports(vectorizer):
        return WordNgramTransformer(vectorizer)
    return vectorizer


def token_list_counts(
    docs: Sequence[Sequence[str]], vocabulary: dict[str, int], dtype: Any
) -> sp.csr_matrix:
    """Counts of already-tokenised documents over ``vocabulary`` (tokens not in it skipped).

    Equal to ``CountVectorizer(analyzer=<identity>).transform(docs)`` of a vectorizer
    fitted to ``vocabulary``: one dict look-up per token, one sparse constructor.
    """
    lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    tokens = [t for doc in docs for t in doc]
    get = vocabulary.get
    ids = np.fromiter((get(t, -1) for t in tokens), dtype=np.int64, count=len(tokens))
    rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
    keep = ids >= 0
    return _count_matrix(rows[keep], ids[keep], (len(docs), len(vocabulary)), dtype)


def transform_tokenised(vectorizer: Any, docs: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """``vectorizer.transform(docs)`` for a vectorizer whose analyzer returns its input.

    ``vectorizer`` is a fitted :class:`~sklearn.feature_extraction.text.CountVectorizer`
    or :class:`TfidfVectorizer` built with an identity ``analyzer`` (documents are
    lists of tokens already); the caller vouches for that.
    """
    counts = token_list_counts(docs, vectorizer.vocabulary_, vectorizer.dtype)
    if isinstance(vectorizer, TfidfVectorizer):
        return vectorizer._tfidf.transform(counts, copy=False)
    if vectorizer.binary:
        counts.data.fill(1)
    return counts

