"""Evaluation reports: a fitted model on labelled data, or a full time-split run."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from hoaxguard.evaluate._audit import source_artifact_audit
from hoaxguard.evaluate._dedup import remove_near_duplicates
from hoaxguard.evaluate._metrics import group_breakdown, reliability_table, summary_metrics
from hoaxguard.evaluate._split import DEFAULT_CUTOFF, time_split

__all__ = [
    "ORDINARY_KINDS",
    "EvaluationReport",
    "baseline_model",
    "evaluate_model",
    "time_split_evaluation",
]

# kinds whose valid rows define the false-positive rate ("ordinary posts and news")
ORDINARY_KINDS: tuple[str, ...] = ("post", "sms", "headline", "article_lead")


def baseline_model() -> Pipeline:
    """The plain baseline: default TF-IDF + default LogisticRegression."""
    return Pipeline([("tfidf", TfidfVectorizer()),
                     ("lr", LogisticRegression(max_iter=1000))])


@dataclass
class EvaluationReport:
    """Figures of one evaluation; ``str(report)`` is a readable report.

    Attributes
    ----------
    summary : dict
        Model name -> flat dict of metrics (see ``summary_metrics``).
    by_kind, by_dataset : pd.DataFrame
        Per-group counts, recall and false-positive rate at the 5%-FPR threshold
        of the main model.
    reliability : pd.DataFrame
        Calibration table of the main model.
    audit : dict
        Source-artifact audit (empty when the model is not a HoaxDetector).
    info : dict
        Split and data facts (cutoff, sizes, removed near-duplicates, timings).
    """

    summary: dict[str, dict[str, float]]
    by_kind: pd.DataFrame
    by_dataset: pd.DataFrame
    reliability: pd.DataFrame
    audit: dict[str, Any] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """Summary metrics as a DataFrame (rows = metrics, columns = models)."""
        return pd.DataFrame(self.summary)

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain Python objects (DataFrames as lists of records)."""
        def conv(v: Any) -> Any:
            if isinstance(v, pd.DataFrame):
                return v.reset_index().to_dict(orient="records")
            if isinstance(v, dict):
                return {k: conv(x) for k, x in v.items()}
            return v
        return {"summary": self.summary, "by_kind": conv(self.by_kind),
                "by_dataset": conv(self.by_dataset), "reliability": conv(self.reliability),
                "audit": conv(self.audit), "info": conv(self.info)}

    def __str__(self) -> str:
        lines: list[str] = ["hoaxguard evaluation report", "=" * 27]
        for k, v in self.info.items():
            lines.append(f"{k}: {v}")
        lines += ["", "Summary (hoax = positive class; FPR measured on valid ordinary posts/news)"]
        keys = ["n_test", "n_hoax", "n_ordinary_negatives", "recall_at_1%_fpr",
                "recall_at_5%_fpr", "pr_auc_at_prevalence", "pr_auc_test_mix", "roc_auc",
                "brier", "brier_at_prevalence", "operating_threshold",
                "recall_at_operating_threshold", "fpr_ordinary_at_operating_threshold"]
        frame = self.to_frame()
        frame = frame.loc[[k for k in keys if k in frame.index]]
        lines.append(frame.to_string(float_format=lambda x: f"{x:.3f}"))
        if "prevalence" in next(iter(self.summary.values()), {}):
            prev = next(iter(self.summary.values()))["prevalence"]
            lines.append(f"(PR-AUC and Brier 'at prevalence': valid rows re-weighted so hoaxes are "
                         f"{prev:.0%} of the test set)")
        fmt = {"recall": "{:.3f}", "fpr": "{:.3f}", "mean_score": "{:.3f}"}
        for title, df in (("By kind", self.by_kind), ("By dataset", self.by_dataset)):
            lines += ["", f"{title} (at the main model's 5%-FPR threshold)"]
            lines.append(df.to_string(formatters={k: v.format for k, v in fmt.items()
                                                   if k in df}))
        lines += ["", "Reliability (main model; observed rate with valid rows re-weighted to the "
                  "stated prevalence)",
                  self.reliability.to_string(index=False, float_format=lambda x: f"{x:.3f}")]
        if self.audit:
            a = self.audit
            lines += ["", "Source-artifact audit",
                      f"artifact-like features: {a['n_artifact_features']}, "
                      f"share of |weights|: {a['artifact_weight_share']:.3%}, "
                      f"share of the decision on the test texts: "
                      f"{a['artifact_decision_share']:.3%} "
                      f"(placeholder tokens xxurl/xxmention...: "
                      f"{a['placeholder_decision_share']:.3%})"]
            if len(a["artifact_features"]):
                lines.append("heaviest artifact-like features:")
                lines.append(a["artifact_features"].head(15).to_string(
                    index=False, float_format=lambda x: f"{x:+.3f}"))
            for key, title in (("top_hoax_features", "heaviest hoax-ward features"),
                               ("top_valid_features", "heaviest valid-ward features")):
                terms = ", ".join(f"{t} ({w:+.2f})" for t, w in
                                  zip(a[key]["term"].head(20), a[key]["weight"].head(20), strict=False))
                lines += [f"{title}: {terms}"]
        return "\n".join(lines)


def _scores(model: Any, texts: list[str]) -> np.ndarray:
    return np.asarray(model.predict_proba(texts))[:, 1]


def evaluate_model(
    model: Any,
    data: pd.DataFrame,
    *,
    baselines: dict[str, Any] | None = None,
    ordinary_kinds: Iterable[str] = ORDINARY_KINDS,
    prevalence: float = 0.07,
    audit: bool = True,
    name: str = "hoaxguard",
    info: dict[str, Any] | None = None,
) -> EvaluationReport:
    """Evaluate fitted model(s) on labelled rows.

    Parameters
    ----------
    model : fitted estimator with ``predict_proba`` (column 1 = hoax)
    data : pd.DataFrame
        Columns ``text`` and ``y`` (1 = hoax); optional ``kind`` and ``dataset``.
        Without ``kind`` every valid row counts for the false-positive rate.
    baselines : dict name -> fitted estimator, optional
        Other models scored on the same rows (same metrics, in ``summary``).
    ordinary_kinds : iterable of str
        ``kind`` values whose valid rows define the false-positive rate.
    prevalence : float
        Hoax share used for PR-AUC/Brier re-weighting.
    audit : bool
        Run the source-artifact audit (HoaxDetector only).

    Returns
    -------
    EvaluationReport
    """
    df = data.reset_index(drop=True)
    if "kind" not in df:
        df = df.assign(kind="unknown")
    if "dataset" not in df:
        df = df.assign(dataset="unknown")
    texts = df["text"].fillna("").astype(str).tolist()
    y = df["y"].to_numpy().astype(int)
    kinds = set(ordinary_kinds)
    neg_mask = df["kind"].isin(kinds).to_numpy() if df["kind"].isin(kinds).any() else np.ones(
        len(df), bool)
    t0 = time.perf_counter()
    p = _scores(model, texts)
    info = dict(info or {})
    info[f"predict_seconds_{name}"] = round(time.perf_counter() - t0, 2)
    summary = {name: summary_metrics(y, p, neg_mask, prevalence=prevalence,
                                     threshold=getattr(model, "threshold_", None))}
    for bname, bmodel in (baselines or {}).items():
        t0 = time.perf_counter()
        bp = _scores(bmodel, texts)
        info[f"predict_seconds_{bname}"] = round(time.perf_counter() - t0, 2)
        summary[bname] = summary_metrics(y, bp, neg_mask, prevalence=prevalence)
    t5 = summary[name]["threshold_at_5%_fpr"]
    scored = df.assign(score=p)
    report = EvaluationReport(
        summary=summary,
        by_kind=group_breakdown(scored, "kind", t5),
        by_dataset=group_breakdown(scored, "dataset", t5),
        reliability=reliability_table(y, p, prevalence=prevalence),
        info=info,
    )
    if audit and hasattr(model, "feature_names_out") and hasattr(model, "coef_"):
        report.audit = source_artifact_audit(model, texts)
    return report


def time_split_evaluation(
    data: pd.DataFrame,
    model: Any = None,
    *,
    cutoff: str | None = DEFAULT_CUTOFF,
    undated: str = "random",
    test_size: float = 0.2,
    dedup: bool = True,
    train_filter: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    baseline: bool = True,
    prevalence: float = 0.07,
    seed: int = 0,
    sample_weight: Callable[[pd.DataFrame], np.ndarray] | None = None,
    fit_groups: Callable[[pd.DataFrame], np.ndarray] | None = None,
) -> EvaluationReport:
    """Train on older rows, test on newer ones, with near-duplicates removed.

    Parameters
    ----------
    data : pd.DataFrame
        Labelled rows (``text``, ``y``, ``date``; ``id``, ``kind``, ``dataset``
        if available), e.g. from :func:`hoaxguard.datasets.load_corpus`.
    model : unfitted estimator, optional
        Cloned and fitted on the training part (default: ``HoaxDetector()``).
    cutoff, undated, test_size, seed
        See :func:`time_split`.
    dedup : bool
        Drop test rows that near-duplicate a training row (and duplicates within test).
    train_filter : callable, optional
        Applied to the training part only (e.g. the default recipe's row selection).
    baseline : bool
        Also fit and score the plain TF-IDF + LogisticRegression baseline on
        the same training rows (after ``train_filter``).
    sample_weight, fit_groups : callable, optional
        Frame -> per-row weights / groups passed to ``model.fit`` (not to the baseline).

    Returns
    -------
    EvaluationReport
    """
    from hoaxguard.detect import HoaxDetector

    train, test = time_split(data, cutoff, undated=undated, test_size=test_size, seed=seed)
    n_removed = 0
    if dedup:
        test, n_removed = remove_near_duplicates(train, test)
    fit_rows = train_filter(train) if train_filter is not None else train
    info: dict[str, Any] = {
        "split": f"time split (protocol 'time'; sources seen in training), cutoff {cutoff} (train: date < cutoff; test: date >= cutoff); "
                 f"undated rows: {undated}"
                 + (f" ({test_size:.0%} to test by stable id hash, seed {seed})"
                    if undated == "random" else ""),
        "train_rows": len(fit_rows), "train_hoax": int(fit_rows["y"].sum()),
        "test_rows": len(test), "test_hoax": int(test["y"].sum()),
        "near_duplicates_removed_from_test": n_removed,
    }
    est = clone(model) if model is not None else HoaxDetector()
    t0 = time.perf_counter()
    kwargs: dict[str, Any] = {}
    if sample_weight is not None:
        kwargs["sample_weight"] = sample_weight(fit_rows)
    if fit_groups is not None:
        kwargs["groups"] = fit_groups(fit_rows)
    est.fit(fit_rows["text"].tolist(), fit_rows["y"].to_numpy(), **kwargs)
    info["fit_seconds_hoaxguard"] = round(time.perf_counter() - t0, 1)
    baselines = {}
    if baseline:
        t0 = time.perf_counter()
        base = baseline_model().fit(fit_rows["text"].tolist(), fit_rows["y"].to_numpy())
        info["fit_seconds_baseline"] = round(time.perf_counter() - t0, 1)
        baselines["baseline_tfidf_lr"] = base
    return evaluate_model(est, test, baselines=baselines, prevalence=prevalence, info=info)
