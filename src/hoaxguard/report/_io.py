"""Scored files (the output of ``hoaxguard score``): read them, add narrative clusters."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

# the file formats are the batch scorer's (its outputs are what a report reads)
from hoaxguard.batch import EXTENSIONS, FORMATS

__all__ = ["cluster_scored_file", "read_scored", "write_scored"]


def _format(path: Path, fmt: str | None) -> str:
    if fmt is None:
        fmt = EXTENSIONS.get(path.suffix.lower())
        if fmt is None:
            raise ValueError(
                f"cannot tell the format of {str(path)!r} from its extension; "
                f"give one of {', '.join(FORMATS)}"
            )
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return fmt


def read_scored(path: str | os.PathLike[str], fmt: str | None = None) -> pd.DataFrame:
    """Read a scored CSV/TSV/JSONL/JSON/Parquet/XLSX file.

    Parameters
    ----------
    path : path-like
        The file written by ``hoaxguard score`` (or :func:`hoaxguard.score_file`).
    fmt : str, optional
        One of ``csv``, ``tsv``, ``jsonl``, ``json``, ``parquet``, ``xlsx``;
        by default taken from the file extension.

    Returns
    -------
    DataFrame
        All columns as written: CSV/TSV fields stay text (``"007"``, ``"NA"``), only
        ``hoax_probability``, ``match_score`` and ``cluster_size`` are parsed as numbers.
    """
    path = Path(path)
    fmt = _format(path, fmt)
    if fmt in ("csv", "tsv"):
        df = pd.read_csv(
            path,
            sep="," if fmt == "csv" else "\t",
            dtype=str,  # fields stay exactly as written ("007", "+62812")
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8",
        )
    elif fmt in ("jsonl", "json"):
        df = pd.read_json(path, lines=fmt == "jsonl", dtype=False, encoding="utf-8")
    elif fmt == "parquet":
        df = pd.read_parquet(path)
    else:
        df = pd.read_excel(path, keep_default_na=False, na_values=[""])
    for col in ("hoax_probability", "match_score", "cluster_size"):
        if col in df.columns:
            df[col] = pd.to_numeric(df[col], errors="coerce")
    return df


def write_scored(df: pd.DataFrame, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write a scored DataFrame as CSV/TSV/JSONL/JSON/Parquet/XLSX, replacing ``path`` atomically.

    Parameters
    ----------
    df : DataFrame
        Rows to write (the index is not written).
    path : path-like
        Output file.
    fmt : str, optional
        Format; by default from the extension.
    """
    path = Path(path)
    fmt = _format(path, fmt)
    tmp = path.with_name(f".{path.name}.tmp")
    if fmt in ("csv", "tsv"):
        df.to_csv(tmp, index=False, sep="," if fmt == "csv" else "\t", lineterminator="\n")
    elif fmt in ("jsonl", "json"):
        df.to_json(
            tmp,
            orient="records",
            lines=fmt == "jsonl",
            force_ascii=False,
            date_format="iso",
            default_handler=str,
        )
    elif fmt == "parquet":
        df.to_parquet(tmp, index=False)
    else:
        df.to_excel(tmp, index=False, engine="openpyxl")
    os.replace(tmp, path)
    return path


def cluster_scored_file(
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    text_col: str | None = None,
    time_col: str | None = None,
    summary: str | os.PathLike[str] | None = None,
    **kwargs: Any,
) -> pd.DataFrame:
    """Add ``cluster_id`` and ``cluster_size`` to a scored file in place.

    The post-pass behind ``hoaxguard score --clusters``: reads the whole file
    (clusters need every post), adds the columns, rewrites the file in its
    format and optionally writes the per-cluster summary as CSV.

    Parameters
    ----------
    path : path-like
        Scored file; rewritten atomically.
    fmt : str, optional
        Its format (default: from the extension).
    text_col : str, optional
        Text column; detected like ``hoaxguard score`` does when omitted.
    time_col : str, optional
        Time column (default: ``created_at``, ``timestamp``, ``date`` ... when present).
    summary : path-like, optional
        Where to write the clusters table (CSV), e.g. ``posts.scored.clusters.csv``.
    **kwargs
        Passed to :func:`hoaxguard.report.cluster_narratives`.

    Returns
    -------
    DataFrame
        The clusters table of :func:`hoaxguard.report.cluster_narratives`.
    """
    from hoaxguard.report._clusters import add_cluster_columns

    df = read_scored(path, fmt)
    if text_col is None:
        from hoaxguard.batch import detect_text_column

        text_col = detect_text_column(list(df.columns))
    out, clusters = add_cluster_columns(
        df, text_col=text_col, time_col=time_col, return_clusters=True, **kwargs
    )
    write_scored(out, path, fmt)
    if summary is not None:
        clusters.to_csv(summary, index=False, lineterminator="\n")
    return clusters
