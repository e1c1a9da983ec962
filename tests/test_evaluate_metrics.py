"""Metrics, time split and near-duplicate removal."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import average_precision_score

from hoaxguard.evaluate import (
    group_breakdown,
    near_duplicate_mask,
    pr_auc_at_prevalence,
    prevalence_weights,
    recall_at_fpr,
    reliability_table,
    remove_near_duplicates,
    summary_metrics,
    time_split,
)


def test_recall_at_fpr_simple():
    y = np.array([0] * 100 + [1] * 10)
    s = np.concatenate([np.linspace(0, 1, 100), np.full(10, 0.97)])
    r, t = recall_at_fpr(y, s, 0.05)
    assert ((s[:100] > t).mean()) <= 0.05
    assert r == 1.0
    r1, _ = recall_at_fpr(y, s, 0.01)
    assert r1 == 1.0 or r1 == 0.0


def test_recall_at_fpr_uses_only_masked_negatives():
    y = np.array([0, 0, 0, 0, 1])
    s = np.array([0.9, 0.1, 0.1, 0.1, 0.5])
    mask = np.array([False, True, True, True, True])  # the 0.9 negative is not "ordinary"
    r, _ = recall_at_fpr(y, s, 0.0, mask)
    assert r == 1.0


def test_prevalence_reweighting():
    y = np.array([1] * 50 + [0] * 50)
    w = prevalence_weights(y, 0.07)
    assert np.isclose(w[y == 1].sum() / w.sum(), 0.07)
    rng = np.random.default_rng(0)
    s = np.where(y == 1, rng.normal(1, 1, 100), rng.normal(0, 1, 100))
    # reweighting equals physically replicating the negatives
    rep = int(round(w[y == 0][0]))
    y_rep = np.concatenate([y[y == 1], np.repeat(y[y == 0], rep)])
    s_rep = np.concatenate([s[y == 1], np.repeat(s[y == 0], rep)])
    w2 = prevalence_weights(y, 50 / (50 + 50 * rep))
    assert np.isclose(average_precision_score(y, s, sample_weight=w2),
                      average_precision_score(y_rep, s_rep))
    assert pr_auc_at_prevalence(y, s, 0.07) < average_precision_score(y, s)


def test_reliability_table_bins():
    y = np.array([0, 0, 1, 1])
    p = np.array([0.05, 0.15, 0.85, 0.95])
    t = reliability_table(y, p, n_bins=10)
    assert len(t) == 10 and t["n"].sum() == 4
    assert t.loc[9, "observed_hoax_rate"] == 1.0


def test_group_breakdown_and_summary():
    df = pd.DataFrame({"kind": ["post", "post", "claim", "claim"], "y": [0, 0, 1, 1],
                       "score": [0.1, 0.8, 0.9, 0.2]})
    b = group_breakdown(df, "kind", 0.5)
    assert b.loc["post", "fpr"] == 0.5 and b.loc["claim", "recall"] == 0.5
    m = summary_metrics(df["y"], df["score"], np.ones(4, bool), threshold=0.5)
    assert m["recall_at_operating_threshold"] == 0.5
    assert 0 <= m["brier"] <= 1 and "pr_auc_at_prevalence" in m


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "id": [f"d:{i}" for i in range(8)],
        "text": [f"teks nomor {i}" for i in range(8)],
        "date": pd.to_datetime(["2018-01-01", "2019-06-01", "2020-02-01", "2024-01-01",
                                None, None, None, None]),
        "y": [1, 0, 1, 1, 0, 0, 0, 0],
    })


def test_time_split_dated_rows_by_cutoff():
    tr, te = time_split(_frame(), "2020-01-01", undated="train")
    assert set(tr["id"]) >= {"d:0", "d:1"} and set(te["id"]) == {"d:2", "d:3"}
    assert (tr["date"].dropna() < "2020-01-01").all()
    tr2, te2 = time_split(_frame(), "2020-01-01", undated="drop")
    assert len(tr2) + len(te2) == 4


def test_time_split_undated_random_is_stable():
    df = _frame()
    a = time_split(df, "2020-01-01", test_size=0.5)[1]["id"].tolist()
    b = time_split(df.iloc[::-1], "2020-01-01", test_size=0.5)[1]["id"].tolist()
    assert sorted(a) == sorted(b)
    tr, te = time_split(df, None, undated="test")
    assert len(tr) + len(te) == len(df)
    with pytest.raises(ValueError):
        time_split(df, undated="sideways")


def test_near_duplicates():
    train = ["Vaksin covid mengandung chip pelacak dari luar negeri kata pesan ini",
             "Harga cabai naik di pasar"]
    test = ["VAKSIN covid mengandung chip pelacak dari luar negeri, kata pesan ini!!",  # near
            "harga cabai naik di pasar",                                                 # exact
            "Jembatan baru diresmikan bupati pagi ini",                                  # new
            "pesan: vaksin covid mengandung chip pelacak dari luar negeri"]              # contained
    mask = near_duplicate_mask(test, train)
    assert mask.tolist() == [True, True, False, True]
    tr = pd.DataFrame({"text": train})
    te = pd.DataFrame({"text": test + ["Jembatan baru diresmikan bupati pagi ini"]})
    kept, n = remove_near_duplicates(tr, te)
    assert n == 4 and kept["text"].tolist() == ["Jembatan baru diresmikan bupati pagi ini"]
