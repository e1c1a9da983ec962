"""Saving and safe loading of models."""

from __future__ import annotations

import pickle
import zipfile

import numpy as np
import pytest
import skops.io as sio

import hoaxguard
from _detect_data import make_texts
from hoaxguard import HoaxDetector
from hoaxguard.persist import (
    FORMAT_NAME,
    ModelLoadError,
    ModelVersionWarning,
    file_sha256,
    load_model,
    save_model,
)


@pytest.fixture(scope="module")
def model() -> HoaxDetector:
    X, y = make_texts(80)
    return HoaxDetector(min_df=1, stem=False, calibration_cv=2).fit(X, y)


def test_roundtrip(model, tmp_path):
    path = save_model(model, tmp_path / "sub" / "m.skops")
    loaded = load_model(path)
    X, _ = make_texts(20, seed=1)
    np.testing.assert_allclose(loaded.decision_function(X), model.decision_function(X), rtol=1e-6)
    assert loaded.threshold_ == model.threshold_
    assert loaded.explain(X[:2]) == model.explain(X[:2])
    assert len(file_sha256(path)) == 64


def test_truncated_file_refused(model, tmp_path):
    path = save_model(model, tmp_path / "m.skops")
    data = path.read_bytes()
    bad = tmp_path / "trunc.skops"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelLoadError, match="truncated|corrupt|not a"):
        load_model(bad)


def test_empty_and_missing_refused(tmp_path):
    (tmp_path / "empty.skops").write_bytes(b"")
    with pytest.raises(ModelLoadError):
        load_model(tmp_path / "empty.skops")
    with pytest.raises(ModelLoadError, match="no such"):
        load_model(tmp_path / "absent.skops")


def test_pickle_file_refused_without_unpickling(tmp_path, model):
    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps(model))
    with pytest.raises(ModelLoadError, match="pickle"):
        load_model(path)


def test_foreign_types_refused_before_loading(tmp_path):
    # a skops file that names a function outside the allow-list
    path = tmp_path / "evil.skops"
    sio.dump({"format": FORMAT_NAME, "format_version": 1, "model": zipfile.is_zipfile}, path)
    with pytest.raises(ModelLoadError, match="allow-list"):
        load_model(path)


def test_foreign_skops_without_header_refused(tmp_path):
    path = tmp_path / "other.skops"
    sio.dump({"weights": np.arange(3)}, path)
    with pytest.raises(ModelLoadError, match="header"):
        load_model(path)


def test_tampered_zip_member_refused(model, tmp_path):
    path = save_model(model, tmp_path / "m.skops")
    raw = bytearray(path.read_bytes())
    # flip bytes inside the compressed payload: CRC/zlib checks must catch it
    mid = len(raw) // 3
    raw[mid:mid + 16] = bytes(16)
    bad = tmp_path / "tampered.skops"
    bad.write_bytes(bytes(raw))
    with pytest.raises(ModelLoadError):
        load_model(bad)


def test_newer_format_refused_and_other_version_warns(model, tmp_path, monkeypatch):
    path = tmp_path / "future.skops"
    sio.dump({"format": FORMAT_NAME, "format_version": 99, "model": None}, path)
    with pytest.raises(ModelLoadError, match="newer"):
        load_model(path)
    monkeypatch.setattr(hoaxguard._version, "__version__", "0.0.1")
    old = save_model(model, tmp_path / "old.skops")
    monkeypatch.undo()
    with pytest.warns(ModelVersionWarning):
        load_model(old)
