"""Reading a user's file for review/learn (hoaxguard.batch's one reader)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

__all__ = ["read_table"]


def read_table(path: str | os.PathLike[str], fmt: str | None = None) -> tuple[pd.DataFrame, int]:
    """Read a whole CSV/TSV/JSONL/JSON/Parquet/Excel file with :func:`hoaxguard.batch.read_table`.

    Encoding, delimiter and Excel exports are handled as in ``score``.

    Returns
    -------
    frame, n_bad
        The parsed rows (fields as read) and the number of records that could
        not be read (malformed lines, fields too long ...).
    """
    from hoaxguard.batch import read_table as batch_read_table

    if not Path(path).is_file():
        raise FileNotFoundError(f"no such file: {os.fspath(path)}")
    bad: list = []
    frame = batch_read_table(path, format=fmt, quarantined=bad, on_warning=lambda msg: None)
    return frame, len(bad)
