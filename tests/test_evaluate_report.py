"""Evaluation report, source-artifact audit and the train/evaluate CLI."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from _detect_data import make_texts
from hoaxguard import HoaxDetector
from hoaxguard.cli import main
from hoaxguard.evaluate import evaluate_model, source_artifact_audit, time_split_evaluation


def _frame(n: int = 160) -> pd.DataFrame:
    X, y = make_texts(n)
    dates = pd.date_range("2018-01-01", periods=n, freq="7D")
    return pd.DataFrame({
        "id": [f"t:{i}" for i in range(n)], "text": X, "y": y,
        "label": ["hoax" if v else "valid" for v in y],
        "kind": ["claim" if v else "post" for v in y], "dataset": ["syn"] * n,
        "date": dates, "title": "", "label_orig": "", "url": "", "lang_note": "",
    })


@pytest.fixture(scope="module")
def model() -> HoaxDetector:
    X, y = make_texts(120)
    X = [x + (" Jakarta kompas fakta" if i % 4 == 0 else "") for i, x in enumerate(X)]
    return HoaxDetector(min_df=1, stem=False, strip_markers=False, calibration_cv=2).fit(X, y)


def test_evaluate_model_report(model):
    rep = evaluate_model(model, _frame())
    s = rep.summary["hoaxguard"]
    for key in ("recall_at_1%_fpr", "recall_at_5%_fpr", "pr_auc_at_prevalence", "roc_auc",
                "brier", "operating_threshold"):
        assert key in s
    assert 0 <= s["recall_at_5%_fpr"] <= 1
    assert set(rep.by_kind.index) == {"claim", "post"}
    text = str(rep)
    assert "Source-artifact audit" in text and "By dataset" in text
    assert isinstance(rep.to_frame(), pd.DataFrame)
    json.dumps(rep.to_dict(), default=str)


def test_audit_flags_artifacts(model):
    a = source_artifact_audit(model, make_texts(20)[0])
    terms = set(a["artifact_features"]["term"])
    assert {"kompas", "fakta"} & terms
    assert 0 <= a["artifact_decision_share"] <= 1


def test_time_split_evaluation_with_baseline():
    rep = time_split_evaluation(_frame(), HoaxDetector(min_df=1, stem=False, calibration_cv=2),
                                cutoff="2019-06-01")
    assert set(rep.summary) == {"hoaxguard", "baseline_tfidf_lr"}
    assert rep.info["test_rows"] > 0


def test_cli_train_and_evaluate(tmp_path, capsys):
    df = _frame()
    data = tmp_path / "data.csv"
    df.rename(columns={"text": "isi", "label": "status"})[["isi", "status", "date"]].to_csv(
        data, index=False)
    out = tmp_path / "m.skops"
    rc = main(["train", str(data), "-o", str(out), "--text-col", "isi", "--label-col", "status",
               "--no-stem", "--positive-label", "hoax"])
    assert rc == 0 and out.is_file()
    rc = main(["evaluate", str(out), str(data), "--text-col", "isi", "--label-col", "status",
               "--json", str(tmp_path / "r.json")])
    assert rc == 0
    assert "recall_at_5%_fpr" in capsys.readouterr().out
    figures = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert np.isfinite(figures["summary"]["hoaxguard"]["roc_auc"])
    rc = main(["evaluate", str(out), str(data), "--text-col", "isi", "--label-col", "status",
               "--date-col", "date", "--time-split", "--cutoff", "2019-06-01", "--no-baseline"])
    assert rc == 0


def test_cli_errors(tmp_path, capsys):
    data = tmp_path / "d.csv"
    pd.DataFrame({"text": ["a", "b"], "label": ["x", "y"]}).to_csv(data, index=False)
    assert main(["train", str(data), "-o", str(tmp_path / "m.skops")]) == 2
    assert "positive" in capsys.readouterr().err
    bad = tmp_path / "bad.skops"
    bad.write_bytes(b"not a model")
    assert main(["evaluate", str(bad), str(data)]) == 2
