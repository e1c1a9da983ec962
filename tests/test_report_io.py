"""Scored files: read_scored / write_scored / cluster_scored_file (the --clusters post-pass)."""

from __future__ import annotations

import pandas as pd
import pytest

from hoaxguard.report import cluster_scored_file, read_scored, write_scored
from hoaxguard.report._fakes import fake_scored_frame

FORMATS = ["csv", "tsv", "jsonl", "json", "parquet", "xlsx"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip(tmp_path, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    df = fake_scored_frame(n=20, seed=6)
    df.loc[0, "text"] = 'NA, "kutip" dan\nbaris baru'
    df.loc[1, "text"] = "NA"
    path = write_scored(df, tmp_path / f"x.{fmt}")
    back = read_scored(path)
    assert list(back.columns) == list(df.columns)
    assert back["text"].tolist() == df["text"].tolist()
    assert back["hoax_probability"].tolist() == pytest.approx(df["hoax_probability"].tolist())
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_cluster_scored_file_in_place(tmp_path, fmt):
    df = fake_scored_frame(n=80, seed=7)
    path = write_scored(df, tmp_path / f"posts.scored.{fmt}")
    summary = tmp_path / "posts.scored.clusters.csv"
    clusters = cluster_scored_file(path, summary=summary)
    back = read_scored(path)
    assert list(back.columns) == [*df.columns, "cluster_id", "cluster_size"]
    assert len(back) == len(df)
    assert back["cluster_id"].notna().all()
    table = pd.read_csv(summary)
    assert table["cluster_id"].tolist() == clusters["cluster_id"].tolist()
    assert table["size"].sum() == len(df)


def test_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="format"):
        read_scored(tmp_path / "x.weird")
    with pytest.raises(ValueError, match="unknown format"):
        write_scored(fake_scored_frame(n=3), tmp_path / "x.csv", fmt="docx")
