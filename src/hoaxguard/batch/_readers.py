"""Chunked readers, one per input format, that never lose a record.

Every reader yields :class:`RawChunk` objects: the records it could parse (all
columns, as read) plus :class:`QuarantineRecord` entries for those it could not,
with their row and line numbers, so that rows in == rows parsed + malformed.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import itertools
import json
import os
import sys
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from hoaxguard.batch._encoding import (
    SAMPLE_BYTES,
    PrefixedStream,
    ascii_compatible,
    bom_encoding,
    container_kind,
    decode_line,
    guess_utf16,
    looks_binary,
    resolve_codec,
    sniff_delimiter,
)
from hoaxguard.batch._quarantine import MAX_TEXT_CHARS, QuarantineRecord, record_as_json

#: Format name for each file extension (lower-case).
EXTENSIONS: dict[str, str] = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
#: Supported formats.
FORMATS: tuple[str, ...] = ("csv", "tsv", "jsonl", "json", "parquet", "xlsx")
#: Formats that can be read from stdin / written to stdout.
STREAM_FORMATS: tuple[str, ...] = ("csv", "tsv", "jsonl", "json")


class InputFormatError(ValueError):
    """The input cannot be read at all (bad header, broken JSON array, ...)."""


def format_of(path: str | Path, fmt: str | None = None, default: str = "csv") -> str:
    """The format of ``path``: ``fmt`` when given, else from the extension.

    ``"-"`` (stdin/stdout) has no extension and gets ``default``.
    """
    if fmt:
        fmt = fmt.lower().lstrip(".")
        fmt = {"excel": "xlsx", "ndjson": "jsonl", "txt": "csv"}.get(fmt, fmt)
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        return fmt
    if str(path) == "-":
        return default
    suffix = Path(str(path)).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    raise ValueError(
        f"cannot tell the format of {str(path)!r} from its extension; use --format "
        f"({', '.join(FORMATS)})"
    )


@dataclass
class RawChunk:
    """Records read from one chunk of the input."""

    frame: pd.DataFrame
    rows: np.ndarray
    lines: np.ndarray | None
    bad: list[QuarantineRecord]
    n_read: int
    position: dict[str, int]


@dataclass
class Reader:
    """Base of the format readers: columns, encoding, warnings, chunks."""

    columns: list[str] = field(default_factory=list)
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    total_rows: int | None = None

    def chunks(self) -> Iterator[RawChunk]:  # pragma: no cover - abstract
        raise NotImplementedError

    def end_warnings(self) -> list[str]:
        """Summary lines known only after reading (rows decoded with the fallback ...)."""
        return []

    def close(self) -> None:
        """Release the input."""

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _dedupe(names: list[str]) -> tuple[list[str], list[str]]:
    seen: dict[str, int] = {}
    out = []
    renamed = []
    for name in names:
        if name in seen:
            seen[name] += 1
            new = f"{name}.{seen[name]}"
            while new in seen:
                seen[name] += 1
                new = f"{name}.{seen[name]}"
            renamed.append(f"{name!r} -> {new!r}")
            out.append(new)
            seen[new] = 0
        else:
            seen[name] = 0
            out.append(name)
    return out, renamed


def _open_binary(source: str | Path | BinaryIO) -> tuple[BinaryIO, bool]:
    """Open ``source`` for binary reading; returns (stream, close_it)."""
    if str(source) == "-":
        return sys.stdin.buffer, False
    if hasattr(source, "read"):
        return source, False  # type: ignore[return-value]
    return open(source, "rb"), True  # noqa: SIM115 - closed by the reader


def _not_text_message(kind: str, head: bytes) -> str:
    """One line saying what a binary file is and what to do with it."""
    if kind == "zip":
        if b"xl/" in head[:65536] or b"[Content_Types].xml" in head[:65536]:
            return (
                "this is an Excel workbook, not CSV text: rename it to .xlsx "
                "(or give --format xlsx)"
            )
        return "this is a zip archive, not CSV text: unpack it first"
    if kind == "ole":
        return (
            "this is an old Excel .xls (or another Office) file, not CSV text: open it in "
            "Excel and save it as .xlsx or 'CSV UTF-8'"
        )
    if kind == "parquet":
        return "this is a Parquet file, not CSV text: rename it to .parquet (or --format parquet)"
    if kind == "gzip":
        return "this file is gzip-compressed: decompress it first (gunzip)"
    if kind == "pdf":
        return "this is a PDF document, not a table"
    return "this is binary data, not a text table (is it an .xlsx/.parquet/.zip renamed?)"


class _LineTooLong(Exception):
    """A physical line longer than the reader's limit (its rest was skipped)."""

    def __init__(self, line: int, size: int) -> None:
        super().__init__(line, size)
        self.line = line
        self.size = size


class _LineIter:
    """Iterator over a reader's decoded lines; may raise :class:`_LineTooLong` and go on."""

    def __init__(self, reader: _TextReader) -> None:
        self._reader = reader

    def __iter__(self) -> _LineIter:
        return self

    def __next__(self) -> str:
        return self._reader._next_line()


#: How many example row numbers a summary line names.
_EXAMPLES = 10


class _TextReader(Reader):
    """Shared setup of the line-based formats: encoding per line, line access.

    ``encoding`` None/``"auto"``: a byte-order mark (UTF-8, UTF-16, UTF-32) or
    BOM-less UTF-16 is recognised; otherwise every line is decoded as UTF-8 and
    a line that is not valid UTF-8 as ``fallback`` (default Windows-1252). Any
    codec Python knows may be given; ``fallback`` then applies only when given
    (``"none"`` turns it off: undecodable rows are quarantined).
    """

    def __init__(
        self,
        source: Any,
        encoding: str | None,
        fallback: str | None = None,
        max_line: int | None = None,
    ) -> None:
        super().__init__()
        stream, self._close = _open_binary(source)
        self._raw_stream = stream
        try:
            self._setup(stream, encoding, fallback, max_line)
        except BaseException:
            self.close()
            raise

    def _setup(
        self, stream: BinaryIO, encoding: str | None, fallback: str | None, max_line: int | None
    ) -> None:
        head = stream.read(SAMPLE_BYTES)
        kind = container_kind(head)
        if kind is not None:
            raise InputFormatError(_not_text_message(kind, head))
        name = (encoding or "auto").strip().lower()
        fb = None if fallback is None else fallback.strip().lower()
        if fb in ("none", "off", "no", ""):
            fb, fallback_given = None, True
        else:
            fallback_given = fb is not None
            fb = resolve_codec(fb) if fb else None
        if name == "auto":
            enc = bom_encoding(head) or guess_utf16(head) or "utf-8"
            if enc in ("utf-8", "utf-8-sig") and not fallback_given:
                fb = "cp1252"
        else:
            enc = resolve_codec(name)
            if enc in ("latin-1", "iso8859-1", "cp1252"):
                enc = "cp1252"
            elif enc in ("utf-8", "utf-8-sig"):
                enc = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
                if not fallback_given:
                    fb = "cp1252"
            elif enc in ("utf-16", "utf-32") and not bom_encoding(head):
                enc = guess_utf16(head) or ("utf-16-le" if enc == "utf-16" else "utf-32-le")
        self._fallback = fb if fb != enc else None
        self.encoding = enc
        self._binary = ascii_compatible(enc)
        if self._binary and looks_binary(head):
            raise InputFormatError(_not_text_message("binary", head))
        self._max_line = max_line
        self._line_no = 0
        self._bad_line: int | None = None
        self._recoded = False
        self._replaced = False
        self._raw: list[str] = []
        self._first = True
        self.recoded_rows: list[int] = []
        self.n_recoded = 0
        self.replaced_rows: list[int] = []
        self.n_replaced = 0
        self.n_recoded_lines = 0
        if self._binary:
            self._enc = "utf-8" if enc == "utf-8-sig" else enc
            cr_only = b"\r" in head and b"\n" not in head
            if cr_only:
                self.warnings.append("line ends are CR only (old Mac export); read as line ends")
            self._lines: Any = io.BufferedReader(PrefixedStream(head, stream, cr_only), 1 << 20)
        else:
            self._enc = enc
            buffered = io.BufferedReader(PrefixedStream(head, stream), 1 << 20)
            self._lines = io.TextIOWrapper(buffered, encoding=enc, errors="replace", newline="")

    # -- lines -------------------------------------------------------------------------
    def _next_line(self) -> str:
        """The next decoded line (with its line end); StopIteration at the end."""
        limit = self._max_line or -1
        line = self._lines.readline(limit)
        if not line:
            raise StopIteration
        self._line_no += 1
        nl = b"\n" if self._binary else "\n"
        if self._max_line and len(line) >= self._max_line and not line.endswith(nl):
            size = len(line)
            head = line[:2000]
            while True:  # skip the rest of the physical line, in bounded pieces
                more = self._lines.readline(limit)
                size += len(more)
                if not more or more.endswith(nl):
                    break
            text = head.decode(self._enc, errors="replace") if self._binary else head
            self._first = False
            self._raw.append(text + "...")
            raise _LineTooLong(self._line_no, size)
        if self._binary:
            if self._first and line.startswith(codecs.BOM_UTF8):
                line = line[3:]
            text, status = decode_line(line, self._enc, self._fallback)
            if status == "fallback":
                self._recoded = True
                self.n_recoded_lines += 1
            elif status == "bad" and self._bad_line is None:
                self._bad_line = self._line_no
        else:
            text = line
            if "\ufffd" in text:
                self._replaced = True
        self._first = False
        self._raw.append(text)
        return text

    def _text_lines(self) -> Iterator[str]:
        """Decoded lines; remembers the raw text and the first undecodable line."""
        while True:
            try:
                yield self._next_line()
            except StopIteration:
                return

    def _skip_lines(self, n: int) -> None:
        limit = self._max_line or (1 << 20)
        nl = b"\n" if self._binary else "\n"
        skipped = 0
        while skipped < n:
            line = self._lines.readline(limit)  # bounded pieces of one physical line
            if not line:
                break
            if line.endswith(nl) or len(line) < limit:
                skipped += 1
                self._line_no += 1
        self._first = False

    def _note_row(self, row: int) -> None:
        """Record that ``row`` was re-decoded / had bytes replaced (for the summary)."""
        if self._recoded:
            self.n_recoded += 1
            if len(self.recoded_rows) < _EXAMPLES:
                self.recoded_rows.append(row)
        if self._replaced:
            self.n_replaced += 1
            if len(self.replaced_rows) < _EXAMPLES:
                self.replaced_rows.append(row)
        self._recoded = self._replaced = False

    def end_warnings(self) -> list[str]:
        """Summary lines about rows decoded differently (call after reading)."""
        out = []
        if self.n_recoded:
            rows = ", ".join(map(str, self.recoded_rows))
            more = ", ..." if self.n_recoded > len(self.recoded_rows) else ""
            out.append(
                f"{self.n_recoded} row(s) were not valid {self._enc.upper()} and were read as "
                f"{self._fallback} (rows {rows}{more}); the other rows are unchanged "
                "(use --encoding to choose)"
            )
        if self.n_replaced:
            rows = ", ".join(map(str, self.replaced_rows))
            more = ", ..." if self.n_replaced > len(self.replaced_rows) else ""
            out.append(
                f"{self.n_replaced} row(s) had bytes that are not {self.encoding}, replaced "
                f"by U+FFFD (rows {rows}{more})"
            )
        return out

    def close(self) -> None:
        if self._close:
            self._raw_stream.close()


def _delimiter_arg(value: str | None) -> str | None:
    """``--delimiter`` value as one character (``tab``/``\\t`` = TAB); None = sniff."""
    if value is None or value == "" or value.lower() == "auto":
        return None
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}
    delim = named.get(value.lower(), value)
    if len(delim) != 1 or delim in "\r\n\"":
        raise ValueError(
            f"--delimiter must be one character (or tab, comma, semicolon, pipe), not {value!r}"
        )
    return delim


class DelimitedReader(_TextReader):
    """CSV/TSV reader (RFC 4180 quoting, strict): every field read as a string.

    The delimiter is sniffed (comma, semicolon, tab, pipe) unless given.
    Malformed records (bad quoting, wrong number of fields, undecodable bytes)
    are quarantined with their raw lines; a record with a field longer than the
    line limit is quarantined as "text longer than N characters" without being
    held in memory.
    """

    def __init__(
        self,
        source: Any,
        *,
        delimiter: str | None = ",",
        encoding: str | None = None,
        fallback_encoding: str | None = None,
        chunk_size: int = 5_000,
        start: dict[str, int] | None = None,
        max_chars: int = MAX_TEXT_CHARS,
    ) -> None:
        self.max_chars = max_chars
        # a physical line (and a field) may hold the longest text 4 times over
        # (quotes, other columns, UTF-8 bytes) before it is cut off unread
        self.max_line = max(4 * max_chars, 1 << 20)
        super().__init__(source, encoding, fallback_encoding, max_line=self.max_line)
        try:
            self._init_csv(delimiter, chunk_size, start)
        except BaseException:
            self.close()
            raise

    def _init_csv(
        self, delimiter: str | None, chunk_size: int, start: dict[str, int] | None
    ) -> None:
        self.chunk_size = chunk_size
        if delimiter is None:
            delimiter = sniff_delimiter(self._peek_text()) or ","
            if delimiter != ",":
                shown = {"\t": "tab", ";": "semicolon", "|": "pipe"}.get(delimiter, delimiter)
                self.warnings.append(
                    f"columns are separated by {shown} ({delimiter!r}); detected, use "
                    "--delimiter to override"
                )
        self.delimiter = delimiter
        if csv.field_size_limit() < self.max_line:
            csv.field_size_limit(self.max_line)
        self._reader = csv.reader(_LineIter(self), delimiter=delimiter, strict=True)
        header = None
        while header is None:
            try:
                rec = next(self._reader)
            except StopIteration:
                raise InputFormatError("the input is empty (no header row)") from None
            except _LineTooLong as exc:
                raise InputFormatError(
                    f"the header row (line {exc.line}) is longer than {self.max_line:,} "
                    "characters: not a CSV header"
                ) from None
            except csv.Error as exc:
                raise InputFormatError(f"cannot read the header row: {exc}") from None
            if rec:
                header = rec
        self._raw.clear()
        self._recoded = self._replaced = False
        if self._bad_line is not None:
            raise InputFormatError(
                f"undecodable bytes in the header (line {self._bad_line}); "
                "give --encoding"
            )
        self.columns, renamed = _dedupe(list(header))
        if renamed:
            self.warnings.append(f"duplicate column names renamed: {', '.join(renamed)}")
        self.header_lines = self._line_no
        self._row = 0
        if start:
            self._skip_lines(start["lines"] - self.header_lines)
            self._row = start["rows"]
        self._base = self._line_no - self._reader.line_num  # lines skipped outside csv

    def _peek_text(self) -> str:
        """The first decoded lines (up to 64 KiB), without consuming them."""
        if self._binary:
            data = self._lines.peek(65536)[:65536]
            cut = data.rfind(b"\n")
            data = data[: cut + 1] if cut >= 0 else data
            if data.startswith(codecs.BOM_UTF8):
                data = data[3:]
            return "\n".join(
                decode_line(line, self._enc, self._fallback)[0] for line in data.split(b"\n")
            )
        data = self._lines.buffer.peek(65536)[:65536]
        dec = codecs.getincrementaldecoder(self.encoding)(errors="replace")
        text = dec.decode(data, final=False)
        return text.lstrip("\ufeff")

    def _too_long(self, row: int, line: int, raw: str) -> QuarantineRecord:
        return QuarantineRecord(
            row,
            line,
            f"text longer than {self.max_chars:,} characters (a field of over "
            f"{self.max_line:,} characters starting on line {line}; not read)",
            raw[:2000],
        )

    def chunks(self) -> Iterator[RawChunk]:
        reader = self._reader
        raw = self._raw
        ncol = len(self.columns)
        done = False
        while not done:
            records: list[list[str]] = []
            rows: list[int] = []
            lines: list[int] = []
            bad: list[QuarantineRecord] = []
            while len(records) + len(bad) < self.chunk_size:
                start = reader.line_num + self._base + 1
                raw.clear()
                try:
                    rec = next(reader)
                except StopIteration:
                    done = True
                    break
                except _LineTooLong:
                    self._base += 1  # csv did not count the line it could not get
                    self._row += 1
                    self._bad_line = None
                    self._recoded = self._replaced = False
                    bad.append(self._too_long(self._row, start, "".join(raw)))
                    continue
                except csv.Error as exc:
                    self._row += 1
                    self._bad_line = None
                    self._recoded = self._replaced = False
                    if "field larger than field limit" in str(exc):
                        bad.append(self._too_long(self._row, start, "".join(raw)))
                    else:
                        bad.append(
                            QuarantineRecord(
                                self._row, start, f"malformed CSV: {exc}", "".join(raw)
                            )
                        )
                    continue
                if not rec:
                    continue
                self._row += 1
                if self._bad_line is not None:
                    reason = f"undecodable bytes (not {self.encoding}) on line {self._bad_line}"
                    self._bad_line = None
                    self._recoded = self._replaced = False
                    bad.append(QuarantineRecord(self._row, start, reason, "".join(raw)))
                elif len(rec) != ncol:
                    self._recoded = self._replaced = False
                    bad.append(
                        QuarantineRecord(
                            self._row,
                            start,
                            f"expected {ncol} fields, found {len(rec)}",
                            "".join(raw),
                        )
                    )
                else:
                    self._note_row(self._row)
                    records.append(rec)
                    rows.append(self._row)
                    lines.append(start)
            if done and not records and not bad:
                break
            frame = pd.DataFrame(records, columns=self.columns, dtype=object)
            if not records:
                frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in self.columns})
            yield RawChunk(
                frame=frame,
                rows=np.asarray(rows, dtype=np.int64),
                lines=np.asarray(lines, dtype=np.int64),
                bad=bad,
                n_read=len(records) + len(bad),
                position={"lines": reader.line_num + self._base, "rows": self._row},
            )


def _object_problem(obj: Any, columns: set[str]) -> str | None:
    """Why a decoded JSON value cannot be a row (None when it can)."""
    if not isinstance(obj, dict):
        return f"not a JSON object ({type(obj).__name__})"
    extra = [k for k in obj if k not in columns]
    if extra:
        return (
            f"unexpected keys {', '.join(map(repr, extra))} (columns come from the first object)"
        )
    return None


def _records_chunk(
    records: list[dict[str, Any]],
    rows: list[int],
    lines: list[int],
    bad: list[QuarantineRecord],
    columns: list[str],
    state: dict[str, int],
) -> RawChunk:
    """A chunk of JSON objects as a frame of the given columns (values kept as decoded)."""
    frame = pd.DataFrame({c: pd.Series([r.get(c) for r in records], dtype=object) for c in columns})
    return RawChunk(
        frame,
        np.asarray(rows, dtype=np.int64),
        np.asarray(lines, dtype=np.int64),
        bad,
        len(records) + len(bad),
        state,
    )


class JsonLinesReader(_TextReader):
    """JSON Lines reader: one object per line; columns = keys of the first object.

    Invalid JSON, non-object lines, undecodable bytes and objects with keys the
    first object does not have are quarantined.
    """

    def __init__(
        self,
        source: Any,
        *,
        encoding: str | None = None,
        chunk_size: int = 5_000,
        start: dict[str, int] | None = None,
    ) -> None:
        super().__init__(source, encoding)
        self.chunk_size = chunk_size
        self._it = self._text_lines()
        self._pending: list[tuple[int, str]] = []
        self._row = 0
        # the first object defines the columns (read ahead, kept pending)
        for text in self._it:
            self._pending.append((self._line_no, text))
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except (ValueError, RecursionError):
                continue
            if isinstance(obj, dict):
                self.columns = [str(k) for k in obj]
                break
        else:
            what = "no line is a JSON object" if any(t.strip() for _, t in self._pending) else "the input is empty"
            self.close()  # the caller never gets this reader: close its file here
            raise InputFormatError(
                f"no JSON object found ({what}); JSON Lines needs one {{...}} object per line"
            )
        if start:
            self._pending = [(n, t) for n, t in self._pending if n > start["lines"]]
            self._skip_lines(max(0, start["lines"] - self._line_no))
            self._row = start["rows"]

    def _numbered(self) -> Iterator[tuple[int, str]]:
        yield from self._pending
        self._pending = []
        for text in self._it:
            yield self._line_no, text

    def chunks(self) -> Iterator[RawChunk]:
        columns = self.columns
        colset = set(columns)
        numbered = self._numbered()
        done = False
        while not done:
            records: list[dict[str, Any]] = []
            rows: list[int] = []
            lines: list[int] = []
            bad: list[QuarantineRecord] = []
            last_line = self._line_no
            while len(records) + len(bad) < self.chunk_size:
                try:
                    line_no, text = next(numbered)
                except StopIteration:
                    done = True
                    break
                last_line = line_no
                if not text.strip():
                    continue
                self._row += 1
                raw = text.rstrip("\r\n")
                if self._bad_line is not None:
                    self._bad_line = None
                    self._recoded = self._replaced = False
                    bad.append(
                        QuarantineRecord(
                            self._row, line_no, f"undecodable bytes (not {self.encoding})", raw
                        )
                    )
                    continue
                try:
                    obj = json.loads(text)
                except ValueError as exc:
                    bad.append(QuarantineRecord(self._row, line_no, f"invalid JSON: {exc}", raw))
                    continue
                except RecursionError:
                    bad.append(
                        QuarantineRecord(self._row, line_no, "invalid JSON: nested too deeply", raw)
                    )
                    continue
                problem = _object_problem(obj, colset)
                if problem:
                    bad.append(QuarantineRecord(self._row, line_no, problem, raw))
                    continue
                self._note_row(self._row)
                records.append(obj)
                rows.append(self._row)
                lines.append(line_no)
            if done and not records and not bad:
                break
            yield _records_chunk(
                records, rows, lines, bad, columns, {"lines": last_line, "rows": self._row}
            )


class JsonArrayReader(_TextReader):
    """Streaming reader of a JSON array of objects (``[{...}, {...}]``).

    Elements are decoded one at a time, so memory stays bounded. A syntax error
    in the array stops the run (the rest cannot be located reliably); elements
    that are not objects or carry unexpected keys are quarantined.
    """

    MAX_ELEMENT_CHARS = 64 << 20

    def __init__(
        self,
        source: Any,
        *,
        encoding: str | None = None,
        chunk_size: int = 5_000,
        start: dict[str, int] | None = None,
    ) -> None:
        super().__init__(source, encoding)
        try:
            self._open_array(chunk_size, start)
        except BaseException:
            self.close()  # the file was opened by the base class
            raise

    def _open_array(self, chunk_size: int, start: dict[str, int] | None) -> None:
        self.chunk_size = chunk_size
        self._decoder = json.JSONDecoder()
        self._blocks = self._text_lines()
        self._buf = ""
        self._pos = 0
        self._line = 1  # line number at self._pos
        self._eof = False
        self._row = 0
        self._fill()
        self._skip_ws()
        if self._peek() != "[":
            raise InputFormatError(
                "a .json input must be an array of objects ([{...}, ...]); "
                "use .jsonl for one object per line"
            )
        self._advance(1)
        self._first_element = True
        self._finished = False
        self._lookahead: tuple[int, Any, str] | None = None
        first = self._next_element()
        if first is not None:
            self._lookahead = first
            if isinstance(first[1], dict):
                self.columns = [str(k) for k in first[1]]
        if start:
            self._lookahead = None
            for _ in range(start["rows"]):
                if self._next_element() is None:
                    break
            self._row = start["rows"]

    def end_warnings(self) -> list[str]:
        if not self.n_recoded_lines:
            return []
        return [
            f"{self.n_recoded_lines} line(s) were not valid {self._enc.upper()} and were read "
            f"as {self._fallback}; the other lines are unchanged (use --encoding to choose)"
        ]

    def _fill(self) -> bool:
        """Append more text to the buffer; False at end of input."""
        if self._eof:
            return False
        if self._pos > (1 << 16):
            self._buf = self._buf[self._pos :]
            self._pos = 0
        parts = list(itertools.islice(self._blocks, 2048))
        if not parts:
            self._eof = True
            return False
        self._buf += "".join(parts)
        self._raw.clear()
        return True

    def _peek(self) -> str:
        while self._pos >= len(self._buf):
            if not self._fill():
                return ""
        return self._buf[self._pos]

    def _advance(self, n: int) -> None:
        self._line += self._buf.count("\n", self._pos, self._pos + n)
        self._pos += n

    def _skip_ws(self) -> None:
        while True:
            ch = self._peek()
            if ch and ch in " \t\r\n":
                self._advance(1)
            else:
                return

    def _next_element(self) -> tuple[int, Any, str] | None:
        """(line, value, raw text) of the next element, or None at the end."""
        if self._finished:
            return None
        self._skip_ws()
        ch = self._peek()
        if ch == "]":
            self._advance(1)
            self._finished = True
            return None
        if not self._first_element:
            if ch != ",":
                raise InputFormatError(
                    f"invalid JSON array: expected ',' or ']' at line {self._line}"
                )
            self._advance(1)
            self._skip_ws()
        elif ch == "":
            raise InputFormatError("invalid JSON array: unexpected end of input")
        self._first_element = False
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
                if end >= len(self._buf) and not self._eof:
                    raise ValueError("may be incomplete")
                break
            except RecursionError:
                # its end cannot be found without decoding it: the array cannot be resynchronised
                raise InputFormatError(
                    f"invalid JSON array: element nested too deeply at line {self._line}"
                ) from None
            except ValueError as exc:
                if len(self._buf) - self._pos > self.MAX_ELEMENT_CHARS or not self._fill():
                    if isinstance(exc, json.JSONDecodeError):
                        raise InputFormatError(
                            f"invalid JSON array at line {self._line}: {exc.msg}"
                        ) from None
                    if self._eof:
                        try:
                            value, end = self._decoder.raw_decode(self._buf, self._pos)
                            break
                        except json.JSONDecodeError as exc2:
                            raise InputFormatError(
                                f"invalid JSON array at line {self._line}: {exc2.msg}"
                            ) from None
                    raise InputFormatError(f"JSON element too large at line {self._line}") from None
        line = self._line
        raw = self._buf[self._pos : end]
        self._advance(end - self._pos)
        return line, value, raw

    def chunks(self) -> Iterator[RawChunk]:
        columns = self.columns
        colset = set(columns)
        done = False
        while not done:
            records: list[dict[str, Any]] = []
            rows: list[int] = []
            lines: list[int] = []
            bad: list[QuarantineRecord] = []
            while len(records) + len(bad) < self.chunk_size:
                if self._lookahead is not None:
                    item, self._lookahead = self._lookahead, None
                else:
                    item = self._next_element()
                if item is None:
                    done = True
                    break
                line, obj, raw = item
                self._row += 1
                problem = _object_problem(obj, colset)
                if problem:
                    bad.append(QuarantineRecord(self._row, line, problem, raw))
                    continue
                records.append(obj)
                rows.append(self._row)
                lines.append(line)
            if done and not records and not bad:
                break
            yield _records_chunk(records, rows, lines, bad, columns, {"rows": self._row})


class ParquetReader(Reader):
    """Parquet reader by record batches (memory bounded by the row-group size)."""

    def __init__(
        self, source: Any, *, chunk_size: int = 5_000, start: dict[str, int] | None = None
    ) -> None:
        super().__init__()
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            self._file = pq.ParquetFile(source)
        except pa.ArrowException as exc:
            raise InputFormatError(f"not a readable Parquet file (corrupt or another format?): {exc}") from None
        meta = self._file.metadata
        self.columns = list(self._file.schema_arrow.names)
        self.total_rows = meta.num_rows
        self.chunk_size = chunk_size
        self._row = int(start["rows"]) if start else 0

    def chunks(self) -> Iterator[RawChunk]:
        meta = self._file.metadata
        first_group, skip, before = 0, self._row, 0
        for g in range(meta.num_row_groups):
            n = meta.row_group(g).num_rows
            if before + n > self._row:
                first_group, skip = g, self._row - before
                break
            before += n
        else:
            return
        groups = list(range(first_group, meta.num_row_groups))
        for batch in self._file.iter_batches(
            batch_size=self.chunk_size, row_groups=groups, use_pandas_metadata=False
        ):
            if skip:
                if skip >= batch.num_rows:
                    skip -= batch.num_rows
                    continue
                batch = batch.slice(skip)
                skip = 0
            frame = batch.to_pandas(types_mapper=pd.ArrowDtype)
            frame.columns = self.columns
            n = len(frame)
            rows = np.arange(self._row + 1, self._row + n + 1, dtype=np.int64)
            self._row += n
            yield RawChunk(frame, rows, None, [], n, {"rows": self._row})


class ExcelReader(Reader):
    """Excel reader (openpyxl read-only, first sheet unless named); row 1 = header.

    Empty sheet rows are skipped; a row with values beyond the header is quarantined.
    """

    def __init__(
        self,
        source: Any,
        *,
        chunk_size: int = 5_000,
        sheet: str | None = None,
        start: dict[str, int] | None = None,
    ) -> None:
        super().__init__()
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException

        self._fh = None
        if isinstance(source, (str, os.PathLike)) and Path(source).suffix.lower() not in (
            ".xlsx",
            ".xlsm",
            ".xltx",
            ".xltm",
        ):
            # openpyxl goes by the file name; an Excel file named .csv is read from a stream
            source = self._fh = open(source, "rb")  # noqa: SIM115 - closed in close()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                self._wb = openpyxl.load_workbook(source, read_only=True, data_only=True)
            except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, EOFError) as exc:
                if isinstance(source, (str, os.PathLike)) and not zipfile.is_zipfile(source):
                    raise InputFormatError(
                        "not a readable Excel .xlsx file (an .xlsx file is a zip archive, this "
                        "is not one); if it is a CSV or text export, rename it to .csv"
                    ) from None
                raise InputFormatError(
                    f"not a readable Excel .xlsx file (corrupt or another format?): {exc}"
                ) from None
        if sheet and sheet not in self._wb.sheetnames:
            names = ", ".join(repr(n) for n in self._wb.sheetnames)
            self._wb.close()
            raise InputFormatError(f"no sheet {sheet!r} in the workbook; sheets are: {names}")
        self._ws = self._wb[sheet] if sheet else self._wb.worksheets[0]
        self.chunk_size = chunk_size
        rows = self._guarded(self._ws.iter_rows(values_only=True))
        self._header_row = 0
        header: tuple[Any, ...] | None = None
        for values in rows:
            self._header_row += 1
            if any(v is not None and str(v).strip() for v in values):
                header = values
                break
        if header is None:
            raise InputFormatError("the sheet is empty (no header row)")
        names = list(header)
        while names and (names[-1] is None or not str(names[-1]).strip()):
            names.pop()
        self.columns, renamed = _dedupe(
            [
                str(v) if v is not None and str(v).strip() else f"column{i + 1}"
                for i, v in enumerate(names)
            ]
        )
        if renamed:
            self.warnings.append(f"duplicate column names renamed: {', '.join(renamed)}")
        self._sheet_row = int(start["lines"]) if start else self._header_row
        self._row = int(start["rows"]) if start else 0
        self._iter = self._guarded(
            self._ws.iter_rows(min_row=self._sheet_row + 1, values_only=True)
        )
        max_row = self._ws.max_row
        if max_row:
            self.total_rows = max(0, max_row - self._header_row)

    def _guarded(self, rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
        """Rows of the sheet; a corrupt sheet (bad XML, damaged zip member) stops with one line."""
        try:
            yield from rows
        except (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError) as exc:
            where = getattr(self, "_sheet_row", getattr(self, "_header_row", 0))
            raise InputFormatError(
                f"corrupt Excel sheet, cannot read past sheet row {where}: {type(exc).__name__}: {exc}"
            ) from None

    def chunks(self) -> Iterator[RawChunk]:
        ncol = len(self.columns)
        done = False
        while not done:
            records: list[tuple[Any, ...]] = []
            rows: list[int] = []
            lines: list[int] = []
            bad: list[QuarantineRecord] = []
            while len(records) + len(bad) < self.chunk_size:
                try:
                    values = next(self._iter)
                except StopIteration:
                    done = True
                    break
                self._sheet_row += 1
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                self._row += 1
                values = tuple(values)
                if len(values) > ncol and any(v is not None for v in values[ncol:]):
                    rec = dict(zip(self.columns, values[:ncol], strict=True))
                    rec["_extra"] = [v for v in values[ncol:]]
                    bad.append(
                        QuarantineRecord(
                            self._row,
                            self._sheet_row,
                            "values beyond the header columns",
                            record_as_json(rec),
                        )
                    )
                    continue
                values = values[:ncol] + (None,) * (ncol - len(values))
                records.append(values)
                rows.append(self._row)
                lines.append(self._sheet_row)
            if done and not records and not bad:
                break
            frame = pd.DataFrame(
                {
                    c: pd.Series([r[i] for r in records], dtype=object)
                    for i, c in enumerate(self.columns)
                }
            )
            yield RawChunk(
                frame,
                np.asarray(rows, dtype=np.int64),
                np.asarray(lines, dtype=np.int64),
                bad,
                len(records) + len(bad),
                {"lines": self._sheet_row, "rows": self._row},
            )

    def close(self) -> None:
        self._wb.close()
        if self._fh is not None:
            self._fh.close()


def require_pyarrow(what: str = "reading Parquet") -> None:
    """Raise a one-line :class:`InputFormatError` when pyarrow (the ``io`` extra) is missing."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise InputFormatError(
            f"{what} needs pyarrow, an optional dependency: pip install 'hoaxguard[io]'"
        ) from None


def _excel_in_disguise(source: Any) -> bool:
    """True when the file at ``source`` is an Excel workbook whatever its name says."""
    if not isinstance(source, (str, os.PathLike)) or str(source) == "-":
        return False
    try:
        with open(source, "rb") as fh:
            if fh.read(4) != b"PK\x03\x04":
                return False
        with zipfile.ZipFile(source) as zf:
            return "xl/workbook.xml" in zf.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def open_reader(
    source: Any,
    fmt: str,
    *,
    chunk_size: int = 5_000,
    encoding: str | None = None,
    start: dict[str, int] | None = None,
    max_chars: int = MAX_TEXT_CHARS,
    sheet: str | None = None,
    delimiter: str | None = None,
    fallback_encoding: str | None = None,
) -> Reader:
    """Open a chunked reader for ``source`` (path, ``"-"`` or binary stream).

    ``delimiter`` (CSV/TSV): one character, or a name (``tab``, ``semicolon``
    ...); None sniffs it for CSV (comma, semicolon, tab, pipe) and uses TAB
    for TSV. ``encoding``/``fallback_encoding``: see :class:`_TextReader`.
    An Excel workbook named ``.csv`` (or ``.tsv``/``.txt``) is read as Excel,
    with a warning.
    """
    delim = _delimiter_arg(delimiter)
    if isinstance(source, (str, os.PathLike)) and str(source) != "-":
        if not Path(source).exists():
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", os.fspath(source))
        if Path(source).is_dir():
            raise IsADirectoryError(f"{os.fspath(source)} is a folder, not a file")
    if fmt in ("csv", "tsv", "jsonl", "json") and _excel_in_disguise(source):
        reader: Reader = ExcelReader(source, chunk_size=chunk_size, sheet=sheet, start=start)
        reader.warnings.insert(
            0,
            f"{os.fspath(source)} is an Excel workbook, not {fmt.upper()} text; read it as "
            "Excel (rename it to .xlsx)",
        )
        return reader
    if fmt in ("csv", "tsv"):
        if delim is None and fmt == "tsv":
            delim = "\t"
        return DelimitedReader(
            source,
            delimiter=delim,
            encoding=encoding,
            fallback_encoding=fallback_encoding,
            chunk_size=chunk_size,
            start=start,
            max_chars=max_chars,
        )
    if fmt == "jsonl":
        return JsonLinesReader(source, encoding=encoding, chunk_size=chunk_size, start=start)
    if fmt == "json":
        return JsonArrayReader(source, encoding=encoding, chunk_size=chunk_size, start=start)
    if str(source) == "-":
        raise ValueError(f"{fmt} cannot be read from stdin; give a file")
    if fmt == "parquet":
        require_pyarrow()
        return ParquetReader(source, chunk_size=chunk_size, start=start)
    if fmt == "xlsx":
        return ExcelReader(source, chunk_size=chunk_size, sheet=sheet, start=start)
    raise ValueError(f"unknown format {fmt!r}")
