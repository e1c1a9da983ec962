"""Nothing lost: bad rows go to the quarantine file with row/line and reason."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from hoaxguard.batch import QUARANTINE_COLUMNS, InputFormatError, TextColumnError, score_file
from test_batch_fakes import FakeDetector, FakeLibrary, fake_render


def run(inp, out, **kw):
    kw.setdefault("model", FakeDetector())
    kw.setdefault("library", FakeLibrary())
    kw.setdefault("renderer", fake_render)
    kw.setdefault("progress", False)
    return score_file(inp, out, **kw)


def quarantine(summary) -> pd.DataFrame:
    return pd.read_csv(summary.quarantine, dtype={"raw": str})


BAD_CSV = (
    "id,text,author\n"  # line 1
    "1,vaksin berisi chip sebarkan,ani\n"  # 2  row 1 ok
    '2,"bad"quote here,budi\n'  # 3  row 2 bad quoting
    "3,too,many,fields\n"  # 4  row 3 wrong field count
    "4,,cici\n"  # 5  row 4 empty text
    '5,"multi\nline text, fine",dodi\n'  # 6-7 row 5 ok
    "6,   ,eko\n"  # 8  row 6 blank text
    "\n"  # 9  blank line: not a row
    "7,short\n"  # 10 row 7 too few fields
    "8,HUGE,fani\n"  # 11 row 8 huge text
    "9,bansos cair,gita\n"  # 12 row 9 ok
)


@pytest.fixture
def bad_csv(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV.replace("HUGE", "x" * 300), encoding="utf-8")
    return path


@pytest.mark.parametrize("chunk_size", [1, 3, 100])
def test_malformed_csv_lines_are_quarantined(tmp_path, bad_csv, chunk_size):
    summary = run(bad_csv, tmp_path / "out.csv", chunk_size=chunk_size, max_chars=200)
    assert summary.balanced
    assert (summary.rows_read, summary.rows_written, summary.rows_quarantined) == (9, 3, 6)
    out = pd.read_csv(tmp_path / "out.csv", dtype={"id": str})
    assert out["id"].tolist() == ["1", "5", "9"]
    assert out["text"][1] == "multi\nline text, fine"
    q = quarantine(summary)
    assert tuple(q.columns) == QUARANTINE_COLUMNS
    assert q["row"].tolist() == [2, 3, 4, 6, 7, 8]
    assert q["line"].tolist() == [3, 4, 5, 8, 10, 11]
    reasons = q["reason"].tolist()
    assert reasons[0].startswith("malformed CSV")
    assert reasons[1] == "expected 3 fields, found 4"
    assert reasons[2] == "empty text"
    assert reasons[3] == "empty text"
    assert reasons[4] == "expected 3 fields, found 2"
    assert reasons[5] == "text too long (300 chars > max 200)"
    assert q["raw"][0] == '2,"bad"quote here,budi'
    assert q["raw"][1] == "3,too,many,fields"
    assert q["raw"][5] == "8," + "x" * 300 + ",fani"


def test_unterminated_quote_swallows_no_more_than_it_must(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('id,text\n1,ok sebarkan\n2,"never closed\n3,next\n', encoding="utf-8")
    summary = run(path, tmp_path / "out.csv")
    assert summary.balanced and summary.rows_written == 1
    q = quarantine(summary)
    # the raw lines consumed by the broken record are all kept
    assert "never closed" in q["raw"][0] and "3,next" in q["raw"][0]


def test_wrong_types_and_missing_values_jsonl(tmp_path):
    rows = [
        {"id": 1, "text": "vaksin chip sebarkan"},
        {"id": 2, "text": None},
        {"id": 3, "text": 12345},
        {"id": 4, "text": ["a", "list"]},
        {"id": 5},
        {"id": 6, "text": "ok", "extra": True},
        {"id": 7, "text": float("nan")},
    ]
    lines = [json.dumps(r) for r in rows] + ["{not json", "[1, 2]", '{"id": 8, "text": "fine"}']
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = run(path, tmp_path / "out.jsonl")
    assert summary.balanced
    assert (summary.rows_read, summary.rows_written) == (10, 2)
    q = quarantine(summary).set_index("row")
    assert q.loc[2, "reason"] == "missing text"
    assert q.loc[3, "reason"] == "text is int, not a string"
    assert q.loc[4, "reason"] == "text is list, not a string"
    assert q.loc[5, "reason"] == "missing text"
    assert q.loc[6, "reason"].startswith("unexpected keys 'extra'")
    assert q.loc[7, "reason"] == "missing text"
    assert q.loc[8, "reason"].startswith("invalid JSON")
    assert q.loc[9, "reason"] == "not a JSON object (list)"
    assert json.loads(q.loc[3, "raw"]) == {"id": 3, "text": 12345}


def test_wrong_types_in_excel(tmp_path):
    df = pd.DataFrame({"id": [1, 2, 3, 4], "text": ["sebarkan chip", None, 42, "bansos cair"]})
    df["text"] = df["text"].astype(object)
    df.astype({"text": object}).to_excel(tmp_path / "in.xlsx", index=False)
    summary = run(tmp_path / "in.xlsx", tmp_path / "out.xlsx")
    assert (summary.rows_read, summary.rows_written, summary.rows_quarantined) == (4, 2, 2)
    q = quarantine(summary)
    assert q["line"].tolist() == [3, 4]  # sheet rows (header = row 1)
    assert q["reason"].tolist() == ["missing text", "text is int, not a string"]
    assert summary.balanced


def test_parquet_missing_and_huge(tmp_path):
    df = pd.DataFrame({"id": range(5), "text": ["a b", None, "y" * 50, "sebarkan", ""]})
    df.to_parquet(tmp_path / "in.parquet")
    summary = run(tmp_path / "in.parquet", tmp_path / "out.parquet", max_chars=10)
    assert (summary.rows_written, summary.rows_quarantined) == (2, 3)
    q = quarantine(summary)
    assert q["row"].tolist() == [2, 3, 5]
    assert pd.read_parquet(tmp_path / "out.parquet")["id"].tolist() == [0, 3]


def test_missing_text_column_is_a_clear_error(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,likes\n1,2\n", encoding="utf-8")
    with pytest.raises(TextColumnError, match="columns are: 'id', 'likes'"):
        run(path, tmp_path / "out.csv")
    with pytest.raises(TextColumnError, match="'body' not found"):
        run(path, tmp_path / "out.csv", text_col="body")
    assert not (tmp_path / "out.csv").exists()


def test_unreadable_inputs(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputFormatError, match="empty"):
        run(empty, tmp_path / "o.csv")
    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "a"}, {"text": ', encoding="utf-8")
    with pytest.raises(InputFormatError, match="invalid JSON array"):
        run(broken, tmp_path / "o2.csv")
    notarray = tmp_path / "obj.json"
    notarray.write_text('{"text": "a"}', encoding="utf-8")
    with pytest.raises(InputFormatError, match="array"):
        run(notarray, tmp_path / "o3.csv")


def test_stale_quarantine_file_is_removed(tmp_path, bad_csv):
    out = tmp_path / "out.csv"
    first = run(bad_csv, out)
    assert first.quarantine
    good = tmp_path / "good.csv"
    good.write_text("id,text\n1,halo\n", encoding="utf-8")
    second = run(good, out)
    assert second.quarantine is None
    assert not (tmp_path / "out.csv.quarantine.csv").exists()
