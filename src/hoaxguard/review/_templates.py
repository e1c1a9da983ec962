"""Template adaptation: confirmed matches become aliases, rejected ones lower the weight."""

from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from hoaxguard.counter import CounterNarrativeLibrary
from hoaxguard.counter._rejected import REJECTED_FILE, LocalTemplateLibrary

__all__ = ["LocalTemplateLibrary", "adapt_templates", "load_templates", "save_templates"]

TEMPLATES_FILE = "templates.yaml"
PROVENANCE_FILE = "PROVENANCE.txt"


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
    """Load templates; a folder written by :func:`save_templates` keeps its rejected matches.

    Same as :meth:`CounterNarrativeLibrary.load`, which reads ``rejected.jsonl`` itself.
    """
    return CounterNarrativeLibrary.load(path)
