"""Explanation terms for people: style signals named in Indonesian, stems shown as written.

The detector explains a score with its own features: stems (``taut``), style
signals (``xxexclaim``) and stopwords (``di``). :func:`readable_terms` turns such
a ``top_terms`` string back into what a reader of the post sees: each stem
becomes the word of that post it came from (its most frequent spelling there),
each signal gets an Indonesian name, a character n-gram (``~._~``) is named as
punctuation or shown with the word it is part of, stopwords are dropped.
Weights are kept.

>>> readable_terms("Cek tautan ini!!! SEBARKAN", "taut (+0.90); xxexclaim (+0.80); ini (+0.30)")
'tautan (+0.90); banyak tanda seru (+0.80)'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

#: Internal signal and placeholder tokens -> what a reader calls them.
STYLE_LABELS: dict[str, str] = {
    "xxexclaim": "banyak tanda seru",
    "xxshare": "ajakan menyebarkan",
    "xxshout": "huruf kapital berlebihan",
    "xxemoji": "emoji",
    "xxurl": "tautan",
    "xxphone": "nomor telepon",
    "xxemail": "alamat email",
    "xxmention": "sebutan akun (@)",
    "xxyear": "angka tahun",
    "xxnum": "angka",
}

_LABEL_VALUES = frozenset(STYLE_LABELS.values())
_TERM_RE = re.compile(r"^(?P<term>.*?)\s*(?P<weight>\([+-]?[\d.]+\))?$")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
#: words as written (hashtags, mentions, ``anak2``) and single symbols (emoji)
_PIECE_RE = re.compile(r"[#@]?\w(?:[\w'-]|[.,](?=\d))*|[^\w\s]")
_STRIP = "'-_"
#: a character n-gram feature of the detector (``~gram~``, ``_`` = word edge)
_CHAR_GRAM = re.compile(r"^~\S+~$")
_EDGE_PUNCT = ".,:;!?\"'()[]{}<>"


@functools.lru_cache(maxsize=1)
def _engine() -> Any:
    from hoaxguard.text._engine import PipelineConfig, TextEngine

    return TextEngine(PipelineConfig(remove_stopwords=False, style_signals=False))


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from hoaxguard.text._resources import default_stopwords

    return default_stopwords()


@functools.lru_cache(maxsize=200_000)
def _chunk_stems(chunk: str) -> tuple[tuple[str, str], ...]:
    """(word as written, stem) pairs of one whitespace-separated chunk of a post."""
    if _URL_RE.match(chunk):
        return ()
    engine = _engine()
    pairs = []
    for piece in _PIECE_RE.findall(chunk):
        word = piece.strip(_STRIP)
        if word:
            pairs.extend((word, stem) for stem in engine.tokens(piece))
    return tuple(pairs)


def surface_words(text: str, stems: Iterable[str] | None = None) -> dict[str, str]:
    """Stem -> the most frequent word of ``text`` with that stem (first seen on ties).

    ``stems`` limits the result (and the work) to the stems asked for.
    """
    wanted = None if stems is None else set(stems)
    if wanted is not None and not wanted:
        return {}
    seen: dict[str, dict[str, int]] = {}
    for chunk in text.split():
        for word, stem in _chunk_stems(chunk):
            if wanted is None or stem in wanted:
                counts = seen.setdefault(stem, {})
                counts[word] = counts.get(word, 0) + 1
    return {stem: max(words, key=words.__getitem__) for stem, words in seen.items()}


def readable_term(term: str, surface: dict[str, str]) -> str:
    """One explanation term as a reader would say it ('' when only stopwords remain)."""
    if term in STYLE_LABELS:
        return STYLE_LABELS[term]
    if term in _LABEL_VALUES or term.startswith("emoji "):  # already readable
        return term
    stop = _stopwords()
    words: list[str] = []
    for word in term.split():
        if word in STYLE_LABELS:
            shown = f"[{STYLE_LABELS[word]}]"  # "Hubungi [nomor telepon]"
        elif word in stop:
            continue
        else:
            shown = surface.get(word, word)
            if shown.lower() in stop:
                continue
            if not shown[:1].isalnum() and shown[:1] not in "#@":
                shown = f"emoji {shown}"  # an emoji read as a word (😂 -> tertawa)
        if not words or words[-1] != shown:  # "anak anak" from "anak2": once
            words.append(shown)
    return " ".join(words).replace(";", ",")


def char_gram_label(gram: str, text: Any) -> str:
    """A character n-gram feature (``~_por~``, ``_`` = word edge) as a reader would say it.

    Punctuation becomes ``tanda baca "."``; letters and digits are shown with a
    word of ``text`` that contains them (``bagian kata "por" (porsi)``).

    >>> char_gram_label("~._~", "Besok libur.")
    'tanda baca "."'
    >>> char_gram_label("~_por~", "Cek PORSI makan")
    'bagian kata "por" (PORSI)'
    """
    piece = gram[1:-1].replace("_", " ") if len(gram) > 2 else gram
    shown = piece.strip().replace(";", ",") or piece
    if not any(ch.isalnum() for ch in shown):
        return f'tanda baca "{shown}"'
    if isinstance(text, str):
        for word in text.split():
            if piece in f" {unicodedata.normalize('NFKC', word).lower()} ":
                bare = word.strip(_EDGE_PUNCT)
                if shown not in unicodedata.normalize("NFKC", bare).lower():
                    bare = word
                return f'bagian kata "{shown}" ({bare.replace(";", ",")})'
    return f'bagian kata "{shown}"'


def readable_terms(text: Any, terms: Any) -> Any:
    """A ``top_terms`` string (``"term (+0.84); ..."``) in words of ``text``.

    Style signals get Indonesian names (``xxexclaim`` -> "banyak tanda seru",
    ``xxshare`` -> "ajakan menyebarkan", ...), stopwords are dropped, each stem
    is shown as the post writes it; a term that reads the same as an earlier
    one is left out. Missing ``terms`` are returned unchanged.
    """
    if not isinstance(terms, str) or not terms.strip():
        return terms
    parsed = [m for m in map(_TERM_RE.match, (p.strip() for p in terms.split(";"))) if m]
    parsed = [m for m in parsed if m["term"]]
    stop = _stopwords()
    grams = {m["term"] for m in parsed if _CHAR_GRAM.match(m["term"])}
    needed = {w for m in parsed if m["term"] not in grams for w in m["term"].split()}
    needed -= stop | STYLE_LABELS.keys()
    surface = surface_words(text, needed) if isinstance(text, str) else {}
    out: list[str] = []
    shown: set[str] = set()
    for found in parsed:
        term = found["term"]
        words = char_gram_label(term, text) if term in grams else readable_term(term, surface)
        if not words or words.lower() in shown:
            continue
        shown.add(words.lower())
        out.append(f"{words} {found['weight']}" if found["weight"] else words)
    return "; ".join(out)


def readable_terms_many(texts: Iterable[Any], terms: Iterable[Any]) -> list[Any]:
    """:func:`readable_terms` for aligned sequences of texts and ``top_terms`` strings."""
    return [readable_terms(t, s) for t, s in zip(texts, terms, strict=True)]


__all__ = [
    "STYLE_LABELS",
    "char_gram_label",
    "readable_term",
    "readable_terms",
    "readable_terms_many",
    "surface_words",
]
