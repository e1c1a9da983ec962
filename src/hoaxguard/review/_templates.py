"""Template adaptation: confirmed matches become aliases, rejected ones lower the weight."""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hoaxguard.counter import CounterNarrativeLibrary

__all__ = ["LocalTemplateLibrary", "adapt_templates", "load_templates", "save_templates"]

TEMPLATES_FILE = "templates.yaml"
REJECTED_FILE = "rejected.jsonl"  # not a template suffix: ignored by CounterNarrativeLibrary.load
PROVENANCE_FILE = "PROVENANCE.txt"
_WORD = re.compile(r"\w+", re.UNICODE)


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


def adapt_templates(library: CounterNarrativeLibrary, decisions: pd.DataFrame,
                    text_col: str = "text") -> tuple[LocalTemplateLibrary, dict[str, int]]:
    """Fold the admin's template decisions into a copy of ``library``.

    Per decision row (``y`` 1 = hoax, 0 = valid; ``template_id`` the admin's
    template, ``match_id`` the suggested one):

    * hoax with a ``template_id`` (or, when empty, the suggested ``match_id``)
      that is in the library: the text becomes a new alias of that template;
    * a suggested ``match_id`` with a valid label, or with another
      ``template_id``: a rejected match, remembered for that template.

    Returns
    -------
    library, counts
        The adapted library and ``{"aliases": n, "rejected": n, "unknown_template": n}``.
    """
    templates = {t.id: t for t in library}
    aliases: dict[str, list[str]] = {}
    rejected: dict[str, list[str]] = dict(getattr(library, "rejected", {}) or {})
    counts = {"aliases": 0, "rejected": 0, "unknown_template": 0}

    def col(name: str) -> pd.Series:
        if name not in decisions.columns:
            return pd.Series("", index=decisions.index)
        return decisions[name].map(lambda v: v.strip() if isinstance(v, str) else "")

    chosen, suggested = col("template_id"), col("match_id")
    for text, y, tid, mid in zip(decisions[text_col], decisions["y"], chosen, suggested,
                                 strict=True):
        if not isinstance(text, str) or not text.strip():
            continue
        target = tid or (mid if y == 1 else "")
        if y == 1 and target:
            if target not in templates:
                counts["unknown_template"] += 1
            else:
                known = set(templates[target].aliases) | set(aliases.get(target, []))
                if text not in known:
                    aliases.setdefault(target, []).append(text)
                    counts["aliases"] += 1
        if mid and mid in templates and (y == 0 or (tid and tid != mid)):
            rejected.setdefault(mid, []).append(text)
            counts["rejected"] += 1
    new = [t.replace(aliases=tuple(t.aliases) + tuple(aliases[t.id])) if t.id in aliases else t
           for t in library]
    out = LocalTemplateLibrary(new, rejected=rejected, threshold=library.threshold)
    return out, counts


def save_templates(library: CounterNarrativeLibrary, path: str | os.PathLike[str],
                   provenance: dict[str, Any] | None = None) -> Path:
    """Write an adapted library to folder ``path`` (loadable with ``--templates path``).

    ``templates.yaml`` (every template, new aliases included; plain template
    schema), ``rejected.jsonl`` (rejected matches) and ``PROVENANCE.txt``.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ValueError(f"templates output {str(path)!r} exists and is not a folder")
    path.mkdir(parents=True, exist_ok=True)
    library.to_yaml(path / TEMPLATES_FILE)
    rejected = getattr(library, "rejected", {}) or {}
    with open(path / REJECTED_FILE, "w", encoding="utf-8") as fh:
        for tid in sorted(rejected):
            for text in rejected[tid]:
                fh.write(json.dumps({"template_id": tid, "text": text}, ensure_ascii=False) + "\n")
    prov = {"date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            **(provenance or {})}
    lines = ["hoaxguard adapted templates", *(f"{k}: {v}" for k, v in prov.items())]
    (path / PROVENANCE_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_templates(path: str | os.PathLike[str] | None = None) -> CounterNarrativeLibrary:
    """Load templates; a folder written by :func:`save_templates` keeps its rejected matches."""
    lib = CounterNarrativeLibrary.load(path)
    rej_file = Path(path) / REJECTED_FILE if path is not None else None
    if rej_file is None or not rej_file.is_file():
        return lib
    rejected: dict[str, list[str]] = {}
    with open(rej_file, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                rejected.setdefault(str(rec["template_id"]), []).append(str(rec["text"]))
    return LocalTemplateLibrary(list(lib), rejected=rejected, threshold=lib.threshold)
