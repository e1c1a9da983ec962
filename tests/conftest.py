"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoaxguard._testing import corpus_required, shared_dir

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_path() -> Path:
    """The ``../shared`` folder; skips (or fails in CI) when it is absent."""
    path = shared_dir(REPO_ROOT)
    if path is None:
        reason = (
            "needs ../shared/corpus beside the repository (the shared Indonesian corpus); "
            "it is not part of the repository"
        )
        if corpus_required():
            pytest.fail(f"HOAXGUARD_REQUIRE_CORPUS is set but the corpus is absent: {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def corpus_dir(shared_path: Path) -> Path:
    """``../shared/corpus``."""
    return shared_path / "corpus"


@pytest.fixture(scope="session")
def lexicon_dir(shared_path: Path) -> Path:
    """``../shared/lexicons``."""
    return shared_path / "lexicons"
