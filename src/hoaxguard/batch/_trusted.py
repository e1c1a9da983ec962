"""Trusted accounts: posts by the office's own (or other official) accounts are never flagged."""

from __future__ import annotations

import os
from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = ["ACCOUNT_COLUMNS", "TRUSTED_FLAG", "apply_trusted", "read_trusted_accounts"]

#: Columns holding the account of a post (first present one is used, case-insensitive).
ACCOUNT_COLUMNS: tuple[str, ...] = (
    "account", "author", "username", "user", "user_name", "screen_name", "account_id",
    "author_id", "user_id",
)
#: ``flagged_by`` of a post by a trusted account (its ``is_hoax`` is False).
TRUSTED_FLAG = "trusted"


def _norm(name: object) -> str:
    return str(name).strip().lstrip("@").strip().lower()


def read_trusted_accounts(path: str | os.PathLike[str]) -> frozenset[str]:
    """Account names or ids, one per line (``#`` comments, blank lines and ``@`` ignored)."""
    with open(path, encoding="utf-8-sig") as fh:
        names = {_norm(line.split("#", 1)[0]) for line in fh}
    names.discard("")
    return frozenset(names)


def account_column(columns: Iterable[object]) -> str | None:
    """The account column among ``columns`` (see :data:`ACCOUNT_COLUMNS`), or None."""
    by_key = {str(c).strip().lower(): str(c) for c in columns}
    for name in ACCOUNT_COLUMNS:
        if name in by_key:
            return by_key[name]
    return None


def apply_trusted(frame: pd.DataFrame, accounts: Iterable[str] | None) -> pd.DataFrame:
    """Unflag the scored rows of ``frame`` posted by a trusted account (in place; returned).

    Their ``is_hoax`` becomes False and ``flagged_by`` ``"trusted"``; the scores,
    match and response are kept (an official post that matches a template is a
    ready clarification).
    """
    if not accounts or "flagged_by" not in frame.columns:
        return frame
    col = account_column(frame.columns)
    if col is None:
        return frame
    wanted = {_norm(a) for a in accounts}
    mine = frame[col].map(lambda v: isinstance(v, (str, int, np.integer)) and _norm(v) in wanted)
    mine = mine.to_numpy(dtype=bool) & frame["error"].isna().to_numpy()
    if mine.any():
        frame.loc[mine, "is_hoax"] = False
        frame.loc[mine, "flagged_by"] = TRUSTED_FLAG
    return frame
