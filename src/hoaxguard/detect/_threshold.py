"""Decision thresholds chosen for a target false-positive rate."""

from __future__ import annotations

import numpy as np

__all__ = ["threshold_for_fpr"]


def threshold_for_fpr(neg_scores: np.ndarray, max_fpr: float) -> float:
    """Threshold ``t`` so that at most ``max_fpr`` of ``neg_scores`` are ``> t``.

    A text is flagged when its score is strictly greater than ``t``.

    Parameters
    ----------
    neg_scores : array of float
        Scores (probabilities) of known non-hoax texts.
    max_fpr : float
        Largest acceptable share of those texts flagged, in [0, 1].
    """
    if not 0.0 <= max_fpr <= 1.0:
        raise ValueError("max_fpr must be in [0, 1]")
    neg = np.sort(np.asarray(neg_scores, dtype=np.float64))[::-1]
    if neg.size == 0:
        raise ValueError("threshold_for_fpr needs at least one negative (valid) example")
    k = int(np.floor(max_fpr * neg.size + 1e-9))
    if k >= neg.size:
        return float(np.nextafter(neg[-1], -np.inf))
    return float(neg[k])
