"""``compare_models``: the yardstick of the default model's reproduction test."""

from __future__ import annotations

import numpy as np

from _detect_data import make_texts
from hoaxguard import HoaxDetector
from hoaxguard._testing import compare_models


def _fit(texts: list[str], labels: list[int]) -> HoaxDetector:
    return HoaxDetector(calibration_cv=2, random_state=0).fit(texts, labels)


def test_a_model_is_at_distance_zero_from_itself():
    texts, labels = make_texts(80)
    model = _fit(texts, labels)
    d = compare_models(model, model, texts)
    assert d["same_vocabulary"] == 1.0
    assert d["max_weight_diff"] == 0.0 and d["max_proba_diff"] == 0.0
    assert d["flags_differ"] == 0.0 and d["flags_differ_outside"] == 0.0


def test_noise_in_the_weights_is_measured_and_flags_near_the_threshold_are_excused():
    texts, labels = make_texts(80)
    a, b = _fit(texts, labels), _fit(texts, labels)
    b.coef_ = b.coef_ + np.float32(1e-3)
    d = compare_models(a, b, texts)
    assert d["max_weight_diff"] >= 9e-4
    assert d["max_proba_diff"] > 0.0
    assert d["flags_differ_outside"] == 0.0


def test_a_shifted_model_changes_flags():
    texts, labels = make_texts(80)
    a, b = _fit(texts, labels), _fit(texts, labels)
    b.intercept_ = float(b.intercept_) - 50.0
    b.set_threshold(0.9)
    d = compare_models(a, b, texts)
    assert d["threshold_diff"] > 0.0 and d["intercept_diff"] == 50.0
    assert d["flags_differ"] > 0


def test_another_vocabulary_is_reported():
    texts, labels = make_texts(80)
    other, other_labels = make_texts(80, seed=5)
    d = compare_models(_fit(texts, labels), _fit(other[:40], other_labels[:40]), texts)
    assert d["same_vocabulary"] == 0.0
