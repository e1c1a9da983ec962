"""Time-based train/test split: train on older rows, test on newer ones."""

from __future__ import annotations

import hashlib
from typing import Literal

import numpy as np
import pandas as pd

__all__ = ["time_split", "DEFAULT_CUTOFF"]

# Claims run 2015-2024, news 2019: with this cutoff the test set holds the 2020
# and 2024 claims, i.e. narratives the model has not seen, like the sealed
# evaluation on 2024-2025 data.
DEFAULT_CUTOFF = "2020-01-01"


def _stable_fraction(keys: pd.Series, seed: int) -> np.ndarray:
    """A number in [0, 1) per key, stable across runs, platforms and row order."""
    out = np.empty(len(keys), dtype=np.float64)
    for i, key in enumerate(keys.astype(str)):
        digest = hashlib.blake2b(f"{seed}:{key}".encode(), digest_size=8).digest()
        out[i] = int.from_bytes(digest, "big") / 2.0**64
    return out


def time_split(
    df: pd.DataFrame,
    cutoff: str | pd.Timestamp | None = DEFAULT_CUTOFF,
    *,
    date_col: str = "date",
    undated: Literal["random", "train", "test", "drop"] = "random",
    test_size: float = 0.2,
    key_col: str | None = "id",
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows by date: ``date < cutoff`` -> train, ``date >= cutoff`` -> test.

    Undated rows (most ordinary posts, headlines, SMS and the labelled articles
    of the shared corpus) carry no time, so they cannot be split by time; how
    they are handled is explicit:

    * ``"random"`` (default): a stable pseudo-random ``test_size`` share goes to
      test, decided by a hash of ``key_col`` (the row id) and ``seed``, so the
      assignment does not depend on row order or on the other rows.
    * ``"train"`` / ``"test"``: all undated rows go to one side.
    * ``"drop"``: undated rows are left out of both sides.

    Parameters
    ----------
    df : pd.DataFrame
        Rows with a date column (datetime64 or ISO strings; empty/NaT = undated).
    cutoff : str or Timestamp, optional
        First day of the test period. None: the ``1 - test_size`` quantile of
        the dated rows' dates.
    date_col, key_col : str
        Column names; ``key_col`` None hashes the text instead.
    test_size : float
        Share of undated rows sent to test (and the quantile when cutoff is None).
    seed : int
        Seed of the undated-row hash.

    Returns
    -------
    (train, test) : tuple of pd.DataFrame
        Row subsets of ``df`` (index kept); each gets a column ``split_reason``
        (``"older"``, ``"newer"``, ``"undated"``).
    """
    if not 0.0 < test_size < 1.0:
        raise ValueError("test_size must be in (0, 1)")
    dates = pd.to_datetime(df[date_col], errors="coerce") if date_col in df else pd.Series(
        pd.NaT, index=df.index)
    dated = dates.notna().to_numpy()
    if cutoff is None:
        if not dated.any():
            raise ValueError("no dated rows: give a cutoff or use a random split")
        cut = dates[dated].quantile(1.0 - test_size)
    else:
        cut = pd.Timestamp(cutoff)
    newer = dated & (dates >= cut).to_numpy()
    older = dated & ~newer
    keys = df[key_col] if key_col and key_col in df else df["text"]
    if undated == "random":
        to_test = ~dated & (_stable_fraction(keys, seed) < test_size)
        to_train = ~dated & ~to_test
    elif undated == "train":
        to_test, to_train = np.zeros(len(df), bool), ~dated
    elif undated == "test":
        to_test, to_train = ~dated, np.zeros(len(df), bool)
    elif undated == "drop":
        to_test = to_train = np.zeros(len(df), bool)
    else:
        raise ValueError(f"undated must be 'random', 'train', 'test' or 'drop', not {undated!r}")
    reason = np.where(dated, np.where(newer, "newer", "older"), "undated")
    out = df.assign(split_reason=reason)
    return out[older | to_train], out[newer | to_test]
