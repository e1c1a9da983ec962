"""``hoaxguard report SCORED -o report.html``."""

from __future__ import annotations

import pytest

from hoaxguard.cli import main
from hoaxguard.report._fakes import fake_scored_frame

pytest.importorskip("matplotlib")


@pytest.mark.parametrize("ext", ["csv", "jsonl", "parquet"])
def test_report_from_scored_file(tmp_path, ext, capsys):
    df = fake_scored_frame(n=60, seed=4)
    src = tmp_path / f"posts.scored.{ext}"
    if ext == "csv":
        df.to_csv(src, index=False)
    elif ext == "jsonl":
        df.to_json(src, orient="records", lines=True, force_ascii=False)
    else:
        pytest.importorskip("pyarrow")
        df.to_parquet(src)
    out = tmp_path / "report.html"
    assert main(["report", str(src), "-o", str(out), "--top", "5"]) == 0
    doc = out.read_text(encoding="utf-8")
    assert "Kualitas model" in doc and doc.count("data:image/png;base64,") == 9
    assert "60 posts" in capsys.readouterr().err


def test_default_output_and_options(tmp_path):
    src = tmp_path / "x.csv"
    fake_scored_frame(n=30, labelled=False).to_csv(src, index=False)
    assert main(["report", str(src), "--no-plots", "--no-clusters", "--title", "Uji"]) == 0
    doc = (tmp_path / "x.report.html").read_text(encoding="utf-8")
    assert "<title>Uji</title>" in doc and "<img" not in doc and "Narasi yang" not in doc
    out = tmp_path / "y.html"
    assert (
        main(
            [
                "report",
                str(src),
                "-o",
                str(out),
                "--no-plots",
                "--cluster-normalizer",
                "text",
                "--cluster-threshold",
                "0.6",
            ]
        )
        == 0
    )
    assert "Narasi yang paling cepat menyebar" in out.read_text(encoding="utf-8")


def test_user_errors(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing.csv")]) == 2
    src = tmp_path / "x.csv"
    fake_scored_frame(n=10).to_csv(src, index=False)
    assert main(["report", str(src), "--by", "nope"]) == 2
    assert main(["report", str(src), "--cluster-threshold", "2"]) == 2
    bad = tmp_path / "plain.csv"
    bad.write_text("text\nhalo\n", encoding="utf-8")
    assert main(["report", str(bad)]) == 2
    odd = tmp_path / "x.weird"
    odd.write_text("x", encoding="utf-8")
    assert main(["report", str(odd)]) == 2
    err = capsys.readouterr().err
    assert "hoaxguard report: error:" in err and "hoaxguard score" in err
