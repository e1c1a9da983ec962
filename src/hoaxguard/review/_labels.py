"""Reading the admin's decision labels (English and Indonesian words)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["HOAX_WORDS", "UNSURE_WORDS", "VALID_WORDS", "label_kind", "parse_labels"]

#: Words read as "this post is a hoax".
HOAX_WORDS = frozenset({
    "hoax", "hoaks", "hoaxs", "hoak", "ya", "iya", "y", "yes", "1", "true", "salah",
    "disinformasi", "misinformasi", "penipuan", "fake", "palsu", "h",
})
#: Words read as "this post is fine" (not a hoax).
VALID_WORDS = frozenset({
    "valid", "bukan", "bukan hoaks", "bukan hoax", "benar", "tidak", "tdk", "no", "n", "0",
    "false", "fakta", "aman", "asli", "v", "ok",
})
#: Words read as "not decided": the row is skipped, not an error.
UNSURE_WORDS = frozenset({"ragu", "ragu-ragu", "unsure", "?", "skip", "lewati", "tidak tahu",
                          "entah", "maybe", "mungkin"})

_SPACES = re.compile(r"\s+")


def _key(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "1" if value else "0"
    if isinstance(value, (int, np.integer)) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    return _SPACES.sub(" ", str(value).strip().lower())


def label_kind(value: object) -> str:
    """``"hoax"``, ``"valid"``, ``"unsure"``, ``"empty"`` or ``"unreadable"``."""
    key = _key(value)
    if not key:
        return "empty"
    if key in HOAX_WORDS:
        return "hoax"
    if key in VALID_WORDS:
        return "valid"
    if key in UNSURE_WORDS:
        return "unsure"
    return "unreadable"


def parse_labels(labels: pd.Series) -> pd.Series:
    """1 (hoax), 0 (valid) or missing (empty, unsure or unreadable); index kept.

    Accepts hoax / valid / ragu and the Indonesian hoaks / bukan / benar / ya /
    tidak (case and spacing ignored), 1/0 and True/False.
    """
    kinds = labels.map(label_kind)
    out = pd.Series(pd.NA, index=labels.index, dtype="Int64")
    out[kinds == "hoax"] = 1
    out[kinds == "valid"] = 0
    return out
