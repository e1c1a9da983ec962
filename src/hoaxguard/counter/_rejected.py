"""Rejected matches: an office's "not this template" decisions, remembered by the library."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hoaxguard.counter._library import CounterNarrativeLibrary

__all__ = ["LocalTemplateLibrary", "REJECTED_FILE", "read_rejected"]

REJECTED_FILE = "rejected.jsonl"  # not a template suffix: the template reader ignores it
_WORD = re.compile(r"\w+", re.UNICODE)


def read_rejected(folder: str | os.PathLike[str]) -> dict[str, list[str]]:
    """Rejected matches stored in ``folder/rejected.jsonl``: template id -> texts ({} if none)."""
    rej_file = Path(folder) / REJECTED_FILE
    rejected: dict[str, list[str]] = {}
    if not rej_file.is_file():
        return rejected
    with open(rej_file, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                rejected.setdefault(str(rec["template_id"]), []).append(str(rec["text"]))
    return rejected


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(str(text).lower()) if len(w) > 2)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class LocalTemplateLibrary(CounterNarrativeLibrary):
    """A template library that remembers the office's rejected matches.

    A post whose best template was rejected by an admin for a similar post
    (word-set Jaccard >= ``similar``) gets that template's score multiplied by
    ``rejected_weight`` (and may then fall below the threshold: no match).
    """

    def __init__(self, templates: Iterable[Any] = (), *, rejected: dict[str, list[str]] | None = None,
                 rejected_weight: float = 0.5, similar: float = 0.5, **kwargs: Any) -> None:
        super().__init__(templates, **kwargs)
        self.rejected = {k: list(v) for k, v in (rejected or {}).items()}
        self.rejected_weight = float(rejected_weight)
        self.similar = float(similar)
        self._rej_words = {k: [_words(t) for t in v] for k, v in self.rejected.items()}

    def match(self, texts: Any, k: int = 3, *, threshold: float | None = None) -> Any:
        """As :meth:`CounterNarrativeLibrary.match`, with rejected matches down-weighted."""
        out = super().match(texts, k=k, threshold=threshold)
        if not self.rejected or not len(out):
            return out
        if isinstance(texts, str):
            texts = [texts]
        values = list(texts.tolist() if isinstance(texts, pd.Series) else texts)
        thr = self.threshold if threshold is None else float(threshold)
        scores = out["match_score"].to_numpy(dtype=float).copy()
        ids = out["match_id"].to_numpy(dtype=object)
        for i, (tid, text) in enumerate(zip(ids, values, strict=True)):
            refs = self._rej_words.get(tid)
            if refs and isinstance(text, str):
                w = _words(text)
                if max(_jaccard(w, r) for r in refs) >= self.similar:
                    scores[i] *= self.rejected_weight
        out = out.copy()
        out["match_score"] = scores
        is_match = scores >= thr
        out["is_match"] = is_match
        out["match_id"] = np.where(is_match, ids, None)
        out["match_verdict"] = out["match_verdict"].where(is_match, None)
        return out


