"""The Indonesian text pipeline as the matcher reads it.

Word features use stems without stopwords or style tokens; character features
use the normalised words with style tokens (:func:`hoaxguard.text.normalize`).
Both come from one pass of :class:`hoaxguard.text.TextEngine` per text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from hoaxguard.text import PipelineConfig, TextEngine


@lru_cache(maxsize=1)
def _engine() -> TextEngine:
    return TextEngine(
        PipelineConfig(stem=True, remove_stopwords=True, slang=True, emoji="word", style_signals=True)
    )


def pipeline_name() -> str:
    """Name of the text pipeline the matcher uses."""
    return "hoaxguard.text"


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    try:
        if value != value:  # NaN
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def prepare_many(texts: Iterable[Any]) -> tuple[list[list[str]], list[str]]:
    """Stemmed content tokens and normalised text of each text (None/NaN -> empty)."""
    analyze = _engine().analyze
    tokens: list[list[str]] = []
    normalized: list[str] = []
    for value in texts:
        words, surface = analyze(_as_text(value))
        tokens.append(words.split())
        normalized.append(surface)
    return tokens, normalized


def tokenize_many(texts: Iterable[Any]) -> list[list[str]]:
    """Stemmed, stopword-free tokens for each text."""
    return prepare_many(texts)[0]


def normalize_many(texts: Iterable[Any]) -> list[str]:
    """Normalised lower-case text for character n-grams (no stemming)."""
    return prepare_many(texts)[1]
