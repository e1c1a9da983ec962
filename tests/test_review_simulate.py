"""The simulation entry point runs end to end with a small recipe (corpus needed)."""

from __future__ import annotations

import sys

import pytest

RECIPE = '''
from hoaxguard.detect import HoaxDetector


def recipe_model():
    return HoaxDetector(calibration_cv=0, max_features=20_000, stem=False)


def recipe_rows(df):
    return df[df["kind"] != "article_lead"].sample(n=3000, random_state=0)
'''


@pytest.mark.corpus
@pytest.mark.slow
def test_simulate_small_recipe(corpus_dir, tmp_path, monkeypatch, capsys):
    (tmp_path / "tiny_recipe.py").write_text(RECIPE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    from hoaxguard.review.simulate import main

    assert main([str(corpus_dir), "--sources", "indonlu_emot", "--seeds", "0",
                 "--recipe", "tiny_recipe", "--max-eval", "300",
                 "--csv", str(tmp_path / "sim.csv")]) == 0
    out = capsys.readouterr().out
    for word in ("base", "adapted", "threshold-only", "plain", "fpr_target"):
        assert word in out
    import pandas as pd

    res = pd.read_csv(tmp_path / "sim.csv")
    assert set(res["method"]) >= {"base", "adapted"}
    assert res["fpr"].between(0, 1).all() and res["recall"].between(0, 1).all()
    sys.modules.pop("tiny_recipe", None)
