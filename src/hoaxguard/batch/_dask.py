"""Dask engine: score a Dask DataFrame, or partitioned files, on a cluster.

Dask is an optional extra (``pip install 'hoaxguard[dask]'``); it is imported
only when these functions run.
"""

from __future__ import annotations

import glob
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hoaxguard.batch._columns import detect_text_column
from hoaxguard.batch._frame import (
    DEFAULT_PLATFORM,
    OUTPUT_COLUMNS,
    detect_platform_column,
    resolve_library,
    resolve_model,
    score_texts,
)
from hoaxguard.batch._quarantine import (
    MAX_TEXT_CHARS,
    QUARANTINE_COLUMNS,
    record_as_json,
    text_problems,
)
from hoaxguard.batch._summary import ScoreSummary

INSTALL_HINT = "the Dask engine needs the optional extra: pip install 'hoaxguard[dask]'"


def _require_dask(with_distributed: bool = False) -> Any:
    try:
        import dask
        import dask.dataframe  # noqa: F401

        if with_distributed:
            import distributed  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(f"{INSTALL_HINT} ({exc})") from exc
    return dask


def _client() -> Any:
    try:
        from distributed import get_client

        return get_client()
    except (ImportError, ValueError):
        return None


def _broadcast(obj: Any, client: Any) -> Any:
    """Send ``obj`` to the workers once; tasks receive it as an argument."""
    if obj is None:
        return None
    if client is not None:
        return client.scatter(obj, broadcast=True, hash=False)
    import dask

    return dask.delayed(obj, pure=False)


def _meta(meta: pd.DataFrame) -> pd.DataFrame:
    out = meta.iloc[:0].copy()
    dtypes = {
        "hoax_probability": "float64",
        "is_hoax": "boolean",
        "match_score": "float64",
        "stance_confidence": "float64",
    }
    for name in OUTPUT_COLUMNS:
        out[name] = pd.Series([], dtype=dtypes.get(name, object))
    return out


def _score_partition(
    pdf: pd.DataFrame, model: Any, library: Any, text_col: str, options: dict[str, Any]
) -> pd.DataFrame:
    pcol = detect_platform_column(pdf.columns)  # per-row replies
    platforms = pdf[pcol] if pcol else None
    added = score_texts(pdf[text_col], model=model, library=library, platforms=platforms, **options)
    out = pdf.copy()
    for name in OUTPUT_COLUMNS:
        out[name] = added[name].array if name == "is_hoax" else added[name].to_numpy()
    return out


def _options(platform, threshold, top_k, k, max_chars, render_context, renderer) -> dict[str, Any]:
    return {
        "platform": platform,
        "threshold": threshold,
        "top_k": top_k,
        "k": k,
        "max_chars": max_chars,
        "render_context": dict(render_context or {}),
        "renderer": renderer,
    }


def score_dask(
    ddf: Any,
    text_col: str | None = None,
    *,
    model: Any = None,
    library: Any = None,
    platform: str = DEFAULT_PLATFORM,
    threshold: float | None = None,
    top_k: int = 5,
    k: int = 3,
    max_chars: int = MAX_TEXT_CHARS,
    render_context: Mapping[str, Any] | None = None,
    renderer: Callable[..., str] | None = None,
    client: Any = None,
) -> Any:
    """Score a Dask DataFrame lazily (``map_partitions``), like :func:`~hoaxguard.score_frame`.

    The model and the library are loaded once here and broadcast once to the
    workers (``client.scatter(..., broadcast=True)`` when a distributed client is
    active, else a single ``dask.delayed`` object shared by every partition).

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The posts; every column and the index are kept.
    text_col, model, library, platform, threshold, top_k, k, max_chars, render_context, renderer
        As in :func:`hoaxguard.score_frame`.
    client : distributed.Client, optional
        Client to broadcast with (default: the current one, if any).

    Returns
    -------
    dask.dataframe.DataFrame
        ``ddf`` with :data:`~hoaxguard.batch.OUTPUT_COLUMNS`; rows that cannot be
        scored have a reason in ``error`` (there is no quarantine file here).
    """
    _require_dask()
    col = detect_text_column(list(ddf.columns), text_col)
    client = client or _client()
    model_ref = _broadcast(resolve_model(model), client)
    library_ref = _broadcast(resolve_library(library), client)
    options = _options(platform, threshold, top_k, k, max_chars, render_context, renderer)
    return ddf.map_partitions(
        _score_partition, model_ref, library_ref, col, options, meta=_meta(ddf._meta)
    )


def _write_partition(
    pdf: pd.DataFrame,
    model: Any,
    library: Any,
    text_col: str,
    options: dict[str, Any],
    out_dir: str,
    out_fmt: str,
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """Score one partition, write its output and quarantine parts, return counts."""
    index = partition_info["number"] if partition_info else 0
    problems = text_problems(pdf[text_col], options["max_chars"])
    bad = problems.notna().to_numpy()
    valid = pdf[~bad]
    out = _score_partition(valid, model, library, text_col, options)
    out_path = Path(out_dir) / f"part-{index:05d}.{out_fmt}"
    tmp = out_path.with_name("." + out_path.name + ".tmp")
    if out_fmt == "parquet":
        out.to_parquet(tmp, index=False)
    else:
        out.to_csv(tmp, index=False, lineterminator="\n")
    os.replace(tmp, out_path)
    if bad.any():
        positions = np.flatnonzero(bad)
        quarantine = pd.DataFrame(
            {
                "partition": index,
                "row": positions + 1,
                "line": None,
                "reason": problems.to_numpy()[bad],
                "raw": [record_as_json(rec) for rec in pdf[bad].to_dict("records")],
            }
        )
        qdir = Path(f"{out_dir}.quarantine")
        quarantine.to_csv(qdir / f"part-{index:05d}.csv", index=False, lineterminator="\n")
    failed = out["error"].notna()
    return pd.DataFrame(
        {
            "rows_read": [len(pdf)],
            "rows_written": [len(out)],
            "rows_scored": [int((~failed).sum())],
            "rows_failed": [int(failed.sum())],
            "rows_flagged": [int(out["is_hoax"].fillna(False).astype(bool).sum())],
            "rows_matched": [int(out["match_id"].notna().sum())],
            "rows_quarantined": [int(bad.sum())],
        }
    )


def _parquet_parts(source: str) -> list[tuple[str, int]]:
    """(file, row group) of every row group of the Parquet file(s) at ``source``."""
    import pyarrow.parquet as pq

    if os.path.isdir(source):
        paths = sorted(glob.glob(os.path.join(source, "*.parquet")))
    elif glob.has_magic(source):
        paths = sorted(glob.glob(source))
    else:
        paths = [source]
    if not paths:
        raise ValueError(f"no Parquet files at {source}")
    return [(p, i) for p in paths for i in range(pq.ParquetFile(p).num_row_groups)]


def _read_row_group(part: tuple[str, int]) -> pd.DataFrame:
    import pyarrow.parquet as pq

    path, group = part
    return pq.ParquetFile(path).read_row_group(group).to_pandas()


def _read(dd: Any, source: str, fmt: str) -> Any:
    if fmt == "parquet":
        # one partition per row group, read by pyarrow: dask's own Parquet reader
        # calls pandas with a deprecated ``inplace=`` (a warning in every run)
        return dd.from_map(_read_row_group, _parquet_parts(source))
    if fmt in ("csv", "tsv"):
        path = os.path.join(source, "*") if os.path.isdir(source) else source
        return dd.read_csv(
            path,
            sep="," if fmt == "csv" else "\t",
            dtype=str,
            keep_default_na=False,
            blocksize="32MB",
        )
    if fmt == "jsonl":
        path = os.path.join(source, "*") if os.path.isdir(source) else source
        return dd.read_json(path, lines=True, blocksize=32 << 20, dtype=False)
    raise ValueError(f"--engine dask reads parquet, csv, tsv or jsonl, not {fmt}")


def _format_of_source(source: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    if os.path.isdir(source):
        names = sorted(os.listdir(source))
        for ext, name in (
            (".parquet", "parquet"),
            (".csv", "csv"),
            (".tsv", "tsv"),
            (".jsonl", "jsonl"),
        ):
            if any(n.endswith(ext) for n in names):
                return name
        raise ValueError(f"cannot tell the format of the files in {source}; use --format")
    first = sorted(glob.glob(source))
    probe = first[0] if first else source
    from hoaxguard.batch._readers import format_of

    return format_of(probe)


def score_dask_files(
    input: str,
    output: str | None,
    *,
    format: str | None = None,
    output_format: str | None = None,
    scheduler: str | None = None,
    text_col: str | None = None,
    model: Any = None,
    library: Any = None,
    platform: str = DEFAULT_PLATFORM,
    threshold: float | None = None,
    top_k: int = 5,
    k: int = 3,
    max_chars: int = MAX_TEXT_CHARS,
    render_context: Mapping[str, Any] | None = None,
    renderer: Callable[..., str] | None = None,
    progress: bool = False,
    client: Any = None,
) -> ScoreSummary:
    """Score partitioned files on a Dask cluster; one output part per input partition.

    Parameters
    ----------
    input : str
        A Parquet dataset folder, a folder of CSV/TSV/JSONL files, a file or a glob.
    output : str
        Output folder (created); parts ``part-NNNNN.parquet`` or ``.csv``. Rows that
        cannot be scored go to ``OUTPUT.quarantine/part-NNNNN.csv`` (partition,
        row within the partition, reason, raw record as JSON).
    format, output_format : str, optional
        ``parquet``/``csv``/``tsv``/``jsonl`` in; ``parquet`` or ``csv`` out
        (default: parquet for parquet input, else csv).
    scheduler : str, optional
        Address of a running scheduler; default: the current client, else a
        local cluster started for the run.
    """
    dask = _require_dask(with_distributed=True)
    import dask.dataframe as dd

    started = time.perf_counter()
    in_fmt = _format_of_source(input, format)
    out_fmt = output_format or ("parquet" if in_fmt == "parquet" else "csv")
    if out_fmt not in ("parquet", "csv"):
        raise ValueError("--engine dask writes parquet or csv")
    if not output or output == "-":
        raise ValueError("--engine dask needs -o OUTPUT_FOLDER")
    own = []
    if client is None:
        from distributed import Client, LocalCluster

        if scheduler:
            client = Client(scheduler)
            own.append(client)
        else:
            client = _client()
            if client is None:
                cluster = LocalCluster(
                    n_workers=min(4, os.cpu_count() or 1),
                    threads_per_worker=1,
                    dashboard_address=None,
                )
                client = Client(cluster)
                own += [client, cluster]
    try:
        ddf = _read(dd, input, in_fmt)
        col = detect_text_column(list(ddf.columns), text_col)
        Path(output).mkdir(parents=True, exist_ok=True)
        qdir = Path(f"{output}.quarantine")
        qdir.mkdir(parents=True, exist_ok=True)
        for old in list(Path(output).glob("part-*")) + list(qdir.glob("part-*")):
            old.unlink()
        model_ref = _broadcast(resolve_model(model), client)
        library_ref = _broadcast(resolve_library(library), client)
        options = _options(platform, threshold, top_k, k, max_chars, render_context, renderer)
        meta = pd.DataFrame(
            {
                c: pd.Series([], dtype="int64")
                for c in (
                    "rows_read",
                    "rows_written",
                    "rows_scored",
                    "rows_failed",
                    "rows_flagged",
                    "rows_matched",
                    "rows_quarantined",
                )
            }
        )
        counts_ddf = ddf.map_partitions(
            _write_partition, model_ref, library_ref, col, options, str(output), out_fmt, meta=meta
        )
        if progress:
            from distributed import progress as show_progress

            fut = client.compute(counts_ddf)
            show_progress(fut)
            counts = fut.result()
        else:
            counts = dask.compute(counts_ddf)[0]
        summary = ScoreSummary(output=str(output))
        summary.add({c: int(counts[c].sum()) for c in counts.columns})
        if summary.rows_quarantined:
            summary.quarantine = str(qdir)
        else:
            qdir.rmdir()
        summary.seconds = time.perf_counter() - started
        return summary
    finally:
        for obj in own:
            obj.close()


__all__ = ["INSTALL_HINT", "QUARANTINE_COLUMNS", "score_dask", "score_dask_files"]
