"""HTML report: hoaxguard.report.build_report / write_report."""

from __future__ import annotations

import base64
import re

import pandas as pd
import pytest

from hoaxguard.report import build_report, write_report
from hoaxguard.report._fakes import fake_scored_frame

pytest.importorskip("matplotlib")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def labelled_html() -> str:
    return build_report(fake_scored_frame(n=160, seed=1), source="posts.scored.csv")


def _images(doc: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r'src="data:image/png;base64,([^"]+)"', doc)]


def test_self_contained(labelled_html):
    doc = labelled_html
    assert doc.startswith("<!DOCTYPE html>")
    assert '<html lang="id">' in doc
    # no external assets: every src is a data: URI, no stylesheet/script links
    assert all(s.startswith("data:") for s in re.findall(r'src="([^"]*)"', doc))
    assert "<link" not in doc and "<script src" not in doc
    # one inline script only: the emoji-font check (issue 13)
    assert doc.count("<script") == 1 and "no-emoji" in doc
    assert "http://" not in doc.replace("https://example.org", "")


def test_sections_and_charts(labelled_html):
    doc = labelled_html
    for heading in (
        "Ringkasan",
        "Tren perlu dicek per hari",
        "Narasi yang paling cepat menyebar",
        "Postingan dengan skor tertinggi",
        "Rincian per platform dan akun",
        "Istilah teratas",
        "Sebaran skor",
        "Kualitas model",
    ):
        assert f">{heading} <span" in doc, heading
    images = _images(doc)
    # trend, narratives, platform, account, terms, scores, confusion, PR, calibration
    assert len(images) == 9
    assert all(img.startswith(PNG_MAGIC) and len(img) > 2000 for img in images)
    assert "posts.scored.csv" in doc
    assert "Tidak benar" in doc or "Waspada penipuan" in doc  # suggested responses shown


def test_unlabelled_has_no_quality_section():
    doc = build_report(fake_scored_frame(n=80, labelled=False))
    assert "Kualitas model" not in doc
    assert len(_images(doc)) == 6


def test_text_is_escaped():
    df = fake_scored_frame(n=40, labelled=False)
    df.loc[0, "text"] = "<script>alert('x')</script> sebarkan"
    df.loc[0, "hoax_probability"] = 0.999
    df.loc[0, "is_hoax"] = True
    df.loc[0, "platform"] = "<b>x</b>"
    doc = build_report(df, plots=False)
    assert "<script>alert" not in doc and "<b>x</b>" not in doc
    assert "&lt;script&gt;" in doc


def test_tables_only_without_plots_or_time():
    df = fake_scored_frame(n=60).drop(columns=["created_at"])
    doc = build_report(df, plots=False, clusters=False)
    assert "<img" not in doc
    assert "Tren perlu dicek" not in doc and "Narasi yang" not in doc
    assert "Kualitas model" in doc


def test_minimal_scored_frame():
    df = pd.DataFrame({"text": ["a b c d", "e f g h"], "hoax_probability": [0.9, 0.1]})
    doc = build_report(df)
    assert "Ringkasan" in doc and "Rincian" not in doc


def test_options_and_errors(tmp_path):
    df = fake_scored_frame(n=60)
    doc = build_report(
        df,
        title="Laporan Mingguan",
        by=["platform"],
        top=3,
        label_col="label",
        now="2024-06-30 23:00",
    )
    assert "<title>Laporan Mingguan</title>" in doc
    assert "Per account" not in doc
    with pytest.raises(KeyError):
        build_report(df, by=["nope"])
    with pytest.raises(ValueError, match="scored"):
        build_report(df.drop(columns=["is_hoax", "hoax_probability"]))
    path = write_report(df, tmp_path / "r.html", plots=False)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_precomputed_clusters_and_single_class_labels():
    from hoaxguard.report import cluster_narratives

    df = fake_scored_frame(n=60)
    df["label"] = "hoax"
    _, clusters = cluster_narratives(df)
    doc = build_report(df, clusters=clusters)
    assert "satu kelas" in doc  # curves need both classes
    assert "Narasi yang paling cepat menyebar" in doc


def test_narratives_section_lists_hoax_narratives_only(labelled_html):
    section = labelled_html.split('id="narasi"')[1].split("<section>")[0]
    assert "tercampur racun" in section
    assert "Pasar malam di alun-alun" not in section
    assert "tidak ditandai hoaks tidak ditampilkan" in section
