"""Decision thresholds chosen for a target false-positive rate."""

from __future__ import annotations

import numpy as np

__all__ = ["threshold_for_fpr"]


def threshold_for_fpr(neg_scores: np.ndarray, max_fpr: float,
                      weights: np.ndarray | None = None) -> float:
    """Threshold ``t`` so that at most ``max_fpr`` of ``neg_scores`` are ``> t``.

    A text is flagged when its score is strictly greater than ``t``.

    Parameters
    ----------
    neg_scores : array of float
        Scores (probabilities) of known non-hoax texts.
    max_fpr : float
        Largest acceptable share of those texts flagged, in [0, 1].
    weights : array of float, optional
        Per-text weights: the *weighted* share flagged is at most ``max_fpr``
        (e.g. ``1 / size of the text's source`` so every source counts equally).
    """
    if not 0.0 <= max_fpr <= 1.0:
        raise ValueError("max_fpr must be in [0, 1]")
    neg = np.sort(np.asarray(neg_scores, dtype=np.float64))[::-1]
    if neg.size == 0:
        raise ValueError("threshold_for_fpr needs at least one negative (valid) example")
    if weights is not None:
        s = np.asarray(neg_scores, dtype=np.float64)
        order = np.argsort(-s, kind="stable")
        s, w = s[order], np.asarray(weights, dtype=np.float64)[order]
        share = np.cumsum(w) / w.sum()
        # flagged set = texts strictly above t; choose the largest flagged prefix within budget
        # that ends at a change of score (ties are never split)
        ok = (share <= max_fpr + 1e-12) & np.append(s[1:] < s[:-1], True)
        if not ok.any():
            return float(s[0])
        k = int(np.nonzero(ok)[0].max())
        return float(s[k + 1]) if k + 1 < s.size else float(np.nextafter(s[-1], -np.inf))
    k = int(np.floor(max_fpr * neg.size + 1e-9))
    if k >= neg.size:
        return float(np.nextafter(neg[-1], -np.inf))
    return float(neg[k])
