"""Held-out-source protocol: splits, folds that never see a held-out source, report shape."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin

from _detect_data import make_texts
from hoaxguard import HoaxDetector
from hoaxguard.cli import main
from hoaxguard.detect import threshold_for_fpr
from hoaxguard.evaluate import heldout_source_evaluation, heldout_source_split

GROUPS = {"posts_a": ("posts_a",), "posts_b": ("posts_b",), "news": ("news",)}


def _frame(n: int = 240) -> pd.DataFrame:
    X, y = make_texts(n, seed=3)
    rows = []
    for i, (text, label) in enumerate(zip(X, y, strict=True)):
        if label:
            date = "2023-05-01" if i % 3 else "2024-03-01"
            ds, kind = "claims", "claim"
        else:
            date, ds = "", ("posts_a", "posts_b", "news")[i % 3]
            kind = "headline" if ds == "news" else "post"
        rows.append({"id": f"s:{i}", "text": f"{text} {i}", "y": label, "dataset": ds,
                     "kind": kind, "date": date, "label": "hoax" if label else "valid",
                     "title": ""})
    df = pd.DataFrame(rows)
    df["date"] = pd.to_datetime(df["date"].replace("", None))
    return df


class _Recorder(ClassifierMixin, BaseEstimator):
    """Records the datasets it was fitted on; scores by text length."""

    seen: list[set[str]] = []

    def fit(self, X, y, sample_weight=None, groups=None):  # noqa: ANN001, ANN201, D102
        self.classes_ = np.array([0, 1])
        _Recorder.seen.append(set(pd.Series(list(groups)).astype(str)))
        return self

    def predict_proba(self, X):  # noqa: ANN001, ANN201, D102
        p = np.array([min(len(t) / 200.0, 1.0) for t in X])
        return np.column_stack([1 - p, p])


def test_split_positives_by_time_negatives_by_group():
    df = _frame()
    base, test_pos, negs = heldout_source_split(df, cutoff="2024-01-01", groups=GROUPS)
    assert (test_pos["date"] >= "2024-01-01").all() and test_pos["y"].eq(1).all()
    assert not base["date"].ge("2024-01-01").any()
    assert set(negs["holdout_group"]) == set(GROUPS)
    assert len(base) + len(test_pos) + len(negs) == len(df)


def test_each_group_scored_by_a_model_that_never_saw_it():
    _Recorder.seen = []
    df = _frame()
    rep = heldout_source_evaluation(
        df, _Recorder(), groups=GROUPS, baselines=False,
        fit_groups=lambda d: d["dataset"].to_numpy(), keep_scores=True)
    assert len(_Recorder.seen) == 3  # one fold per group
    for fold_seen, group in zip(_Recorder.seen, GROUPS, strict=True):
        assert group not in fold_seen
    scored = rep.scores
    assert set(scored.loc[scored["y"] == 0, "holdout_group"]) == set(GROUPS)
    assert scored["y"].sum() == rep.info["test_hoax"]
    assert {"recall_at_1%_fpr", "recall_at_5%_fpr", "pr_auc_at_prevalence"} <= set(
        rep.summary["hoaxguard"])


def test_folds_hold_groups_out_together_and_dedup_removes_copies():
    _Recorder.seen = []
    df = _frame()
    # a held-out post that copies a training claim must be removed
    copy = df[(df["y"] == 1) & (df["date"] < "2024-01-01")].iloc[:1].assign(
        y=0, dataset="posts_a", kind="post", date=pd.NaT, id="copy")
    df = pd.concat([df, copy], ignore_index=True)
    rep = heldout_source_evaluation(
        df, _Recorder(), groups=GROUPS, folds=[("posts_a", "posts_b")], baselines=False,
        fit_groups=lambda d: d["dataset"].to_numpy())
    assert len(_Recorder.seen) == 2  # the fold + the group no fold named
    assert not {"posts_a", "posts_b"} & _Recorder.seen[0]
    assert rep.info["negative_near_duplicates_removed"] >= 1


def test_with_detector_and_baselines_and_extra_negatives():
    df = _frame()
    extra = {"clarifications": pd.DataFrame({"text": ["Informasi tersebut tidak benar."]})}
    rep = heldout_source_evaluation(
        df, HoaxDetector(min_df=1, stem=False, calibration_cv=2), groups=GROUPS,
        extra_negatives=extra, fit_groups=lambda d: d["dataset"].to_numpy())
    assert set(rep.summary) == {"hoaxguard", "baseline_word_lr", "baseline_word_char_lr"}
    assert {"ff_hoaxguard", "ff_baseline_word_lr"} <= set(rep.by_group.columns)
    assert "clarifications" in rep.extra
    text = str(rep)
    assert "held-out-source" in text and "False flags per kind" in text
    assert rep.to_dict()["summary"]["hoaxguard"]["n_hoax"] == rep.info["test_hoax"]


def test_group_weighted_threshold():
    big = np.linspace(0, 1, 1000)
    small = np.array([0.99] * 10)
    scores = np.concatenate([big, small])
    w = np.concatenate([np.full(1000, 1 / 1000), np.full(10, 1 / 10)])
    t_plain = threshold_for_fpr(scores, 0.05)
    t_weighted = threshold_for_fpr(scores, 0.6, w)
    assert np.mean(scores > t_plain) <= 0.05
    # the small group is half of the weight: within a 60% budget it is all flagged
    assert t_weighted < 0.99
    flagged = scores > t_weighted
    assert (flagged * w).sum() / w.sum() <= 0.6 + 1e-9
    assert threshold_for_fpr(scores, 0.4, w) >= 0.99


def test_fit_with_groups_gives_out_of_source_threshold():
    df = _frame()
    det = HoaxDetector(min_df=1, stem=False, calibration_cv=2).fit(
        df["text"], df["y"], groups=df["dataset"])
    assert 0.0 < det.threshold_ < 1.0
    with pytest.raises(ValueError, match="groups"):
        HoaxDetector(stem=False).fit(df["text"], df["y"], groups=df["dataset"][:5])


def test_cli_evaluate_protocol_heldout_source(tmp_path, capsys):
    df = _frame()
    df["dataset"] = df["dataset"].replace({"posts_a": "indonlu_emot", "posts_b": "idsa_ridife",
                                           "news": "clickid_headlines"})
    data = tmp_path / "corpus.csv"
    df.assign(date=df["date"].dt.strftime("%Y-%m-%d").fillna(""), label_orig="", url="",
              lang_note="").drop(columns="y").to_csv(data, index=False)
    model = tmp_path / "m.skops"
    assert main(["train", str(data), "-o", str(model), "--no-stem"]) == 0
    assert main(["evaluate", str(model), str(data), "--protocol", "heldout-source",
                 "--no-baseline"]) == 0
    out = capsys.readouterr().out
    assert "held-out-source" in out and "idsa_ridife" in out
    assert "dated < 2024-01-01" in out
    cut = str(df.loc[df["y"] == 1, "date"].dropna().sort_values().iloc[-1].date())
    assert main(["evaluate", str(model), str(data), "--protocol", "heldout-source",
                 "--no-baseline", "--holdout-cutoff", cut]) == 0
    assert f"dated < {cut}" in capsys.readouterr().out


def test_valid_rows_without_group_do_not_set_the_threshold():
    df = _frame()
    groups = df["dataset"].astype(object).where(df.index % 5 != 0, None)
    det = HoaxDetector(min_df=1, stem=False, calibration_cv=2).fit(
        df["text"], df["y"], groups=groups)
    assert 0.0 < det.threshold_ < 1.0


def test_recipe_groups_follow_the_protocol():
    """A source's hoaxes share its group; other hoaxes spread; non-ordinary valid rows: None."""
    from hoaxguard.detect.train_default import recipe_groups

    df = pd.DataFrame({
        "id": [f"r{i}" for i in range(8)],
        "y": [0, 1, 0, 1, 1, 0, 0, 0],
        "dataset": ["sms", "sms", "news", "tbh", "tbh", "claims", "own", "fc"],
        "kind": ["sms", "sms", "headline", "claim", "claim", "claim", "clarification",
                 "explanation"],
        "date": pd.NaT,
    })
    g = list(recipe_groups(df))
    assert g[0] == g[1] == "sms"  # held out together, as the protocol holds a dataset out
    assert g[2] == "news"
    assert g[3].startswith("tbh:") and g[4].startswith("tbh:")
    assert g[5] is None and g[6] is None and g[7] is None
    # title rows are sources of their own (the recipe as measured in the model card)
    titles = pd.DataFrame({
        "id": ["news:1", "news:1:title", "tbh:9", "tbh:9:title"], "y": [0, 0, 1, 1],
        "dataset": ["news", "news_titles", "tbh", "tbh_titles"],
        "kind": ["article_lead", "headline", "claim", "headline"], "date": pd.NaT})
    t = list(recipe_groups(titles))
    assert t[0] == "news" and t[1] == "news_titles" and t[3].startswith("tbh_titles:")


@pytest.mark.corpus
def test_factcheck_explanations_split_into_train_and_held_out(corpus_dir):
    from hoaxguard.detect.train_default import factcheck_explanation_rows, recipe_corpus

    train = factcheck_explanation_rows(corpus_dir, "train")
    test = factcheck_explanation_rows(corpus_dir, "test")
    both = factcheck_explanation_rows(corpus_dir, "all")
    assert len(train) and len(test) and len(train) + len(test) == len(both)
    assert not set(train["id"]) & set(test["id"])
    assert (train["y"] == 0).all() and train["text"].str.len().le(600).all()
    df = recipe_corpus(corpus_dir)
    assert set(train["id"]) <= set(df["id"]) and not set(test["id"]) & set(df["id"])


def test_max_group_fpr_caps_the_worst_source():
    X, y = make_texts(160)
    groups = np.where(np.arange(len(y)) % 2 == 0, "a", "b")
    loose = HoaxDetector(min_df=1, stem=False, max_fpr=0.5).fit(X, y, groups=groups)
    capped = HoaxDetector(min_df=1, stem=False, max_fpr=0.5, max_group_fpr=0.0).fit(
        X, y, groups=groups)
    assert capped.threshold_ > loose.threshold_
    assert capped.get_params()["max_group_fpr"] == 0.0


def test_claim_titles_join_as_hoax_headlines_without_debunks():
    from hoaxguard.detect.train_default import claim_title_rows, with_recipe_extras

    df = pd.DataFrame({
        "id": ["tbh2024_alharkan7:1", "tbh2024_alharkan7:2", "tbh2024_alharkan7:3",
               "tbh2024_alharkan7:4", "tbh2024_alharkan7:5", "posts:1"],
        "text": ["Beredar pesan bantuan tunai Rp2 juta, klik tautan ini!",
                 "Video jembatan runtuh", "SEBARKAN: air kelapa obat kanker",
                 "Gempa besar akan terjadi malam ini", "Pesan berantai lagi", "halo semua"],
        "title": ["[SALAH] Bantuan Tunai Rp2 Juta lewat Tautan", "Video jembatan runtuh",
                  "Hoaks Air Kelapa Obat Kanker", "", "[SALAH] Bantuan Tunai Rp2 Juta lewat Tautan",
                  "judul"],
        "y": [1, 1, 1, 1, 1, 0], "kind": ["claim"] * 5 + ["post"],
        "dataset": ["tbh2024_alharkan7"] * 5 + ["posts"],
        "date": pd.to_datetime(["2024-03-01"] * 5 + [None]),
        "label": ["hoax"] * 5 + ["valid"]})
    titles = claim_title_rows(df)
    # marker stripped; the title equal to its text, the debunk title, the empty and the
    # repeated title are left out; the ordinary post's title is not a hoax
    assert titles["text"].tolist() == ["Bantuan Tunai Rp2 Juta lewat Tautan"]
    row = titles.iloc[0]
    assert (row["y"], row["kind"], row["dataset"], row["id"]) == (
        1, "headline", "tbh2024_alharkan7_titles", "tbh2024_alharkan7:1:title")
    assert row["date"] == pd.Timestamp("2024-03-01")  # follows its claim's time split
    assert len(with_recipe_extras(df, [])) == len(df) + 1


def test_protocol_reports_each_kind_of_test_hoax():
    df = _frame()
    heads = df[df["y"] == 1].iloc[::2].assign(kind="headline")
    heads = heads.assign(id=heads["id"] + ":title", text=heads["text"] + " judul")
    df = pd.concat([df, heads], ignore_index=True)
    rep = heldout_source_evaluation(
        df, HoaxDetector(min_df=1, stem=False, calibration_cv=2), groups=GROUPS,
        baselines=False, fit_groups=lambda d: d["dataset"].to_numpy())
    s = rep.summary["hoaxguard"]
    assert s["n_hoax[claim]"] + s["n_hoax[headline]"] == s["n_hoax"]
    for key in ("recall_at_5%_fpr[claim]", "pr_auc_at_prevalence[headline]",
                "recall_at_operating_threshold[claim]"):
        assert 0.0 <= s[key] <= 1.0
    assert "recall_at_5%_fpr[headline]" in str(rep)


def test_lead_titles_join_as_valid_headlines():
    from hoaxguard.detect.train_default import RECIPE, lead_title_rows, recipe_rows

    df = pd.DataFrame({
        "id": ["news:1", "news:2", "news:3", "posts:1"],
        "text": ["Jakarta - Pemerintah meresmikan jembatan baru pada Senin.",
                 "Harga cabai turun di pasar induk.", "Harga cabai turun", "halo"],
        "title": ["Jembatan Baru Diresmikan", "Harga cabai turun", "", "x"],
        "y": [0, 0, 0, 0], "kind": ["article_lead"] * 3 + ["post"],
        "dataset": ["news"] * 3 + ["posts"], "date": pd.NaT, "label": "valid"})
    titles = lead_title_rows(df)
    # the empty title and the title equal to a text already in the rows are left out
    assert titles["text"].tolist() == ["Jembatan Baru Diresmikan"]
    assert (titles["kind"] == "headline").all() and (titles["y"] == 0).all()
    assert titles["dataset"].tolist() == ["news_titles"]
    if RECIPE["lead_titles"]:
        assert "news:1:title" in set(recipe_rows(df)["id"])
