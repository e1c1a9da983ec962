"""The bundled default model: loads, scores, matches its model card."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from hoaxguard import HoaxDetector, load_model
from hoaxguard.detect.train_default import RECIPE
from hoaxguard.persist import default_model_path

REPO_ROOT = Path(__file__).resolve().parents[1]
METRICS = REPO_ROOT / "models" / "default_metrics.json"
CARD = REPO_ROOT / "models" / "MODEL_CARD.md"
TOLERANCE = 0.02


def test_default_model_bundled_small_and_loads():
    path = default_model_path()
    assert path.is_file(), "run `python -m hoaxguard.detect.train_default`"
    assert path.stat().st_size <= 20 * 1024 * 1024
    model = load_model()
    assert isinstance(model, HoaxDetector)
    assert load_model() is model  # cached in-process
    params = model.get_params()
    for key, value in RECIPE["params"].items():
        assert params[key] == value, key


def test_default_model_scores_texts():
    model = load_model()
    texts = pd.Series([
        "SEBARKAN!! Air garam hangat menyembuhkan corona dalam 3 hari, info dari dokter",
        "Selamat pagi, hari ini aku mau ke pasar beli sayur sama ibu",
        "Selamat! Nomor Anda memenangkan hadiah mobil, kirim pulsa 100rb untuk biaya admin",
    ], index=["a", "b", "c"])
    out = model.score(texts)
    assert list(out.index) == ["a", "b", "c"]
    p = out["hoax_probability"]
    assert p["a"] > p["b"] and p["c"] > p["b"]
    assert out["top_terms"].str.len().gt(0).all()


def test_card_lists_the_figures():
    figures = json.loads(METRICS.read_text(encoding="utf-8"))
    card = CARD.read_text(encoding="utf-8")
    s = figures["summary"]["hoaxguard"]
    for key in ("recall_at_5%_fpr", "pr_auc_at_prevalence"):
        assert f"{s[key]:.3f}" in card, key


@pytest.mark.corpus
@pytest.mark.slow
def test_recipe_reproduces_card_metrics(corpus_dir):
    """The held-out-source protocol on its documented CI subset gives the stored figures."""
    from hoaxguard.detect.train_default import CI_SUBSET, protocol_evaluation

    stored = json.loads(METRICS.read_text(encoding="utf-8"))["ci_subset"]
    assert stored["max_rows_per_group"] == CI_SUBSET
    expected = stored["summary"]["hoaxguard"]
    report = protocol_evaluation(corpus_dir, baseline=False, max_rows_per_group=CI_SUBSET)
    got = report.summary["hoaxguard"]
    for key in ("recall_at_1%_fpr", "recall_at_5%_fpr", "pr_auc_at_prevalence", "roc_auc"):
        assert abs(got[key] - expected[key]) <= TOLERANCE, (key, got[key], expected[key])
    assert got["n_test"] == expected["n_test"]


# How far a retrained default model may be from the bundled one. Measured with
# ``python benchmarks/model_reproducibility.py --runs kernel-Prescott,numpy-x86v2,shuffle-1``
# (2026-12-02, current recipe with the claim and lead titles: another BLAS kernel, numpy's SIMD
# loops without AVX2, shuffled corpus rows): weights moved by at most 1.8e-4 (99th percentile
# 1.1e-5), the intercept by 1.3e-6, probabilities by 1.8e-5, the threshold by 5.1e-9, no flag
# changed (the recipe before the titles: 3.8e-4, 6.8e-5). The bounds leave a factor of about 27
# over the weights and 55 over the probabilities; a single weight is less telling than the
# probabilities and flags, which the test also checks.
WEIGHT_ATOL = 5e-3
INTERCEPT_ATOL = 1e-3
THRESHOLD_ATOL = 1e-3
PROBA_ATOL = 1e-3


@pytest.mark.corpus
def test_cli_recipe_reproduces_the_bundled_model(corpus_dir, tmp_path):
    """``hoaxguard train --recipe default`` gives the bundled model up to floating-point noise.

    Same vocabulary; weights, intercept and threshold within the bounds above;
    probabilities on a fixed corpus sample within ``PROBA_ATOL``; the same flags
    except for rows that close to the threshold.
    """
    from hoaxguard._testing import compare_models, sample_texts
    from hoaxguard.cli import main

    out = tmp_path / "recipe.skops"
    assert main(["train", str(corpus_dir), "-o", str(out), "--recipe", "default"]) == 0
    bundled, retrained = load_model(), load_model(out)
    assert retrained.get_params() == bundled.get_params()
    d = compare_models(bundled, retrained, sample_texts(corpus_dir, 3000))
    assert d["same_vocabulary"] == 1.0, "the vocabulary differs: retrain the bundled model"
    assert d["max_weight_diff"] <= WEIGHT_ATOL, d
    assert d["intercept_diff"] <= INTERCEPT_ATOL, d
    assert d["threshold_diff"] <= THRESHOLD_ATOL, d
    assert d["max_proba_diff"] <= PROBA_ATOL, d
    assert d["flags_differ_outside"] == 0, d
