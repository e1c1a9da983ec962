"""Output encoders (run in the workers) and final assembly of binary formats."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

#: Rows per Parquet row group in the output (fixed, so output does not depend
#: on the chunk size).
PARQUET_ROW_GROUP = 65_536
#: Excel's sheet limit, header included.
EXCEL_MAX_ROWS = 1_048_576
TEXT_FORMATS = ("csv", "tsv", "jsonl", "json")


def header_bytes(fmt: str, columns: Sequence[str]) -> bytes:
    """Bytes that open an output file (CSV header, JSON ``[``)."""
    if fmt in ("csv", "tsv"):
        sep = "," if fmt == "csv" else "\t"
        empty = pd.DataFrame(columns=list(columns))
        return empty.to_csv(index=False, sep=sep, lineterminator="\n").encode("utf-8")
    if fmt == "json":
        return b"["
    return b""


def footer_bytes(fmt: str) -> bytes:
    """Bytes that close an output file."""
    return b"\n]\n" if fmt == "json" else b""


def _json_lines(frame: pd.DataFrame) -> list[str]:
    if frame.empty:
        return []
    text = frame.to_json(
        orient="records",
        lines=True,
        force_ascii=False,
        double_precision=15,
        date_format="iso",
        default_handler=str,
    )
    return text.rstrip("\n").split("\n")


def encode_rows(frame: pd.DataFrame, fmt: str, *, first: bool) -> bytes:
    """Encode scored rows for a text format; ``first`` = no row was written before."""
    if frame.empty:
        return b""
    if fmt in ("csv", "tsv"):
        text = frame.to_csv(
            index=False, header=False, sep="," if fmt == "csv" else "\t", lineterminator="\n"
        )
        return text.encode("utf-8", errors="backslashreplace")
    lines = _json_lines(frame)
    if fmt == "jsonl":
        return ("\n".join(lines) + "\n").encode("utf-8", errors="backslashreplace")
    if fmt == "json":
        body = ",\n".join(lines)
        return (("\n" if first else ",\n") + body).encode("utf-8", errors="backslashreplace")
    raise ValueError(f"{fmt} is not a text format")


class RowsPart:
    """A chunk of output rows as JSON lines: the Excel part format when pyarrow is missing."""

    MAGIC = b"HGROWS1\n"

    def __init__(self, data: bytes, num_rows: int, column_names: list[str]) -> None:
        self.data = data
        self.num_rows = num_rows
        self.column_names = column_names

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> RowsPart:
        from hoaxguard.batch._quarantine import record_as_json

        names = [str(c) for c in frame.columns]
        lines = [
            record_as_json(dict(zip(names, values, strict=True)))
            for values in frame.itertuples(index=False, name=None)
        ]
        body = ("\n".join([json.dumps(names)] + lines) + "\n").encode("utf-8", "surrogatepass")
        return cls(body, len(lines), names)

    @classmethod
    def read(cls, path: Path) -> RowsPart:
        raw = Path(path).read_bytes()[len(cls.MAGIC) :]
        lines = raw.decode("utf-8", "surrogatepass").splitlines()
        return cls(raw, len(lines) - 1, json.loads(lines[0]) if lines else [])

    def to_pylist(self) -> list[dict[str, Any]]:
        lines = self.data.decode("utf-8", "surrogatepass").splitlines()
        return [json.loads(line) for line in lines[1:]]


def to_arrow(frame: pd.DataFrame) -> Any:
    """Arrow table of ``frame`` (index dropped) for Parquet/Excel parts.

    Without pyarrow (it is the ``io`` extra) a :class:`RowsPart` for Excel output.
    """
    try:
        import pyarrow as pa
    except ImportError:
        return RowsPart.from_frame(frame.reset_index(drop=True))

    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # mixed-type object columns (from JSON/Excel): keep them as text
        fixed = frame.copy()
        for col in fixed.columns:
            if fixed[col].dtype == object:
                try:
                    pa.array(fixed[col], from_pandas=True)
                except (pa.ArrowInvalid, pa.ArrowTypeError):
                    fixed[col] = fixed[col].map(
                        lambda v: (
                            None
                            if v is None or v is pd.NA or v != v
                            else (v if isinstance(v, str) else json.dumps(v, default=str))
                        )
                    )
        return pa.Table.from_pandas(fixed, preserve_index=False)


def write_part(table: Any, path: Path) -> None:
    """Write one Arrow IPC part file (caller makes it atomic)."""
    if isinstance(table, RowsPart):
        with open(path, "wb") as fh:
            fh.write(RowsPart.MAGIC + table.data)
        return
    import pyarrow as pa

    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def _read_part(path: Path) -> Any:
    with open(path, "rb") as fh:
        if fh.read(len(RowsPart.MAGIC)) == RowsPart.MAGIC:
            return RowsPart.read(path)
    import pyarrow as pa

    with pa.memory_map(str(path), "r") as source:
        return pa.ipc.open_file(source).read_all()


def _unified_schema(parts: Sequence[Path]) -> Any:
    import pyarrow as pa

    schemas = []
    for p in parts:
        with pa.memory_map(str(p), "r") as source:
            schemas.append(pa.ipc.open_file(source).schema)
    return pa.unify_schemas(schemas, promote_options="permissive")


def _cast(table: Any, schema: Any) -> Any:
    import pyarrow as pa

    cols = []
    for f in schema:
        if f.name in table.column_names:
            col = table.column(f.name)
            if col.type != f.type:
                try:
                    col = col.cast(f.type)
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                    col = col.cast(pa.string())
        else:
            col = pa.nulls(table.num_rows, f.type)
        cols.append(col)
    return pa.Table.from_arrays(cols, schema=schema)


def assemble_parquet(parts: Sequence[Path], out: Path | io.IOBase, columns: Sequence[str]) -> None:
    """Write the parts as one Parquet file with fixed-size row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if parts:
        schema = _unified_schema(parts).remove_metadata()
    else:
        schema = pa.schema([pa.field(c, pa.string()) for c in columns])
    # a null-typed column cannot be written usefully; store as string
    schema = pa.schema(
        [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in schema]
    )
    pending: list[Any] = []
    pending_rows = 0
    with pq.ParquetWriter(out, schema) as writer:
        for part in parts:
            table = _cast(_read_part(part), schema)
            pending.append(table)
            pending_rows += table.num_rows
            while pending_rows >= PARQUET_ROW_GROUP:
                merged = pa.concat_tables(pending)
                writer.write_table(
                    merged.slice(0, PARQUET_ROW_GROUP), row_group_size=PARQUET_ROW_GROUP
                )
                rest = merged.slice(PARQUET_ROW_GROUP)
                pending, pending_rows = [rest], rest.num_rows
        if pending_rows or not parts:
            merged = pa.concat_tables(pending) if pending else schema.empty_table()
            writer.write_table(merged, row_group_size=PARQUET_ROW_GROUP)


_ILLEGAL_XLSX = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return _ILLEGAL_XLSX.sub("\ufffd", value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def assemble_xlsx(
    parts: Sequence[Path], out: Path, columns: Sequence[str], total_rows: int
) -> None:
    """Write the parts as one Excel sheet (openpyxl write-only mode).

    Control characters Excel cannot store are replaced by U+FFFD.
    """
    import openpyxl

    if total_rows + 1 > EXCEL_MAX_ROWS:
        raise ValueError(
            f"{total_rows:,} rows do not fit in an Excel sheet "
            f"(max {EXCEL_MAX_ROWS - 1:,}); write .csv or .parquet instead"
        )
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("scored")
    ws.append(list(columns))
    for part in parts:
        table = _read_part(part)
        names = table.column_names
        for rec in table.to_pylist():
            ws.append([_xlsx_value(rec.get(c)) if c in names else None for c in columns])
    wb.save(out)


def iter_part_rows(parts: Iterable[Path]) -> Iterable[dict[str, Any]]:
    """Rows of the parts as dicts (used by tests and small outputs)."""
    for part in parts:
        yield from _read_part(part).to_pylist()
