"""Metrics a user of the detector lives with.

* recall of hoaxes at a fixed false-positive rate measured on *ordinary* text
  (posts and news), i.e. how many hoaxes are caught when at most 1% / 5% of
  everyday posts are flagged;
* PR-AUC (average precision) at a realistic prevalence: negatives are
  re-weighted so that hoaxes make up ``prevalence`` of the weighted test set
  (each valid row gets weight ``prevalence_neg/prevalence * n_pos/n_neg``,
  each hoax weight 1), which removes the dependence on the test set's own mix;
* ROC-AUC, Brier score and a reliability table (calibration).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

__all__ = [
    "threshold_at_fpr",
    "recall_at_fpr",
    "prevalence_weights",
    "pr_auc_at_prevalence",
    "reliability_table",
    "group_breakdown",
]


def threshold_at_fpr(neg_scores: np.ndarray, max_fpr: float) -> float:
    """Smallest threshold ``t`` such that the share of negatives with score > t is <= max_fpr.

    A text is flagged when ``score > t``; ties at ``t`` are never flagged, so
    the false-positive rate on ``neg_scores`` never exceeds ``max_fpr``.
    """
    neg = np.sort(np.asarray(neg_scores, dtype=np.float64))[::-1]
    if neg.size == 0:
        raise ValueError("no negative scores")
    k = int(np.floor(max_fpr * neg.size + 1e-9))
    if k >= neg.size:
        return float(np.nextafter(neg[-1], -np.inf))
    return float(neg[k])


def recall_at_fpr(
    y_true: np.ndarray, scores: np.ndarray, max_fpr: float,
    neg_mask: np.ndarray | None = None,
) -> tuple[float, float]:
    """Recall of positives at the threshold giving ``max_fpr`` on the negatives.

    Parameters
    ----------
    y_true : array of 0/1
    scores : array of float (higher = more likely hoax)
    max_fpr : float
    neg_mask : array of bool, optional
        Which negatives define the false-positive rate (default: all y == 0).

    Returns
    -------
    (recall, threshold)
    """
    y = np.asarray(y_true).astype(int)
    s = np.asarray(scores, dtype=np.float64)
    negs = (y == 0) if neg_mask is None else (np.asarray(neg_mask, bool) & (y == 0))
    t = threshold_at_fpr(s[negs], max_fpr)
    pos = s[y == 1]
    return (float(np.mean(pos > t)) if pos.size else float("nan")), t


def prevalence_weights(y_true: np.ndarray, prevalence: float) -> np.ndarray:
    """Sample weights making positives ``prevalence`` of the weighted total."""
    y = np.asarray(y_true).astype(int)
    n_pos, n_neg = int((y == 1).sum()), int((y == 0).sum())
    if n_pos == 0 or n_neg == 0:
        return np.ones(len(y))
    w_neg = (1.0 - prevalence) / prevalence * n_pos / n_neg
    return np.where(y == 1, 1.0, w_neg)


def pr_auc_at_prevalence(y_true: np.ndarray, scores: np.ndarray, prevalence: float = 0.07) -> float:
    """Average precision with negatives re-weighted to the given hoax prevalence."""
    y = np.asarray(y_true).astype(int)
    return float(average_precision_score(y, scores, sample_weight=prevalence_weights(y, prevalence)))


def reliability_table(
    y_true: np.ndarray, proba: np.ndarray, n_bins: int = 10, *,
    prevalence: float | None = None,
) -> pd.DataFrame:
    """Observed hoax share per bin of predicted probability (equal-width bins).

    Parameters
    ----------
    prevalence : float, optional
        Re-weight valid rows so hoaxes are this share of the set (as for
        PR-AUC) before computing the observed rate; a test set's own hoax share
        is an artifact of how it was assembled.

    Returns
    -------
    pd.DataFrame
        ``bin`` (e.g. "0.1-0.2"), ``n`` (unweighted rows), ``mean_predicted``,
        ``observed_hoax_rate``.
    """
    y = np.asarray(y_true).astype(int)
    p = np.clip(np.asarray(proba, dtype=np.float64), 0.0, 1.0)
    w = prevalence_weights(y, prevalence) if prevalence is not None else np.ones(len(y))
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1], right=False), 0, n_bins - 1)
    rows = []
    for b in range(n_bins):
        m = idx == b
        rows.append({
            "bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}",
            "n": int(m.sum()),
            "mean_predicted": float(p[m].mean()) if m.any() else float("nan"),
            "observed_hoax_rate": float(np.average(y[m], weights=w[m])) if m.any()
            else float("nan"),
        })
    return pd.DataFrame(rows)


def group_breakdown(
    frame: pd.DataFrame, by: str, threshold: float, *, score_col: str = "score",
    y_col: str = "y",
) -> pd.DataFrame:
    """Per-group counts, hoax recall and false-positive rate at ``threshold``.

    Returns
    -------
    pd.DataFrame indexed by group: ``n``, ``n_hoax``, ``n_valid``, ``recall``
    (share of hoaxes with score > threshold), ``fpr`` (share of valid rows with
    score > threshold), ``mean_score``.
    """
    flagged = frame[score_col].to_numpy() > threshold
    tmp = pd.DataFrame({
        "g": frame[by].to_numpy(), "y": frame[y_col].to_numpy().astype(int),
        "flag": flagged, "s": frame[score_col].to_numpy(),
    })
    tmp["tp"] = tmp["flag"] & (tmp["y"] == 1)
    tmp["fp"] = tmp["flag"] & (tmp["y"] == 0)
    g = tmp.groupby("g", sort=True)
    out = pd.DataFrame({
        "n": g.size(),
        "n_hoax": g["y"].sum(),
        "mean_score": g["s"].mean(),
        "tp": g["tp"].sum(),
        "fp": g["fp"].sum(),
    })
    out["n_valid"] = out["n"] - out["n_hoax"]
    out["recall"] = np.where(out["n_hoax"] > 0, out["tp"] / out["n_hoax"].clip(lower=1), np.nan)
    out["fpr"] = np.where(out["n_valid"] > 0, out["fp"] / out["n_valid"].clip(lower=1), np.nan)
    out.index.name = by
    return out[["n", "n_hoax", "n_valid", "recall", "fpr", "mean_score"]]


def summary_metrics(
    y_true: np.ndarray, proba: np.ndarray, neg_mask: np.ndarray, *,
    prevalence: float = 0.07, fprs: tuple[float, ...] = (0.01, 0.05),
    threshold: float | None = None,
) -> dict[str, float]:
    """All headline numbers for one model on one test set (a flat dict)."""
    y = np.asarray(y_true).astype(int)
    p = np.asarray(proba, dtype=np.float64)
    out: dict[str, float] = {
        "n_test": float(len(y)), "n_hoax": float(y.sum()),
        "n_ordinary_negatives": float((np.asarray(neg_mask) & (y == 0)).sum()),
    }
    for f in fprs:
        r, t = recall_at_fpr(y, p, f, neg_mask)
        out[f"recall_at_{f:.0%}_fpr"] = r
        out[f"threshold_at_{f:.0%}_fpr"] = t
    out["pr_auc_at_prevalence"] = pr_auc_at_prevalence(y, p, prevalence)
    out["prevalence"] = prevalence
    out["pr_auc_test_mix"] = float(average_precision_score(y, p))
    out["roc_auc"] = float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else float("nan")
    out["brier"] = float(brier_score_loss(y, np.clip(p, 0, 1)))
    out["brier_at_prevalence"] = float(brier_score_loss(
        y, np.clip(p, 0, 1), sample_weight=prevalence_weights(y, prevalence)))
    if threshold is not None:
        flag = p > threshold
        negs = np.asarray(neg_mask, bool) & (y == 0)
        out["operating_threshold"] = float(threshold)
        out["recall_at_operating_threshold"] = float(flag[y == 1].mean()) if y.any() else float("nan")
        out["fpr_ordinary_at_operating_threshold"] = float(flag[negs].mean()) if negs.any() else float("nan")
    return out


__all__.append("summary_metrics")
