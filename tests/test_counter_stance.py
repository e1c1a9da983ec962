"""Stance (repeats/denies), reply kinds and the flag rule for denials."""

from __future__ import annotations

import pandas as pd
import pytest

from hoaxguard.counter import CounterNarrativeLibrary, is_debunked, map_verdict
from hoaxguard.counter._notes import reply_kind, reply_note
from hoaxguard.counter._stance import predict_stance, stance_cues
from hoaxguard.evaluate._stance import stance_pairs

BMKG = (
    "BMKG: telah terjadi gempa M5,2 di barat daya Kabupaten, pukul 10.12 WIB. "
    "Gempa ini tidak berpotensi tsunami."
)
PERTALITE = (
    "Pertamina menyesuaikan harga Pertalite menjadi Rp10.000 per liter mulai 1 Desember, "
    "sesuai pengumuman resmi."
)
TSUNAMI_HOAX = (
    "AWAS TSUNAMI!! BMKG: air laut akan naik jam 9 malam ini, segera mengungsi, sebarkan!!"
)
BBM_HOAX = "BBM NAIK BESOK jam 00.00! Pertalite jadi 15rb, buruan isi full tank sebelum antre"


@pytest.fixture(scope="module")
def library() -> CounterNarrativeLibrary:
    return CounterNarrativeLibrary.load()


def test_official_statements_deny_and_hoaxes_repeat():
    out = predict_stance([BMKG, PERTALITE, TSUNAMI_HOAX, BBM_HOAX])
    assert out["match_stance"].tolist() == ["denies", "denies", "repeats", "repeats"]
    assert ((out["stance_confidence"] >= 0.5) & (out["stance_confidence"] <= 1)).all()


def test_negated_denial_words_repeat():
    # "bukan hoaks" vouches for the claim; "jangan sebarkan" is a correction
    assert (
        predict_stance(["BBM naik besok, ini bukan hoaks, sebarkan!"]).match_stance[0] == "repeats"
    )
    assert "jangan_percaya" in stance_cues("jangan sebarkan pesan itu")


def test_stance_reads_raw_words_dropped_by_the_pipeline():
    # "ada" is a pipeline stopword; "tidak ada" must still count
    assert "tidak_ada" in stance_cues("Polres: tidak ada penculikan anak di sekolah itu")


def test_series_index_kept():
    out = predict_stance(pd.Series(["a", "b"], index=[7, 9]))
    assert list(out.index) == [7, 9]


def test_library_match_has_stance(library):
    out = library.match([BMKG, TSUNAMI_HOAX])
    assert out["is_match"].all()
    assert out["match_id"].tolist() == ["isu-tsunami-susulan", "isu-tsunami-susulan"]
    assert out["match_stance"].tolist() == ["denies", "repeats"]


def test_denial_is_not_flagged_and_gets_a_note(library):
    from hoaxguard.batch import score_frame

    out = score_frame(pd.DataFrame({"text": [BMKG, TSUNAMI_HOAX]}), library=library)
    assert out.loc[0, "match_stance"] == "denies"
    assert not out.loc[0, "is_hoax"]
    assert "Bagikan klarifikasi ini" in out.loc[0, "response"]
    assert out.loc[1, "is_hoax"] and out.loc[1, "match_stance"] == "repeats"
    assert "Bagikan klarifikasi" not in out.loc[1, "response"]
    cands = out.loc[1, "match_candidates"].split("; ")
    assert len(cands) == 3 and cands[0].startswith("isu-tsunami-susulan:")


@pytest.mark.parametrize(
    ("label", "verdict", "debunked"),
    [
        ("SALAH", "SALAH", True),
        ("[HOAKS]", "HOAKS", True),
        ("Penipuan", "PENIPUAN", True),
        ("DISINFORMASI", "DISINFORMASI", True),
        ("misinformasi", "MISINFORMASI", True),
        ("FITNAH", "FITNAH", True),
        ("HASUT", "HASUT", True),
        ("Ujaran Kebencian", "HASUT", True),
        ("BELUM TERBUKTI", "BELUM TERBUKTI", False),
        ("Tidak Terbukti", "BELUM TERBUKTI", False),
        ("PARODI", "SATIRE", False),
        ("SATIRE", "SATIRE", False),
        ("KLARIFIKASI", "KLARIFIKASI", False),
        ("BENAR", "BENAR", False),
        ("Konten Menyesatkan", "KONTEN MENYESATKAN", True),
        ("KONTEN DIMANIPULASI", "KONTEN DIMANIPULASI", True),
        ("KONTEN TIRUAN", "KONTEN TIRUAN", True),
        ("KONTEN PALSU", "KONTEN PALSU", True),
        ("KONTEN SALAH KONTEKS", "KONTEN MENYESATKAN", True),
        ("Konten Koneksi Salah", "KONTEN MENYESATKAN", True),
        ("Keliru", "SALAH", True),
        ("[SALAH] Misleading Content", "SALAH", True),
    ],
)
def test_feed_verdicts_are_mapped(label, verdict, debunked):
    assert map_verdict(label) == verdict
    assert is_debunked(verdict) is debunked


def test_reply_kinds(library):
    tpl = library.get("bbm-naik-besok")
    assert reply_kind("HOAKS") == "debunk"
    assert reply_kind("HOAKS", "denies") == "share_clarification"
    assert reply_kind("BELUM TERBUKTI") == "unverified"
    assert reply_kind("SATIRE") == "satire"
    assert reply_kind("BENAR") == "confirm"
    assert "Bagikan klarifikasi ini" in reply_note(tpl, "share_clarification")
    assert "belum terbukti" in reply_note(tpl, "unverified")


def test_stance_pairs_cover_every_template(library):
    pairs = stance_pairs()
    assert len(pairs) >= 200
    assert set(pairs["template_id"]) == set(library.ids)
    assert set(pairs["split"]) == {"dev", "test"}
    assert (pairs["hoax"].str.len() > 20).all() and (pairs["denial"].str.len() > 20).all()


def test_context_words_do_not_pick_the_template(library):
    text = (
        "vaksin HPV di sekolah mengandung chip & bikin anak perempuan mandul!! "
        "sebarkan ke grup wali murid"
    )
    top = library.match([text]).candidates[0][0][0]
    assert top == "vaksin-microchip-magnet"


def test_threshold_is_calibrated_automatically_for_other_libraries(library):
    from hoaxguard.counter import auto_threshold, bundled_ordinary_texts

    texts = bundled_ordinary_texts()
    assert len(texts) >= 200
    lib = CounterNarrativeLibrary(list(library)[:20])
    assert "auto" in repr(lib)
    thr = lib.threshold
    assert 0.2 <= thr <= 1.0
    assert thr == auto_threshold(lib.matcher)
    assert CounterNarrativeLibrary.load().threshold == pytest.approx(0.30)
