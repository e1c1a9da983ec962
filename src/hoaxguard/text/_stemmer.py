"""Sastrawi stemming behind a per-word cache, with an exception list."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from hoaxguard.text._resources import stem_exceptions


class CachedStemmer:
    """Sastrawi's stemmer with a per-word cache and an exception list.

    Stems are identical to ``Sastrawi``'s ``stem_word`` except for the words in
    the exception list (e.g. ``pemerintah``, which Sastrawi reduces to
    ``perintah``). Safe in threads; picklable (the cache and the Sastrawi
    objects are rebuilt after unpickling, so worker processes stay small).

    Parameters
    ----------
    exceptions : mapping, optional
        Extra ``word -> stem`` overrides, applied on top of the bundled list.
    use_bundled_exceptions : bool, default True
        Whether to start from the bundled exception list.
    """

    def __init__(
        self, exceptions: Mapping[str, str] | None = None, use_bundled_exceptions: bool = True
    ) -> None:
        self.exceptions: dict[str, str] = dict(stem_exceptions()) if use_bundled_exceptions else {}
        if exceptions:
            self.exceptions.update({k.lower(): v.lower() for k, v in exceptions.items()})
        self._cache: dict[str, str] = dict(self.exceptions)
        self._sastrawi: Any = None
        self._lock = threading.Lock()

    def _sastrawi_stemmer(self) -> Any:
        if self._sastrawi is None:
            from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
            from Sastrawi.Stemmer.Stemmer import Stemmer

            from hoaxguard.text._resources import sastrawi_root_words

            self._sastrawi = Stemmer(ArrayDictionary(sorted(sastrawi_root_words())))
        return self._sastrawi

    def stem(self, word: str) -> str:
        """Stem one lowercase word."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        with self._lock:
            stem = self._sastrawi_stemmer().stem_word(word) if word else word
        self._cache[word] = stem
        return stem

    def sastrawi_stem(self, word: str) -> str:
        """Sastrawi's own stem, ignoring the exception list (for checks)."""
        with self._lock:
            return self._sastrawi_stemmer().stem_word(word)

    def __len__(self) -> int:
        return len(self._cache)

    def __getstate__(self) -> dict[str, Any]:
        return {"exceptions": self.exceptions}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.exceptions = dict(state["exceptions"])
        self._cache = dict(self.exceptions)
        self._sastrawi = None
        self._lock = threading.Lock()
