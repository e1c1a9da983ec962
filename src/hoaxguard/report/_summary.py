"""Summary tables of a scored DataFrame (pure pandas; used by plots and the HTML report)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from hoaxguard.report._clusters import TIME_COLUMNS, _to_datetime

__all__ = [
    "LABEL_COLUMNS",
    "MIN_POSTS_FOR_SHARE",
    "NEAR_MATCH_MARGIN",
    "best_candidates",
    "near_matches",
    "breakdown",
    "auto_freq",
    "daily_counts",
    "period_counts",
    "find_label_col",
    "find_time_col",
    "hoax_flags",
    "label_to_binary",
    "parse_top_terms",
    "top_terms",
    "totals",
]

#: column names tried, in order, for the true label of a labelled file
LABEL_COLUMNS = ("label", "y_true", "true_label", "gold", "truth")

_POSITIVE = {"hoax", "hoaks", "1", "1.0", "true", "yes", "ya", "fake", "salah", "false_news"}
_NEGATIVE = {"valid", "0", "0.0", "false", "no", "tidak", "real", "benar", "fakta", "fact"}


def find_time_col(df: pd.DataFrame, time_col: str | None = None) -> str | None:
    """The time column to use: ``time_col`` if given, else the first known name present."""
    if time_col is not None:
        if time_col not in df.columns:
            raise KeyError(f"time column {time_col!r} not in the data")
        return time_col
    return next((c for c in TIME_COLUMNS if c in df.columns), None)


def find_label_col(df: pd.DataFrame, label_col: str | None = None) -> str | None:
    """The column with true labels: ``label_col`` if given, else the first known name present."""
    if label_col is not None:
        if label_col not in df.columns:
            raise KeyError(f"label column {label_col!r} not in the data")
        return label_col
    return next((c for c in LABEL_COLUMNS if c in df.columns), None)


def label_to_binary(values: pd.Series) -> pd.Series:
    """Map labels (hoax/valid, 1/0, true/false, ...) to 1.0/0.0, NaN when unknown."""
    if pd.api.types.is_bool_dtype(values):
        return values.astype(float)
    if pd.api.types.is_numeric_dtype(values):
        out = pd.to_numeric(values, errors="coerce").astype(float)
        return out.where(out.isin([0.0, 1.0]))
    text = values.astype(object).where(values.notna(), "").astype(str).str.strip().str.lower()
    out = pd.Series(np.nan, index=values.index, dtype=float)
    out[text.isin(_POSITIVE)] = 1.0
    out[text.isin(_NEGATIVE)] = 0.0
    return out


def hoax_flags(df: pd.DataFrame, threshold: float = 0.5) -> pd.Series:
    """Predicted hoax flag per row as float (from ``is_hoax``, else the probability)."""
    if "is_hoax" in df.columns:
        return label_to_binary(df["is_hoax"])
    if "hoax_probability" in df.columns:
        prob = pd.to_numeric(df["hoax_probability"], errors="coerce")
        return (prob >= threshold).astype(float).where(prob.notna())
    raise KeyError("the data has neither an 'is_hoax' nor a 'hoax_probability' column")


def _nonempty(values: pd.Series) -> pd.Series:
    text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
    return text.ne("") & text.str.lower().ne("nan")


def totals(df: pd.DataFrame, time_col: str | None = None) -> dict[str, Any]:
    """Headline numbers: posts, flagged, matched to a template, errors, time range."""
    flags = hoax_flags(df)
    out: dict[str, Any] = {
        "posts": len(df),
        "hoax": int((flags == 1).sum()),
        "hoax_share": float((flags == 1).sum() / max(1, int(flags.notna().sum()))),
        "matched": int(_nonempty(df["match_id"]).sum()) if "match_id" in df.columns else None,
        "errors": int(_nonempty(df["error"]).sum()) if "error" in df.columns else None,
        "first": None,
        "last": None,
    }
    if "hoax_probability" in df.columns:
        out["mean_probability"] = float(
            pd.to_numeric(df["hoax_probability"], errors="coerce").mean()
        )
    if time_col is not None:
        times = _to_datetime(df[time_col])
        if times.notna().any():
            out["first"], out["last"] = times.min(), times.max()
    return out


#: period codes of :func:`period_counts` -> (Indonesian, English) name
PERIODS = {"D": ("hari", "day"), "W": ("minggu", "week"), "MS": ("bulan", "month")}


def auto_freq(times: pd.Series) -> str:
    """Days for up to 120 days of data, weeks up to two years, months beyond."""
    times = times.dropna()
    if times.empty:
        return "D"
    span = times.max() - times.min()
    if span <= pd.Timedelta(days=120):
        return "D"
    return "W" if span <= pd.Timedelta(days=730) else "MS"


#: fewest posts in a period (or window) for its share of flagged posts to be shown
MIN_POSTS_FOR_SHARE = 20
#: days in the moving window of the daily share
SHARE_WINDOW_DAYS = 7


def period_counts(
    df: pd.DataFrame, time_col: str, freq: str = "auto", min_posts: int = MIN_POSTS_FOR_SHARE
) -> pd.DataFrame:
    """Posts, flagged posts and hoax share per period.

    Parameters
    ----------
    df : DataFrame
        Scored posts.
    time_col : str
        Time column.
    freq : {"auto", "D", "W", "MS"} or pandas offset, default "auto"
        Period length; ``"W"`` weeks start on Monday; ``"auto"`` picks days,
        weeks or months from the time span (:func:`auto_freq`).

    min_posts : int, default 20
        Fewest posts for a share to be shown: a day with 2 posts, both flagged,
        is not "100%".

    Returns
    -------
    DataFrame
        Indexed by the period start, columns ``posts``, ``hoax``, ``hoax_share``
        (every period), ``share`` (``hoax_share`` where the period has at least
        ``min_posts`` posts, else NaN) and, for days, ``share_7d`` (flagged share
        of the 7 days ending that day, where they hold at least ``min_posts``
        posts); periods without posts are included as zeros. ``attrs["freq"]``
        holds the period, ``attrs["min_posts"]`` the minimum.
    """
    times = _to_datetime(df[time_col])
    if freq == "auto":
        freq = auto_freq(times)
    flags = hoax_flags(df)
    frame = pd.DataFrame({"t": times, "hoax": (flags == 1).astype(int)}).dropna(subset=["t"])
    if frame.empty:
        out = pd.DataFrame(columns=["posts", "hoax", "hoax_share", "share"])
        out.attrs["freq"] = freq
        out.attrs["min_posts"] = min_posts
        return out
    series = frame.set_index("t")
    if freq == "W":
        grouped = series.resample("W-MON", label="left", closed="left")["hoax"]
    else:
        grouped = series.resample(freq)["hoax"]
    out = pd.DataFrame({"posts": grouped.size(), "hoax": grouped.sum()})
    out["hoax_share"] = (out["hoax"] / out["posts"].where(out["posts"] > 0)).astype(float)
    out["share"] = out["hoax_share"].where(out["posts"] >= min_posts)
    if freq == "D":
        posts = out["posts"].rolling(SHARE_WINDOW_DAYS, min_periods=1).sum()
        hoax = out["hoax"].rolling(SHARE_WINDOW_DAYS, min_periods=1).sum()
        out["share_7d"] = (hoax / posts).where(posts >= max(1, min_posts)).astype(float)
    out.index.name = "period"
    out.attrs["freq"] = freq
    out.attrs["min_posts"] = min_posts
    return out


def daily_counts(df: pd.DataFrame, time_col: str, freq: str = "D") -> pd.DataFrame:
    """Posts, flagged posts and hoax share per day (see :func:`period_counts`)."""
    return period_counts(df, time_col, freq=freq)


def breakdown(df: pd.DataFrame, column: str, top: int = 10) -> pd.DataFrame:
    """Posts, flagged posts and hoax share per value of ``column`` (most flagged first)."""
    flags = hoax_flags(df)
    values = df[column].astype(object).where(df[column].notna(), "(kosong)").astype(str)
    frame = pd.DataFrame({"value": values, "hoax": (flags == 1).astype(int)})
    g = frame.groupby("value", sort=False)["hoax"]
    out = pd.DataFrame({"posts": g.size(), "hoax": g.sum()})
    out["hoax_share"] = out["hoax"] / out["posts"]
    out = out.reset_index().sort_values(["hoax", "posts", "value"], ascending=[False, False, True])
    return out.head(top).reset_index(drop=True)


def parse_top_terms(values: pd.Series) -> pd.DataFrame:
    """Split ``"term (+0.84); term2 (+0.51)"`` strings into rows ``row``, ``term``, ``weight``."""
    text = values.astype(object).where(values.notna(), "").astype(str)
    parts = text.str.split(";").explode()
    parts = parts[parts.str.strip() != ""]
    found = parts.str.strip().str.extract(r"^(?P<term>.*?)\s*(?:\((?P<weight>[+-]?[\d.]+)\))?$")
    found["weight"] = pd.to_numeric(found["weight"], errors="coerce")
    found = found[found["term"].str.len() > 0]
    found.index.name = "row"
    return found.reset_index()


def top_terms(
    df: pd.DataFrame, column: str = "top_terms", top: int = 15, flagged_only: bool = True
) -> pd.DataFrame:
    """Terms that most often pushed posts towards "hoax" (``term``, ``posts``, ``mean_weight``)."""
    sub = df
    if flagged_only:
        sub = df[(hoax_flags(df) == 1).to_numpy()]
    terms = parse_top_terms(sub[column].reset_index(drop=True))
    if terms.empty:
        return pd.DataFrame(columns=["term", "posts", "mean_weight"])
    terms = terms[terms["weight"].isna() | (terms["weight"] > 0)]
    # "Info", "info" and "INFO" are one term, shown as most posts write it
    terms = terms.assign(key=terms["term"].str.lower())
    g = terms.groupby("key")
    shown = terms.groupby(["key", "term"]).size().rename("n").reset_index()
    shown = shown.sort_values(["key", "n", "term"], ascending=[True, False, True])
    shown = shown.drop_duplicates("key").set_index("key")["term"]
    out = pd.DataFrame({"posts": g["row"].nunique(), "mean_weight": g["weight"].mean()})
    out.index = shown.reindex(out.index).to_numpy()
    out.index.name = "term"
    out = out.reset_index().sort_values(
        ["posts", "mean_weight", "term"], ascending=[False, False, True]
    )
    return out.head(top).reset_index(drop=True)


#: a post is a near match when its best template scores at least this share of the threshold
NEAR_MATCH_MARGIN = 0.85


def best_candidates(df: pd.DataFrame) -> pd.DataFrame:
    """Best template candidate of each row: ``candidate`` (id or None) and ``score``.

    Read from ``match_candidates`` (``"id:score; id:score"``, best first) when the
    column is present, else from ``match_score`` (the id is then unknown).
    """
    cand = pd.Series(None, index=df.index, dtype=object)
    score = pd.Series(np.nan, index=df.index, dtype=float)
    if "match_candidates" in df.columns:
        first = df["match_candidates"].astype(object).where(df["match_candidates"].notna(), "")
        first = first.astype(str).str.split(";").str[0].str.strip()
        found = first.str.extract(r"^(?P<id>.+?)\s*[:=]\s*(?P<score>[+-]?\d*\.?\d+)$")
        cand = found["id"].where(found["id"].notna(), None).astype(object)
        score = pd.to_numeric(found["score"], errors="coerce")
    if "match_score" in df.columns:
        score = score.fillna(pd.to_numeric(df["match_score"], errors="coerce"))
    return pd.DataFrame({"candidate": cand, "score": score}, index=df.index)


def near_matches(
    df: pd.DataFrame, threshold: float | None = None, margin: float = NEAR_MATCH_MARGIN
) -> pd.DataFrame:
    """Posts without a match whose best template is close to the threshold (to check by hand).

    Parameters
    ----------
    df : DataFrame
        Scored posts (``match_candidates`` and/or ``match_score``; either may be absent).
    threshold : float, optional
        The matching threshold used when scoring (default: the library default, 0.30).
    margin : float
        Rows with ``margin * threshold <= score < threshold`` are near matches.

    Returns
    -------
    DataFrame
        ``candidate`` and ``score`` of those rows (index kept), best score first;
        empty when the file has neither column.
    """
    if threshold is None:
        try:
            from hoaxguard.counter import DEFAULT_THRESHOLD as threshold
        except ImportError:  # pragma: no cover - counter part not installed
            threshold = 0.30
    best = best_candidates(df)
    unmatched = np.ones(len(df), dtype=bool)
    if "match_id" in df.columns:
        unmatched = ~_nonempty(df["match_id"]).to_numpy()
    keep = (
        unmatched
        & (best["score"] >= margin * threshold).to_numpy()
        & (best["score"] < threshold).to_numpy()
    )
    out = best[keep]
    return out.sort_values("score", ascending=False, kind="stable")
