"""Shared helpers for the benchmarks: corpus location, sampling, timing, memory."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from hoaxguard._testing import shared_dir

T = TypeVar("T")


def corpus_dir() -> Path:
    """``../shared/corpus``; exits with a one-line reason when it is absent."""
    shared = shared_dir(Path(__file__).resolve().parents[1])
    if shared is None:
        sys.exit("benchmark needs ../shared/corpus beside the repository (not part of the repo)")
    return shared / "corpus"


def read_corpus(*names: str) -> pd.DataFrame:
    """Read and concatenate corpus CSV files (glob patterns allowed)."""
    root = corpus_dir()
    paths = sorted(p for name in names for p in root.glob(name))
    return pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in paths], ignore_index=True)


def sample_texts(frame: pd.DataFrame, n: int, seed: int = 0) -> list[str]:
    """``n`` texts drawn with replacement from ``frame['text']`` (fixed seed)."""
    return frame["text"].sample(n=n, replace=n > len(frame), random_state=seed).tolist()


def timed(func: Callable[[], T]) -> tuple[T, float]:
    """Run ``func`` once; return its result and the wall-clock seconds."""
    start = time.perf_counter()
    result = func()
    return result, time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(rows: list[tuple[str, Any]]) -> None:
    """Print aligned ``name: value`` lines."""
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}} : {value}")
