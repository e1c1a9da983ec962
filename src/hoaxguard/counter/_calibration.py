"""Automatic match threshold for any template library, from bundled ordinary text.

A fixed threshold does not hold across library sizes: the more templates, the
higher the best score an ordinary post reaches by chance. The bundled set
``hoaxguard/_data/calibration/ordinary_id.txt`` holds a few hundred ordinary
Indonesian texts we wrote (posts, comments, local announcements, news-style
headlines, many on hoax topics: BBM prices, vaccines, bansos, earthquakes). The
threshold of a library is the smallest score that leaves ``target_no_match`` of
them unmatched, never below ``floor``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from hoaxguard.counter._matcher import calibrated_threshold

#: Share of the bundled ordinary texts left unmatched by the automatic threshold.
AUTO_TARGET_NO_MATCH = 0.98
#: The automatic threshold is never lower than this.
AUTO_FLOOR = 0.2


@lru_cache(maxsize=1)
def _ordinary() -> tuple[str, ...]:
    path = resources.files("hoaxguard") / "_data" / "calibration" / "ordinary_id.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def bundled_ordinary_texts() -> list[str]:
    """The bundled ordinary calibration texts (our own writing)."""
    return list(_ordinary())


def auto_threshold(
    matcher: Any,
    texts: list[str] | None = None,
    target_no_match: float = AUTO_TARGET_NO_MATCH,
    floor: float = AUTO_FLOOR,
) -> float:
    """Threshold leaving ``target_no_match`` of ordinary ``texts`` (default: bundled) unmatched.

    Parameters
    ----------
    matcher : TemplateMatcher
        A fitted matcher.
    texts : list of str, optional
        Ordinary texts repeating no template claim (default :func:`bundled_ordinary_texts`).
    target_no_match : float
        Share of ``texts`` that must get no match.
    floor : float
        Lower bound of the returned threshold.
    """
    texts = bundled_ordinary_texts() if texts is None else list(texts)
    _, val = matcher.kneighbors(texts, 1)
    return max(float(floor), calibrated_threshold(np.asarray(val[:, 0]), target_no_match))
