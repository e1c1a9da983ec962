"""The one reader of users' files for every command: :func:`open_table`, :func:`read_table`.

Both go through the same per-format readers as ``hoaxguard score`` (encoding per
row, delimiter sniffing, Excel named ``.csv``, long fields, binary files refused
in one line), so every command reads a file the same way and fails with the
same one-line messages (:class:`InputFormatError`, :class:`FileNotFoundError`,
:class:`ValueError`).
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Callable
from typing import Any

import pandas as pd

from hoaxguard.batch._quarantine import MAX_TEXT_CHARS, QuarantineRecord
from hoaxguard.batch._readers import DelimitedReader, Reader, format_of, open_reader

__all__ = ["open_table", "read_table"]


def open_table(
    source: str | os.PathLike[str] | Any,
    *,
    format: str | None = None,
    encoding: str | None = None,
    fallback_encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    chunk_size: int = 5_000,
    max_chars: int = MAX_TEXT_CHARS,
) -> Reader:
    """Open a user's file (path, ``"-"`` = stdin, or binary stream) for chunked reading.

    Parameters
    ----------
    source : path, ``"-"`` or binary stream
        CSV/TXT (delimiter sniffed), TSV, JSON Lines, JSON array, Excel, Parquet.
    format : str, optional
        ``csv``, ``tsv``, ``jsonl``, ``json``, ``xlsx``, ``parquet`` (``txt`` =
        ``csv``); default from the extension (stdin: csv).
    encoding, fallback_encoding : str, optional
        Text encoding (default auto: BOMs and UTF-16 recognised, else UTF-8 per
        row) and the encoding of a row that is not valid in it (default
        cp1252; ``"none"`` quarantines such rows). Any codec Python knows.
    delimiter : str, optional
        CSV column separator (one character, or ``tab``/``semicolon``/...);
        default sniffed among comma, semicolon, tab and pipe.
    sheet : str, optional
        Excel sheet (default: the first).
    chunk_size : int
        Records per chunk.
    max_chars : int
        Longest text; a CSV field over ``4 * max_chars`` characters (at least
        1 MiB) is quarantined as "text longer than N characters" without being
        held in memory.

    Returns
    -------
    Reader
        ``.columns``, ``.warnings`` (known after opening), ``.chunks()``
        yielding :class:`RawChunk` (``frame``, ``rows``, ``lines``, ``bad``:
        quarantined :class:`QuarantineRecord`), ``.end_warnings()`` (after
        reading) and ``.close()``; usable as a context manager.

    Raises
    ------
    InputFormatError, FileNotFoundError, ValueError
        With a one-line message (empty file, binary data, unknown encoding ...).
    """
    fmt = format_of(source, format)
    return open_reader(
        source,
        fmt,
        chunk_size=chunk_size,
        encoding=encoding,
        fallback_encoding=fallback_encoding,
        delimiter=delimiter,
        max_chars=max_chars,
        sheet=sheet,
    )


def _as_text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def read_table(
    source: str | os.PathLike[str] | Any,
    *,
    format: str | None = None,
    encoding: str | None = None,
    fallback_encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    max_chars: int = MAX_TEXT_CHARS,
    as_text: bool = False,
    quarantined: list[QuarantineRecord] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """Read a whole user's file into a DataFrame (the same reader as :func:`open_table`).

    Parameters
    ----------
    source, format, encoding, fallback_encoding, delimiter, sheet, max_chars
        As in :func:`open_table`.
    as_text : bool
        Every value as a string, missing values as ``""`` (CSV fields always are).
    quarantined : list, optional
        Receives the records that could not be read (malformed CSV, field too
        long ...); when None they are reported through ``on_warning``.
    on_warning : callable, optional
        Called with each warning line (delimiter detected, rows decoded with
        the fallback, rows skipped); default :func:`warnings.warn`.

    Returns
    -------
    DataFrame
        The readable records, in file order, with a fresh ``RangeIndex``.
    """
    warn = on_warning or (lambda msg: warnings.warn(msg, UserWarning, stacklevel=3))
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else "input"
    bad: list[QuarantineRecord] = []
    frames = []
    reader = open_table(
        source,
        format=format,
        encoding=encoding,
        fallback_encoding=fallback_encoding,
        delimiter=delimiter,
        sheet=sheet,
        max_chars=max_chars,
    )
    try:
        for msg in reader.warnings:
            warn(f"{name}: {msg}")
        for chunk in reader.chunks():
            bad.extend(chunk.bad)
            if len(chunk.frame):
                frames.append(chunk.frame)
        for msg in reader.end_warnings():
            warn(f"{name}: {msg}")
        columns = list(reader.columns)
        reader_is_text = isinstance(reader, DelimitedReader)
    finally:
        reader.close()
    if frames:
        df = pd.concat(frames, ignore_index=True)
    else:
        df = pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    if as_text:
        for col in df.columns:
            df[col] = df[col].map(_as_text)
    if as_text or reader_is_text:
        df = df.astype(str)  # the dtype pandas gives text read with dtype=str
    if quarantined is not None:
        quarantined.extend(bad)
    elif bad:
        first = bad[0]
        where = f"row {first.row}" + (f", line {first.line}" if first.line is not None else "")
        warn(
            f"{name}: {len(bad)} record(s) could not be read and were skipped "
            f"(first: {where}: {first.reason})"
        )
    return df
