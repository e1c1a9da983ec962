"""Source-artifact audit of a fitted linear detector.

A hoax model that learned *where* texts come from (news outlets, fact-check
pages, a preprocessed dataset) instead of *what* they say fails on new data.
The audit lists the heaviest features that look like source artifacts
(outlet names, datelines, fact-checker vocabulary such as "faktanya",
"turnbackhoax", "klarifikasi"; placeholder tokens that some sources have and
others lack) and measures the share of the decision they carry on given texts:
``sum |coef_j * x_ij|`` over flagged features divided by the same sum over
all features.

Character n-grams are flagged when their core (4+ letters) lies inside an
artifact word of 6+ letters; this is approximate.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from hoaxguard.detect import ARTIFACT_TERMS, FACTCHECK_TERMS, OUTLET_TERMS

__all__ = ["source_artifact_audit", "PLACEHOLDER_TOKENS"]

PLACEHOLDER_TOKENS = frozenset({"xxurl", "xxmention", "xxemail", "xxphone"})
_LONG_ARTIFACTS = tuple(t for t in ARTIFACT_TERMS if len(t) >= 6)


def _category(name: str) -> str:
    if name.startswith("~") and name.endswith("~"):
        core = name.strip("~").replace("_", "")
        if len(core) >= 4 and any(core in t for t in _LONG_ARTIFACTS):
            return "char-artifact"
        return ""
    toks = name.split()
    if any(t in OUTLET_TERMS for t in toks):
        return "outlet"
    if any(t in FACTCHECK_TERMS for t in toks):
        return "fact-checker"
    if any(t in PLACEHOLDER_TOKENS for t in toks):
        return "placeholder"
    return ""


def source_artifact_audit(
    model: Any, texts: Iterable[object] | None = None, *, top_n: int = 20,
) -> dict[str, Any]:
    """Audit a fitted :class:`hoaxguard.HoaxDetector` for source artifacts.

    Parameters
    ----------
    model : HoaxDetector (fitted)
    texts : iterable of str, optional
        Texts on which the decision share is measured (e.g. the test set).
        Without texts only the static weight share is given.
    top_n : int
        How many features to list per table.

    Returns
    -------
    dict
        ``artifact_features`` (DataFrame: term, weight, category; heaviest
        first), ``top_hoax_features`` / ``top_valid_features`` (DataFrames),
        ``artifact_decision_share`` and ``placeholder_decision_share`` (floats
        or NaN without texts), ``artifact_weight_share`` (share of ``sum |coef|``),
        ``n_artifact_features``.
    """
    names = np.asarray(model.feature_names_out(), dtype=object)
    coef = np.asarray(model.coef_, dtype=np.float64).ravel()
    cats = np.array([_category(str(n)) for n in names], dtype=object)
    flagged = (cats != "") & (cats != "placeholder")
    placeholder = cats == "placeholder"
    order = np.argsort(-np.abs(coef))
    art_idx = [i for i in order if flagged[i]][:top_n]
    art = pd.DataFrame({"term": names[art_idx], "weight": coef[art_idx],
                        "category": cats[art_idx]})
    ph_idx = [i for i in order if placeholder[i]][:top_n]
    ph = pd.DataFrame({"term": names[ph_idx], "weight": coef[ph_idx]})
    hi = np.argsort(-coef)[:top_n]
    lo = np.argsort(coef)[:top_n]
    abs_total = float(np.abs(coef).sum()) or 1.0
    out: dict[str, Any] = {
        "artifact_features": art,
        "placeholder_features": ph,
        "top_hoax_features": pd.DataFrame({"term": names[hi], "weight": coef[hi],
                                           "category": cats[hi]}),
        "top_valid_features": pd.DataFrame({"term": names[lo], "weight": coef[lo],
                                            "category": cats[lo]}),
        "n_artifact_features": int(flagged.sum()),
        "artifact_weight_share": float(np.abs(coef[flagged]).sum() / abs_total),
        "artifact_decision_share": float("nan"),
        "placeholder_decision_share": float("nan"),
    }
    if texts is not None:
        contrib, _ = model._contributions(texts)
        absdata = np.abs(contrib.data)
        total = float(absdata.sum()) or 1.0
        out["artifact_decision_share"] = float(absdata[flagged[contrib.indices]].sum() / total)
        out["placeholder_decision_share"] = float(
            absdata[placeholder[contrib.indices]].sum() / total)
    return out
