"""Property tests of the readers: any bytes in, every row accounted for, never a traceback."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoaxguard.batch import InputFormatError, TextColumnError, read_table, score_file
from hoaxguard.batch._encoding import sniff_delimiter
from test_batch_fakes import FakeDetector, FakeLibrary, fake_render

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _score(src, out):
    return score_file(
        src,
        out,
        model=FakeDetector(),
        library=FakeLibrary(),
        renderer=fake_render,
        progress=False,
        chunk_size=3,
        on_warning=lambda msg: None,
    )


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_any_bytes_in_a_csv_one_line_error_or_balanced(tmp_path_factory, data):
    tmp = tmp_path_factory.mktemp("anybytes")
    src = tmp / "in.csv"
    src.write_bytes(data)
    try:
        summary = _score(src, tmp / "out.csv")
    except (InputFormatError, TextColumnError) as exc:
        assert "\n" not in str(exc).strip()
        return
    assert summary.balanced


@SETTINGS
@given(body=st.binary(max_size=3000), newline=st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_any_bytes_after_a_header_every_row_accounted_for(tmp_path_factory, body, newline):
    tmp = tmp_path_factory.mktemp("body")
    src = tmp / "in.csv"
    src.write_bytes(b"id,text" + newline + body)
    try:
        summary = _score(src, tmp / "out.csv")
    except InputFormatError as exc:  # e.g. the bytes make the whole file look binary
        assert "\n" not in str(exc).strip()
        return
    assert summary.balanced
    assert summary.rows_read == summary.rows_written + summary.rows_quarantined


# a row of text: any characters but the ones that make a line or a field
_field = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='",;|\t'),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() == s and s)


@SETTINGS
@given(
    rows=st.lists(st.tuples(_field, _field), min_size=1, max_size=8),
    delim=st.sampled_from([",", ";", "\t", "|"]),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le"]),
)
def test_round_trip_of_any_dialect_and_encoding(tmp_path_factory, rows, delim, codec):
    tmp = tmp_path_factory.mktemp("rt")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delim, lineterminator="\r\n")
    writer.writerow(["post_id", "text"])
    writer.writerows(rows)
    src = tmp / "in.txt"
    src.write_bytes(buf.getvalue().encode(codec))
    df = read_table(src, on_warning=lambda msg: None)
    assert df.columns.tolist() == ["post_id", "text"]
    assert list(df.itertuples(index=False, name=None)) == rows


@SETTINGS
@given(
    good=st.lists(_field, min_size=1, max_size=6),
    bad_at=st.integers(min_value=0, max_value=5),
)
def test_a_cp1252_row_never_changes_the_utf8_rows(tmp_path_factory, good, bad_at):
    tmp = tmp_path_factory.mktemp("mixed")
    lines = [f"{i},{t}".encode() for i, t in enumerate(good)]
    bad_at = min(bad_at, len(lines))
    lines.insert(bad_at, b"99,caf\xe9 \x93kutip\x94")
    src = tmp / "in.csv"
    src.write_bytes(b"id,text\n" + b"\n".join(lines) + b"\n")
    df = read_table(src, on_warning=lambda msg: None)
    texts = df["text"].tolist()
    assert texts.pop(bad_at) == "caf\u00e9 \u201ckutip\u201d"
    assert texts == good


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_sniff_delimiter_with_other_delimiters_in_the_text(delim):
    others = ",;|"
    rows = [["1", f"harga naik{others} kata warga"], ["2", "jalan rusak"]]
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim).writerows([["id", "text"], *rows])
    assert sniff_delimiter(buf.getvalue()) == delim
