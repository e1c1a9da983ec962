"""The admin's worklist: one row per narrative cluster, most urgent first."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["DECISION_COLUMNS", "PRIORITIES", "build_worklist"]

#: Empty columns the admin fills in (read back by ``hoaxguard learn``).
DECISION_COLUMNS: tuple[str, ...] = ("label", "template_id", "note")

#: Priority (1 = first) -> reason written in the worklist.
PRIORITIES: dict[int, str] = {
    1: "repeats a debunked claim",
    2: "high hoax probability",
    3: "fast-growing narrative",
    4: "near miss (just below the threshold)",
}


def _flag_has(flagged_by: pd.Series, what: str) -> np.ndarray:
    return flagged_by.fillna("").astype(str).str.contains(what, regex=False).to_numpy()


def _threshold_from(scored: pd.DataFrame, prob: pd.Series) -> float:
    """The model threshold as seen in the file: lowest probability the model flagged."""
    by_model = _flag_has(scored.get("flagged_by", pd.Series("", index=scored.index)), "model")
    if by_model.any():
        return float(prob[by_model].min())
    return 0.5


def build_worklist(
    scored: pd.DataFrame,
    text_col: str = "text",
    *,
    high: float = 0.8,
    near_miss: float = 0.5,
    growing: int = 3,
    cluster_threshold: float = 0.35,
    max_rows: int | None = None,
    example_chars: int = 500,
) -> pd.DataFrame:
    """Group scored posts into narrative clusters and order them for review.

    Order: (1) clusters with a post repeating a debunked claim (``flagged_by``
    contains ``match``), (2) a post with ``hoax_probability >= high``,
    (3) fast-growing clusters (at least ``growing`` posts in the last day, or
    ``growing`` more than the day before), (4) near misses: unflagged posts
    above ``near_miss`` times the model threshold (the lowest probability the
    model flagged in this file). Other clusters are left out. Within a priority:
    largest clusters first, then highest probability.

    Clusters come from :func:`hoaxguard.report.cluster_narratives` (MinHash/LSH),
    called through its public function.

    Parameters
    ----------
    scored : DataFrame
        Output of ``hoaxguard score`` / :func:`hoaxguard.score_frame`.
    text_col : str
        The text column.
    high, near_miss, growing, cluster_threshold : see above.
    max_rows : int, optional
        Keep only the first rows.
    example_chars : int
        The example text is cut to this length in ``text`` (the full text of the
        most probable post is kept when shorter).

    Returns
    -------
    DataFrame
        ``priority``, ``reason``, ``cluster_id``, ``count``, ``n_accounts``,
        ``text`` (an example: the most probable post of the cluster),
        ``max_probability``, ``mean_probability``, ``flagged``, ``match_id``
        (the suggested template), ``match_verdict``, ``posts_last_day``,
        ``first_seen``, ``last_seen``, ``post_ids``, ``clarification`` (a post
        of a trusted account on the same template, to reuse), then the empty
        decision columns ``label``, ``template_id``, ``note``.
    """
    from hoaxguard.report import cluster_narratives

    if text_col not in scored.columns:
        raise KeyError(f"no text column {text_col!r} in the scored file")
    for col in ("hoax_probability", "flagged_by"):
        if col not in scored.columns:
            raise KeyError(f"not a scored file: no {col!r} column (run 'hoaxguard score' first)")
    df = scored.reset_index(drop=True)
    prob = pd.to_numeric(df["hoax_probability"], errors="coerce")
    ok = prob.notna() & df[text_col].map(lambda t: isinstance(t, str) and t.strip() != "")
    if "error" in df.columns:
        ok &= df["error"].isna() | df["error"].astype(str).str.strip().eq("")
    df = df[ok.to_numpy()].reset_index(drop=True)
    prob = pd.to_numeric(df["hoax_probability"], errors="coerce").to_numpy(dtype=float)
    if not len(df):
        return _empty()
    assign, clusters = cluster_narratives(df, text_col=text_col, threshold=cluster_threshold)
    df = df.assign(_cluster=assign.to_numpy(), _p=prob)
    flagged_by = df["flagged_by"].fillna("").astype(str)
    trusted = flagged_by.eq("trusted").to_numpy()
    df["_debunk"] = _flag_has(flagged_by, "match")
    df["_flag"] = flagged_by.isin(["model", "match", "model+match"]).to_numpy()
    t = _threshold_from(df, df["_p"])
    growth = clusters.set_index("cluster_id") if len(clusters) else pd.DataFrame()

    clar: dict[str, str] = {}
    if "match_id" in df.columns and trusted.any():
        for mid, text in zip(df.loc[trusted, "match_id"], df.loc[trusted, text_col], strict=True):
            if isinstance(mid, str) and mid and mid not in clar:
                clar[mid] = text
    id_col = next((c for c in ("post_id", "id", "message_id", "tweet_id") if c in df.columns), None)

    rows = []
    for cid, g in df[~trusted].groupby("_cluster", sort=False):
        best = g.loc[g["_p"].idxmax()]
        last_day = int(growth.at[cid, "posts_last_day"]) if "posts_last_day" in growth else 0
        grow = int(growth.at[cid, "growth_day"]) if "growth_day" in growth else 0
        if g["_debunk"].any():
            prio = 1
            best = g[g["_debunk"]].loc[g.loc[g["_debunk"], "_p"].idxmax()]
        elif g["_p"].max() >= high:
            prio = 2
        elif len(g) >= growing and (last_day >= growing or grow >= growing):
            prio = 3
        elif (~g["_flag"]).any() and g.loc[~g["_flag"], "_p"].max() >= near_miss * t:
            prio = 4
        else:
            continue
        mid = best.get("match_id") if "match_id" in g.columns else None
        mid = mid if isinstance(mid, str) and mid else None
        text = str(best[text_col])
        rows.append({
            "priority": prio,
            "reason": PRIORITIES[prio],
            "cluster_id": cid,
            "count": len(g),
            "n_accounts": int(g["account"].nunique()) if "account" in g.columns else None,
            "text": text if len(text) <= example_chars else text[:example_chars] + "…",
            "max_probability": round(float(g["_p"].max()), 4),
            "mean_probability": round(float(g["_p"].mean()), 4),
            "flagged": int(g["_flag"].sum()),
            "match_id": mid,
            "match_verdict": best.get("match_verdict") if mid else None,
            "posts_last_day": last_day,
            "first_seen": growth.at[cid, "first_seen"] if "first_seen" in growth else None,
            "last_seen": growth.at[cid, "last_seen"] if "last_seen" in growth else None,
            "post_ids": ", ".join(map(str, g[id_col].head(20))) if id_col else None,
            "clarification": clar.get(mid) if mid else None,
        })
    if not rows:
        return _empty()
    out = pd.DataFrame(rows)
    out = out.sort_values(["priority", "count", "max_probability", "cluster_id"],
                          ascending=[True, False, False, True], kind="stable")
    for col in ("first_seen", "last_seen"):  # text: Excel cannot hold time zones
        out[col] = out[col].map(lambda v: None if v is None or pd.isna(v) else str(v))
    if max_rows is not None:
        out = out.head(max_rows)
    for col in DECISION_COLUMNS:
        out[col] = ""
    return out.reset_index(drop=True)


def _empty() -> pd.DataFrame:
    cols = ["priority", "reason", "cluster_id", "count", "n_accounts", "text", "max_probability",
            "mean_probability", "flagged", "match_id", "match_verdict", "posts_last_day",
            "first_seen", "last_seen", "post_ids", "clarification", *DECISION_COLUMNS]
    return pd.DataFrame(columns=cols)
