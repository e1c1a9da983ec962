"""Loading of the bundled language resources (slang, stopwords, emoji, stem exceptions).

Every loader reads a small text file from ``hoaxguard/_data`` once and caches it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

#: Negations are never removed as stopwords: they flip a claim's meaning.
NEGATIONS: frozenset[str] = frozenset(
    {
        "tidak", "tak", "bukan", "belum", "jangan", "tiada", "enggak", "nggak", "gak",
        "ga", "ngga", "kagak", "gk", "tdk", "blm", "bkn", "jgn", "ndak", "nda",
        "gaada", "ogah", "tanpa",
    }
)  # fmt: skip

#: Calls to spread a message ("sebarkan!"), a classic hoax marker.
SHARE_CALLS: frozenset[str] = frozenset(
    {
        "sebarkan", "sebarluaskan", "viralkan", "bagikan", "teruskan", "share", "sharekan",
        "forward", "forwardkan", "broadcast", "siarkan",
    }
)  # fmt: skip


def _data_file(name: str):
    return resources.files("hoaxguard") / "_data" / name


def _lines(name: str) -> Iterator[str]:
    """Yield the non-empty, non-comment lines of a bundled text file."""
    path = _data_file(name)
    if not path.is_file():
        raise FileNotFoundError(
            f"bundled resource {name!r} is missing from the hoaxguard installation; reinstall hoaxguard"
        )
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n\r")
            if line.strip() and not line.lstrip().startswith("#"):
                yield line


def _tsv_pairs(name: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    rows = _lines(name)
    next(rows, None)  # header
    for line in rows:
        key, _, value = line.partition("\t")
        key = key.strip()
        if key and value.strip():
            pairs[key] = value.strip()
    return pairs


@lru_cache(maxsize=1)
def slang_lexicon() -> dict[str, str]:
    """Bundled slang -> standard Indonesian mapping (lowercase)."""
    return {k.lower(): v.lower() for k, v in _tsv_pairs("slang.tsv").items()}


@lru_cache(maxsize=1)
def default_stopwords() -> frozenset[str]:
    """Bundled Indonesian stopwords (negations excluded)."""
    words = {line.strip().lower() for line in _lines("stopwords.txt")}
    return frozenset(words - NEGATIONS)


@lru_cache(maxsize=1)
def emoji_words() -> dict[str, str]:
    """Bundled emoji -> Indonesian word mapping (keys without U+FE0F)."""
    return {k.replace("\ufe0f", ""): v for k, v in _tsv_pairs("emoji.tsv").items()}


@lru_cache(maxsize=1)
def stem_exceptions() -> dict[str, str]:
    """Bundled words whose Sastrawi stem is wrong, with the stem to use instead."""
    return {k.lower(): v.lower() for k, v in _tsv_pairs("stem_exceptions.tsv").items()}


@lru_cache(maxsize=1)
def sastrawi_root_words() -> frozenset[str]:
    """Sastrawi's dictionary of Indonesian root words."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(w for w in StemmerFactory().get_words() if w)


#: Words common in Indonesian social media that are not root words in Sastrawi's
#: dictionary but must be recognised when squeezing elongation or splitting hashtags.
_EXTRA_KNOWN = frozenset(
    {
        "hoax", "hoaks", "stop", "info", "share", "update", "viral", "online", "covid",
        "vaksin", "banjir", "gempa", "pemilu", "pilkada", "bansos", "pemkab", "pemda",
        "indonesia", "jakarta", "cek", "fakta", "wkwk", "haha", "hehe", "amin", "aamiin",
        "ganti", "presiden", "save", "pray", "for", "the", "and", "news", "breaking",
    }
)  # fmt: skip


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Standard words: Sastrawi roots, slang replacements, stopwords, negations, extras."""
    slang = slang_lexicon()
    words = set(sastrawi_root_words())
    for value in slang.values():
        words.update(value.split())
    words.update(default_stopwords())
    words.update(NEGATIONS)
    words.update(stem_exceptions())
    words.update(_EXTRA_KNOWN)
    return frozenset(words)
