"""Adversarial inputs end to end: one-line errors or quarantined rows, never a traceback.

Covers ``hoaxguard score`` / ``evaluate`` (in-process ``main``) and the Python API
(``score_file``, ``score_frame``, ``load_model``, ``CounterNarrativeLibrary.load``)
on broken, foreign and hostile files. The detector and library are the test fakes
wherever the case is not about loading them, so the file stays fast.
"""

from __future__ import annotations

import copy
import io
import json
import os
import pickle
import zipfile
from importlib import resources

import numpy as np
import pandas as pd
import pytest
import yaml

import hoaxguard
from hoaxguard.batch import InputFormatError, TextColumnError, _frame, score_file
from hoaxguard.cli import main
from hoaxguard.counter import TemplateValidationError
from test_batch_fakes import FakeDetector, FakeLibrary, fake_render


def run(inp, out, **kw):
    kw.setdefault("model", FakeDetector())
    kw.setdefault("library", FakeLibrary())
    kw.setdefault("renderer", fake_render)
    kw.setdefault("progress", False)
    return score_file(inp, out, **kw)


@pytest.fixture
def fakes(monkeypatch):
    monkeypatch.setattr(_frame, "_load_model_cached", lambda path: FakeDetector())
    monkeypatch.setattr(_frame, "_load_library_cached", lambda path: FakeLibrary())
    monkeypatch.setattr(hoaxguard, "render", fake_render, raising=False)


def one_line_error(capsys, command: str = "score") -> str:
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    last = err.splitlines()[-1]
    assert last.startswith(f"hoaxguard {command}: error: ")
    return last


def _xlsx(path, texts):
    pd.DataFrame({"text": texts}).to_excel(path, index=False)
    return path


# --- inputs that must stop with one clear line -------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("empty.csv", b"", "the input is empty"),
        ("notext.csv", b"id,likes\n1,2\n", "no text column found"),
        ("object.json", b'{"text": "halo"}', "must be an array of objects"),
        ("garbage.xlsx", os.urandom(512), "not a readable Excel .xlsx file"),
        ("garbage.parquet", os.urandom(512), "not a readable Parquet file"),
        ("empty.jsonl", b"", "no JSON object found (the input is empty)"),
        ("garbage.jsonl", b"\x87\x01 not json\n[1, 2]\n", "no JSON object found (no line is"),
    ],
)
def test_bad_input_file_is_one_line_error(fakes, tmp_path, capsys, name, content, needle):
    src = tmp_path / name
    src.write_bytes(content)
    with pytest.raises(InputFormatError if "text column" not in needle else TextColumnError):
        run(src, tmp_path / "out.csv")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "-q"]) == 2
    assert needle in one_line_error(capsys)


def test_zip_that_is_not_a_workbook(fakes, tmp_path, capsys):
    src = tmp_path / "other.xlsx"
    with zipfile.ZipFile(src, "w") as z:
        z.writestr("notes.txt", "hello")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "-q"]) == 2
    assert "not a readable Excel" in one_line_error(capsys)


def test_missing_sheet_names_the_sheets(fakes, tmp_path, capsys):
    src = _xlsx(tmp_path / "in.xlsx", ["halo"])
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--sheet", "nope", "-q"]) == 2
    assert "no sheet 'nope'" in one_line_error(capsys)


def test_corrupt_sheet_xml_mid_file_stops_with_one_line(fakes, tmp_path, capsys):
    good = _xlsx(tmp_path / "good.xlsx", [f"pesan nomor {i}" for i in range(300)])
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if "worksheets/sheet1" in item.filename:
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    with pytest.raises(InputFormatError, match="corrupt Excel sheet"):
        run(bad, tmp_path / "out.csv", chunk_size=50)
    code = main(["score", str(bad), "-o", str(tmp_path / "o.csv"), "--chunk-size", "50", "-q"])
    assert code == 2 and "corrupt Excel sheet" in one_line_error(capsys)


@pytest.mark.parametrize(
    "argv",
    [
        ["--jobs", "0"],
        ["--jobs", "-2"],
        ["--chunk-size", "0"],
        ["--max-chars", "-5"],
        ["--cache-size", "-1"],
        ["--threshold", "2"],
    ],
)
def test_bad_numeric_options(fakes, tmp_path, capsys, argv):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,halo\n", encoding="utf-8")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "-q", *argv]) == 2
    assert argv[0] in one_line_error(capsys)


def test_output_equal_to_input_is_refused(fakes, tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,halo\n", encoding="utf-8")
    assert main(["score", str(src), "-o", str(src), "-q"]) == 2
    assert "overwrite the input" in one_line_error(capsys)
    assert src.read_text(encoding="utf-8") == "id,text\n1,halo\n"


# --- inputs whose bad rows are quarantined, nothing lost --------------------------------


def test_latin1_byte_in_utf8_file_stays_utf8(tmp_path):
    # one valid UTF-8 'é' and one bare Latin-1 byte: a tie must not garble the file as cp1252
    src = tmp_path / "mixed.csv"
    src.write_bytes("id,text\n1,berita caf\u00e9\n".encode() + b"2,caf\xe9 latin\n3,ok lagi\n")
    summary = run(src, tmp_path / "out.csv")
    assert summary.encoding == "utf-8" and summary.balanced
    out = pd.read_csv(tmp_path / "out.csv")
    assert out["text"].tolist() == ["berita caf\u00e9", "ok lagi"]
    q = pd.read_csv(summary.quarantine)
    assert q["row"].tolist() == [2] and "undecodable" in q["reason"][0]


@pytest.mark.filterwarnings("ignore:duplicate column names")
def test_hostile_rows_are_balanced(tmp_path):
    cases = {
        "bad.jsonl": '{"text": "halo semua"}\n[1, 2]\n"str"\n{"text": "berita"}\n',
        "types.json": json.dumps(
            [{"text": 123}, {"text": 4.5}, {"text": None}, {"text": True}, {"text": "halo"}]
        ),
        "nan.jsonl": '{"text": NaN}\n{"text": null}\n{"text": false}\n{"text": "ok"}\n',
        "nul.csv": "id,text\n1,ha\x00lo\n2,biasa saja\n",
        "dup.csv": "text,text,id\nhalo,dunia,1\nvaksin chip,x,2\n",
        "header.csv": "id,text\n",
        "huge.csv": 'id,text\n1,"' + "kata " * 300_000 + '"\n2,pendek\n',
    }
    for name, text in cases.items():
        src = tmp_path / name
        src.write_text(text, encoding="utf-8")
        out = tmp_path / "out" / f"{name}.scored.csv"  # parent folder does not exist yet
        summary = run(src, out)
        assert summary.balanced, name
        assert summary.rows_read == summary.rows_written + summary.rows_quarantined, name
        assert out.exists(), name
    # the huge cell is quarantined with a reason, the short row is scored
    assert summary.rows_quarantined == 1 and summary.rows_written == 1


def test_score_frame_duplicate_text_column_is_clear():
    df = pd.DataFrame([["halo", "dunia"]], columns=["text", "text"])
    with pytest.raises(TextColumnError, match="appears 2 times"):
        hoaxguard.score_frame(df, model=FakeDetector(), library=False)


def test_score_frame_odd_values_get_reasons():
    df = pd.DataFrame(
        {"text": pd.Series([None, np.nan, True, 7, b"x", "halo", "k " * 30_000], dtype=object)}
    )
    out = hoaxguard.score_frame(df, model=FakeDetector(), library=False)
    assert len(out) == len(df) and out.index.equals(df.index)
    assert out["error"].notna().sum() == 6 and pd.isna(out["error"].iloc[5])


# --- model files -------------------------------------------------------------------------


def test_model_files_that_are_not_models(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,halo\n", encoding="utf-8")
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    files = {
        "empty.skops": b"",
        "evil.pkl": pickle.dumps(Evil()),
        "truncated.skops": b"PK\x03\x04" + os.urandom(200),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    hoaxguard.save_model("not a model", tmp_path / "string.skops")
    hoaxguard.save_model(hoaxguard.HoaxDetector(), tmp_path / "unfitted.skops")
    for name, needle in [
        ("empty.skops", "implausible model file size"),
        ("evil.pkl", "not loaded for safety"),
        ("truncated.skops", "not a hoaxguard model"),
        ("string.skops", "holds a str, not a hoaxguard HoaxDetector"),
        ("unfitted.skops", "not fitted"),
    ]:
        path = tmp_path / name
        with pytest.raises(hoaxguard.ModelLoadError, match=needle):
            hoaxguard.score_frame(pd.DataFrame({"text": ["halo"]}), model=path, library=False)
        code = main(["score", str(src), "-o", str(tmp_path / "o.csv"), "-q", "--no-match",
                     "--model", str(path)])
        assert code == 1, name
        assert needle in one_line_error(capsys), name
    assert not marker.exists()


def test_evaluate_refuses_a_model_file_holding_no_classifier(tmp_path, capsys):
    data = tmp_path / "lab.csv"
    data.write_text("text,label\nvaksin chip sebarkan,1\nposyandu besok,0\n", encoding="utf-8")
    hoaxguard.save_model("not a model", tmp_path / "string.skops")
    hoaxguard.save_model(hoaxguard.HoaxDetector(), tmp_path / "unfitted.skops")
    assert main(["evaluate", str(tmp_path / "string.skops"), str(data)]) == 2
    assert "not a text classifier" in one_line_error(capsys, "evaluate")
    assert main(["evaluate", str(tmp_path / "unfitted.skops"), str(data)]) == 2
    assert "cannot score texts" in one_line_error(capsys, "evaluate")


# --- template files ----------------------------------------------------------------------


def _bundled_templates() -> dict:
    path = resources.files("hoaxguard") / "_data" / "templates" / "bansos.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_broken_template_files(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(_frame, "_load_model_cached", lambda path: FakeDetector())
    data = _bundled_templates()
    missing = copy.deepcopy(data)
    del missing["templates"][0]["verdict"]
    dup = copy.deepcopy(data)
    dup["templates"].append(copy.deepcopy(dup["templates"][0]))
    files = {
        "syntax.yaml": ("templates:\n  - id: [unclosed\n    title: x\n", "invalid YAML"),
        "missing.yaml": (yaml.safe_dump(missing, allow_unicode=True), "'verdict'"),
        "dup.yaml": (yaml.safe_dump(dup, allow_unicode=True), "duplicate id"),
    }
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,halo\n", encoding="utf-8")
    for name, (text, needle) in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(TemplateValidationError, match=needle.strip("'")):
            hoaxguard.CounterNarrativeLibrary.load(path)
        code = main(["score", str(src), "-o", str(tmp_path / "o.csv"), "-q",
                     "--templates", str(path)])
        assert code == 1 and needle in one_line_error(capsys), name
        assert main(["match", "vaksin chip", "--templates", str(path)]) == 2
        assert needle in one_line_error(capsys, "match")


def test_match_empty_text(capsys):
    assert main(["match", ""]) == 2
    assert "no text to match" in one_line_error(capsys, "match")


def test_report_on_unscored_csv(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,halo\n", encoding="utf-8")
    assert main(["report", str(src), "-o", str(tmp_path / "r.html")]) == 2
    assert "not a scored file" in one_line_error(capsys, "report")


def test_preprocess_invalid_utf8_stdin(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO(b"halo \xff\xfe dunia\nbaris dua\n"), encoding="utf-8",
                             errors="strict")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["preprocess", "--no-stem"]) == 0
    out = capsys.readouterr()
    assert "Traceback" not in out.err and len(out.out.strip().splitlines()) == 2


def test_deeply_nested_json(fakes, tmp_path, capsys):
    deep = "[" * 100_000 + "]" * 100_000
    src = tmp_path / "deep.jsonl"
    src.write_text(f'{{"text": "ok"}}\n{{"text": {deep}}}\n{{"text": "dua"}}\n', encoding="utf-8")
    summary = run(src, tmp_path / "out.csv")
    assert summary.balanced and (summary.rows_written, summary.rows_quarantined) == (2, 1)
    assert "nested too deeply" in pd.read_csv(summary.quarantine)["reason"][0]
    arr = tmp_path / "deep.json"
    arr.write_text(f'[{{"text": "ok"}}, {{"text": {deep}}}]', encoding="utf-8")
    assert main(["score", str(arr), "-o", str(tmp_path / "o.csv"), "-q"]) == 2
    assert "nested too deeply" in one_line_error(capsys)


def test_output_is_a_directory(fakes, tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,halo\n", encoding="utf-8")
    (tmp_path / "outdir").mkdir()
    for extra in ([], ["--output-format", "csv"]):
        assert main(["score", str(src), "-o", str(tmp_path / "outdir"), "-q", *extra]) == 2
        assert "is a directory" in one_line_error(capsys)
    assert not (tmp_path / "outdir.checkpoint").exists()
