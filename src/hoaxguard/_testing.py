"""Helpers for tests and benchmarks that read the shared corpus (``../shared``).

The corpus is never part of the repository; it sits beside the checkout as
``../shared`` (or wherever ``HOAXGUARD_SHARED`` points).
"""

from __future__ import annotations

import os
from pathlib import Path

REQUIRE_ENV = "HOAXGUARD_REQUIRE_CORPUS"
SHARED_ENV = "HOAXGUARD_SHARED"


def shared_dir(start: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the ``shared`` folder beside the repository, or None when absent.

    Parameters
    ----------
    start : path-like, optional
        Where to start looking upwards from; defaults to the current directory
        and this file's location.
    """
    env = os.environ.get(SHARED_ENV)
    if env:
        path = Path(env)
        return path if (path / "corpus").is_dir() else None
    starts = [Path(start)] if start else [Path.cwd(), Path(__file__).resolve()]
    for origin in starts:
        for parent in [origin, *origin.parents]:
            candidate = parent / "shared"
            if (candidate / "corpus").is_dir():
                return candidate
            candidate = parent.parent / "shared"
            if (parent / "pyproject.toml").is_file() and (candidate / "corpus").is_dir():
                return candidate
    return None


def corpus_required() -> bool:
    """True when a missing corpus must fail (CI) rather than skip."""
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0", "false", "no")
