"""score_file: every format in and out, encodings, stdin/stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from hoaxguard.batch import OUTPUT_COLUMNS, format_of, score_file
from test_batch_fakes import FakeDetector, FakeLibrary, fake_render

TESTS = Path(__file__).resolve().parent
FORMATS = ["csv", "tsv", "jsonl", "json", "parquet", "xlsx"]


def run(inp, out, **kw):
    kw.setdefault("model", FakeDetector())
    kw.setdefault("library", FakeLibrary())
    kw.setdefault("renderer", fake_render)
    kw.setdefault("progress", False)
    return score_file(inp, out, **kw)


@pytest.fixture
def posts() -> pd.DataFrame:
    texts = [
        "SEBARKAN!! vaksin berisi chip, bahaya",
        'bansos "cair" hari ini\nkata pak RT',
        "rapat desa; besok pagi\tjam 8",
        "darurat: bendungan jebol, sebarkan",
        "Selamat pagi warga, info jadwal posyandu",
        "gratis pulsa 100rb klik link",
    ] * 3
    return pd.DataFrame(
        {
            "post_id": [f"p{i}" for i in range(len(texts))],
            "text": texts,
            "author": [f"user{i % 4}" for i in range(len(texts))],
        }
    )


def write(df: pd.DataFrame, path: Path, fmt: str) -> None:
    if fmt == "csv":
        df.to_csv(path, index=False)
    elif fmt == "tsv":
        df.to_csv(path, index=False, sep="\t")
    elif fmt == "jsonl":
        df.to_json(path, orient="records", lines=True, force_ascii=False)
    elif fmt == "json":
        df.to_json(path, orient="records", force_ascii=False, indent=2)
    elif fmt == "parquet":
        df.to_parquet(path, index=False)
    elif fmt == "xlsx":
        df.to_excel(path, index=False)


def read(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(path, dtype={"post_id": str, "text": str, "author": str})
    if fmt == "tsv":
        return pd.read_csv(path, sep="\t", dtype={"post_id": str, "text": str, "author": str})
    if fmt == "jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    if fmt == "json":
        return pd.read_json(path, dtype=False)
    if fmt == "parquet":
        return pd.read_parquet(path)
    return pd.read_excel(path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_same_format(tmp_path, posts, fmt):
    src = tmp_path / f"posts.{fmt}"
    write(posts, src, fmt)
    summary = run(src, None, chunk_size=4)
    out = tmp_path / f"posts.scored.{fmt}"
    assert summary.output == str(out) and out.exists()
    assert summary.balanced and summary.rows_read == len(posts) == summary.rows_written
    assert summary.quarantine is None
    back = read(out, fmt)
    assert list(back.columns) == [*posts.columns, *OUTPUT_COLUMNS]
    for col in posts.columns:
        assert back[col].astype(str).tolist() == posts[col].tolist(), col
    ref = run(src, tmp_path / "ref.csv")  # same rows scored via CSV output
    assert ref.rows_flagged == summary.rows_flagged
    expected = pd.read_csv(tmp_path / "ref.csv")
    assert back["hoax_probability"].astype(float).tolist() == pytest.approx(
        expected["hoax_probability"].tolist()
    )
    assert back["is_hoax"].astype(bool).tolist() == expected["is_hoax"].tolist()
    assert back["match_id"].fillna("").tolist() == expected["match_id"].fillna("").tolist()


@pytest.mark.parametrize(
    ("src_fmt", "dst_fmt"),
    [
        ("csv", "parquet"),
        ("xlsx", "jsonl"),
        ("parquet", "csv"),
        ("jsonl", "xlsx"),
        ("json", "tsv"),
        ("tsv", "json"),
    ],
)
def test_cross_format(tmp_path, posts, src_fmt, dst_fmt):
    src = tmp_path / f"in.{src_fmt}"
    write(posts, src, src_fmt)
    dst = tmp_path / f"out.{dst_fmt}"
    summary = run(src, dst, chunk_size=5)
    assert summary.balanced and summary.rows_written == len(posts)
    back = read(dst, dst_fmt)
    assert back["text"].tolist() == posts["text"].tolist()
    assert back["post_id"].astype(str).tolist() == posts["post_id"].tolist()


def test_format_from_extension_and_override():
    assert format_of("a.CSV") == "csv"
    assert format_of("a.ndjson") == "jsonl"
    assert format_of("a.txt", "tsv") == "tsv"
    assert format_of("-") == "csv"
    with pytest.raises(ValueError, match="--format"):
        format_of("a.dat")


def test_explicit_format_for_odd_extension(tmp_path, posts):
    src = tmp_path / "export.dat"
    write(posts, src, "tsv")
    summary = run(src, tmp_path / "out.jsonl", format="tsv")
    assert summary.rows_written == len(posts)


def test_csv_output_is_stable_text(tmp_path, posts):
    src = tmp_path / "in.csv"
    write(posts, src, "csv")
    run(src, tmp_path / "out.csv")
    lines = (tmp_path / "out.csv").read_bytes().split(b"\n")
    assert lines[0] == b"post_id,text,author," + ",".join(OUTPUT_COLUMNS).encode()
    assert b"\r" not in (tmp_path / "out.csv").read_bytes()


def test_json_outputs_are_valid(tmp_path, posts):
    src = tmp_path / "in.csv"
    write(posts, src, "csv")
    run(src, tmp_path / "out.json", chunk_size=4)
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert len(data) == len(posts) and data[1]["text"] == posts["text"][1]
    run(src, tmp_path / "out.jsonl", chunk_size=4)
    rows = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(posts)
    assert rows[3]["is_hoax"] is True and rows[3]["error"] is None


def test_empty_input_gives_header_only(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n", encoding="utf-8")
    summary = run(src, tmp_path / "out.csv")
    assert summary.rows_read == 0 and summary.balanced
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("id,text,hoax_probability")
    run(src, tmp_path / "out.json")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == []
    run(src, tmp_path / "out.parquet")
    assert len(pd.read_parquet(tmp_path / "out.parquet")) == 0


# --- encodings -------------------------------------------------------------------


def test_utf8_bom(tmp_path, posts):
    src = tmp_path / "bom.csv"
    src.write_bytes(b"\xef\xbb\xbf" + posts.to_csv(index=False).encode("utf-8"))
    summary = run(src, tmp_path / "out.csv")
    assert summary.encoding == "utf-8-sig" and not summary.warnings
    head = (tmp_path / "out.csv").read_bytes()[:12]
    assert head.startswith(b"post_id,")  # BOM not carried into the first column name


def test_cp1252_fallback_with_warning(tmp_path):
    src = tmp_path / "win.csv"
    src.write_bytes("id,text\n1,Caf\u00e9 \u201cgratis\u201d sebarkan\n".encode("cp1252"))
    messages = []
    summary = run(src, tmp_path / "out.csv", on_warning=messages.append)
    # decided per row: the file is read as UTF-8, the row that is not valid UTF-8 as cp1252
    assert summary.encoding == "utf-8"
    assert messages and "read as cp1252" in messages[-1] and "rows 1" in messages[-1]
    out = pd.read_csv(tmp_path / "out.csv")
    assert out["text"][0] == "Caf\u00e9 \u201cgratis\u201d sebarkan"


@pytest.mark.filterwarnings("ignore:1 row.s. were not valid UTF-8")
def test_misencoded_line_in_utf8_file_is_read_as_cp1252_alone(tmp_path):
    src = tmp_path / "mixed.csv"
    src.write_bytes(
        "id,text\n1,Halo warga \u00e9\u00e9 sebarkan\n".encode()
        + b"2,rusak \xe9 di sini\n"
        + "3,baik-baik saja \u00fc\n".encode()
    )
    summary = run(src, tmp_path / "out.csv")
    assert summary.encoding == "utf-8"
    assert (summary.rows_read, summary.rows_written, summary.rows_quarantined) == (3, 3, 0)
    out = pd.read_csv(tmp_path / "out.csv")
    assert out["text"].tolist() == [
        "Halo warga \u00e9\u00e9 sebarkan",
        "rusak \u00e9 di sini",
        "baik-baik saja \u00fc",
    ]
    assert any("read as cp1252" in w and "rows 2)" in w for w in summary.warnings)


def test_misencoded_line_quarantined_without_fallback(tmp_path):
    src = tmp_path / "mixed.csv"
    src.write_bytes(
        "id,text\n1,Halo warga \u00e9\u00e9 sebarkan\n".encode()
        + b"2,rusak \xe9 di sini\n"
        + "3,baik-baik saja \u00fc\n".encode()
    )
    summary = run(src, tmp_path / "out.csv", fallback_encoding="none")
    assert summary.encoding == "utf-8"
    assert (summary.rows_read, summary.rows_written, summary.rows_quarantined) == (3, 2, 1)
    q = pd.read_csv(summary.quarantine)
    assert q["row"].tolist() == [2] and q["line"].tolist() == [3]
    assert "undecodable" in q["reason"][0] and "\\xe9" in q["raw"][0]


# --- stdin / stdout --------------------------------------------------------------

SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from test_batch_fakes import FakeDetector, FakeLibrary, fake_render
from hoaxguard.batch import score_file
if __name__ == "__main__":
    s = score_file("-", "-", format={fmt!r}, model=FakeDetector(), library=FakeLibrary(),
                   renderer=fake_render, progress=False, chunk_size=2, jobs={jobs})
    print(s.rows_read, s.rows_written, s.rows_quarantined, file=sys.stderr)
"""


@pytest.mark.parametrize(("fmt", "jobs"), [("jsonl", 1), ("csv", 2)])
def test_stdin_to_stdout(tmp_path, posts, fmt, jobs):
    src = tmp_path / f"in.{fmt}"
    write(posts, src, fmt)
    script = tmp_path / "run.py"
    script.write_text(SCRIPT.format(tests=str(TESTS), fmt=fmt, jobs=jobs))
    proc = subprocess.run(
        [sys.executable, str(script)],
        input=src.read_bytes(),
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr.decode().split()[-3:] == [str(len(posts)), str(len(posts)), "0"]
    file_out = tmp_path / f"file.{fmt}"
    run(src, file_out, chunk_size=7)
    assert proc.stdout == file_out.read_bytes()


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path, posts, capsys):
    src = tmp_path / "in.csv"
    write(posts, src, "csv")
    run(src, tmp_path / "a.csv", progress=True, chunk_size=5)
    err = capsys.readouterr().err
    assert "rows" in err and "rows/s" in err
    run(src, tmp_path / "b.csv", progress=None)  # stderr is not a terminal under pytest
    assert capsys.readouterr().err == ""
