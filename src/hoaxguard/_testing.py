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


def compare_models(reference: object, candidate: object, texts: list[str]) -> dict[str, float]:
    """How far two fitted detectors are apart, in the terms a user relies on.

    Parameters
    ----------
    reference, candidate : HoaxDetector
        Fitted detectors (e.g. the bundled model and a retrained one).
    texts : list of str
        A fixed sample to score with both.

    Returns
    -------
    dict
        ``same_vocabulary`` (1.0 or 0.0), ``max_weight_diff`` and ``p99_weight_diff``
        (absolute, over ``coef_``), ``intercept_diff``, ``threshold_diff``,
        ``max_proba_diff``, ``flags_differ`` (rows whose flag differs) and
        ``flags_differ_outside`` (of those, rows whose probability under
        ``reference`` is farther than ``max_proba_diff`` from its threshold;
        0 when the difference is floating-point noise near the threshold).
    """
    import numpy as np

    names_a = np.asarray(reference.get_feature_names_out())
    names_b = np.asarray(candidate.get_feature_names_out())
    same_vocab = names_a.shape == names_b.shape and bool((names_a == names_b).all())
    out: dict[str, float] = {"same_vocabulary": float(same_vocab)}
    if same_vocab:
        diff = np.abs(np.asarray(reference.coef_, dtype=np.float64).ravel()
                      - np.asarray(candidate.coef_, dtype=np.float64).ravel())
        out["max_weight_diff"] = float(diff.max(initial=0.0))
        out["p99_weight_diff"] = float(np.quantile(diff, 0.99)) if diff.size else 0.0
    else:
        out["max_weight_diff"] = out["p99_weight_diff"] = float("inf")
    out["intercept_diff"] = abs(float(reference.intercept_) - float(candidate.intercept_))
    out["threshold_diff"] = abs(float(reference.threshold_) - float(candidate.threshold_))
    p_a = reference.predict_proba(texts)[:, 1]
    p_b = candidate.predict_proba(texts)[:, 1]
    out["max_proba_diff"] = float(np.abs(p_a - p_b).max(initial=0.0))
    flag_a = p_a >= reference.threshold_
    flag_b = p_b >= candidate.threshold_
    differ = flag_a != flag_b
    band = out["max_proba_diff"] + out["threshold_diff"]
    outside = differ & (np.abs(p_a - reference.threshold_) > band)
    out["flags_differ"] = float(differ.sum())
    out["flags_differ_outside"] = float(outside.sum())
    return out


def sample_texts(corpus: str | os.PathLike[str], n: int = 3000) -> list[str]:
    """A fixed, machine-independent sample of corpus texts (chosen by a hash of the id)."""
    import hashlib

    from hoaxguard.datasets import load_corpus

    df = load_corpus(corpus)
    key = df["id"].astype(str).map(lambda s: hashlib.md5(s.encode("utf-8")).hexdigest())
    return df.assign(_key=key).sort_values("_key").head(n)["text"].astype(str).tolist()
