"""Chunked readers, one per input format, that never lose a record.

Every reader yields :class:`RawChunk` objects: the records it could parse (all
columns, as read) plus :class:`QuarantineRecord` entries for those it could not,
with their row and line numbers, so that rows in == rows parsed + malformed.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
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

from hoaxguard.batch._encoding import SAMPLE_BYTES, PrefixedStream, decode_line, sniff_encoding
from hoaxguard.batch._quarantine import MAX_TEXT_CHARS, QuarantineRecord, record_as_json

#: Format name for each file extension (lower-case).
EXTENSIONS: dict[str, str] = {
    ".csv": "csv",
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

    def close(self) -> None:
        """Release the input."""


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


class _TextReader(Reader):
    """Shared setup of the line-based formats: sniff the encoding, line access."""

    def __init__(self, source: Any, encoding: str | None) -> None:
        super().__init__()
        stream, self._close = _open_binary(source)
        self._raw_stream = stream
        head = stream.read(SAMPLE_BYTES)
        at_eof = len(head) < SAMPLE_BYTES
        enc = (encoding or "").lower().replace("_", "-")
        if not enc or enc == "auto":
            enc = sniff_encoding(head, at_eof)
            if enc == "cp1252":
                self.warnings.append(
                    "input is not UTF-8; read it as Windows-1252/Latin-1 (use --encoding to choose)"
                )
        elif enc in ("latin-1", "latin1", "iso-8859-1", "windows-1252"):
            enc = "cp1252"
        elif enc in ("utf8", "utf-8"):
            enc = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
        elif enc in ("utf8-sig", "utf-8-sig"):
            enc = "utf-8-sig"
        else:
            raise ValueError(f"unsupported encoding {encoding!r}; use utf-8 or cp1252")
        self.encoding = enc
        self._enc = "utf-8" if enc == "utf-8-sig" else enc
        self._lines: BinaryIO = io.BufferedReader(PrefixedStream(head, stream), 1 << 20)
        self._bad_line: int | None = None
        self._raw: list[str] = []
        self._line_no = 0
        self._first = True

    def _text_lines(self) -> Iterator[str]:
        """Decoded lines; remembers the raw text and the first undecodable line."""
        enc = self._enc
        raw = self._raw
        for line in self._lines:
            self._line_no += 1
            if self._first:
                self._first = False
                if line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
            try:
                text = line.decode(enc)
            except UnicodeDecodeError:
                text, ok = decode_line(line, enc)
                if not ok and self._bad_line is None:
                    self._bad_line = self._line_no
            raw.append(text)
            yield text

    def _skip_lines(self, n: int) -> None:
        for _ in itertools.islice(self._lines, n):
            self._line_no += 1
        self._first = False

    def close(self) -> None:
        if self._close:
            self._raw_stream.close()


class DelimitedReader(_TextReader):
    """CSV/TSV reader (RFC 4180 quoting, strict): every field read as a string.

    Malformed records (bad quoting, wrong number of fields, undecodable bytes,
    NUL bytes, a field over the size limit) are quarantined with their raw lines.
    """

    def __init__(
        self,
        source: Any,
        *,
        delimiter: str = ",",
        encoding: str | None = None,
        chunk_size: int = 5_000,
        start: dict[str, int] | None = None,
        max_chars: int = MAX_TEXT_CHARS,
    ) -> None:
        super().__init__(source, encoding)
        self.chunk_size = chunk_size
        self.delimiter = delimiter
        limit = max(4 * max_chars, 1 << 20)
        if csv.field_size_limit() < limit:
            csv.field_size_limit(limit)
        self._reader = csv.reader(self._text_lines(), delimiter=delimiter, strict=True)
        header = None
        while header is None:
            try:
                rec = next(self._reader)
            except StopIteration:
                raise InputFormatError("the input is empty (no header row)") from None
            except csv.Error as exc:
                raise InputFormatError(f"cannot read the header row: {exc}") from None
            if rec:
                header = rec
        self._raw.clear()
        if self._bad_line is not None:
            raise InputFormatError(f"undecodable bytes in the header (line {self._bad_line})")
        self.columns, renamed = _dedupe(list(header))
        if renamed:
            self.warnings.append(f"duplicate column names renamed: {', '.join(renamed)}")
        self.header_lines = self._line_no
        self._row = 0
        if start:
            self._skip_lines(start["lines"] - self.header_lines)
            self._row = start["rows"]
        self._base = self._line_no - self._reader.line_num  # lines skipped outside csv

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
                except csv.Error as exc:
                    self._row += 1
                    self._bad_line = None
                    bad.append(
                        QuarantineRecord(self._row, start, f"malformed CSV: {exc}", "".join(raw))
                    )
                    continue
                if not rec:
                    continue
                self._row += 1
                if self._bad_line is not None:
                    reason = f"undecodable bytes (not {self.encoding}) on line {self._bad_line}"
                    self._bad_line = None
                    bad.append(QuarantineRecord(self._row, start, reason, "".join(raw)))
                elif len(rec) != ncol:
                    bad.append(
                        QuarantineRecord(
                            self._row,
                            start,
                            f"expected {ncol} fields, found {len(rec)}",
                            "".join(raw),
                        )
                    )
                else:
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

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                self._wb = openpyxl.load_workbook(source, read_only=True, data_only=True)
            except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, EOFError) as exc:
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


def open_reader(
    source: Any,
    fmt: str,
    *,
    chunk_size: int = 5_000,
    encoding: str | None = None,
    start: dict[str, int] | None = None,
    max_chars: int = MAX_TEXT_CHARS,
    sheet: str | None = None,
) -> Reader:
    """Open a chunked reader for ``source`` (path, ``"-"`` or binary stream)."""
    if fmt in ("csv", "tsv"):
        return DelimitedReader(
            source,
            delimiter="," if fmt == "csv" else "\t",
            encoding=encoding,
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
        return ParquetReader(source, chunk_size=chunk_size, start=start)
    if fmt == "xlsx":
        return ExcelReader(source, chunk_size=chunk_size, sheet=sheet, start=start)
    raise ValueError(f"unknown format {fmt!r}")
