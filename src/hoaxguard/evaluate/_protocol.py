"""Held-out-source evaluation: what a regency's office sees on sources and months it never trained on.

Protocol (``heldout_source_evaluation``):

* **positives split by time**: hoaxes dated before ``cutoff`` (default
  2024-01-01) and undated hoaxes (SMS fraud, labelled articles) train; hoaxes
  dated on or after the cutoff (the 2024 TurnBackHoax claims) are the test
  positives;
* **negatives split by source**: each negative source group in turn
  (:data:`NEGATIVE_GROUPS`: each ordinary-post dataset, each news dataset, the
  SMS, the labelled valid articles) is held out whole; a model fitted on the
  training positives and every *other* negative group scores it. The valid
  claims of the training period never form a test group (they train every fold);
* **near-duplicates removed across the split**: test positives that
  near-duplicate any training-period row, and held-out negatives that
  near-duplicate a row of their fold's training part, are dropped;
* test positives are scored by every fold model and get the mean probability,
  so the pooled negatives (each scored by the one model that never saw its
  group) and the positives are on one scale.

Reported: recall at 1% and 5% FPR pooled over held-out negatives, PR-AUC
re-weighted to ``prevalence``, and, at each model's own threshold, the
false-flag rate per held-out source group and per kind. When the test positives
are of more than one kind (the recipe's claims and their titles, ``headline``),
the recall and PR-AUC figures are also given for each kind against all held-out
negatives (``recall_at_5%_fpr[claim]``, ...). Plain baselines
(TF-IDF word 1-2 + LogisticRegression; the same + char_wb 2-5) are fitted on the
same training rows of each fold and scored on the same rows.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from hoaxguard.evaluate._dedup import dedup_key, near_duplicate_mask
from hoaxguard.evaluate._metrics import (
    pr_auc_at_prevalence,
    recall_at_fpr,
    summary_metrics,
)

__all__ = [
    "NEGATIVE_GROUPS",
    "DEBUNK_PATTERN",
    "HOLDOUT_CUTOFF",
    "HOLDOUT_FOLDS",
    "HeldoutSourceReport",
    "WordCharBaseline",
    "heldout_baselines",
    "heldout_source_split",
    "heldout_source_evaluation",
]

HOLDOUT_CUTOFF = "2024-01-01"
# valid texts that talk about hoaxes (denials, warnings, fact-check news): reported separately
DEBUNK_PATTERN = r"(?i)\b(?:hoaks|hoax|tidak benar|klarifikasi|waspada penipuan|disinformasi|bantah)"

# held-out negative source groups: name -> dataset values (valid rows of these datasets)
NEGATIVE_GROUPS: dict[str, tuple[str, ...]] = {
    "indonlu_emot": ("indonlu_emot",),
    "idsa_ridife": ("idsa_ridife",),
    "ibrohim2019_hatespeech": ("ibrohim2019_hatespeech",),
    "kamusalay_ig_comments": ("kamusalay_ig_comments",),
    "clickid_raw_articles": ("clickid_raw_articles",),
    "clickid_headlines": ("clickid_headlines",),
    "headlines2020_ratihardini": ("headlines2020_ratihardini",),
    "sms_wibisono2016": ("sms_wibisono2016",),
    "pratiwi2017_600": ("pratiwi2017_600",),
}


# folds: groups held out together (each group is scored by a model that saw none of the
# groups of its fold, nor any row of their datasets); three folds keep the run cheap
HOLDOUT_FOLDS: tuple[tuple[str, ...], ...] = (
    ("indonlu_emot", "clickid_raw_articles", "sms_wibisono2016"),
    ("idsa_ridife", "clickid_headlines", "pratiwi2017_600"),
    ("ibrohim2019_hatespeech", "kamusalay_ig_comments", "headlines2020_ratihardini"),
)


class WordCharBaseline(ClassifierMixin, BaseEstimator):
    """Plain baseline: TF-IDF word 1-2 (+ optional char_wb 2-5) + default LogisticRegression.

    Parameters
    ----------
    char : bool
        Add a ``char_wb`` 2-5 TF-IDF block beside the word block.
    """

    def __init__(self, char: bool = False) -> None:
        self.char = char

    def fit(self, X: Iterable[str], y: Iterable[int]) -> WordCharBaseline:
        """Fit the vectorizers and the logistic regression."""
        texts = list(X)
        self.vecs_ = [TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32)]
        if self.char:
            self.vecs_.append(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                              sublinear_tf=True, dtype=np.float32))
        Xm = sp.hstack([v.fit_transform(texts) for v in self.vecs_], format="csr")
        self.lr_ = LogisticRegression(max_iter=1000).fit(Xm, np.asarray(list(y)))
        self.classes_ = self.lr_.classes_
        return self

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        """Probabilities, column 1 = hoax."""
        texts = list(X)
        Xm = sp.hstack([v.transform(texts) for v in self.vecs_], format="csr")
        return self.lr_.predict_proba(Xm)


def heldout_baselines() -> dict[str, Any]:
    """The two plain baselines run beside the model: word 1-2, and word 1-2 + char_wb 2-5."""
    return {"baseline_word_lr": WordCharBaseline(char=False),
            "baseline_word_char_lr": WordCharBaseline(char=True)}


def _group_of(df: pd.DataFrame, groups: dict[str, tuple[str, ...]]) -> pd.Series:
    ds_to_group = {d: g for g, ds in groups.items() for d in ds}
    g = df["dataset"].map(ds_to_group)
    return g.where(df["y"].to_numpy() == 0)


def heldout_source_split(
    data: pd.DataFrame,
    *,
    cutoff: str = HOLDOUT_CUTOFF,
    groups: dict[str, tuple[str, ...]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Split rows into training-period positives/other rows, test positives and negative groups.

    Returns
    -------
    (base_train, test_pos, negatives) : tuple of pd.DataFrame
        ``base_train``: rows every fold trains on (hoaxes dated before the
        cutoff or undated, valid rows outside the held-out groups);
        ``test_pos``: hoaxes dated on/after the cutoff; ``negatives``: valid
        rows of the held-out groups with a column ``holdout_group``.
    """
    groups = NEGATIVE_GROUPS if groups is None else groups
    dates = pd.to_datetime(data["date"], errors="coerce") if "date" in data else pd.Series(
        pd.NaT, index=data.index)
    pos = data["y"].to_numpy() == 1
    newer = (dates >= pd.Timestamp(cutoff)).to_numpy() & dates.notna().to_numpy()
    grp = _group_of(data, groups)
    is_neg_group = grp.notna().to_numpy()
    test_pos = data[pos & newer]
    negatives = data[is_neg_group].assign(holdout_group=grp[is_neg_group].to_numpy())
    # valid rows dated after the cutoff outside the groups are left out (time leak)
    base_train = data[(pos & ~newer) | (~pos & ~is_neg_group & ~newer)]
    return base_train, test_pos, negatives


@dataclass
class HeldoutSourceReport:
    """Figures of a held-out-source run; ``str(report)`` is readable.

    Attributes
    ----------
    summary : dict
        Model name -> pooled metrics (recall at 1%/5% FPR over held-out
        negatives, PR-AUC at prevalence, ROC-AUC, operating threshold figures).
    by_group : pd.DataFrame
        Per held-out group and model: rows and false-flag rate at the model's
        own threshold (and at its pooled 5%-FPR threshold).
    by_kind : pd.DataFrame
        The same per ``kind`` of the held-out negatives.
    extra : dict
        Name -> DataFrame of false-flag rates on extra negative sets (debunks,
        clarifications) scored by a model fitted on all training rows.
    info : dict
        Split facts and timings.
    """

    summary: dict[str, dict[str, float]]
    by_group: pd.DataFrame
    by_kind: pd.DataFrame
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    scores: pd.DataFrame | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain Python objects (DataFrames as lists of records)."""
        return {"summary": self.summary,
                "by_group": self.by_group.reset_index().to_dict(orient="records"),
                "by_kind": self.by_kind.reset_index().to_dict(orient="records"),
                "extra": {k: v.reset_index().to_dict(orient="records")
                          for k, v in self.extra.items()},
                "info": self.info}

    def __str__(self) -> str:
        lines = ["hoaxguard held-out-source evaluation", "=" * 36]
        lines += [f"{k}: {v}" for k, v in self.info.items()]
        keys = ["n_test", "n_hoax", "n_ordinary_negatives", "recall_at_1%_fpr",
                "recall_at_5%_fpr", "pr_auc_at_prevalence", "roc_auc", "operating_threshold",
                "recall_at_operating_threshold", "fpr_ordinary_at_operating_threshold",
                "max_group_fpr_at_operating_threshold"]
        frame = pd.DataFrame(self.summary)
        keys += [k for k in frame.index if "[" in k]  # the figures per kind of test hoax
        frame = frame.loc[[k for k in keys if k in frame.index]]
        lines += ["", "Pooled over held-out negatives (PR-AUC with valid rows re-weighted to "
                  f"{next(iter(self.summary.values())).get('prevalence', 0.07):.0%} hoaxes)",
                  frame.to_string(float_format=lambda x: f"{x:.3f}")]
        for title, df in (("False flags per held-out source group (model's own threshold)",
                           self.by_group),
                          ("False flags per kind (model's own threshold)", self.by_kind)):
            lines += ["", title, df.to_string(float_format=lambda x: f"{x:.3f}")]
        for name, df in self.extra.items():
            lines += ["", f"False flags on {name} (model fitted on all training rows)",
                      df.to_string(float_format=lambda x: f"{x:.3f}")]
        return "\n".join(lines)


def _fit(est: Any, rows: pd.DataFrame, weight_fn: Callable | None, group_fn: Callable | None
         ) -> Any:
    kwargs: dict[str, Any] = {}
    params = inspect.signature(est.fit).parameters
    if weight_fn is not None and "sample_weight" in params:
        kwargs["sample_weight"] = weight_fn(rows)
    if group_fn is not None and "groups" in params:
        kwargs["groups"] = group_fn(rows)
    return est.fit(rows["text"].tolist(), rows["y"].to_numpy(), **kwargs)


def _proba(est: Any, texts: list[str]) -> np.ndarray:
    return np.asarray(est.predict_proba(texts))[:, 1] if texts else np.empty(0)


def _subset(df: pd.DataFrame, n: int | None, seed: int) -> pd.DataFrame:
    if n is None or len(df) <= n:
        return df
    keys = df["id"].astype(str) if "id" in df else df["text"].astype(str)
    order = keys.map(lambda k: dedup_key(f"{seed}:{k}")).argsort(kind="stable").to_numpy()
    return df.iloc[np.sort(order[:n])]


def heldout_source_evaluation(
    data: pd.DataFrame,
    model: Any = None,
    *,
    cutoff: str = HOLDOUT_CUTOFF,
    groups: dict[str, tuple[str, ...]] | None = None,
    folds: Iterable[Iterable[str]] | None = None,
    train_rows: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    sample_weight: Callable[[pd.DataFrame], np.ndarray] | None = None,
    fit_groups: Callable[[pd.DataFrame], np.ndarray] | None = None,
    baselines: dict[str, Any] | None | bool = True,
    extra_negatives: dict[str, pd.DataFrame] | None = None,
    prevalence: float = 0.07,
    dedup: bool = True,
    max_rows_per_group: int | None = None,
    seed: int = 0,
    keep_scores: bool = False,
) -> HeldoutSourceReport:
    """Run the held-out-source protocol (see the module docstring).

    Parameters
    ----------
    data : pd.DataFrame
        Corpus rows (``text``, ``y``, ``date``, ``dataset``, ``kind``, ``id``).
    model : unfitted estimator, optional
        Cloned per fold (default ``HoaxDetector()``).
    cutoff : str
        First date of the test positives.
    groups : dict, optional
        Held-out negative groups (default :data:`NEGATIVE_GROUPS`).
    folds : iterable of iterables of group names, optional
        Groups held out together (default :data:`HOLDOUT_FOLDS` with the
        default groups, else one fold per group). Every row of a held-out
        group's datasets (hoaxes too, e.g. the fraud SMS of the SMS dataset)
        leaves that fold's training part, so no fold model has seen the source.
    train_rows : callable, optional
        Applied to each fold's training rows before fitting (row selection and
        augmentation of a recipe); the baselines fit on the same rows.
    sample_weight, fit_groups : callable, optional
        Frame -> per-row weights / group labels passed to ``model.fit`` when it
        accepts them (baselines get none).
    baselines : dict or bool
        True: :func:`heldout_baselines`; False/None: none.
    extra_negatives : dict name -> DataFrame, optional
        Valid texts (``text``, optional ``kind``) scored by models fitted on
        all training-period rows (every negative group included), e.g. debunks.
    max_rows_per_group : int, optional
        Documented subset for quick runs: at most this many rows of each
        held-out group, of the test positives and of each training
        (label, dataset) block, chosen by a stable hash of the id.
    keep_scores : bool
        Keep the per-row scores in ``report.scores``.

    Returns
    -------
    HeldoutSourceReport
    """
    from hoaxguard.detect import HoaxDetector

    t_start = time.perf_counter()
    groups = NEGATIVE_GROUPS if groups is None else groups
    base_train, test_pos, negatives = heldout_source_split(data, cutoff=cutoff, groups=groups)
    if max_rows_per_group is not None:
        base_train = pd.concat([_subset(g, max_rows_per_group, seed)
                                for _, g in base_train.groupby(["y", "dataset"], sort=True)])
        test_pos = _subset(test_pos, max_rows_per_group, seed)
        negatives = pd.concat([_subset(g, max_rows_per_group, seed)
                               for _, g in negatives.groupby("holdout_group", sort=True)])
    n_pos_before = len(test_pos)
    if dedup:
        pool = pd.concat([base_train["text"], negatives["text"]])
        mask = near_duplicate_mask(test_pos["text"], pool)
        mask |= test_pos["text"].map(dedup_key).duplicated().to_numpy()
        test_pos = test_pos[~mask]
    est0 = clone(model) if model is not None else HoaxDetector()
    bases = heldout_baselines() if baselines is True else dict(baselines or {})
    names = ["hoaxguard", *bases]
    pos_scores = {n: [] for n in names}
    thresholds: dict[str, list[float]] = {n: [] for n in names}
    neg_parts = []
    info: dict[str, Any] = {
        "protocol": f"held-out source: positives by time (train: hoaxes dated < {cutoff} or "
                    f"undated; test: hoaxes dated >= {cutoff}); negatives by source (each "
                    "group held out whole, scored by a model that never saw it)",
        "groups": ", ".join(groups),
        "subset": "full" if max_rows_per_group is None
        else f"at most {max_rows_per_group} rows per group/block (stable id hash, seed {seed})",
        "test_hoax": len(test_pos),
        "test_hoax_near_duplicates_removed": n_pos_before - len(test_pos),
    }
    removed_neg = 0
    pos_texts = test_pos["text"].tolist()
    if folds is None:
        folds = HOLDOUT_FOLDS if groups is NEGATIVE_GROUPS else [(g,) for g in groups]
    folds = [tuple(f) for f in folds]
    missing = set(groups) - {g for f in folds for g in f}
    folds += [(g,) for g in groups if g in missing]
    info["folds"] = " | ".join(" + ".join(f) for f in folds)
    for fold in folds:
        held = negatives[negatives["holdout_group"].isin(fold)]
        if held.empty:
            continue
        fold_ds = {d for g in fold for d in groups[g]}
        rest = negatives[~negatives["holdout_group"].isin(fold)].drop(columns="holdout_group")
        fold_train = pd.concat([base_train[~base_train["dataset"].isin(fold_ds)], rest])
        if train_rows is not None:
            fold_train = train_rows(fold_train)
        if dedup:
            mask = near_duplicate_mask(held["text"], fold_train["text"])
            removed_neg += int(mask.sum())
            held = held[~mask]
        held_texts = held["text"].tolist()
        part = held[["text", "kind", "dataset", "holdout_group"]].copy()
        for name in names:
            est = clone(est0) if name == "hoaxguard" else clone(bases[name])
            w = sample_weight if name == "hoaxguard" else None
            g = fit_groups if name == "hoaxguard" else None
            _fit(est, fold_train, w, g)
            part[name] = _proba(est, held_texts)
            pos_scores[name].append(_proba(est, pos_texts))
            thr = getattr(est, "threshold_", None)
            thresholds[name].append(np.nan if thr is None else float(thr))
        neg_parts.append(part)
    info["held_out_negatives"] = int(sum(len(p) for p in neg_parts))
    debunk_like = pd.concat(neg_parts)["text"].str.contains(DEBUNK_PATTERN, regex=True)
    info["held_out_negatives_about_hoaxes"] = int(debunk_like.sum())
    info["negative_near_duplicates_removed"] = removed_neg
    neg = pd.concat(neg_parts)
    pos = test_pos[["text", "kind", "dataset"]].assign(holdout_group="test_hoax")
    for name in names:
        pos[name] = np.mean(np.vstack(pos_scores[name]), axis=0)
    scored = pd.concat([pos.assign(y=1), neg.assign(y=0)], ignore_index=True)
    y = scored["y"].to_numpy()
    summary: dict[str, dict[str, float]] = {}
    group_rows, kind_rows = [], []
    for name in names:
        p = scored[name].to_numpy()
        thr = float(np.nanmean(thresholds[name])) if not np.all(np.isnan(thresholds[name])) \
            else None
        s = summary_metrics(y, p, np.ones(len(y), bool), prevalence=prevalence, threshold=thr)
        r5, t5 = recall_at_fpr(y, p, 0.05)
        s["recall_at_5%_fpr"], s["threshold_at_5%_fpr"] = r5, t5
        s["pr_auc_at_prevalence"] = pr_auc_at_prevalence(y, p, prevalence)
        op = thr if thr is not None else t5
        negs = scored[scored["y"] == 0]
        negs = negs.assign(about=np.where(negs["text"].str.contains(DEBUNK_PATTERN, regex=True),
                                          "news/posts about hoaxes (debunk words)", None))
        for col, rows_out in (("holdout_group", group_rows), ("kind", kind_rows),
                              ("about", group_rows)):
            for key, g in negs.groupby(col, sort=True):
                rows_out.append({"holdout_group" if col == "about" else col: key, "model": name, "n": len(g),
                                 "false_flags": float((g[name] > op).mean()),
                                 "false_flags_at_pooled_5%": float((g[name] > t5).mean()),
                                 "mean_score": float(g[name].mean())})
        if thr is not None:
            per_group = negs.groupby("holdout_group")[name].apply(lambda v, t=op: (v > t).mean())
            s["max_group_fpr_at_operating_threshold"] = float(per_group.max())
        s.update(_by_positive_kind(scored, name, op, prevalence))
        summary[name] = s
    by_group = pd.DataFrame(group_rows).pivot(index="holdout_group", columns="model")
    by_kind = pd.DataFrame(kind_rows).pivot(index="kind", columns="model")
    by_group = _tidy(by_group, names)
    by_kind = _tidy(by_kind, names)
    extra: dict[str, pd.DataFrame] = {}
    if extra_negatives:
        full = pd.concat([base_train, negatives.drop(columns="holdout_group")])
        if train_rows is not None:
            full = train_rows(full)
        fitted = {n: _fit(clone(est0) if n == "hoaxguard" else clone(bases[n]), full,
                          sample_weight if n == "hoaxguard" else None,
                          fit_groups if n == "hoaxguard" else None) for n in names}
        for ename, edf in extra_negatives.items():
            texts = edf["text"].fillna("").astype(str).tolist()
            rows = []
            for n in names:
                p = _proba(fitted[n], texts)
                t = getattr(fitted[n], "threshold_", None)
                t = summary[n]["threshold_at_5%_fpr"] if t is None else float(t)
                rows.append({"model": n, "n": len(texts), "false_flags": float((p > t).mean()),
                             "mean_score": float(p.mean())})
            extra[ename] = pd.DataFrame(rows).set_index("model")
    info["seconds"] = round(time.perf_counter() - t_start, 1)
    return HeldoutSourceReport(summary=summary, by_group=by_group, by_kind=by_kind, extra=extra,
                               info=info, scores=scored if keep_scores else None)


def _by_positive_kind(scored: pd.DataFrame, name: str, threshold: float,
                      prevalence: float) -> dict[str, float]:
    """Recall at 1%/5% FPR, PR-AUC and recall at ``threshold`` for each kind of test
    hoax (e.g. ``claim`` and ``headline``) against all held-out negatives; {} for one kind."""
    y = scored["y"].to_numpy()
    kinds = scored.loc[y == 1, "kind"].fillna("?").astype(str)
    if kinds.nunique() < 2:
        return {}
    out: dict[str, float] = {}
    kind = scored["kind"].fillna("?").astype(str).to_numpy()
    p_all = scored[name].to_numpy()
    for k in sorted(kinds.unique()):
        m = (y == 0) | (kind == k)
        yy, p = y[m], p_all[m]
        out[f"n_hoax[{k}]"] = float(yy.sum())
        out[f"recall_at_1%_fpr[{k}]"] = recall_at_fpr(yy, p, 0.01)[0]
        out[f"recall_at_5%_fpr[{k}]"] = recall_at_fpr(yy, p, 0.05)[0]
        out[f"pr_auc_at_prevalence[{k}]"] = pr_auc_at_prevalence(yy, p, prevalence)
        out[f"recall_at_operating_threshold[{k}]"] = float((p[yy == 1] > threshold).mean())
    return out


def _tidy(frame: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    n = frame["n"][names[0]].rename("n")
    ff = frame["false_flags"][names].add_prefix("ff_")
    return pd.concat([n, ff], axis=1)
