"""Scoring of one chunk, in the main process or in a worker process.

:func:`init_worker` only records what to load; each process loads the model and
the template library once, on its first chunk, so that a loading error reaches
the caller as the exception of that chunk (a failing pool initializer would make
``multiprocessing`` restart workers forever).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from hoaxguard.batch._frame import (
    OUTPUT_COLUMNS,
    ResultCache,
    resolve_library,
    resolve_model,
    score_texts,
)
from hoaxguard.batch._quarantine import QuarantineRecord, record_as_json, text_problems
from hoaxguard.batch._trusted import apply_trusted
from hoaxguard.batch._writers import TEXT_FORMATS, encode_rows, to_arrow

_WORKER: dict[str, Any] = {}


class ScoringSetupError(RuntimeError):
    """The model or the template library could not be loaded."""


#: Seconds between two checks that the parent process is still alive.
PARENT_POLL_SECONDS = 0.2

#: Seconds a worker waits before it writes to stderr: when the parent dies, its pipes close a
#: moment before the worker is re-parented, and the worker's error about the closed pipe must
#: not reach the terminal (workers rarely write to stderr, so the wait costs nothing).
ORPHAN_GRACE_SECONDS = 0.05


class _OrphanQuietStream(io.TextIOBase):
    """stderr of a worker: silent once the parent is gone (no BrokenPipeError tracebacks)."""

    def __init__(self, stream: Any, parent: int) -> None:
        self._stream = stream
        self._parent = parent

    def _parent_alive(self) -> bool:
        if os.getppid() != self._parent:
            return False
        time.sleep(ORPHAN_GRACE_SECONDS)
        return os.getppid() == self._parent

    def write(self, text: str) -> int:
        if not self._parent_alive():
            return len(text)
        try:
            return self._stream.write(text)
        except (OSError, ValueError):
            return len(text)

    def flush(self) -> None:
        if os.getppid() == self._parent:
            with contextlib.suppress(OSError, ValueError):
                self._stream.flush()


def _watch_parent(parent: int) -> None:
    """End this worker as soon as its parent has died (it is re-parented)."""
    while True:
        time.sleep(PARENT_POLL_SECONDS)
        if os.getppid() != parent:
            os._exit(0)


def init_worker(model: Any, library: Any, worker: bool = False) -> None:
    """Record the model and library (objects or paths) to use in this process.

    ``worker=True`` (pool processes): the process ends on its own when the
    parent dies (``kill -9``), says nothing on stderr after that, and leaves
    Ctrl-C to the parent (which stops the pool).
    """
    _WORKER.clear()
    _WORKER["spec"] = (model, library)
    if worker:
        parent = os.getppid()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.stderr = _OrphanQuietStream(sys.stderr, parent)
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _loaded() -> tuple[Any, Any]:
    """The model and library of this process, loaded on first use."""
    if "model" not in _WORKER:
        model, library = _WORKER["spec"]
        try:
            _WORKER["model"] = resolve_model(model)
        except Exception as exc:
            raise ScoringSetupError(f"cannot load the model: {exc}") from None
        try:
            _WORKER["library"] = resolve_library(library)
        except Exception as exc:
            raise ScoringSetupError(f"cannot load the templates: {exc}") from None
    return _WORKER["model"], _WORKER["library"]


@dataclass
class ChunkTask:
    """A chunk to score and how to encode the result."""

    frame: pd.DataFrame
    rows: np.ndarray
    lines: np.ndarray | None
    text_col: str
    in_fmt: str
    out_fmt: str
    options: dict[str, Any] = field(default_factory=dict)
    known: dict[str, tuple[Any, ...]] | None = None


@dataclass
class ChunkResult:
    """Encoded output rows, quarantined rows and counts of one chunk."""

    data: Any
    quarantined: list[QuarantineRecord]
    counts: dict[str, int]
    fresh: dict[str, tuple[Any, ...]] = field(default_factory=dict)


def _raw_record(frame: pd.DataFrame, i: int, in_fmt: str) -> str:
    values = frame.iloc[i]
    if in_fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if in_fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(["" if v is None else v for v in values.tolist()])
        return buf.getvalue()
    return record_as_json(dict(zip(map(str, frame.columns), values.tolist(), strict=True)))


def process_chunk(task: ChunkTask) -> ChunkResult:
    """Validate, score and encode one chunk (uses the per-process model)."""
    opts = task.options
    frame = task.frame
    problems = text_problems(frame[task.text_col], opts.get("max_chars", 20_000))
    bad = problems.notna().to_numpy()
    quarantined = [
        QuarantineRecord(
            int(task.rows[i]),
            None if task.lines is None else int(task.lines[i]),
            str(problems.iat[i]),
            _raw_record(frame, i, task.in_fmt),
        )
        for i in np.flatnonzero(bad)
    ]
    keep = ~bad
    valid = frame[keep].reset_index(drop=True) if bad.any() else frame.reset_index(drop=True)
    model, library = _loaded()
    trusted = opts.get("trusted_accounts")
    # scores of texts the main process already knows (None: result cache off)
    cache = None if task.known is None else ResultCache(sys.maxsize, task.known)
    added = score_texts(
        valid[task.text_col],
        model=model,
        library=library,
        problems=problems[keep].reset_index(drop=True),
        cache=cache,
        platforms=valid[opts["platform_col"]] if opts.get("platform_col") else None,
        **{k: v for k, v in opts.items()
           if k not in ("max_chars", "platform_col", "trusted_accounts")},
    )
    out = valid
    for name in OUTPUT_COLUMNS:
        out[name] = added[name].array if name == "is_hoax" else added[name].to_numpy()
    if trusted:
        apply_trusted(out, trusted)
    failed = added["error"].notna().to_numpy()
    counts = {
        "rows_written": len(out),
        "rows_scored": int((~failed).sum()),
        "rows_failed": int(failed.sum()),
        "rows_flagged": int(out["is_hoax"].fillna(False).astype(bool).sum()),
        "rows_matched": int(added["match_id"].notna().sum()),
    }
    if task.out_fmt in TEXT_FORMATS:
        data: Any = encode_rows(out, task.out_fmt, first=False)
    else:
        data = to_arrow(out)
    return ChunkResult(data, quarantined, counts, cache.added if cache is not None else {})
