"""Featurisation: cleaned token strings -> sparse TF-IDF matrix.

One preprocessing pass per text (:func:`prepare_texts`) produces a string of
tokens (``hoaxguard.text.TextPreprocessor``: lowercase, placeholders, slang,
stems, style tokens). Word n-grams and, optionally, character n-grams within
words are both computed from that one string, so the features do not depend
on letter case or punctuation (one corpus source is lowercased with
punctuation stripped upstream; a model must not learn "no punctuation =>
valid").
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from hoaxguard.detect._markers import strip_source_markers

__all__ = ["as_text_list", "prepare_texts", "source_cleaned", "surface_texts", "make_vectorizers",
           "vectorizer_state", "vectorizer_from_state", "YEAR_TOKEN"]

YEAR_TOKEN = "xxyear"
_YEAR = re.compile(r"(?<![a-z0-9])(?:19[5-9][0-9]|20[0-4][0-9])(?![a-z0-9])")


def as_text_list(X: Iterable[object] | pd.Series | pd.DataFrame | str) -> list[str]:
    """Coerce input to a list of str (None/NaN -> "")."""
    if isinstance(X, str):
        raise TypeError("expected an iterable of texts, got a single str; wrap it in a list")
    if isinstance(X, pd.DataFrame):
        if X.shape[1] != 1:
            raise ValueError("a DataFrame input must have exactly one (text) column")
        X = X.iloc[:, 0]
    if isinstance(X, np.ndarray) and X.ndim == 2:
        if X.shape[1] != 1:
            raise ValueError("a 2-D array input must have exactly one (text) column")
        X = X[:, 0]
    out = []
    for t in X:
        if t is None or (isinstance(t, float) and t != t) or t is pd.NA:
            out.append("")
        else:
            out.append(t if isinstance(t, str) else str(t))
    return out


def _pre_clean(text: str, strip_markers: bool) -> str:
    if "&" in text:
        text = html.unescape(text)
    return strip_source_markers(text) if strip_markers else text


_SPACE = re.compile(r"\s+")
# quotation marks and long dashes: how a dataset was typed or scraped (fact-checkers wrap the
# claims they quote in curly quotes, news leads use straight ones, one tweet set has none), not
# how a text asks to be believed
_SURFACE_DROP = re.compile("[\"'\u2018-\u201f\u00ab\u00bb\u2039\u203a\u2013\u2014\u2015\u2212`\u00b4]")


def source_cleaned(texts: list[str], strip_markers: bool) -> list[str]:
    """HTML entities decoded and (``strip_markers``) source markers removed, once per text.

    What :func:`prepare_texts` and :func:`surface_texts` do first; pass the result
    to both with ``cleaned=True`` to do it once.
    """
    return [_pre_clean(t, strip_markers) for t in texts]


def surface_texts(
    texts: list[str], *, strip_markers: bool, mask_years: bool, cleaned: bool = False
) -> list[str]:
    """The texts as written, cleaned only of what says where they come from.

    HTML entities decoded, source markers removed (``strip_markers``), Unicode
    NFKC (styled letters become plain ones), lowercased, quotation marks and
    long dashes removed (their style differs by source, not by truth), years
    masked (``mask_years``), whitespace collapsed. Affixes, spelling,
    abbreviations, elongation, other punctuation and emoji stay: character
    n-grams read them (how a text is written, not only which stems it uses).
    ``cleaned``: the texts come from :func:`source_cleaned` already.
    """
    out = []
    for t in texts:
        t = unicodedata.normalize("NFKC", t if cleaned else _pre_clean(t, strip_markers)).lower()
        t = _SURFACE_DROP.sub(" ", t)
        if mask_years:
            t = _YEAR.sub(YEAR_TOKEN, t)
        out.append(_SPACE.sub(" ", t).strip())
    return out


def prepare_texts(
    texts: list[str], preprocessor: object, *, strip_markers: bool, mask_years: bool,
    drop_tokens: tuple[str, ...] = (), cleaned: bool = False,
) -> list[str]:
    """Clean, tokenise and stem each text once; return space-joined tokens.

    Parameters
    ----------
    texts : list of str
    preprocessor : hoaxguard.text.TextPreprocessor (output="string")
    strip_markers : bool
        Remove outlet names, datelines and fact-checker markup first.
    mask_years : bool
        Replace years (1950-2049) by ``xxyear``: the year a text was collected
        says nothing about whether it is a hoax, but differs by source.
    drop_tokens : tuple of str
        Tokens removed after preprocessing (e.g. ``("xxmention",)``).
    cleaned : bool
        The texts come from :func:`source_cleaned` already.
    """
    docs = preprocessor.transform(texts if cleaned else source_cleaned(texts, strip_markers))
    if mask_years:
        docs = [_YEAR.sub(YEAR_TOKEN, d) if d else d for d in docs]
    if drop_tokens:
        drop = set(drop_tokens)
        docs = [" ".join(t for t in d.split() if t not in drop) for d in docs]
    return list(docs)


def make_vectorizers(
    word_ngrams: tuple[int, int] | None,
    char_ngrams: tuple[int, int] | None,
    min_df: int,
    max_features: int | None,
) -> list[tuple[str, TfidfVectorizer]]:
    """Unfitted vectorizers: word n-grams on tokens, char n-grams within tokens."""
    vecs: list[tuple[str, TfidfVectorizer]] = []
    if word_ngrams:
        vecs.append(("w", TfidfVectorizer(
            token_pattern=r"\S+", lowercase=False, ngram_range=tuple(word_ngrams),
            min_df=min_df, max_features=max_features, sublinear_tf=True, dtype=np.float32)))
    if char_ngrams:
        vecs.append(("c", TfidfVectorizer(
            analyzer="char_wb", lowercase=False, ngram_range=tuple(char_ngrams),
            min_df=min_df, max_features=max_features, sublinear_tf=True, dtype=np.float32)))
    if not vecs:
        raise ValueError("at least one of word_ngrams and char_ngrams must be set")
    return vecs


def transform_all(vecs: list[tuple[str, TfidfVectorizer]],
                  docs: list[str] | dict[str, list[str]]) -> sp.csr_matrix:
    """Stack the blocks of all fitted vectorizers.

    ``docs``: one list of strings for every block, or a dict from block kind
    (``"w"``, ``"c"``) to the strings that block reads.
    """
    blocks = [v.transform(docs[kind] if isinstance(docs, dict) else docs) for kind, v in vecs]
    return blocks[0].tocsr() if len(blocks) == 1 else sp.hstack(blocks, format="csr")


def feature_names(vecs: list[tuple[str, TfidfVectorizer]]) -> np.ndarray:
    """Readable names: word n-grams as is; char n-grams as ``"~gram~"`` (``_`` = word edge)."""
    names = []
    for kind, v in vecs:
        terms = _terms(v)
        if kind == "c":
            terms = np.array(["~" + t.replace(" ", "_") + "~" for t in terms], dtype=object)
        names.append(terms)
    return np.concatenate(names) if names else np.empty(0, dtype=object)


def _terms(v: TfidfVectorizer) -> np.ndarray:
    vocab = v.vocabulary_
    terms = np.empty(len(vocab), dtype=object)
    terms[np.fromiter(vocab.values(), dtype=np.int64, count=len(vocab))] = list(vocab)
    return terms


# --- compact state for persistence (no dicts of 10^5 entries in the file) ---

def vectorizer_state(v: TfidfVectorizer) -> dict[str, object]:
    """Parameters + vocabulary as one UTF-8 byte array + idf, for saving."""
    terms = _terms(v)
    if any("\n" in t for t in terms):
        raise ValueError("a vocabulary term contains a newline")
    blob = "\n".join(terms).encode("utf-8")
    return {
        "params": {k: (list(val) if isinstance(val, tuple) else val)
                   for k, val in v.get_params().items()
                   if k in ("analyzer", "token_pattern", "lowercase", "ngram_range", "min_df",
                            "max_features", "sublinear_tf")},
        "vocab": np.frombuffer(blob, dtype=np.uint8).copy(),
        "n_terms": len(terms),
        "idf": np.asarray(v.idf_, dtype=np.float32),
    }


def vectorizer_from_state(state: dict[str, object]) -> TfidfVectorizer:
    """Rebuild a fitted TfidfVectorizer from :func:`vectorizer_state`."""
    params = dict(state["params"])  # type: ignore[arg-type]
    params["ngram_range"] = tuple(params["ngram_range"])
    v = TfidfVectorizer(dtype=np.float32, **params)
    n_terms = int(state["n_terms"])  # type: ignore[arg-type]
    blob = np.asarray(state["vocab"], dtype=np.uint8).tobytes().decode("utf-8")
    terms = blob.split("\n") if n_terms else []
    if len(terms) != n_terms:
        raise ValueError("corrupt vocabulary in saved model")
    v.vocabulary_ = dict(zip(terms, range(n_terms), strict=False))
    v.fixed_vocabulary_ = False
    v.idf_ = np.asarray(state["idf"], dtype=np.float64)
    return v


__all__ += ["transform_all", "feature_names"]
