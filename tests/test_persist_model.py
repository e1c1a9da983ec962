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


# --- the estimator's contract is checked on load (issue 13) -----------------------------


def _tampered(model, tmp_path, name, **attrs):
    import copy

    bad = copy.deepcopy(model)
    for key, value in attrs.items():
        setattr(bad, key, value)
    return save_model(bad, tmp_path / f"{name}.skops")


@pytest.mark.parametrize(
    ("attrs", "field"),
    [
        ({"threshold_": float("nan")}, "threshold_"),
        ({"threshold_": 1.5}, "threshold_"),
        ({"intercept_": "abc"}, "intercept_"),
        ({"coef_": np.zeros(10, dtype=np.float32)}, "coef_"),
        ({"coef_": np.full(3, np.inf)}, "coef_"),
        ({"calibration_": {"slope": float("nan")}}, "calibration_"),
    ],
    ids=["nan-threshold", "threshold-1.5", "string-intercept", "10-coef", "inf-coef", "nan-cal"],
)
def test_contract_violations_refused_naming_the_field(model, tmp_path, attrs, field):
    if "coef_" in attrs and len(attrs["coef_"]) == 3:
        attrs = {"coef_": np.full(model.coef_.shape, np.inf, dtype=np.float32)}
    path = _tampered(model, tmp_path, "bad", **attrs)
    with pytest.raises(ModelLoadError, match=field):
        load_model(path)


def test_nonfinite_idf_refused(model, tmp_path):
    import copy

    bad = copy.deepcopy(model)
    _, vec = bad.vectorizers_[0]
    idf = np.array(vec.idf_)
    idf[0] = np.nan
    vec.idf_ = idf
    path = save_model(bad, tmp_path / "idf.skops")
    with pytest.raises(ModelLoadError, match="idf_"):
        load_model(path)


def test_contract_registry_and_hook(model, tmp_path, monkeypatch):
    from hoaxguard import persist

    path = save_model(model, tmp_path / "ok.skops")
    key = f"{type(model).__module__}.{type(model).__qualname__}"

    def refuse(m):
        raise ValueError("custom_field_ is wrong")

    monkeypatch.setitem(persist.CONTRACT_CHECKS, key, refuse)
    with pytest.raises(ModelLoadError, match="custom_field_"):
        load_model(path)


def test_zip_bomb_refused_before_inflating(model, tmp_path):
    """A member whose directory entry says it inflates to 1.6 GB is refused from the directory."""
    path = save_model(model, tmp_path / "m.skops")
    bomb = tmp_path / "bomb.skops"
    bomb.write_bytes(path.read_bytes())
    with zipfile.ZipFile(bomb, "a") as zf:
        zf.writestr("bomb.npy", b"\0" * 1024, compress_type=zipfile.ZIP_DEFLATED)
        zf.getinfo("bomb.npy").file_size = 1_600_000_000
    with pytest.raises(ModelLoadError, match="zip bomb"):
        load_model(bomb)


def test_real_small_zip_bomb_refused(model, tmp_path, monkeypatch):
    """Real deflated zeros: with the limit lowered, refused without being inflated."""
    from hoaxguard import persist

    path = save_model(model, tmp_path / "m.skops")
    bomb = tmp_path / "bomb.skops"
    bomb.write_bytes(path.read_bytes())
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.npy", bytes(8 << 20))
    monkeypatch.setattr(persist, "MAX_MEMBER_BYTES", 4 << 20)
    with pytest.raises(ModelLoadError, match="inflate"):
        load_model(bomb)


# --------------------------------------------------------------------------- reader without skops
def _same(a, b, where="model"):
    """Deep equality of two loaded objects: types, arrays (dtype and values), dicts, attributes."""
    assert type(a) is type(b), where
    if isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape, where
        assert np.array_equal(a, b), where
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            _same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    elif hasattr(a, "__dict__") and not isinstance(a, type):
        _same(vars(a), vars(b), f"{where}.__dict__")
    else:
        assert a == b, where


@pytest.mark.parametrize("char", [None, (2, 4)])
def test_reader_builds_exactly_what_skops_builds(tmp_path, char):
    from hoaxguard._skops_reader import read_skops

    X, y = make_texts(80)
    det = HoaxDetector(min_df=1, stem=False, calibration_cv=2, char_ngrams=char).fit(X, y)
    path = save_model(det, tmp_path / "m.skops")
    ours = read_skops(path)
    theirs = sio.load(path, trusted=sio.get_untrusted_types(file=path))
    _same(ours, theirs)
    X2, _ = make_texts(20, seed=3)
    assert ours["model"].score(X2).equals(theirs["model"].score(X2))


def test_bundled_model_read_without_importing_skops():
    import subprocess
    import sys

    from hoaxguard._skops_reader import read_skops
    from hoaxguard.persist import default_model_path

    code = ("import sys, hoaxguard; m = hoaxguard.load_model(); "
            "print(type(m).__name__, 'skops' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["HoaxDetector", "False"]
    path = default_model_path()
    _same(read_skops(path), sio.load(path, trusted=sio.get_untrusted_types(file=path)))


def test_other_content_goes_through_skops(tmp_path):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from hoaxguard._skops_reader import Unsupported, read_skops

    path = save_model(TfidfVectorizer().fit(["satu dua", "dua tiga"]), tmp_path / "v.skops")
    with pytest.raises(Unsupported, match="object of type"):
        read_skops(path)
    assert sorted(load_model(path).vocabulary_) == ["dua", "satu", "tiga"]
    bad = tmp_path / "bad.skops"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("schema.json", '{"protocol": 2, "__loader__": "DictNode", "content": 7}')
    with pytest.raises(Unsupported):
        read_skops(bad)
    with pytest.raises(ModelLoadError):
        load_model(bad)
