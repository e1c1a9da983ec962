"""Claim matching: link a post to the template of the claim it repeats, or to none.

Every template is represented by several short *rows*: its claim, each alias,
its title, one "profile" row joining them, and ~200-word passages of its
fact/explanation with a lower weight. A text is scored against every row with a
weighted mix of TF-IDF cosine over stemmed words (the project's Indonesian
pipeline, :mod:`hoaxguard.text`) and TF-IDF cosine over character n-grams
(``char_wb`` 3-5; BM25 is available but off by default: it did not help on the
development sets). The row score is shrunk by ``n / (n + 1)`` where ``n`` is the
number of distinct word stems shared, so that one shared rare word in a short
post does not make a match; one-word texts never match. A template's score is
the best score of its rows. Scoring is sparse matrix products on chunks of texts
followed by a vectorised per-template maximum (``np.maximum.reduceat``): there
is no Python loop over templates.

A match is declared when the best score reaches ``threshold``
(:data:`DEFAULT_THRESHOLD` for the bundled library; see :meth:`TemplateMatcher.calibrate`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from hoaxguard.counter._pipeline import prepare_many
from hoaxguard.counter._template import Template
from hoaxguard.text._ngrams import CharNgramTransformer, transform_tokenised

#: Default decision threshold on ``match_score`` (0..1), calibrated for the bundled
#: library with ``evaluate_bundled_matching(library, ordinary_posts, target_no_match=0.985,
#: min_precision=0.92)`` (80 templates, 2026-11-26): the larger of the score leaving 98.5%
#: of ordinary posts unmatched (0.248) and the score at which 92% of matched held-out
#: aliases go to the right template (0.297). At 0.30, 99.5% of held-out ordinary posts get
#: no match. Recalibrate your own library with :meth:`TemplateMatcher.calibrate`.
DEFAULT_THRESHOLD = 0.30

#: Words that say how a message travels or whom it is for, not what it claims
#: ("sebarkan ke grup wali murid"): ignored by the word and character features so
#: that they do not pull a post towards templates whose aliases share them.
DEFAULT_CONTEXT_WORDS: frozenset[str] = frozenset(
    ["sebar", "sebarkan", "disebar", "sebarluaskan", "viral", "viralkan", "share", "grup", "group", "gc", "kirim", "kirimkan", "terus", "teruskan", "forward", "broadcast", "wali", "murid", "ortu", "orangtua", "keluarga", "teman", "temen", "tetangga", "saudara", "kontak", "info", "mohon", "tolong", "bapak", "ibu", "emak", "grupnya"]
)

_WORD_RE = re.compile(r"[^\W_]+")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")


def _transform(vectorizer: Any, docs: list[list[str]]) -> sp.csr_matrix:
    """``vectorizer.transform(docs)``; one dict look-up per token when its analyzer is ours."""
    if vectorizer.analyzer is _identity:
        return transform_tokenised(vectorizer, docs)
    return vectorizer.transform(docs)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def word_ngrams(tokens: Sequence[str], ngram_range: tuple[int, int] = (1, 2)) -> list[str]:
    """Word n-grams (space-joined) of a token list."""
    lo, hi = ngram_range
    out: list[str] = []
    for n in range(lo, hi + 1):
        if n == 1:
            out.extend(tokens)
        else:
            out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return out


def passages(text: str, max_words: int) -> list[str]:
    """Split ``text`` into consecutive passages of about ``max_words`` words (0: one passage)."""
    text = (text or "").strip()
    if not text:
        return []
    if max_words <= 0:
        return [text]
    out: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in _SENTENCE_RE.split(text):
        words = sentence.split()
        if not words:
            continue
        if current and count + len(words) > max_words:
            out.append(" ".join(current))
            current, count = [], 0
        # a very long sentence is cut into windows
        while len(words) > max_words:
            out.append(" ".join(words[:max_words]))
            words = words[max_words:]
        current.extend(words)
        count += len(words)
    if current:
        out.append(" ".join(current))
    return out


def template_rows(
    template: Template,
    context_weight: float,
    passage_words: int,
    fields: Sequence[str],
    profile_weight: float = 0.0,
) -> list[tuple[str, float]]:
    """The (text, weight) rows representing one template for matching."""
    rows: list[tuple[str, float]] = []
    if "claim" in fields and template.claim:
        rows.append((template.claim, 1.0))
    if "aliases" in fields:
        rows.extend((alias, 1.0) for alias in template.aliases)
    if "title" in fields and template.title:
        rows.append((template.title, 1.0))
    context = " ".join(
        getattr(template, name)
        for name in ("fact", "explanation")
        if name in fields and getattr(template, name)
    )
    if context and context_weight > 0:
        rows.extend((p, context_weight) for p in passages(context, passage_words))
    if profile_weight > 0:
        short = [text for text, weight in rows if weight == 1.0]
        if len(short) > 1:
            rows.append((" ".join(short), profile_weight))
    if not rows:  # keep every template addressable
        rows.append((template.title or template.claim or template.id, 1.0))
    return rows


class TemplateMatcher(BaseEstimator):
    """Rank templates for texts and decide match / no match.

    Parameters
    ----------
    word_weight, char_weight, bm25_weight : float
        Weights of the three similarities (normalised to sum 1): cosine of
        TF-IDF stemmed word n-grams, cosine of TF-IDF character n-grams
        (``char_wb``) and BM25 divided by its maximum for the query.
    ngram_range : tuple
        Word n-gram range over stemmed tokens.
    char_ngram_range : tuple
        Character n-gram range.
    context_weight : float
        Weight (0..1) of rows taken from ``fact`` and ``explanation``.
    passage_words : int
        Length in words of the fact/explanation passages (0: one passage).
    fields : sequence of str
        Template fields used: any of claim, aliases, title, fact, explanation.
    profile_weight : float
        Weight of an extra row joining claim, aliases and title (0: none).
    overlap_prior : float
        Shrink a row's score by ``n / (n + overlap_prior)`` where ``n`` is the
        number of distinct word stems the text shares with the row, so that a
        single shared rare word (short posts) does not make a match (0: off).
    min_shared : int
        A row sharing fewer distinct word stems with the text scores 0.
        Needs ``overlap_prior > 0``.
    min_words : int
        Texts with fewer words score 0 everywhere (a one-word post cannot
        repeat a claim, even when slang expansion makes it several stems).
    context_words : collection of str or None
        Words (stems and surface forms) dropped from texts and template rows
        before scoring (default :data:`DEFAULT_CONTEXT_WORDS`; None or empty: none).
    char_max_df : float
        In libraries of at least 1000 rows, character n-grams found in more
        than this share of rows are ignored (they weigh little and make the
        product dense: about 4x faster at 10k templates). 1.0 keeps all.
    threshold : float
        ``match_score`` at or above which a text matches its best template.
    k1, b : float
        BM25 parameters.
    """

    def __init__(
        self,
        *,
        word_weight: float = 0.5,
        char_weight: float = 0.5,
        bm25_weight: float = 0.0,
        ngram_range: tuple[int, int] = (1, 1),
        char_ngram_range: tuple[int, int] = (3, 5),
        context_weight: float = 0.8,
        passage_words: int = 200,
        fields: Sequence[str] = ("claim", "aliases", "title", "fact", "explanation"),
        profile_weight: float = 1.0,
        overlap_prior: float = 1.0,
        min_shared: int = 1,
        min_words: int = 2,
        char_max_df: float = 0.05,
        context_words: Iterable[str] | None = DEFAULT_CONTEXT_WORDS,
        threshold: float = DEFAULT_THRESHOLD,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> None:
        self.word_weight = word_weight
        self.char_weight = char_weight
        self.bm25_weight = bm25_weight
        self.ngram_range = ngram_range
        self.char_ngram_range = char_ngram_range
        self.context_weight = context_weight
        self.passage_words = passage_words
        self.fields = fields
        self.profile_weight = profile_weight
        self.overlap_prior = overlap_prior
        self.min_shared = min_shared
        self.min_words = min_words
        self.char_max_df = char_max_df
        self.context_words = context_words
        self.threshold = threshold
        self.k1 = k1
        self.b = b

    # ------------------------------------------------------------------ fit
    def fit(self, templates: Iterable[Template]) -> TemplateMatcher:
        """Index ``templates`` (a template's rows are scored, the best row counts)."""
        templates = list(templates)
        if not templates:
            raise ValueError("cannot fit a matcher on an empty template library")
        texts: list[str] = []
        groups: list[int] = []
        weights: list[float] = []
        for g, tpl in enumerate(templates):
            for text, weight in template_rows(
                tpl, self.context_weight, self.passage_words, self.fields, self.profile_weight
            ):
                texts.append(text)
                groups.append(g)
                weights.append(weight)
        self.ids_ = np.array([t.id for t in templates], dtype=object)
        self.verdicts_ = np.array([t.verdict for t in templates], dtype=object)
        self.row_groups_ = np.asarray(groups, dtype=np.int64)
        self.row_weights_ = np.asarray(weights, dtype=np.float32)
        # rows are grouped by template in order; start of each template's rows
        self.group_starts_ = np.flatnonzero(np.r_[True, np.diff(self.row_groups_) != 0])
        w = self._weights()
        tokens, normalized = self._prepare(texts)
        grams = [word_ngrams(t, self.ngram_range) for t in tokens]
        if w[0] > 0:
            self.word_vectorizer_ = TfidfVectorizer(
                analyzer=_identity, sublinear_tf=True, dtype=np.float32
            )
            self.word_rows_ = self.word_vectorizer_.fit_transform(grams).T.tocsr()
        if w[1] > 0:
            self.char_vectorizer_ = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=self.char_ngram_range,
                sublinear_tf=True,
                lowercase=False,
                dtype=np.float32,
                max_df=self.char_max_df if len(texts) >= 1000 else 1.0,
            )
            self.char_rows_ = self.char_vectorizer_.fit_transform(normalized).T.tocsr()
        if w[2] > 0:
            self._fit_bm25(grams)
        if self.overlap_prior > 0:
            self.overlap_vectorizer_ = CountVectorizer(
                analyzer=_identity, binary=True, dtype=np.float32
            )
            self.overlap_rows_ = self.overlap_vectorizer_.fit_transform(tokens).T.tocsr()
        return self

    def _prepare(self, texts: list[str]) -> tuple[list[list[str]], list[str]]:
        """Stemmed tokens and normalised text, without the context words."""
        tokens, normalized = prepare_many(texts)
        drop = frozenset(self.context_words or ())
        if drop:
            tokens = [[t for t in toks if t not in drop] for toks in tokens]
            normalized = [" ".join(w for w in n.split() if w not in drop) for n in normalized]
        return tokens, normalized

    def _weights(self) -> np.ndarray:
        w = np.array([self.word_weight, self.char_weight, self.bm25_weight], dtype=np.float64)
        if (w < 0).any() or w.sum() <= 0:
            raise ValueError(
                "word_weight, char_weight and bm25_weight must be >= 0 with a positive sum"
            )
        return w / w.sum()

    def _fit_bm25(self, grams: list[list[str]]) -> None:
        cv = CountVectorizer(analyzer=_identity, dtype=np.float32)
        tf = cv.fit_transform(grams).tocsr()
        n_docs = tf.shape[0]
        df = np.bincount(tf.indices, minlength=tf.shape[1])
        idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        lengths = np.asarray(tf.sum(axis=1)).ravel()
        avg = lengths.mean() if lengths.size and lengths.mean() > 0 else 1.0
        norm = self.k1 * (1 - self.b + self.b * lengths / avg)
        tf = tf.tocoo()
        data = tf.data * (self.k1 + 1) / (tf.data + norm[tf.row])
        weights = sp.csr_matrix((data * idf[tf.col], (tf.row, tf.col)), shape=tf.shape)
        self.bm25_vectorizer_ = cv
        self.bm25_idf_ = idf
        self.bm25_rows_ = weights.T.tocsr()

    # ---------------------------------------------------------------- score
    def _char_transformer(self) -> CharNgramTransformer:
        """Per-word cached, exact equivalent of ``char_vectorizer_.transform`` (not pickled)."""
        transformer = self.__dict__.get("_char_cache")
        if transformer is None or transformer.vectorizer is not self.char_vectorizer_:
            transformer = CharNgramTransformer(self.char_vectorizer_)
            self.__dict__["_char_cache"] = transformer
        return transformer

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_char_cache", None)
        return state

    def _query_parts(
        self, texts: list[str]
    ) -> tuple[dict[str, tuple[sp.csr_matrix, sp.csr_matrix, float]], np.ndarray]:
        """Query vectors, row matrices and weights per similarity; word count per text."""
        w = self._weights()
        parts: dict[str, tuple[sp.csr_matrix, sp.csr_matrix, float]] = {}
        tokens, normalized = self._prepare(texts)
        if w[0] > 0 or w[2] > 0:
            grams = [word_ngrams(t, self.ngram_range) for t in tokens]
        if w[0] > 0:
            parts["word"] = (_transform(self.word_vectorizer_, grams), self.word_rows_, w[0])
        word_counts = np.array([len(_WORD_RE.findall(str(t or ""))) for t in texts], dtype=np.int64)
        if w[1] > 0:
            parts["char"] = (self._char_transformer().transform(normalized), self.char_rows_, w[1])
        if w[2] > 0:
            q = _transform(self.bm25_vectorizer_, grams)
            q.data[:] = 1.0
            best = q @ (self.bm25_idf_ * (self.k1 + 1))
            scale = np.divide(1.0, best, out=np.zeros_like(best), where=best > 0)
            parts["bm25"] = (sp.diags(scale.astype(np.float32)) @ q, self.bm25_rows_, w[2])
        if self.overlap_prior > 0:
            parts["overlap"] = (_transform(self.overlap_vectorizer_, tokens), self.overlap_rows_, 0.0)
        return parts, word_counts

    def _chunk_size(self) -> int:
        return int(max(1, min(4096, 2e7 // max(1, len(self.row_groups_)))))

    def score_matrix(self, texts: Iterable[Any]) -> np.ndarray:
        """Dense (n_texts, n_templates) score matrix (for small inputs and analysis)."""
        check_is_fitted(self, "ids_")
        texts = list(texts)
        out = np.zeros((len(texts), len(self.ids_)), dtype=np.float32)
        size = self._chunk_size()
        for start in range(0, len(texts), size):
            out[start : start + size] = self._score_chunk(texts[start : start + size])
        return out

    def _score_chunk(self, texts: list[str]) -> np.ndarray:
        parts, word_counts = self._query_parts(texts)
        rows = np.zeros((len(texts), len(self.row_groups_)), dtype=np.float32)
        for name, (q, r, w) in parts.items():
            if name == "char" or name != "overlap":
                rows += w * (q @ r).toarray()
        rows *= self.row_weights_
        if "overlap" in parts:
            q, r, _ = parts["overlap"]
            shared = (q @ r).toarray()
            shrink = shared / (shared + np.float32(self.overlap_prior))
            shrink[shared < self.min_shared] = 0.0
            rows *= shrink
        rows[word_counts < self.min_words] = 0.0
        return np.maximum.reduceat(rows, self.group_starts_, axis=1)

    def kneighbors(self, texts: Iterable[Any], k: int = 3) -> tuple[np.ndarray, np.ndarray]:
        """Indices and scores of the ``k`` best templates per text, best first."""
        check_is_fitted(self, "ids_")
        texts = list(texts)
        k = max(1, min(int(k), len(self.ids_)))
        idx = np.zeros((len(texts), k), dtype=np.int64)
        val = np.zeros((len(texts), k), dtype=np.float32)
        size = self._chunk_size()
        for start in range(0, len(texts), size):
            scores = self._score_chunk(texts[start : start + size])
            top = (
                np.argpartition(-scores, k - 1, axis=1)[:, :k]
                if k < scores.shape[1]
                else np.tile(np.arange(scores.shape[1]), (scores.shape[0], 1))
            )
            top_scores = np.take_along_axis(scores, top, axis=1)
            order = np.argsort(-top_scores, axis=1, kind="stable")
            idx[start : start + size] = np.take_along_axis(top, order, axis=1)
            val[start : start + size] = np.take_along_axis(top_scores, order, axis=1)
        return idx, val

    def match(self, texts: Any, k: int = 3, threshold: float | None = None) -> pd.DataFrame:
        """One row per text: ``match_id``, ``match_score``, ``is_match``, ``match_verdict``, ``candidates``.

        See :meth:`hoaxguard.counter.CounterNarrativeLibrary.match`.
        """
        index = texts.index if isinstance(texts, pd.Series) else None
        texts = list(texts) if not isinstance(texts, str) else [texts]
        if index is None:
            index = pd.RangeIndex(len(texts))
        threshold = self.threshold if threshold is None else float(threshold)
        idx, val = self.kneighbors(texts, k)
        best = val[:, 0].astype(float) if len(texts) else np.zeros(0)
        is_match = best >= threshold
        ids = self.ids_[idx[:, 0]] if len(texts) else np.zeros(0, dtype=object)
        verdicts = self.verdicts_[idx[:, 0]] if len(texts) else np.zeros(0, dtype=object)
        cand_ids = self.ids_[idx].tolist()
        cand_scores = val.astype(np.float64).tolist()  # the float32 scores, exactly
        candidates = [
            [(str(i), round(s, 6)) for i, s in zip(ci, cs, strict=True)]
            for ci, cs in zip(cand_ids, cand_scores, strict=True)
        ]
        return pd.DataFrame(
            {
                "match_id": pd.Series(np.where(is_match, ids, None), index=index, dtype=object),
                "match_score": pd.Series(best, index=index, dtype=float),
                "is_match": pd.Series(is_match, index=index, dtype=bool),
                "match_verdict": pd.Series(
                    np.where(is_match, verdicts, None), index=index, dtype=object
                ),
                "candidates": pd.Series(candidates, index=index, dtype=object),
            },
            index=index,
        )

    def calibrate(
        self, negatives: Iterable[Any], target_no_match: float = 0.98, margin: float = 0.0
    ) -> float:
        """Set ``threshold`` so that ``target_no_match`` of ``negatives`` get no match.

        ``negatives`` are ordinary texts that repeat no template's claim. The
        threshold is the smallest value above that quantile of their best
        scores (plus ``margin``). Returns the new threshold.
        """
        _, val = self.kneighbors(list(negatives), 1)
        self.threshold = calibrated_threshold(val[:, 0], target_no_match) + margin
        return self.threshold


def calibrated_threshold(negative_scores: np.ndarray, target_no_match: float = 0.98) -> float:
    """Smallest threshold with at least ``target_no_match`` of ``negative_scores`` strictly below it."""
    scores = np.sort(np.asarray(negative_scores, dtype=float))
    if scores.size == 0:
        raise ValueError("need at least one negative text to calibrate a threshold")
    allowed = int(np.floor((1 - target_no_match) * scores.size))  # may be >= threshold
    cut = scores[scores.size - allowed - 1]  # must be < threshold
    return float(np.nextafter(cut, np.inf))
