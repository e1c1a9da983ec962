"""Files as offices really have them, through the real CLI (issue 13).

Semicolon CSVs, Excel's UTF-16 "Unicode Text", one cp1252 row in a UTF-8 file,
CR-only line ends, Excel renamed to .csv, random bytes, empty files, a huge
field: every case either reads every row or stops with one line and a non-zero
exit, for ``score``, ``train``, ``evaluate`` and ``report`` alike. All fixtures
are written here, at test time.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import hoaxguard
from _detect_data import make_texts
from hoaxguard.batch import _frame
from hoaxguard.cli import main
from test_batch_fakes import FakeDetector, FakeLibrary, fake_render

ROWS = [
    ("1", "SEBARKAN!! vaksin berisi chip pelacak, café 😍"),
    ("2", "Jadwal posyandu minggu ini di balai desa"),
    ("3", "Harga cabai naik; pasar ramai | kata warga"),
]


@pytest.fixture
def fakes(monkeypatch):
    monkeypatch.setattr(_frame, "_load_model_cached", lambda path: FakeDetector())
    monkeypatch.setattr(_frame, "_load_library_cached", lambda path: FakeLibrary())
    monkeypatch.setattr(hoaxguard, "render", fake_render, raising=False)


def err_lines(capsys) -> list[str]:
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    return [line for line in err.splitlines() if line.strip()]


def one_line_error(capsys, command: str = "score") -> str:
    lines = err_lines(capsys)
    errors = [line for line in lines if line.startswith(f"hoaxguard {command}: error: ")]
    assert len(errors) == 1, lines
    return errors[0]


def delimited(rows, delim: str, header=("post_id", "text")) -> str:
    lines = [delim.join(header)]
    for r in rows:
        fields = [f'"{v}"' if (delim in v or '"' in v) else v for v in r]
        lines.append(delim.join(fields))
    return "\n".join(lines) + "\n"


def score(tmp_path, src, *extra) -> tuple[int, Path]:
    out = tmp_path / "out.csv"
    code = main(["score", str(src), "-o", str(out), "-q", *extra])
    return code, out


def read_out(out: Path) -> pd.DataFrame:
    return pd.read_csv(out, dtype=str, keep_default_na=False)


# --- deliverable 2: dialects, BOMs, UTF-16 text exports, any codec -------------------------


@pytest.mark.parametrize(("delim", "name"), [(";", "semicolon"), ("\t", "tab"), ("|", "pipe")])
def test_delimiter_is_sniffed(fakes, tmp_path, capsys, delim, name):
    src = tmp_path / "export.csv"
    src.write_text(delimited(ROWS, delim), encoding="utf-8")
    code, out = score(tmp_path, src)
    lines = err_lines(capsys)
    assert code == 0
    df = read_out(out)
    assert df.columns[:2].tolist() == ["post_id", "text"]
    assert df["text"].tolist() == [t for _, t in ROWS]
    assert any(name in line and "--delimiter" in line for line in lines)


def test_delimiter_option_overrides_the_guess(fakes, tmp_path, capsys):
    src = tmp_path / "export.csv"
    src.write_text(delimited(ROWS, ";"), encoding="utf-8")
    code, _ = score(tmp_path, src, "--delimiter", ",")
    assert code == 2 and "post_id;text" in one_line_error(capsys)
    code, out = score(tmp_path, src, "--delimiter", "semicolon")
    assert code == 0 and len(read_out(out)) == 3
    code, _ = score(tmp_path, src, "--delimiter", ";;")
    assert code == 2 and "--delimiter" in one_line_error(capsys)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-16-le", "utf-8-sig", "utf-32"])
def test_unicode_text_exports_are_read(fakes, tmp_path, capsys, codec):
    # Excel "Unicode Text": UTF-16 (LE with BOM), tab-separated, .txt
    text = delimited(ROWS, "\t").replace("\n", "\r\n")
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data  # with its BOM
    src = tmp_path / "export.txt"
    src.write_bytes(data)
    code, out = score(tmp_path, src)
    err_lines(capsys)
    assert code == 0
    df = read_out(out)
    assert df.columns[0] == "post_id"  # no BOM in the first column name
    assert df["text"].tolist() == [t for _, t in ROWS]


def test_bomless_utf16_and_any_codec(fakes, tmp_path, capsys):
    src = tmp_path / "export.txt"
    src.write_bytes(delimited(ROWS, "\t").encode("utf-16-le"))
    code, out = score(tmp_path, src)
    assert code == 0 and read_out(out)["text"].tolist() == [t for _, t in ROWS]
    code, out = score(tmp_path, src, "--encoding", "utf-16")
    assert code == 0 and read_out(out)["text"].tolist() == [t for _, t in ROWS]
    greek = tmp_path / "greek.csv"
    greek.write_bytes("id,text\n1,καλημέρα κόσμε\n".encode("cp1253"))
    code, out = score(tmp_path, greek, "--encoding", "cp1253")
    assert code == 0 and read_out(out)["text"].tolist() == ["καλημέρα κόσμε"]
    code, _ = score(tmp_path, greek, "--encoding", "klingon-8")
    assert code == 2 and "unknown encoding 'klingon-8'" in one_line_error(capsys)


# --- deliverable 3: encoding decided per row --------------------------------------------


def test_one_cp1252_row_changes_no_other_row(fakes, tmp_path, capsys):
    src = tmp_path / "mixed.csv"
    src.write_bytes(
        "id,text\n1,café enak 😍 sebarkan\n".encode()
        + "2,Caf\u00e9 \u201cgratis\u201d di sini\n".encode("cp1252")
        + "3,naïve — ok\n".encode()
    )
    code, out = score(tmp_path, src)
    lines = err_lines(capsys)
    assert code == 0
    assert read_out(out)["text"].tolist() == [
        "café enak 😍 sebarkan",
        "Caf\u00e9 \u201cgratis\u201d di sini",
        "naïve — ok",
    ]
    assert any("read as cp1252" in line and "rows 2)" in line for line in lines)


def test_fallback_none_quarantines_the_row(fakes, tmp_path, capsys):
    src = tmp_path / "mixed.csv"
    src.write_bytes(b"id,text\n1,halo\n2,caf\xe9\n3,oke\n")
    code, out = score(tmp_path, src, "--fallback-encoding", "none")
    assert code == 0
    assert read_out(out)["text"].tolist() == ["halo", "oke"]
    q = pd.read_csv(f"{out}.quarantine.csv")
    assert q["row"].tolist() == [2] and "undecodable" in q["reason"][0]


# --- deliverable 4: bad files, one line, every command ----------------------------------


def test_cr_only_line_ends(fakes, tmp_path, capsys):
    src = tmp_path / "mac.csv"
    src.write_bytes(delimited(ROWS, ",").replace("\n", "\r").encode())
    code, out = score(tmp_path, src)
    err_lines(capsys)
    assert code == 0 and read_out(out)["text"].tolist() == [t for _, t in ROWS]


def _xlsx(path: Path, rows) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["post_id", "text"])
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def test_excel_renamed_to_csv_is_read_as_excel(fakes, tmp_path, capsys):
    src = _xlsx(tmp_path / "book.xlsx", ROWS).rename(tmp_path / "export.csv")
    code, out = score(tmp_path, src)
    lines = err_lines(capsys)
    assert code == 0 and read_out(out)["text"].tolist() == [t for _, t in ROWS]
    assert any("Excel workbook" in line and "rename it to .xlsx" in line for line in lines)


BAD_FILES = {
    "empty.csv": (b"", "the input is empty"),
    "random.csv": (random.Random(13).randbytes(20_000), "binary data"),
    "old.csv": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "old Excel .xls"),
    "archive.csv": (b"PK\x03\x04" + bytes(200), "zip archive"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_one_line_errors_for_score(fakes, tmp_path, capsys, name):
    data, needle = BAD_FILES[name]
    src = tmp_path / name
    src.write_bytes(data)
    code, out = score(tmp_path, src)
    assert code == 2
    assert needle in one_line_error(capsys)
    assert not Path(f"{out}.checkpoint").exists()


def _labelled_csv(path: Path, n: int = 60, seed: int = 0, encoding: str = "utf-8") -> Path:
    texts, labels = make_texts(n, seed=seed)
    df = pd.DataFrame({"text": texts, "label": ["hoax" if y else "valid" for y in labels]})
    path.write_bytes(df.to_csv(index=False).encode(encoding))
    return path


@pytest.mark.parametrize("command", ["train", "evaluate"])
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_one_line_errors_for_train_and_evaluate(tmp_path, capsys, command, name):
    data, needle = BAD_FILES[name]
    src = tmp_path / name
    src.write_bytes(data)
    if command == "train":
        argv = ["train", str(src), "-o", str(tmp_path / "m.skops")]
    else:
        model = tmp_path / "m.skops"
        assert main(["train", str(_labelled_csv(tmp_path / "ok.csv")), "-o", str(model)]) == 0
        capsys.readouterr()
        argv = ["evaluate", str(model), str(src)]
    assert main(argv) == 2
    assert needle in one_line_error(capsys, command)


def test_train_and_evaluate_read_office_encodings(tmp_path, capsys):
    model = tmp_path / "m.skops"
    cp = _labelled_csv(tmp_path / "win.csv", encoding="cp1252")
    u16 = tmp_path / "unicode.txt"
    u16.write_bytes(
        pd.read_csv(cp, encoding="cp1252").to_csv(index=False, sep="\t").encode("utf-16")
    )
    semi = tmp_path / "semi.csv"
    semi.write_text(pd.read_csv(cp, encoding="cp1252").to_csv(index=False, sep=";"))
    for src in (cp, u16, semi):
        assert main(["train", str(src), "-o", str(model)]) == 0, src
        assert "Traceback" not in capsys.readouterr().err
    xl = tmp_path / "labelled.xlsx"
    pd.read_csv(cp, encoding="cp1252").to_excel(xl, index=False)
    renamed = xl.rename(tmp_path / "labelled_excel.csv")
    assert main(["evaluate", str(model), str(renamed)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Excel workbook" in err


def test_report_reads_through_the_same_reader(fakes, tmp_path, capsys):
    src = tmp_path / "export.csv"
    src.write_text(delimited(ROWS, ";"), encoding="utf-8")
    code, out = score(tmp_path, src)
    assert code == 0
    capsys.readouterr()
    html = tmp_path / "r.html"
    assert main(["report", str(out), "-o", str(html), "--no-plots", "--no-clusters"]) == 0
    assert html.is_file()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(random.Random(3).randbytes(5000))
    assert main(["report", str(bad), "-o", str(html), "--no-plots"]) == 2
    assert "binary data" in one_line_error(capsys, "report")


def test_report_without_matplotlib_names_the_flag(fakes, tmp_path, capsys, monkeypatch):
    src = tmp_path / "export.csv"
    src.write_text(delimited(ROWS, ","), encoding="utf-8")
    code, out = score(tmp_path, src)
    capsys.readouterr()
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    assert main(["report", str(out), "-o", str(tmp_path / "r.html")]) == 2
    line = one_line_error(capsys, "report")
    assert "--no-plots" in line and "plots=False" not in line


def test_huge_field_is_quarantined_as_too_long_with_its_line(fakes, tmp_path, capsys):
    src = tmp_path / "huge.csv"
    with open(src, "w", encoding="utf-8") as fh:
        fh.write("id,text\n1,halo warga\n")
        fh.write("2," + "a" * 3_000_000 + "\n")  # one 3 MB field on line 3
        fh.write('3,"' + "b" * 2_500_000 + '"\n')  # a quoted one on line 4
        fh.write("4,akhir kata\n")
    code, out = score(tmp_path, src, "--max-chars", "1000")
    err_lines(capsys)
    assert code == 0
    assert read_out(out)["text"].tolist() == ["halo warga", "akhir kata"]
    q = pd.read_csv(f"{out}.quarantine.csv")
    assert q["row"].tolist() == [2, 3] and q["line"].tolist() == [3, 4]
    assert all("text longer than 1,000 characters" in r for r in q["reason"])
    assert all("malformed" not in r for r in q["reason"])
    assert q["raw"].str.len().max() < 10_000  # the field was not kept


# --- deliverable 1: Excel in the plain install, Parquet asks for the extra ------------------

NO_PYARROW = """
import sys
for name in ("pyarrow", "pyarrow.parquet", "pyarrow.lib"):
    sys.modules[name] = None
from hoaxguard.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _run_without_pyarrow(tmp_path, *argv) -> subprocess.CompletedProcess:
    script = tmp_path / "nopa.py"
    script.write_text(NO_PYARROW)
    return subprocess.run(
        [sys.executable, str(script), *argv], capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_excel_without_the_io_extra(tmp_path):
    src = _xlsx(tmp_path / "export.xlsx", ROWS)
    proc = _run_without_pyarrow(tmp_path, "score", str(src), "--no-match", "-q")
    assert proc.returncode == 0, proc.stderr
    ws = openpyxl.load_workbook(tmp_path / "export.scored.xlsx").active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][:3] == ["post_id", "text", "hoax_probability"]
    assert [v[1] for v in values[1:]] == [t for _, t in ROWS]
    missing = _run_without_pyarrow(tmp_path, "score", str(tmp_path / "nothere.parquet"))
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert "No such file" in missing.stderr and "ModuleNotFoundError" not in missing.stderr
    pq = tmp_path / "export.parquet"
    pq.write_bytes(b"PAR1" + bytes(100) + b"PAR1")
    proc = _run_without_pyarrow(tmp_path, "score", str(pq))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "pip install 'hoaxguard[io]'" in proc.stderr.strip().splitlines()[-1]


# --- deliverable 5 through the CLI: a model that breaks its contract ------------------------


def test_score_refuses_a_model_with_nan_threshold(tmp_path, capsys):
    texts, labels = make_texts(40)
    det = hoaxguard.HoaxDetector(stem=False, calibration_cv=2).fit(texts, labels)
    det.threshold_ = float("nan")
    path = hoaxguard.persist.save_model(det, tmp_path / "nan.skops")
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,halo\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code = main(["score", str(src), "-o", str(out), "--model", str(path), "--no-match", "-q"])
    assert code == 1
    assert "threshold_" in one_line_error(capsys)
    assert not Path(f"{out}.checkpoint").exists()  # a failed start leaves nothing behind
    assert not out.exists()


# --- CLI texts and the --debug switch --------------------------------------------------------


def test_help_texts(capsys):
    for argv in (["evaluate", "--help"], ["train", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
    out = capsys.readouterr().out
    assert "%%" not in out and "1%/5%" in out
    train_help = out[out.index("usage: hoaxguard train") :]
    assert "--time-split" not in train_help


def test_debug_shows_the_traceback(fakes, tmp_path, capsys):
    src = tmp_path / "empty.csv"
    src.write_bytes(b"")
    with pytest.raises(Exception, match="empty"):
        main(["score", str(src), "--debug"])


def test_evaluate_warns_on_its_own_training_rows(tmp_path, capsys):
    train = _labelled_csv(tmp_path / "train.csv", seed=0)
    other = _labelled_csv(tmp_path / "other.csv", n=40, seed=99)
    model = tmp_path / "m.skops"
    assert main(["train", str(train), "-o", str(model)]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(model), str(train)]) == 0
    err = capsys.readouterr().err
    assert "were used to train" in err and "in-sample" in err
    assert main(["evaluate", str(model), str(other)]) == 0
    err = capsys.readouterr().err
    own = set(pd.read_csv(train)["text"])
    if not own & set(pd.read_csv(other)["text"]):
        assert "were used to train" not in err
