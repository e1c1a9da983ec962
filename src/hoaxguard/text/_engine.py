"""The composed Indonesian pipeline for one configuration, with its token cache.

:class:`TextEngine` is the hot path. A document goes through string-level steps
(Unicode, HTML, entities, hashtags, emoji, style signals, lowercasing,
tokenising); every token then goes through the token-level steps (laughter,
reduplication, leetspeak, elongation, slang, stopwords, stemming) exactly once
per engine: the result is cached per raw token, so a corpus costs one dict
look-up per token once its vocabulary has been seen.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hoaxguard.text import _resources
from hoaxguard.text._social import (
    EMAIL_TOKEN,
    EMOJI_TOKEN,
    MENTION_TOKEN,
    PHONE_TOKEN,
    URL_TOKEN,
    replace_emoji,
    replace_entities,
    replace_hashtags,
)
from hoaxguard.text._stemmer import CachedStemmer
from hoaxguard.text._tokens import (
    decode_leetspeak,
    normalize_laughter,
    split_reduplication,
    squeeze_elongation,
)
from hoaxguard.text._unicode import clean_unicode, unescape_html

SHOUT_TOKEN = "xxshout"
EXCLAIM_TOKEN = "xxexclaim"
SHARE_TOKEN = "xxshare"

PLACEHOLDERS: frozenset[str] = frozenset(
    {URL_TOKEN, EMAIL_TOKEN, MENTION_TOKEN, PHONE_TOKEN, EMOJI_TOKEN,
     SHOUT_TOKEN, EXCLAIM_TOKEN, SHARE_TOKEN}
)  # fmt: skip

EMOJI_MODES = ("word", "placeholder", "remove")

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CAPS_RUN = re.compile(r"[A-Z]{3}")
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
#: the token cache is cleared when it grows past this many entries (bounded memory)
MAX_CACHE_SIZE = 1_000_000


def coerce_text(value: Any) -> str:
    """Return ``value`` as text: None and NaN become ``""``; other non-strings raise.

    Raises
    ------
    TypeError
        For bytes (decode them first) and any other non-string value.
    """
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if type(value).__name__ in ("NAType", "NaTType"):
        return ""
    try:  # numpy floating NaN
        if value != value:
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, (bytes, bytearray)):
        raise TypeError("expected str, got bytes: decode the text first (e.g. value.decode('utf-8'))")
    raise TypeError(f"expected str (or None/NaN for missing text), got {type(value).__name__}")


@dataclass
class PipelineConfig:
    """Options of the pipeline (see :class:`hoaxguard.text.TextPreprocessor`)."""

    stem: bool = True
    remove_stopwords: bool = True
    stopwords: frozenset[str] | None = None
    slang: bool = True
    slang_dict: Mapping[str, str] | None = None
    emoji: str = "word"
    style_signals: bool = True
    split_hashtags: bool = True
    stem_exceptions: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        if self.emoji not in EMOJI_MODES:
            raise ValueError(f"emoji must be one of {EMOJI_MODES}, got {self.emoji!r}")


class _TokenCache(dict):
    """Raw token -> its output words, space-joined ("" when all are dropped).

    A miss runs the token-level steps once; the cache is cleared when it grows
    past :data:`MAX_CACHE_SIZE` entries so memory stays bounded.
    """

    def __init__(self, fill: Callable[[str], str]) -> None:
        super().__init__()
        self._fill = fill

    def __missing__(self, token: str) -> str:
        if len(self) >= MAX_CACHE_SIZE:
            self.clear()
        result = self._fill(token)
        self[token] = result
        return result


#: token caches shared by engines with the same token-level steps (stems, stopwords, slang)
_SHARED_CACHES: dict[tuple[Any, ...], tuple[_TokenCache, _TokenCache, set[str]]] = {}
#: stemmers shared by engines with the same exception list
_SHARED_STEMMERS: dict[tuple[tuple[str, str], ...], CachedStemmer] = {}
#: surface words of a raw token (a tuple), shared by engines with the same slang lexicon
_SHARED_SURFACES: dict[Any, _TokenCache] = {}


@dataclass
class TextEngine:
    """Normalises and tokenises documents for one :class:`PipelineConfig`."""

    config: PipelineConfig = field(default_factory=PipelineConfig)

    def __post_init__(self) -> None:
        cfg = self.config
        self._known = _resources.known_words()
        slang = dict(_resources.slang_lexicon()) if cfg.slang else {}
        if cfg.slang_dict:
            slang.update({k.lower(): v.lower() for k, v in cfg.slang_dict.items()})
        self._slang = slang
        self._hashtag_words = self._known | frozenset(slang)
        self._hashtag_cache: dict[str, str] = {}
        if cfg.remove_stopwords:
            words = _resources.default_stopwords() if cfg.stopwords is None else cfg.stopwords
            self._stopwords = frozenset(w.lower() for w in words) - _resources.NEGATIONS
        else:
            self._stopwords = frozenset()
        self._emoji_words = _resources.emoji_words() if cfg.emoji == "word" else {}
        # engines share what depends only on the same settings, so that the detector, the
        # matcher and the explanations analyse a token once per process: the stemmer (by
        # exception list), the surface words (by slang), the full token output (by all
        # token-level steps; engines that differ only in string-level options share it)
        exceptions = tuple(sorted((cfg.stem_exceptions or {}).items()))
        if cfg.stem:
            self._stemmer = _SHARED_STEMMERS.get(exceptions)
            if self._stemmer is None:
                self._stemmer = _SHARED_STEMMERS[exceptions] = CachedStemmer(cfg.stem_exceptions)
        else:
            self._stemmer = None
        slang_key = tuple(sorted(self._slang.items())) if cfg.slang_dict else cfg.slang
        self._surface_words = _SHARED_SURFACES.get(slang_key)
        if self._surface_words is None:
            self._surface_words = _SHARED_SURFACES[slang_key] = _TokenCache(self._surface)
        token_key = (cfg.stem, self._stopwords, slang_key, exceptions)  # all token-level steps
        shared = _SHARED_CACHES.get(token_key)
        if shared is None:
            shared = _SHARED_CACHES[token_key] = (
                _TokenCache(self._fill),
                _TokenCache(lambda token: " ".join(self._surface_words[token])),
                set(),
            )
        self._cache, self._surface_cache, self._share_raw = shared

    # -- string level -------------------------------------------------------
    def clean(self, text: str) -> tuple[str, list[str]]:
        """String-level steps; returns the lowercased text and style tokens."""
        text = unescape_html(text)
        text = clean_unicode(text)
        text = replace_entities(text)
        if self.config.split_hashtags:
            text = replace_hashtags(text, self._hashtag_words, self._hashtag_cache)
        else:
            text = text.replace("#", " ")
        text = replace_emoji(text, self.config.emoji, self._emoji_words)
        style: list[str] = []
        if self.config.style_signals:
            if "!!" in text or text.count("!") >= 3:
                style.append(EXCLAIM_TOKEN)
            if _CAPS_RUN.search(text):
                caps = len(_CAPS_WORD.findall(text))
                if caps >= 3 and caps >= 0.3 * len(_WORD.findall(text)):
                    style.append(SHOUT_TOKEN)
        return text.lower(), style

    # -- token level --------------------------------------------------------
    def _surface(self, token: str) -> tuple[str, ...]:
        """Normalised surface words of one raw token (before stopwords and stems)."""
        if token in PLACEHOLDERS:
            return (token,)
        out: list[str] = []
        for part in split_reduplication(normalize_laughter(token)):
            part = decode_leetspeak(part)
            part = squeeze_elongation(part, self._known, self._slang)
            part = normalize_laughter(part)
            replacement = self._slang.get(part)
            if replacement is not None:
                out.extend(replacement.split())
            else:
                out.append(part)
        return tuple(out)

    def _fill(self, token: str) -> str:
        surface = self._surface_words[token]
        if any(word in _resources.SHARE_CALLS for word in surface):
            self._share_raw.add(token)
        words: list[str] = []
        for word in surface:
            if word in PLACEHOLDERS:
                words.append(word)
            elif word in self._stopwords:
                continue
            elif self._stemmer is not None:
                stem = self._stemmer.stem(word)
                if stem:
                    words.append(stem)
            else:
                words.append(word)
        return " ".join(words)

    def text(self, value: Any) -> str:
        """Full pipeline for one document: output tokens joined by single spaces."""
        text, style = self.clean(coerce_text(value))
        raw = _TOKEN.findall(text)
        out = " ".join(filter(None, map(self._cache.__getitem__, raw)))
        if self.config.style_signals and self._share_raw and not self._share_raw.isdisjoint(raw):
            style.append(SHARE_TOKEN)
        if style:
            tail = " ".join(style)
            return f"{out} {tail}" if out else tail
        return out

    def analyze(self, value: Any) -> tuple[str, str]:
        """Both views of one document from one pass of the string-level steps.

        Returns
        -------
        (str, str)
            The output tokens without style tokens (as :meth:`text` with
            ``style_signals=False``) and the normalised words with style tokens
            (as :meth:`surface_text`: ``xxexclaim``/``xxshout``), each space-joined.
        """
        text, style = self.clean(coerce_text(value))
        raw = _TOKEN.findall(text)
        words = " ".join(filter(None, map(self._cache.__getitem__, raw)))
        surface = " ".join(filter(None, map(self._surface_cache.__getitem__, raw)))
        if style:
            tail = " ".join(style)
            surface = f"{surface} {tail}" if surface else tail
        return words, surface

    def tokens(self, value: Any) -> list[str]:
        """Full pipeline for one document: the list of output tokens."""
        return self.text(value).split()

    def surface_text(self, value: Any) -> str:
        """Normalised words of one document (no stopword removal or stemming), space-joined."""
        text, style = self.clean(coerce_text(value))
        out = " ".join(filter(None, map(self._surface_cache.__getitem__, _TOKEN.findall(text))))
        if style:
            tail = " ".join(style)
            return f"{out} {tail}" if out else tail
        return out

    def surface_tokens(self, value: Any) -> list[str]:
        """Normalised words of one document, without stopword removal or stemming."""
        return self.surface_text(value).split()

    @property
    def stemmer(self) -> CachedStemmer | None:
        """The engine's cached stemmer (None when stemming is off)."""
        return self._stemmer

    def cache_size(self) -> int:
        """Number of distinct raw tokens cached."""
        return len(self._cache)
