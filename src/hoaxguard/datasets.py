"""Load labelled training data: the uniform corpus schema or any CSV/DataFrame.

Two entry points:

* :func:`load_corpus` reads files (or a directory) in the uniform corpus schema
  (``id, text, title, label, kind, date, dataset, label_orig, url, lang_note``),
  e.g. ``../shared/corpus``. Source-specific placeholders (``USER``, ``URL``,
  ``[USERNAME]``, ``[URL]``) are mapped to hoaxguard's own placeholder tokens so
  they cannot become class markers.
* :func:`load_labeled` reads any CSV/Excel/Parquet file or DataFrame with a text
  column and a label column and maps the labels to 1 (hoax) / 0 (valid).

Both return a DataFrame with at least ``text`` (str) and ``y`` (int 1/0).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "SCHEMA_COLUMNS",
    "POSITIVE_LABELS",
    "NEGATIVE_LABELS",
    "load_corpus",
    "load_labeled",
    "load_training_data",
    "load_factcheck_claims",
    "binarize_labels",
    "normalize_source_placeholders",
    "is_corpus_frame",
]

SCHEMA_COLUMNS: tuple[str, ...] = (
    "id", "text", "title", "label", "kind", "date", "dataset", "label_orig", "url", "lang_note",
)
# files in a corpus directory that are not in the uniform schema
_NON_SCHEMA_FILES = {"factchecks.csv"}

POSITIVE_LABELS = frozenset({"1", "hoax", "hoaks", "true", "yes", "fake", "salah", "hoax_news", "h"})
NEGATIVE_LABELS = frozenset({"0", "valid", "fakta", "false", "no", "real", "benar", "fact", "v", "-1"})

# Upstream placeholders per source: (pattern, replacement). Applied everywhere
# (the uppercase forms are not used as words in Indonesian text) so that a
# user mention is the same feature whichever dataset it comes from.
_PLACEHOLDERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[USERNAME\]"), " xxmention "),
    (re.compile(r"\[URL\]"), " xxurl "),
    (re.compile(r"\bUSER\b"), " xxmention "),
    (re.compile(r"\bURL\b"), " xxurl "),
)
_SPACES = re.compile(r"[ \t]{2,}")


class DataError(ValueError):
    """Training/evaluation data that cannot be used (missing column, unknown label)."""


def normalize_source_placeholders(texts: pd.Series) -> pd.Series:
    """Replace upstream placeholders (``USER``, ``[URL]`` ...) by hoaxguard's tokens.

    Parameters
    ----------
    texts : pd.Series of str

    Returns
    -------
    pd.Series
        Same index, placeholders replaced by ``xxmention`` / ``xxurl``.
    """
    out = texts.fillna("").astype(str)
    for pattern, repl in _PLACEHOLDERS:
        out = out.str.replace(pattern, repl, regex=True)
    return out.str.replace(_SPACES, " ", regex=True).str.strip()


def binarize_labels(
    labels: Iterable[object],
    positive_label: str | Sequence[str] | None = None,
) -> np.ndarray:
    """Map labels to 1 (hoax) / 0 (valid).

    Parameters
    ----------
    labels : iterable
        Raw labels (strings, ints, bools).
    positive_label : str or list of str, optional
        Values meaning "hoax". When given, every other value is 0. When None,
        common spellings are recognised (``hoax``/``1``/``true`` vs
        ``valid``/``0``/``false``); anything else raises :class:`DataError`.
    """
    values = pd.Series(list(labels), dtype=object)
    if values.isna().any():
        raise DataError(f"{int(values.isna().sum())} rows have no label")
    norm = values.map(lambda v: str(int(v)) if isinstance(v, (bool, np.bool_)) else str(v))
    norm = norm.str.strip().str.lower().str.replace(r"\.0$", "", regex=True)
    if positive_label is not None:
        pos = [positive_label] if isinstance(positive_label, str) else list(positive_label)
        pos_set = {str(p).strip().lower() for p in pos}
        return norm.isin(pos_set).to_numpy(dtype=np.int64)
    unknown = sorted(set(norm) - POSITIVE_LABELS - NEGATIVE_LABELS)
    if unknown:
        raise DataError(
            f"unknown label value(s) {unknown[:5]}; pass positive_label (--positive-label) "
            "to say which value means hoax"
        )
    return norm.isin(POSITIVE_LABELS).to_numpy(dtype=np.int64)


def is_corpus_frame(df: pd.DataFrame) -> bool:
    """True when ``df`` has the uniform corpus schema's key columns."""
    return {"id", "text", "label", "kind", "dataset", "date"}.issubset(df.columns)


def _read_table(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    if suffix == ".tsv":
        return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    if suffix in (".parquet", ".pq"):
        return pd.read_parquet(path)
    if suffix in (".xlsx", ".xls"):
        return pd.read_excel(path, dtype=str).fillna("")
    if suffix in (".jsonl", ".ndjson"):
        return pd.read_json(path, lines=True, dtype=False)
    raise DataError(f"{path}: unsupported file type {suffix!r} (use csv, tsv, parquet, xlsx, jsonl)")


def _expand(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> list[Path]:
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    files: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.glob("*.csv") if f.name not in _NON_SCHEMA_FILES)
            if not found:
                raise DataError(f"{p}: no .csv files in this directory")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"no such file or directory: {p}")
    return files


def load_corpus(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    kinds: Iterable[str] | None = None,
    datasets: Iterable[str] | None = None,
    placeholders: bool = True,
) -> pd.DataFrame:
    """Read corpus files in the uniform schema (a directory or a list of CSV files).

    Parameters
    ----------
    paths : path or list of paths
        Files, or directories whose ``*.csv`` files are read (``factchecks.csv``,
        which has another schema, is skipped).
    kinds, datasets : iterable of str, optional
        Keep only these ``kind`` / ``dataset`` values.
    placeholders : bool, default True
        Map upstream placeholders to hoaxguard's tokens (see
        :func:`normalize_source_placeholders`).

    Returns
    -------
    pd.DataFrame
        The schema columns plus ``y`` (1 = hoax) and ``date`` parsed to
        ``datetime64`` (NaT when undated). Index is 0..n-1.
    """
    frames = []
    for f in _expand(paths):
        df = _read_table(f)
        missing = [c for c in ("text", "label") if c not in df.columns]
        if missing:
            raise DataError(f"{f}: not in the corpus schema (missing {missing})")
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    for col in SCHEMA_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    df = df.fillna({c: "" for c in SCHEMA_COLUMNS})
    if kinds is not None:
        df = df[df["kind"].isin(list(kinds))]
    if datasets is not None:
        df = df[df["dataset"].isin(list(datasets))]
    df = df.reset_index(drop=True)
    if placeholders:
        df["text"] = normalize_source_placeholders(df["text"])
    df["y"] = binarize_labels(df["label"])
    df["date"] = pd.to_datetime(df["date"].replace("", None), errors="coerce", format="%Y-%m-%d")
    return df


def load_factcheck_claims(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Circulated claims of a claim -> fact-check table (``factchecks.csv``) in the corpus schema.

    Only the ``claim`` text is used (never the fact-checker's explanation, whose
    vocabulary would become a class marker). Verdict ``salah`` -> hoax,
    ``benar`` -> valid; other verdicts (klarifikasi, none) are skipped.

    Returns
    -------
    pd.DataFrame
        Schema columns plus ``y`` and parsed ``date``; ``kind`` = ``claim``,
        ``dataset`` = ``factchecks``.
    """
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"id", "claim", "verdict", "date"} - set(raw.columns)
    if missing:
        raise DataError(f"{path}: not a fact-check table (missing {sorted(missing)})")
    verdict = raw["verdict"].str.strip().str.lower()
    raw = raw[verdict.isin(["salah", "benar"]) & (raw["claim"].str.strip() != "")]
    df = pd.DataFrame({
        "id": "factchecks:" + raw["id"], "text": normalize_source_placeholders(raw["claim"]),
        "title": "", "label": np.where(raw["verdict"].str.lower().str.strip() == "salah",
                                       "hoax", "valid"),
        "kind": "claim", "date": raw["date"], "dataset": "factchecks",
        "label_orig": raw["verdict"], "url": raw.get("url", ""), "lang_note": "",
    }).reset_index(drop=True)
    df["y"] = binarize_labels(df["label"])
    df["date"] = pd.to_datetime(df["date"].replace("", None), errors="coerce", format="%Y-%m-%d")
    return df


def load_labeled(
    data: pd.DataFrame | str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    text_col: str = "text",
    label_col: str = "label",
    positive_label: str | Sequence[str] | None = None,
    date_col: str | None = None,
) -> pd.DataFrame:
    """Read any labelled table(s) and map labels to ``y`` (1 = hoax, 0 = valid).

    Parameters
    ----------
    data : DataFrame, path or list of paths
        CSV/TSV/Parquet/Excel/JSONL files, or a DataFrame.
    text_col, label_col : str
        Names of the text and label columns.
    positive_label : str or list of str, optional
        Label value(s) meaning hoax (see :func:`binarize_labels`).
    date_col : str, optional
        A date column, parsed into ``date`` (for time-based evaluation).

    Returns
    -------
    pd.DataFrame
        All input columns plus ``text`` (str, empty when missing), ``y`` and,
        when ``date_col`` is given or present as ``date``, ``date``.
    """
    if isinstance(data, pd.DataFrame):
        df = data.copy()
        source = "DataFrame"
    else:
        files = _expand(data)
        df = pd.concat([_read_table(f) for f in files], ignore_index=True)
        source = ", ".join(str(f) for f in files[:3])
    for col in (text_col, label_col):
        if col not in df.columns:
            raise DataError(
                f"{source}: no column {col!r} (columns: {', '.join(map(str, df.columns[:12]))})"
            )
    df["text"] = df[text_col].where(df[text_col].notna(), "").astype(str)
    df["y"] = binarize_labels(df[label_col], positive_label)
    dcol = date_col or ("date" if "date" in df.columns else None)
    if dcol is not None:
        if dcol not in df.columns:
            raise DataError(f"{source}: no date column {dcol!r}")
        raw = df[dcol].astype(object).where(df[dcol].notna() & (df[dcol].astype(str) != ""), None)
        df["date"] = pd.to_datetime(raw, errors="coerce")
    return df


def load_training_data(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | pd.DataFrame,
    *,
    text_col: str = "text",
    label_col: str = "label",
    positive_label: str | Sequence[str] | None = None,
    date_col: str | None = None,
) -> pd.DataFrame:
    """Read training data, choosing the corpus reader when the schema matches.

    Directories and files with the uniform corpus schema go through
    :func:`load_corpus` (with its placeholder mapping) unless other column
    names are asked for; everything else through :func:`load_labeled`.
    """
    custom = (text_col, label_col, positive_label, date_col) != ("text", "label", None, None)
    if isinstance(paths, pd.DataFrame):
        if is_corpus_frame(paths) and not custom:
            df = paths.copy().reset_index(drop=True)
            df["text"] = normalize_source_placeholders(df["text"])
            df["y"] = binarize_labels(df["label"])
            df["date"] = pd.to_datetime(df["date"].replace("", None), errors="coerce")
            return df
        return load_labeled(paths, text_col=text_col, label_col=label_col,
                            positive_label=positive_label, date_col=date_col)
    files = _expand(paths)
    if not custom:
        head = [_read_table(f).head(0) for f in files if f.suffix.lower() == ".csv"]
        if len(head) == len(files) and all(is_corpus_frame(h) for h in head):
            return load_corpus(files)
    return load_labeled(files, text_col=text_col, label_col=label_col,
                        positive_label=positive_label, date_col=date_col)
