"""HoaxDetector: fit/predict, calibration, threshold, explanations, sklearn compatibility."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline

from _detect_data import make_texts
from hoaxguard import HoaxDetector
from hoaxguard.detect import strip_source_markers, threshold_for_fpr


@pytest.fixture(scope="module")
def data() -> tuple[list[str], list[int]]:
    return make_texts(120)


@pytest.fixture(scope="module")
def fitted(data) -> HoaxDetector:
    X, y = data
    return HoaxDetector(min_df=1, stem=False).fit(X, y)


def test_fit_predict_shapes_and_classes(fitted, data):
    X, y = data
    proba = fitted.predict_proba(X)
    assert proba.shape == (len(X), 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert set(fitted.predict(X)) <= {0, 1}
    assert list(fitted.classes_) == [0, 1]
    assert (fitted.predict(X) == np.asarray(y)).mean() > 0.9


def test_string_labels_equal_int_labels(data):
    X, y = data
    a = HoaxDetector(min_df=1, stem=False).fit(X, y)
    b = HoaxDetector(min_df=1, stem=False).fit(X, ["hoax" if v else "valid" for v in y])
    np.testing.assert_allclose(a.decision_function(X), b.decision_function(X))


def test_decision_function_is_logit_of_proba(fitted, data):
    X, _ = data
    d = fitted.decision_function(X[:10])
    p = fitted.predict_proba(X[:10])[:, 1]
    np.testing.assert_allclose(1 / (1 + np.exp(-d)), p, rtol=1e-9)


def test_explain_is_exact(fitted, data):
    X, _ = data
    contrib, logit = fitted._contributions(X[:8])
    np.testing.assert_allclose(np.asarray(contrib.sum(axis=1)).ravel() + fitted.intercept_,
                               fitted.decision_function(X[:8]), rtol=1e-6, atol=1e-6)
    expl = fitted.explain(X[:8], top_k=3)
    assert len(expl) == 8
    for row in expl:
        assert 0 < len(row) <= 3
        values = [v for _, v in row]
        assert values == sorted(values, reverse=True)  # hoax-ward first


def test_explain_hoax_text_has_hoax_terms(fitted):
    expl = fitted.explain(["SEBARKAN!! vaksin mengandung chip pelacak"], top_k=3)[0]
    assert expl[0][1] > 0


def test_score_one_pass_frame_and_index(fitted, data):
    X, _ = data
    s = pd.Series(X[:5], index=[10, 11, 12, 13, 14])
    out = fitted.score(s, top_k=2)
    assert list(out.columns) == ["hoax_probability", "is_hoax", "top_terms"]
    assert list(out.index) == [10, 11, 12, 13, 14]
    assert out["is_hoax"].dtype == bool
    np.testing.assert_allclose(out["hoax_probability"], fitted.predict_proba(X[:5])[:, 1])
    assert all(isinstance(t, str) for t in out["top_terms"])
    assert "(+" in out["top_terms"].iloc[1] or "(-" in out["top_terms"].iloc[1]
    # positional top_k and missing texts
    out2 = fitted.score([None, "", "SEBARKAN vaksin chip"], 1)
    assert len(out2) == 3 and out2["top_terms"].iloc[0] == ""


def test_score_with_y_is_accuracy(fitted, data):
    X, y = data
    assert 0.9 <= fitted.score(X, y) <= 1.0


def test_threshold_set_and_choose(data):
    X, y = data
    det = HoaxDetector(min_df=1, stem=False).fit(X, y)
    det.set_threshold(0.99)
    assert det.threshold_ == 0.99 and det.threshold == 0.99
    assert det.predict(X).sum() <= (det.predict_proba(X)[:, 1] > 0.5).sum()
    t = det.choose_threshold(X, y, max_fpr=0.0)
    p = det.predict_proba(X)[:, 1]
    assert (p[np.asarray(y) == 0] > t).sum() == 0
    with pytest.raises(ValueError):
        det.set_threshold(1.5)
    fixed = HoaxDetector(min_df=1, stem=False, threshold=0.3).fit(X, y)
    assert fixed.threshold_ == 0.3


def test_threshold_for_fpr_bounds():
    neg = np.linspace(0, 1, 101)
    t = threshold_for_fpr(neg, 0.05)
    assert (neg > t).mean() <= 0.05
    assert (neg > threshold_for_fpr(neg, 0.0)).sum() == 0
    with pytest.raises(ValueError):
        threshold_for_fpr(np.array([]), 0.05)


def test_pickle_clone_pipeline_gridsearch(fitted, data):
    X, y = data
    restored = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_allclose(restored.decision_function(X), fitted.decision_function(X))
    assert hasattr(fitted, "vectorizers_")  # pickling must not strip the live object
    c = clone(fitted)
    assert not hasattr(c, "coef_") and c.get_params() == fitted.get_params()
    pipe = Pipeline([("det", HoaxDetector(min_df=1, stem=False, calibration_cv=2))]).fit(X, y)
    assert pipe.predict_proba(X[:3]).shape == (3, 2)
    gs = GridSearchCV(HoaxDetector(min_df=1, stem=False, calibration_cv=2),
                      {"C": [1.0, 4.0]}, cv=2).fit(X, y)
    assert gs.best_params_["C"] in (1.0, 4.0)


def test_char_ngrams_and_prior(data):
    X, y = data
    det = HoaxDetector(min_df=1, stem=False, char_ngrams=(3, 4)).fit(X, y)
    names = det.feature_names_out()
    assert any(n.startswith("~") for n in names)
    low = HoaxDetector(min_df=1, stem=False, prior=0.01).fit(X, y)
    assert low.predict_proba(X)[:, 1].mean() < det.predict_proba(X)[:, 1].mean()


def test_fit_errors(data):
    X, y = data
    with pytest.raises(ValueError):
        HoaxDetector().fit(X, [1] * len(X))
    with pytest.raises(ValueError):
        HoaxDetector().fit(X[:3], y[:4])
    with pytest.raises(TypeError):
        HoaxDetector(min_df=1, stem=False).fit(X, y).predict_proba("one string")


def test_strip_source_markers():
    assert "Kompas" not in strip_source_markers("Jakarta, Kompas.com - Presiden meresmikan")
    assert "SALAH" not in strip_source_markers("[SALAH] Vaksin berisi chip")
    out = strip_source_markers("Klaim beredar ===== PENJELASAN: tidak benar. REFERENSI: x")
    assert "PENJELASAN" not in out and "Klaim beredar" in out
    # ordinary words that are also outlet names survive
    assert "antara" in strip_source_markers("jarak antara dua kota dan suara warga")
    assert "detik" not in strip_source_markers("menurut detik.com kemarin")


def test_surface_char_ngrams_read_the_text_as_written(data, tmp_path):
    from hoaxguard.detect._features import surface_texts
    from hoaxguard.persist import load_model, save_model

    assert surface_texts(["“SEBARKAN!!”  Info &amp; 𝐕𝐈𝐑𝐀𝐋 2019 – cek."], strip_markers=True,
                         mask_years=True) == ["sebarkan!! info & viral xxyear cek."]
    X, y = data
    det = HoaxDetector(min_df=1, char_ngrams=(2, 4), char_text="surface").fit(X, y)
    names = set(det.feature_names_out())
    assert any("!" in n for n in names if n.startswith("~"))  # punctuation is read
    tokens = HoaxDetector(min_df=1, char_ngrams=(2, 4)).fit(X, y)
    assert not any("!" in n for n in tokens.feature_names_out())
    # exact explanations still add up to the log-odds
    contrib = det.explain(X[:3], top_k=100_000)
    for text, terms in zip(X[:3], contrib, strict=True):
        total = det.intercept_ + sum(v for _, v in terms)
        assert abs(total - det.decision_function([text])[0]) < 1e-4
    path = save_model(det, tmp_path / "m.skops")
    again = load_model(path)
    assert again.char_text == "surface"
    np.testing.assert_allclose(again.predict_proba(X), det.predict_proba(X), atol=1e-6)
    with pytest.raises(ValueError, match="char_text"):
        HoaxDetector(min_df=1, char_ngrams=(2, 4), char_text="letters").fit(X, y)
