"""LocalAdaptedDetector: sklearn conventions, persistence, use in batch scoring."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

import hoaxguard
from hoaxguard.persist import load_model, save_model
from hoaxguard.review import LOCAL_TERM_SUFFIX, LocalAdaptedDetector

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example_posts.csv"

# written for these tests: an office's own announcements (valid) and hoaxes
OFFICE = [
    "Dinas PUPR Kabupaten Sukamaju memperbaiki jalan Desa Cibening mulai Senin, mohon hati-hati",
    "Pemkab Sukamaju membuka layanan KTP keliling di Kecamatan Karangsari hari Sabtu",
    "Jadwal posyandu balita Desa Pasirlaya minggu ini di balai desa, gratis",
    "Jembatan Cikuya ditutup sementara untuk perbaikan, gunakan jalur alternatif lewat Karangsari",
    "Pendaftaran lomba kebersihan kampung tingkat kabupaten Sukamaju dibuka sampai akhir bulan",
    "Dinas Kesehatan Sukamaju mengadakan vaksinasi gratis di puskesmas Karangsari",
] * 5
HOAXES = [
    "SEBARKAN!! BBM naik besok jadi 15rb, isi full malam ini sebelum terlambat!!",
    "Vaksin mengandung chip pelacak, jangan mau divaksin, sebarkan ke grup keluarga!!",
    "Pendaftaran bansos via link bit.ly/bansos-baru isi NIK dan KK, kuota terbatas!!!",
    "Tsunami 20 meter malam ini kata BMKG, segera mengungsi, viralkan!!",
    "Lowongan CPNS jalur khusus tanpa tes, transfer biaya admin 5 juta dijamin lulus",
] * 4


@pytest.fixture(scope="module")
def fitted() -> LocalAdaptedDetector:
    texts = OFFICE + HOAXES
    y = [0] * len(OFFICE) + [1] * len(HOAXES)
    return LocalAdaptedDetector(min_df=1).fit(texts, y)


def test_fit_sets_attributes_and_provenance(fitted):
    assert fitted.classes_.tolist() == [0, 1]
    assert 0.0 <= fitted.threshold_ <= 1.0
    assert len(fitted.vocabulary_) == len(fitted.coef_) == len(fitted.idf_)
    prov = fitted.provenance_
    assert prov["base_model"] == "bundled default"
    assert prov["n_decisions"] == len(OFFICE) + len(HOAXES)
    assert prov["n_hoax"] == len(HOAXES) and prov["n_valid"] == len(OFFICE)
    assert prov["date"] and prov["base_sha256"]


def test_local_correction_lowers_office_posts(fitted):
    base = load_model()
    office = OFFICE[:6]
    assert fitted.decision_function(office).mean() < base.decision_function(office).mean()
    p = fitted.predict_proba(HOAXES[:5])
    assert p.shape == (5, 2) and np.allclose(p.sum(axis=1), 1.0)
    assert fitted.predict(HOAXES[:5]).sum() >= 4


def test_predict_proba_consistent_with_decision_function(fitted):
    z = fitted.decision_function(OFFICE[:3])
    p = fitted.predict_proba(OFFICE[:3])[:, 1]
    assert np.allclose(p, 1 / (1 + np.exp(-z)))


def test_explain_and_score(fitted):
    out = fitted.score(pd.Series(OFFICE[:2] + HOAXES[:1], index=[10, 11, 12]), top_k=4)
    assert list(out.index) == [10, 11, 12]
    assert list(out.columns) == ["hoax_probability", "is_hoax", "top_terms"]
    terms = fitted.explain(OFFICE[:1], top_k=30)[0]
    assert len(terms) <= 30
    assert any(name.endswith(LOCAL_TERM_SUFFIX) for name, _ in terms)
    values = [v for _, v in terms]
    assert values == sorted(values, reverse=True)


def test_unfitted_and_bad_input():
    with pytest.raises(NotFittedError):
        LocalAdaptedDetector().decision_function(["x"])
    with pytest.raises(ValueError, match="both classes"):
        LocalAdaptedDetector().fit(["a b", "c d"], [0, 0])
    with pytest.raises(ValueError, match="cannot read"):
        LocalAdaptedDetector().fit(["a b", "c d"], ["hoax", "perhaps"])


def test_clone_keeps_params_and_frozen_base(fitted):
    base = load_model()
    det = LocalAdaptedDetector(base=base, C=0.3)
    copy = clone(det)
    assert copy.base is base and copy.C == 0.3
    assert not hasattr(copy, "coef_")
    params = fitted.get_params()
    assert "base" in params and "C" in params and not any("__" in k for k in params)


def test_pickle_and_skops_roundtrip(fitted, tmp_path):
    texts = OFFICE[:3] + HOAXES[:2]
    again = pickle.loads(pickle.dumps(fitted))
    assert np.allclose(again.decision_function(texts), fitted.decision_function(texts))
    path = save_model(fitted, tmp_path / "local.skops")
    loaded = load_model(path)
    assert isinstance(loaded, LocalAdaptedDetector)
    assert np.allclose(loaded.decision_function(texts), fitted.decision_function(texts))
    assert loaded.provenance_ == fitted.provenance_


def test_in_memory_base_saved_once(tmp_path):
    base = load_model()
    det = LocalAdaptedDetector(base=base, min_df=1).fit(OFFICE + HOAXES,
                                                        [0] * len(OFFICE) + [1] * len(HOAXES))
    loaded = load_model(save_model(det, tmp_path / "m.skops"))
    assert loaded.base is loaded.base_


def test_usable_in_score_frame_and_score_file(fitted, tmp_path):
    posts = pd.read_csv(EXAMPLE).head(30)
    out = hoaxguard.score_frame(posts, model=fitted)
    assert out["hoax_probability"].notna().sum() >= 29
    path = save_model(fitted, tmp_path / "local.skops")
    posts.to_csv(tmp_path / "in.csv", index=False)
    summary = hoaxguard.score_file(tmp_path / "in.csv", tmp_path / "out.csv", model=str(path),
                                   progress=False)
    assert summary.balanced
    scored = pd.read_csv(tmp_path / "out.csv")
    assert np.allclose(scored["hoax_probability"].dropna().to_numpy(),
                       out["hoax_probability"].dropna().to_numpy(), atol=1e-6)


def test_fixed_threshold_and_prior():
    texts = OFFICE + HOAXES
    y = [0] * len(OFFICE) + [1] * len(HOAXES)
    det = LocalAdaptedDetector(threshold=0.7, min_df=1).fit(texts, y)
    assert det.threshold_ == 0.7
    low = LocalAdaptedDetector(prior=0.01, min_df=1).fit(texts, y)
    assert low.intercept_ < det.intercept_


def test_result_does_not_depend_on_n_jobs():
    texts = OFFICE + HOAXES
    y = [0] * len(OFFICE) + [1] * len(HOAXES)
    one = LocalAdaptedDetector(min_df=1, n_jobs=1).fit(texts, y)
    two = LocalAdaptedDetector(min_df=1, n_jobs=2).fit(texts, y)
    assert one.C_ == two.C_
    assert np.isclose(one.threshold_, two.threshold_)
    assert np.allclose(one.coef_, two.coef_)


def test_threshold_budget_leaves_room_for_sampling_noise():
    det = LocalAdaptedDetector(max_fpr=0.03)
    budgets = [det._fpr_budget(n) for n in (50, 300, 1000, 100_000)]
    assert budgets == sorted(budgets) and all(b <= 0.03 for b in budgets)
    assert budgets[1] < 0.03 and budgets[-1] > 0.029  # 300 decisions: a margin; many: ~the target
    assert LocalAdaptedDetector(max_fpr=0.03, fpr_confidence=None)._fpr_budget(300) == 0.03
