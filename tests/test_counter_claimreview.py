"""ClaimReview JSON-LD and fact-check CSV import/export."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from hoaxguard.counter import (
    CounterNarrativeLibrary,
    TemplateValidationError,
    map_verdict,
    read_claimreview,
    read_factcheck_csv,
    to_claimreview,
)
from test_counter_fixtures import entries, write_doc


@pytest.fixture
def library(tmp_path):
    docs = entries()
    docs[0]["valid_from"] = "2026-01-01"
    docs[0]["responses"] = {"whatsapp": "*FAKTA:* {fact} Sumber: {source}"}
    return CounterNarrativeLibrary.load(write_doc(tmp_path / "a.yaml", docs))


def test_export_is_claimreview(library):
    reviews = to_claimreview(library)
    first = reviews[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "ClaimReview"
    assert first["claimReviewed"].startswith("Pesan berantai")
    assert first["reviewRating"]["alternateName"] == "PENIPUAN"
    assert first["author"]["name"] == "Kantor Contoh"
    assert first["url"] == "https://example.org/info" and first["datePublished"] == "2026-01-15"
    assert len(first["itemReviewed"]["appearance"]) == 3
    assert "hoaxguard" not in first


def test_round_trip_with_extensions(library, tmp_path):
    path = tmp_path / "out.jsonld"
    library.to_claimreview(path, extensions=True)
    back = read_claimreview(path)
    assert back == list(library)


def test_round_trip_standard_fields(library):
    back = read_claimreview(json.dumps(to_claimreview(library)))
    for got, want in zip(back, library, strict=True):
        assert (
            got.id,
            got.title,
            got.claim,
            got.aliases,
            got.verdict,
            got.fact,
            got.explanation,
        ) == (
            want.id,
            want.title,
            want.claim,
            want.aliases,
            want.verdict,
            want.fact,
            want.explanation,
        )
        assert (
            got.sources == want.sources and got.tags == want.tags and got.hashtags == want.hashtags
        )


def test_import_external_claimreview():
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "ClaimReview",
                "url": "https://cekfakta.example.org/2026/01/banjir",
                "claimReviewed": "Video banjir besar di kota ini terjadi kemarin",
                "datePublished": "2026-01-20T08:00:00+07:00",
                "author": {"@type": "Organization", "name": "Cek Fakta Contoh"},
                "reviewRating": {"@type": "Rating", "alternateName": "Missing context"},
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": [
                        {
                            "@type": "CreativeWork",
                            "url": "https://social.example/p/1",
                            "headline": "banjir kemarin parah",
                        }
                    ],
                },
            }
        ],
    }
    (tpl,) = read_claimreview(data)
    assert tpl.verdict == "KONTEN MENYESATKAN"
    assert tpl.aliases == ("banjir kemarin parah",)
    assert tpl.sources[0].url == "https://cekfakta.example.org/2026/01/banjir"
    assert tpl.sources[0].date == "2026-01-20" and tpl.agency == "Cek Fakta Contoh"
    assert "Cek Fakta Contoh" in tpl.fact and tpl.id


def test_import_errors_name_entry_and_field():
    bad = [
        {
            "@type": "ClaimReview",
            "claimReviewed": "x",
            "url": "https://a.example",
            "reviewRating": {"alternateName": "Entah"},
        }
    ]
    with pytest.raises(TemplateValidationError) as info:
        read_claimreview(bad)
    err = info.value.errors[0]
    assert err.index == 0 and err.field == "reviewRating.alternateName"


def test_verdict_mapping():
    assert map_verdict("salah") == "SALAH"
    assert map_verdict("False") == "SALAH"
    assert map_verdict("Misleading Content / Disinformasi") == "KONTEN MENYESATKAN"
    assert map_verdict("[HOAKS]") == "HOAKS"
    assert map_verdict("apa ini") is None


def test_factcheck_csv_import(tmp_path):
    rows = pd.DataFrame(
        {
            "id": ["cek:1", "cek:2"],
            "claim": [
                "Minum air garam menyembuhkan semua penyakit",
                "Jembatan kota runtuh pagi ini",
            ],
            "title": ["air garam sembuhkan penyakit", "jembatan kota runtuh"],
            "verdict": ["salah", ""],
            "category": ["Hoaks", "Fabricated Content"],
            "explanation": ["Tidak ada bukti ilmiah.", "Foto lama dari kota lain."],
            "references": [
                "1.https://www.facebook.com/post/12. https://sehat.example.org/air-garam",
                "",
            ],
            "date": ["2026-02-01", "2026-02-03"],
            "url": [
                "https://cekfakta.example.org/air-garam",
                "https://cekfakta.example.org/jembatan",
            ],
        }
    )
    path = tmp_path / "fc.csv"
    rows.to_csv(path, index=False)
    first, second = read_factcheck_csv(path)
    assert first.id == "cek-1" and first.verdict == "SALAH"
    assert first.claim.startswith("Minum air garam")
    assert [s.url for s in first.sources] == [
        "https://cekfakta.example.org/air-garam",
        "https://sehat.example.org/air-garam",
    ]  # the facebook post (where the hoax appeared) is not a source
    assert second.verdict == "KONTEN PALSU"  # from the category
    assert "cekfakta.example.org" in second.fact
    lib = CounterNarrativeLibrary.from_factcheck_csv(path)
    assert CounterNarrativeLibrary.load(_save(lib, tmp_path)).ids == ["cek-1", "cek-2"]


def _save(lib, tmp_path):
    out = tmp_path / "fc.yaml"
    lib.to_yaml(out)
    return out


def test_factcheck_csv_errors(tmp_path):
    path = tmp_path / "bad.csv"
    pd.DataFrame(
        {"id": ["a"], "claim": ["x"], "verdict": ["entah"], "explanation": ["y"], "url": [""]}
    ).to_csv(path, index=False)
    with pytest.raises(TemplateValidationError) as info:
        read_factcheck_csv(path)
    fields = {e.field for e in info.value.errors}
    assert {"verdict", "sources"} <= fields
    assert "CSV line 2" in str(info.value)
    pd.DataFrame({"id": ["a"]}).to_csv(path, index=False)
    with pytest.raises(TemplateValidationError, match="required column"):
        read_factcheck_csv(path)
