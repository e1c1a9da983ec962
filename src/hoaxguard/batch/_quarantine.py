"""Rows that cannot be scored: validation and the quarantine file."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: Longest text (in characters) scored; longer texts are quarantined. Social-media
#: posts are short (the longest news article in the development corpus has < 10,000).
MAX_TEXT_CHARS = 20_000

#: Columns of the quarantine file.
QUARANTINE_COLUMNS: tuple[str, ...] = ("row", "line", "reason", "raw")


@dataclass(frozen=True)
class QuarantineRecord:
    """One input record that was not scored.

    Attributes
    ----------
    row : int
        1-based data row number in the input (header not counted).
    line : int or None
        1-based physical line (text formats) or sheet row (Excel) where it starts.
    reason : str
        Why it was not scored.
    raw : str
        The record as read: its raw lines for malformed input, else the record
        re-encoded in the input format (or as JSON).
    """

    row: int
    line: int | None
    reason: str
    raw: str


def encode_quarantine(records: list[QuarantineRecord], header: bool = False) -> bytes:
    """CSV bytes (UTF-8, ``\\n`` line ends) of ``records``, optionally with the header."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(QUARANTINE_COLUMNS)
    for rec in records:
        writer.writerow(
            [rec.row, "" if rec.line is None else rec.line, rec.reason, rec.raw.rstrip("\r\n")]
        )
    return buf.getvalue().encode("utf-8", errors="backslashreplace")


def _json_default(value: Any) -> Any:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


def record_as_json(record: dict[str, Any]) -> str:
    """A record as one JSON line (missing values as null)."""
    clean = {}
    for key, value in record.items():
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            value = None
        clean[str(key)] = value
    return json.dumps(clean, ensure_ascii=False, default=_json_default)


def text_problems(values: pd.Series, max_chars: int = MAX_TEXT_CHARS) -> pd.Series:
    """Reason each text cannot be scored, or None when it can.

    Parameters
    ----------
    values : pd.Series
        The text column.
    max_chars : int
        Longest text accepted.

    Returns
    -------
    pd.Series of object
        Same index; None for valid texts, else one of ``"missing text"``,
        ``"empty text"``, ``"text is <type>, not a string"``,
        ``"text too long (N chars > max M)"``.
    """
    arr = values.to_numpy(dtype=object, na_value=None)
    reasons = np.full(len(arr), None, dtype=object)
    for i, value in enumerate(arr):
        if isinstance(value, str):
            if len(value) > max_chars:
                reasons[i] = f"text too long ({len(value):,} chars > max {max_chars:,})"
            elif not value.strip():
                reasons[i] = "empty text"
        elif value is None or (isinstance(value, float) and math.isnan(value)):
            reasons[i] = "missing text"
        else:
            reasons[i] = f"text is {type(value).__name__}, not a string"
    return pd.Series(reasons, index=values.index, dtype=object)
