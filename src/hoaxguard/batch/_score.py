"""Score a file of any size: chunked, parallel, quarantining, resumable."""

from __future__ import annotations

import collections
import json
import multiprocessing
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hoaxguard.batch._checkpoint import Checkpoint, file_fingerprint, fsync_dir, truncate_to
from hoaxguard.batch._columns import detect_text_column
from hoaxguard.batch._frame import (
    DEFAULT_PLATFORM,
    OUTPUT_COLUMNS,
    ResultCache,
    cache_keys,
    detect_platform_column,
)
from hoaxguard.batch._quarantine import MAX_TEXT_CHARS, QuarantineRecord, encode_quarantine
from hoaxguard.batch._readers import STREAM_FORMATS, format_of, open_reader, require_pyarrow
from hoaxguard.batch._summary import ScoreSummary
from hoaxguard.batch._workers import ChunkResult, ChunkTask, init_worker, process_chunk
from hoaxguard.batch._writers import (
    TEXT_FORMATS,
    assemble_parquet,
    assemble_xlsx,
    footer_bytes,
    header_bytes,
    write_part,
)

#: Rows per chunk by default: small enough for bounded memory, big enough that
#: the per-chunk overhead (process hand-off, fsync) is negligible.
DEFAULT_CHUNK_SIZE = 5_000
#: Distinct texts whose scores are kept for reuse across chunks.
DEFAULT_CACHE_SIZE = 100_000


class ResumeError(ValueError):
    """``resume=True`` but the checkpoint belongs to a different run."""


def default_output(input: str | os.PathLike[str]) -> str:
    """``posts.csv`` -> ``posts.scored.csv``; stdin -> stdout (``"-"``)."""
    if str(input) == "-":
        return "-"
    p = Path(input)
    return str(p.with_name(f"{p.stem}.scored{p.suffix}"))


def default_quarantine(output: str) -> Path:
    """``OUTPUT.quarantine.csv`` (``score.quarantine.csv`` for stdout)."""
    if output == "-":
        return Path("score.quarantine.csv")
    return Path(f"{output}.quarantine.csv")


def _spec(obj: Any) -> Any:
    """What identifies a model/library in a checkpoint."""
    if obj is None or obj is False:
        return obj
    if isinstance(obj, (str, bytes)) or hasattr(obj, "__fspath__"):
        return file_fingerprint(os.fsdecode(obj))
    if callable(obj) and hasattr(obj, "__qualname__"):
        return f"callable:{obj.__module__}.{obj.__qualname__}"
    return f"object:{type(obj).__module__}.{type(obj).__qualname__}"


class _Executor:
    """Runs chunk tasks in order, serially or in a bounded pool of processes."""

    def __init__(self, jobs: int, model: Any, library: Any) -> None:
        self.jobs = jobs
        if jobs <= 1:
            init_worker(model, library)
            self.pool = None
        else:
            ctx = multiprocessing.get_context("spawn")
            self.pool = ctx.Pool(jobs, initializer=init_worker, initargs=(model, library, True))

    def map(self, items: Iterator[tuple[Any, ChunkTask]]) -> Iterator[tuple[Any, ChunkResult]]:
        if self.pool is None:
            for meta, task in items:
                yield meta, process_chunk(task)
            return
        window: collections.deque = collections.deque()
        limit = 2 * self.jobs
        for meta, task in items:
            window.append((meta, self.pool.apply_async(process_chunk, (task,))))
            while len(window) >= limit or (window and window[0][1].ready()):
                m, res = window.popleft()
                yield m, res.get()
        while window:
            m, res = window.popleft()
            yield m, res.get()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()

    def terminate(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


class _Progress:
    def __init__(self, enabled: bool | None, total: int | None, initial: int) -> None:
        show = sys.stderr.isatty() if enabled is None else enabled
        self.bar = None
        if show:
            from tqdm.auto import tqdm

            self.bar = tqdm(
                total=total,
                initial=initial,
                unit=" rows",
                unit_scale=True,
                file=sys.stderr,
                dynamic_ncols=True,
                smoothing=0.1,
                desc="scoring",
            )

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def score_file(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    format: str | None = None,
    output_format: str | None = None,
    text_col: str | None = None,
    model: Any = None,
    library: Any = None,
    platform: str = DEFAULT_PLATFORM,
    threshold: float | None = None,
    top_k: int = 5,
    k: int = 3,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    jobs: int = 1,
    resume: bool = False,
    quarantine: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    fallback_encoding: str | None = None,
    delimiter: str | None = None,
    max_chars: int = MAX_TEXT_CHARS,
    sheet: str | None = None,
    render_context: Mapping[str, Any] | None = None,
    renderer: Callable[..., str] | None = None,
    cache_size: int = DEFAULT_CACHE_SIZE,
    progress: bool | None = None,
    on_warning: Callable[[str], None] | None = None,
    trusted_accounts: Iterable[str] | None = None,
) -> ScoreSummary:
    """Score every row of an export file and write it back with verdicts.

    Parameters
    ----------
    input : path or ``"-"``
        CSV, TSV, JSON Lines, JSON (array), Parquet or Excel; ``"-"`` = stdin
        (CSV unless ``format`` says otherwise).
    output : path or ``"-"``, optional
        Where to write; default ``INPUT.scored.EXT`` (stdout for stdin).
    format, output_format : str, optional
        Override the formats taken from the extensions.
    text_col, model, library, platform, threshold, top_k, k, max_chars, render_context, renderer
        As in :func:`hoaxguard.score_frame`; ``model``/``library`` may be paths
        (each worker process loads them once).
    chunk_size : int
        Rows per chunk; memory is bounded by it, the output does not depend on it.
    jobs : int
        Worker processes (1 = score in this process).
    resume : bool
        Continue an interrupted run from its checkpoint (``OUTPUT.checkpoint/``);
        the result is byte-identical to an uninterrupted run.
    quarantine : path, optional
        Where rows that cannot be scored go (default ``OUTPUT.quarantine.csv``).
    encoding, fallback_encoding, delimiter : str, optional
        Text input encoding (default auto: BOMs and UTF-16 recognised, else UTF-8
        per row), the encoding of rows that are not valid in it (default
        Windows-1252; ``"none"`` quarantines them) and the CSV delimiter
        (default sniffed); see :func:`hoaxguard.batch.open_table`.
    sheet : str, optional
        Excel sheet (default: the first).
    cache_size : int
        Distinct texts whose scores are kept for reuse across chunks (one cache
        in this process, shared with the workers through the tasks; repeated
        texts such as forwarded messages are scored once); 0 turns it off. The
        output is the same either way.
    progress : bool, optional
        Show a tqdm bar on stderr; default: only when stderr is a terminal.
    on_warning : callable, optional
        Called with each warning message (default: :func:`warnings.warn`).
    trusted_accounts : iterable of str, optional
        Account names or ids whose posts are never flagged (``is_hoax`` False,
        ``flagged_by`` ``"trusted"``), matched case-insensitively, with or without
        ``@``, in the ``account``/``author``/``username``/``user`` column.

    Returns
    -------
    ScoreSummary
        Counts and timing; ``summary.balanced`` is the nothing-lost check
        (rows read == rows written + rows quarantined).
    """
    started = time.perf_counter()
    if chunk_size < 1:
        raise ValueError("chunk_size must be >= 1")
    in_fmt = format_of(input, format)
    output = os.fspath(output) if output is not None else default_output(input)
    to_stdout = output == "-"
    if not to_stdout and os.path.isdir(output):
        raise ValueError(f"output {output!r} is a directory; give a file name with -o")
    out_fmt = format_of(
        output, output_format, default=in_fmt if in_fmt in STREAM_FORMATS else "csv"
    )
    if isinstance(input, (str, os.PathLike)) and str(input) != "-" and not Path(input).exists():
        raise FileNotFoundError(2, "No such file or directory", os.fspath(input))
    if out_fmt == "parquet":
        require_pyarrow("writing Parquet")
    if to_stdout and out_fmt not in TEXT_FORMATS:
        raise ValueError(f"{out_fmt} cannot be written to stdout; give -o FILE")
    if str(input) == "-" and resume:
        raise ValueError("--resume needs a file input, not stdin")
    if to_stdout and resume:
        raise ValueError("--resume needs a file output, not stdout")
    if not to_stdout and str(input) != "-" and Path(output).resolve() == Path(input).resolve():
        raise ValueError("output would overwrite the input; choose another -o")
    for what, spec in (("model", model), ("templates", library)):
        if isinstance(spec, (str, os.PathLike)) and not Path(spec).exists():
            raise FileNotFoundError(f"{what} file not found: {os.fspath(spec)}")
    qpath = Path(quarantine) if quarantine is not None else default_quarantine(output)
    summary = ScoreSummary(output=output)
    warn = on_warning or (lambda msg: warnings.warn(msg, UserWarning, stacklevel=3))

    options = {
        "platform": platform,
        "threshold": threshold,
        "top_k": top_k,
        "k": k,
        "max_chars": max_chars,
        "render_context": dict(render_context or {}),
        "renderer": renderer,
    }
    if trusted_accounts:
        options["trusted_accounts"] = sorted({str(a) for a in trusted_accounts})
    ck = None if to_stdout else Checkpoint(Path(output))
    fingerprint = {
        "input": file_fingerprint(input) if str(input) != "-" else "-",
        "in_fmt": in_fmt,
        "out_fmt": out_fmt,
        "text_col": text_col,
        "encoding": encoding,
        "sheet": sheet,
        **({"delimiter": delimiter} if delimiter else {}),
        **({"fallback_encoding": fallback_encoding} if fallback_encoding else {}),
        "model": _spec(model),
        "library": _spec(library),
        "quarantine": str(qpath),
        "options": json.loads(json.dumps({**options, "renderer": _spec(renderer)}, default=str)),
    }
    state: dict[str, Any] | None = None
    if ck is not None and ck.exists():
        old = ck.load()
        if resume and old is not None:
            if old.get("fingerprint") != fingerprint:
                diff = sorted(
                    k for k in fingerprint if old.get("fingerprint", {}).get(k) != fingerprint[k]
                )
                raise ResumeError(
                    f"the checkpoint in {ck.dir} is from a different run (differs in: "
                    f"{', '.join(diff)}); run again without --resume to start over"
                )
            state = old
        elif not resume:
            warn(
                f"an interrupted run was found ({ck.dir}); starting over "
                "(use --resume to continue it)"
            )
    if state is not None and state.get("finalized"):
        return _finish(ck, state, Path(output), qpath, summary, resumed_final=True)

    reader = open_reader(
        input,
        in_fmt,
        chunk_size=chunk_size,
        encoding=encoding,
        start=state["position"] if state else None,
        max_chars=max_chars,
        sheet=sheet,
        delimiter=delimiter,
        fallback_encoding=fallback_encoding,
    )
    try:
        summary.encoding = reader.encoding
        for msg in reader.warnings:
            if state is None:
                warn(msg)
            summary.warnings.append(msg)
        col = detect_text_column(reader.columns, text_col)
        options["platform_col"] = detect_platform_column(reader.columns)  # per-row replies
        clashes = [c for c in OUTPUT_COLUMNS if c in reader.columns]
        if clashes:
            msg = f"input columns replaced by scores: {', '.join(clashes)}"
            if state is None:
                warn(msg)
            summary.warnings.append(msg)
        out_columns = list(reader.columns) + [c for c in OUTPUT_COLUMNS if c not in clashes]
        return _run(
            _Job(
                reader=reader,
                col=col,
                in_fmt=in_fmt,
                out_fmt=out_fmt,
                out_columns=out_columns,
                options=options,
                state=state,
                ck=ck,
                fingerprint=fingerprint,
                output=output,
                qpath=qpath,
                summary=summary,
                started=started,
                model=model,
                library=library,
                jobs=jobs,
                progress=progress,
                cache_size=cache_size,
                warn=warn,
            )
        )
    finally:
        reader.close()


@dataclass
class _Job:
    """Everything one run needs (resolved arguments and state)."""

    reader: Any
    col: str
    in_fmt: str
    out_fmt: str
    out_columns: list[str]
    options: dict[str, Any]
    state: dict[str, Any] | None
    ck: Checkpoint | None
    fingerprint: dict[str, Any]
    output: str
    qpath: Path
    summary: ScoreSummary
    started: float
    model: Any
    library: Any
    jobs: int
    progress: bool | None
    cache_size: int
    warn: Callable[[str], None] | None = None


def _run(job: _Job) -> ScoreSummary:
    """Read, score and write chunk by chunk, committing a checkpoint after each."""
    reader, col, in_fmt, out_fmt = job.reader, job.col, job.in_fmt, job.out_fmt
    out_columns, options, state, ck = job.out_columns, job.options, job.state, job.ck
    fingerprint, output, qpath, summary = job.fingerprint, job.output, job.qpath, job.summary
    started = job.started
    text_out = out_fmt in TEXT_FORMATS
    to_stdout = ck is None
    elapsed_before = 0.0
    q_bytes = 0
    parts = 0
    if state is not None:
        summary.resumed = True
        summary.add(state["counts"])
        elapsed_before = float(state.get("elapsed", 0.0))
        q_bytes = int(state["quarantine_bytes"])
        parts = int(state.get("parts", 0))
        truncate_to(ck.quarantine_part, q_bytes)
        if text_out:
            truncate_to(ck.output_part, int(state["output_bytes"]))
        else:
            ck.drop_parts_after(parts)
    elif ck is not None:
        ck.create()

    # sinks
    if to_stdout:
        out_fh = sys.stdout.buffer
        out_fh.write(header_bytes(out_fmt, out_columns))
        q_fh = None
        qpath.unlink(missing_ok=True)
    else:
        out_fh = open(ck.output_part, "ab") if text_out else None  # noqa: SIM115
        q_fh = open(ck.quarantine_part, "ab")  # noqa: SIM115
        if state is None and text_out:
            out_fh.write(header_bytes(out_fmt, out_columns))
    first_rows = summary.rows_written == 0

    def write_quarantine(records: list[QuarantineRecord]) -> bool:
        nonlocal q_fh, q_bytes
        if not records:
            return False
        records.sort(key=lambda r: r.row)
        if q_fh is None:  # stdout mode: create lazily
            q_fh = open(qpath, "wb")  # noqa: SIM115
        data = encode_quarantine(records, header=q_bytes == 0)
        q_fh.write(data)
        q_bytes += len(data)
        return True

    # one result cache for all processes: each task carries the known scores of
    # its texts and brings back the ones it computed
    cache = ResultCache(job.cache_size) if job.cache_size > 0 else None

    def tasks() -> Iterator[tuple[Any, ChunkTask]]:
        for chunk in reader.chunks():
            known = None
            if cache is not None and job.jobs <= 1:
                known = cache.data  # scored in this process: the cache itself, not a copy
            elif cache is not None:
                data = cache.data
                pcol = options.get("platform_col")
                texts = cache_keys(
                    chunk.frame[col],
                    chunk.frame[pcol] if pcol else None,
                    options["platform"],
                    job.library is not False,
                )
                known = {t: data[t] for t in texts if t in data}
            yield (
                chunk,
                ChunkTask(
                    chunk.frame, chunk.rows, chunk.lines, col, in_fmt, out_fmt, options, known
                ),
            )

    bar = _Progress(job.progress, reader.total_rows, summary.rows_read)
    committed = False
    ok = False
    warn_end = job.warn or (lambda msg: warnings.warn(msg, UserWarning, stacklevel=3))
    try:
        executor = _Executor(job.jobs, job.model, job.library)
    except BaseException:
        for fh in (out_fh, q_fh):
            if fh is not None and fh is not sys.stdout.buffer:
                fh.close()
        close = getattr(reader, "close", None)
        if callable(close):
            close()
        if ck is not None and state is None:
            ck.clear()
        raise
    try:
        for chunk, result in executor.map(tasks()):
            if cache is not None and result.fresh:
                cache.data.update(result.fresh)
                cache.trim()
            q_written = write_quarantine(list(chunk.bad) + result.quarantined)
            summary.rows_read += chunk.n_read
            summary.rows_quarantined += len(chunk.bad) + len(result.quarantined)
            summary.add(result.counts)
            if text_out:
                data = result.data
                if out_fmt == "json" and first_rows and data:
                    data = b"\n" + data[2:]  # first record: no leading comma
                if data:
                    first_rows = False
                out_fh.write(data)
            elif result.data.num_rows:
                parts += 1
                tmp = ck.dir / f".part.tmp{os.getpid()}"
                write_part(result.data, tmp)
                with open(tmp, "rb") as fh:
                    os.fsync(fh.fileno())
                os.replace(tmp, ck.part_path(parts))
            if ck is not None:
                if out_fh is not None:
                    _flush(out_fh)
                if q_written:
                    _flush(q_fh)
                ck.save(
                    {
                        "fingerprint": fingerprint,
                        "position": chunk.position,
                        "output_bytes": out_fh.tell() if out_fh is not None else 0,
                        "quarantine_bytes": q_bytes,
                        "parts": parts,
                        "counts": _counts(summary),
                        "elapsed": elapsed_before + time.perf_counter() - started,
                    }
                )
            bar.update(chunk.n_read)
            committed = True
        ok = True
        for msg in reader.end_warnings():
            warn_end(msg)
            summary.warnings.append(msg)
    finally:
        bar.close()
        executor.close() if ok else executor.terminate()
        if not ok:  # the error goes up: close what this run opened
            for fh in (out_fh, q_fh):
                if fh is not None and fh is not sys.stdout.buffer:
                    fh.close()
        if not ok and ck is not None and state is None and not committed:
            ck.clear()  # a failed start leaves no empty checkpoint behind
    if text_out:
        out_fh.write(footer_bytes(out_fmt))
    if to_stdout:
        out_fh.flush()
        if q_fh is not None:
            q_fh.close()
        summary.quarantine = str(qpath) if summary.rows_quarantined else None
        summary.seconds = time.perf_counter() - started
        return summary
    if out_fh is not None:
        _flush(out_fh)
        out_fh.close()
    _flush(q_fh)
    q_fh.close()
    if not text_out:
        tmp = ck.dir / ("final.tmp" + Path(output).suffix)
        paths = ck.parts(parts)
        if out_fmt == "parquet":
            assemble_parquet(paths, tmp, out_columns)
        else:
            assemble_xlsx(paths, tmp, out_columns, summary.rows_written)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
    final = {
        "fingerprint": fingerprint,
        "finalized": True,
        "parts": parts,
        "counts": _counts(summary),
        "elapsed": elapsed_before + time.perf_counter() - started,
    }
    ck.save(final)
    return _finish(ck, final, Path(output), qpath, summary)


def _flush(fh: Any) -> None:
    fh.flush()
    os.fsync(fh.fileno())


def _counts(summary: ScoreSummary) -> dict[str, int]:
    keys = (
        "rows_read",
        "rows_written",
        "rows_scored",
        "rows_failed",
        "rows_flagged",
        "rows_matched",
        "rows_quarantined",
    )
    return {k: getattr(summary, k) for k in keys}


def _finish(
    ck: Checkpoint,
    state: dict[str, Any],
    output: Path,
    qpath: Path,
    summary: ScoreSummary,
    resumed_final: bool = False,
) -> ScoreSummary:
    """Move the finished output and quarantine into place; drop the checkpoint.

    Idempotent: a run killed while finishing completes here on ``--resume``.
    """
    if resumed_final:
        summary.resumed = True
        summary.add(state["counts"])
    src = ck.output_part
    if not src.exists():
        src = ck.dir / ("final.tmp" + output.suffix)
    if src.exists():
        os.replace(src, output)
        fsync_dir(output.parent)
    if state["counts"]["rows_quarantined"]:
        if ck.quarantine_part.exists():
            os.replace(ck.quarantine_part, qpath)
            fsync_dir(qpath.parent)
        summary.quarantine = str(qpath)
    else:
        qpath.unlink(missing_ok=True)
    ck.clear()
    summary.seconds = float(state.get("elapsed", 0.0))
    return summary


__all__ = ["DEFAULT_CHUNK_SIZE", "ResumeError", "default_output", "score_file"]
