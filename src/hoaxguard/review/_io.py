"""Reading a user's file for review/learn (through hoaxguard.batch's readers)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

__all__ = ["read_table"]


def read_table(path: str | os.PathLike[str], fmt: str | None = None) -> tuple[pd.DataFrame, int]:
    """Read a whole CSV/TSV/JSONL/JSON/Parquet/Excel file with hoaxguard's readers.

    The one place review/ reads files, so it can follow the batch readers.

    Returns
    -------
    frame, n_bad
        The parsed rows (fields as read) and the number of records that could
        not be parsed (the readers' quarantine).
    """
    from hoaxguard.batch._readers import format_of, open_reader

    if not Path(path).is_file():
        raise FileNotFoundError(f"no such file: {os.fspath(path)}")
    reader = open_reader(path, format_of(path, fmt), chunk_size=50_000)
    try:
        frames, bad = [], 0
        for chunk in reader.chunks():
            frames.append(chunk.frame)
            bad += len(chunk.bad)
        columns = list(reader.columns)
    finally:
        reader.close()
    if not frames:
        return pd.DataFrame(columns=columns), bad
    return pd.concat(frames, ignore_index=True), bad
