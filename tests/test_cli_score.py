"""``hoaxguard score``: arguments, exit codes, one-line errors, stdin/stdout."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from hoaxguard.batch import _frame
from hoaxguard.cli import main
from test_batch_fakes import FakeDetector, FakeLibrary, fake_render


@pytest.fixture
def fakes(monkeypatch):
    """Make the default model/library loaders return the test fakes (in-process runs)."""
    monkeypatch.setattr(_frame, "_load_model_cached", lambda path: FakeDetector())
    monkeypatch.setattr(_frame, "_load_library_cached", lambda path: FakeLibrary())
    import hoaxguard

    monkeypatch.setattr(hoaxguard, "render", fake_render, raising=False)


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "id,komentar,akun\n"
        "1,SEBARKAN vaksin berisi chip,a\n"
        "2,bansos cair hari ini,b\n"
        "3,,c\n"
        "4,bendungan jebol sebarkan,d\n",
        encoding="utf-8",
    )
    return path


def test_score_csv_with_summary(fakes, export, tmp_path, capsys):
    out = tmp_path / "scored.xlsx"
    code = main(
        [
            "score",
            str(export),
            "-o",
            str(out),
            "--platform",
            "x",
            "--summary-json",
            str(tmp_path / "s.json"),
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "rows read" in err and "quarantined" in err and ": ok" in err
    df = pd.read_excel(out)
    assert df["id"].tolist() == [1, 2, 4]
    assert df["response"].dropna().str.startswith("[x]").all()
    summary = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert summary["rows_read"] == 4 and summary["rows_quarantined"] == 1 and summary["balanced"]
    assert (tmp_path / "scored.xlsx.quarantine.csv").exists()


def test_default_output_name_and_quiet(fakes, export, capsys):
    assert main(["score", str(export), "-q", "--threshold", "0.05"]) == 0
    assert capsys.readouterr().err == ""
    out = export.with_name("export.scored.csv")
    assert pd.read_csv(out)["is_hoax"].all()


def test_stdin_stdout(fakes, export, tmp_path, monkeypatch, capsysbinary):
    monkeypatch.chdir(tmp_path)
    stdin = io.TextIOWrapper(io.BytesIO(export.read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["score", "-", "-q", "--output-format", "jsonl"]) == 0
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["1", "2", "4"]
    # stdout output: the quarantine goes to ./score.quarantine.csv
    assert pd.read_csv(tmp_path / "score.quarantine.csv")["row"].tolist() == [3]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--text-col", "nope"], "text column 'nope' not found; columns are: 'id', 'komentar'"),
        (["--chunk-size", "0"], "--chunk-size must be >= 1"),
        (["--threshold", "2"], "--threshold must be between 0 and 1"),
        (["-o", "x.parquet", "--format", "json"], "must be an array of objects"),
        (["-o", "-", "--output-format", "parquet"], "cannot be written to stdout"),
        (["-o", "out.dat"], "cannot tell the format"),
        (["--scheduler", "tcp://x:1"], "--scheduler needs --engine dask"),
    ],
)
def test_user_errors_are_one_line_with_exit_2(
    fakes, export, tmp_path, monkeypatch, capsys, argv, message
):
    monkeypatch.chdir(tmp_path)
    code = main(["score", str(export), *argv])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("hoaxguard score: error: ") and message in err
    assert err.count("\n") == 1


def test_missing_input_exit_1(fakes, tmp_path, capsys):
    assert main(["score", str(tmp_path / "missing.csv")]) == 1
    assert "No such file" in capsys.readouterr().err


def test_unbalanced_run_exits_1(fakes, export, monkeypatch, capsys):
    from hoaxguard.batch import ScoreSummary

    monkeypatch.setattr(
        "hoaxguard.batch.score_file", lambda *a, **k: ScoreSummary(rows_read=3, rows_written=1)
    )
    assert main(["score", str(export), "-q"]) == 1
    assert "rows in != rows out + rows quarantined" in capsys.readouterr().err


def test_help_lists_the_options():
    proc = subprocess.run(
        [sys.executable, "-m", "hoaxguard", "score", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0
    for option in (
        "--text-col",
        "--model",
        "--templates",
        "--threshold",
        "--platform",
        "--chunk-size",
        "--jobs",
        "--resume",
        "--engine",
        "--scheduler",
        "--quiet",
    ):
        assert option in proc.stdout


def test_missing_model_file_exit_1(export, tmp_path, capsys):
    assert main(["score", str(export), "--model", str(tmp_path / "nope.skops"), "-q"]) == 1
    assert "model file not found" in capsys.readouterr().err


def test_unloadable_templates_fail_fast_with_workers(export, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("this: [is not: a template library\n", encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "hoaxguard",
            "score",
            str(export),
            "-o",
            str(tmp_path / "o.csv"),
            "--templates",
            str(bad),
            "--jobs",
            "2",
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("hoaxguard score: error: cannot load the")
    assert proc.stderr.count("\n") == 1
    assert not (tmp_path / "o.csv").exists()
