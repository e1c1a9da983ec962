"""Matching metrics and the fact-check matching benchmark on the shared corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from hoaxguard.counter import CounterNarrativeLibrary, bundled_templates_dir
from hoaxguard.evaluate import (
    evaluate_bundled_matching,
    evaluate_factcheck_matching,
    matching_metrics,
)
from test_counter_fixtures import entries, write_doc


def _frame(cands, is_match):
    return pd.DataFrame(
        {
            "match_id": [c[0][0] if m else None for c, m in zip(cands, is_match, strict=True)],
            "is_match": is_match,
            "candidates": cands,
        }
    )


def test_matching_metrics_by_hand():
    cands = [
        [("a", 0.9), ("b", 0.5)],
        [("a", 0.6), ("b", 0.4)],
        [("c", 0.3), ("d", 0.2)],
    ]
    frame = _frame(cands, [True, True, False])
    negatives = pd.DataFrame({"is_match": [False, False, False, True]})
    m = matching_metrics(["a", "b", "x"], frame, negatives=negatives)
    assert m["recall_at_1"] == pytest.approx(1 / 3)
    assert m["recall_at_5"] == pytest.approx(2 / 3)
    assert m["mrr"] == pytest.approx((1 + 0.5) / 3)
    assert m["map_at_5"] == pytest.approx(m["mrr"])
    assert m["coverage"] == pytest.approx(2 / 3)
    assert m["correct_match_rate"] == pytest.approx(1 / 3)
    assert m["wrong_match_rate"] == pytest.approx(1 / 3)
    assert m["precision"] == pytest.approx(0.5)
    assert m["no_match_rate"] == pytest.approx(0.75)
    with pytest.raises(ValueError):
        matching_metrics(["a"], frame)


@pytest.mark.corpus
@pytest.mark.slow
def test_factcheck_matching_on_corpus(corpus_dir):
    result = evaluate_factcheck_matching(
        corpus_dir, n_ordinary=4000, variants=("title+verdict+explanation",)
    )
    result = result[result["queries"] == "all"]
    ours = result[result["method"] == "hoaxguard"].iloc[0]
    base = result[result["method"] != "hoaxguard"].iloc[0]
    assert ours["n_queries"] > 100
    assert ours["recall_at_1"] >= 0.90
    assert ours["recall_at_1"] >= base["recall_at_1"] - 0.02
    assert ours["no_match_rate"] >= 0.97  # calibrated at 98% on the other half
    assert ours["recall_at_5"] >= ours["recall_at_1"]


def test_bundled_cross_validation_on_own_library(tmp_path):
    lib = CounterNarrativeLibrary.load(write_doc(tmp_path / "a.yaml", entries()))
    ordinary = [
        "selamat pagi semua",
        "macet parah di jalan tol tadi sore",
        "resep nasi goreng",
    ] * 10
    res = evaluate_bundled_matching(lib, ordinary, folds=3)
    assert res["metrics"]["n_queries"] == 9
    assert res["metrics"]["recall_at_5"] == 1.0
    assert res["recommended_threshold"] >= res["threshold"]
    assert res["metrics"]["no_match_rate"] >= 0.9


@pytest.mark.corpus
def test_default_threshold_leaves_ordinary_posts_unmatched(corpus_dir):
    if not any(f.name.endswith(".yaml") for f in bundled_templates_dir().iterdir()):
        pytest.skip("no bundled templates yet")
    posts = pd.read_csv(corpus_dir / "ordinary_posts.csv", dtype=str, keep_default_na=False)["text"]
    sample = posts.sample(n=3000, random_state=7)
    matched = CounterNarrativeLibrary.load().match(sample, k=1)["is_match"].mean()
    assert matched <= 0.02
