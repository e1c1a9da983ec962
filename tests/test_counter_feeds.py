"""Feed importers (WordPress REST posts, RSS), skip/strict, merging with dedupe and --since."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoaxguard.cli import main
from hoaxguard.counter import CounterNarrativeLibrary, TemplateValidationError, read_factcheck_csv
from hoaxguard.counter._feeds import merge_feed, months_ago, read_rss, read_wordpress_posts

FEEDS = Path(__file__).parent / "fixtures" / "feeds"


def test_wordpress_posts_import_and_skip():
    skipped: list = []
    templates = read_wordpress_posts(FEEDS / "wp_posts.json", skipped=skipped)
    verdicts = {t.verdict for t in templates}
    assert verdicts == {"SALAH", "BELUM TERBUKTI", "SATIRE"}
    bbm = templates[0]
    assert bbm.claim.startswith("Harga Pertalite") and "[" not in bbm.claim
    assert bbm.sources[0].date == "2026-10-02"
    assert bbm.aliases and "isi full tank" in bbm.aliases[0]
    assert {e.index for e in skipped} == {3, 4}
    assert all("wp_posts.json" in str(e) for e in skipped)


def test_wordpress_strict_fails():
    with pytest.raises(TemplateValidationError):
        read_wordpress_posts(FEEDS / "wp_posts.json", strict=True)


def test_rss_import():
    skipped: list = []
    templates = read_rss(FEEDS / "cekfakta.rss", skipped=skipped)
    assert [t.verdict for t in templates] == ["HOAKS", "KONTEN MENYESATKAN", "BENAR"]
    assert templates[0].sources[0].date == "2026-10-05"
    assert templates[0].fact.startswith("vaksin HPV tidak")
    assert [e.index for e in skipped] == [3, 3]


def test_rss_refuses_entities():
    evil = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><item><title>&x;</title></item></channel></rss>"
    )
    with pytest.raises(ValueError, match="refused"):
        read_rss(evil)


def test_factcheck_csv_skips_bad_rows(tmp_path):
    path = tmp_path / "fc.csv"
    path.write_text(
        "id,claim,title,verdict,category,explanation,references,date,url\n"
        "a,Klaim satu tentang BBM,BBM naik,SALAH,,penjelasan,,2026-01-02,https://x.example/a\n"
        "b,Klaim dua,Obat,BELUM TERBUKTI,,,,2026-01-03,https://x.example/b\n"
        "c,Klaim tiga,Parodi,PARODI,,penjelasan,,2026-01-04,https://x.example/c\n"
        "d,Klaim empat,Aneh,ENTAH,,penjelasan,,2026-01-05,https://x.example/d\n",
        encoding="utf-8",
    )
    skipped: list = []
    templates = read_factcheck_csv(path, strict=False, skipped=skipped)
    assert [t.verdict for t in templates] == ["SALAH", "BELUM TERBUKTI", "SATIRE"]
    assert len(skipped) >= 1 and all("CSV line 5" in str(e) for e in skipped)
    with pytest.raises(TemplateValidationError):
        read_factcheck_csv(path)


def test_merge_dedupes_newest_wins_and_since():
    old = read_wordpress_posts(FEEDS / "wp_posts.json")
    newer = [
        old[0].replace(
            fact="Fakta terbaru.",
            sources=(
                old[0].sources[0].__class__(name="x", url=old[0].sources[0].url, date="2026-11-01"),
            ),
        )
    ]
    merged = merge_feed(old, newer)
    assert len(merged) == len(old)
    assert merged[0].fact == "Fakta terbaru." and merged[0].id == old[0].id
    same_claim = [old[1].replace(id="lain", sources=())]
    assert len(merge_feed(old, same_claim)) == len(old)
    recent = merge_feed([], old, since="2026-09-01")
    assert {t.verdict for t in recent} == {"SALAH", "BELUM TERBUKTI"}
    assert months_ago(3, __import__("datetime").date(2026, 1, 15)) == "2025-10-15"


def test_cli_import_skip_strict_merge(tmp_path, capsys):
    out = tmp_path / "lib.yaml"
    assert main(["templates", "import", str(FEEDS / "wp_posts.json"), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "skipped:" in captured.err and "wrote 3 templates" in captured.out
    assert (
        main(["templates", "import", str(FEEDS / "wp_posts.json"), "-o", str(out), "--strict"]) == 1
    )
    merged = tmp_path / "merged.yaml"
    code = main(
        ["templates", "import", str(FEEDS / "cekfakta.rss"), "-o", str(merged), "--merge", str(out)]
    )
    assert code == 0
    assert len(CounterNarrativeLibrary.load(merged)) == 6
