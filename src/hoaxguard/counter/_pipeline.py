"""Access to the Indonesian text pipeline used by the matcher.

Uses :class:`hoaxguard.text.TextPreprocessor` (stemming, stopwords, slang) when
it is available; otherwise a small local fallback (lower-casing, placeholders,
Sastrawi stemming with a cache) keeps the matcher usable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MENTION_RE = re.compile(r"@\w+")
_NON_WORD_RE = re.compile(r"[^a-z0-9]+")
_FALLBACK_STOPWORDS = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "ini",
        "itu",
        "untuk",
        "dengan",
        "pada",
        "adalah",
        "akan",
        "juga",
        "dalam",
        "atau",
        "sudah",
        "telah",
        "oleh",
        "karena",
        "agar",
        "bagi",
        "para",
        "pun",
        "lah",
        "kah",
        "nya",
        "se",
        "sebagai",
        "saat",
        "secara",
        "serta",
        "tersebut",
        "ada",
        "bisa",
        "dapat",
        "hal",
        "kami",
        "kita",
        "mereka",
        "dia",
        "ia",
        "saya",
        "anda",
        "kamu",
        "the",
        "of",
        "to",
        "a",
        "in",
    ]
)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stemmer().stem(word) or word


def fallback_normalize(text: str) -> str:
    """Lower-cased text with URLs/mentions as placeholders and punctuation removed."""
    text = _URL_RE.sub(" xxurl ", str(text or ""))
    text = _MENTION_RE.sub(" xxmention ", text)
    return " ".join(_NON_WORD_RE.sub(" ", text.lower()).split())


def fallback_tokens(text: str) -> list[str]:
    """Stemmed content tokens of one text (fallback pipeline)."""
    return [_stem(w) for w in fallback_normalize(text).split() if w not in _FALLBACK_STOPWORDS]


@lru_cache(maxsize=1)
def _preprocessor() -> Any | None:
    try:
        from hoaxguard.text import TextPreprocessor
    except ImportError:
        return None
    tp = TextPreprocessor(
        stem=True,
        remove_stopwords=True,
        slang=True,
        emoji="word",
        style_signals=False,
        output="tokens",
    )
    try:
        tp.fit([""])
    except Exception:  # pragma: no cover - depends on the text module's state
        return None
    return tp


def pipeline_name() -> str:
    """``"hoaxguard.text"`` or ``"fallback"``: which pipeline the matcher uses."""
    return "hoaxguard.text" if _preprocessor() is not None else "fallback"


def tokenize_many(texts: Iterable[Any]) -> list[list[str]]:
    """Stemmed, stopword-free tokens for each text (None/NaN -> [])."""
    items = ["" if _missing(t) else str(t) for t in texts]
    tp = _preprocessor()
    if tp is not None:
        return [list(toks) for toks in tp.transform(items)]
    return [fallback_tokens(t) for t in items]


def normalize_many(texts: Iterable[Any]) -> list[str]:
    """Cleaned lower-case text for character n-grams (no stemming)."""
    items = ["" if _missing(t) else str(t) for t in texts]
    try:
        from hoaxguard.text import normalize
    except ImportError:
        return [fallback_normalize(t) for t in items]
    return [normalize(t) for t in items]


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN
    except Exception:  # pragma: no cover
        return False
