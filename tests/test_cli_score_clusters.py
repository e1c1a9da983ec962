"""``hoaxguard score --clusters``: narrative clusters added to the scored file."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pandas as pd
import pytest

from hoaxguard.batch import OUTPUT_COLUMNS
from hoaxguard.cli import main
from hoaxguard.cli._score import clusters_table_path

EXAMPLE = Path(str(files("hoaxguard") / "_data" / "examples" / "posts.csv"))


@pytest.fixture(scope="module")
def bundled():
    import hoaxguard

    try:
        hoaxguard.load_model()
        hoaxguard.CounterNarrativeLibrary.load()
    except Exception as exc:  # noqa: BLE001 - any load failure means "not built yet"
        pytest.skip(f"bundled model/library not available: {exc}")
    if not EXAMPLE.exists():
        pytest.skip("bundled example export missing")


def test_clusters_on_bundled_example(bundled, tmp_path, capsys):
    out = tmp_path / "posts.scored.csv"
    code = main(
        [
            "score",
            str(EXAMPLE),
            "-o",
            str(out),
            "--clusters",
            "--summary-json",
            str(tmp_path / "s.json"),
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    table = tmp_path / "posts.scored.clusters.csv"
    assert "rows in == rows out + quarantined: ok" in err
    assert "narrative clusters" in err and str(table) in err

    source = pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)
    scored = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(scored.columns) == [*source.columns, *OUTPUT_COLUMNS, "cluster_id", "cluster_size"]
    summary = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    quarantined = pd.read_csv(tmp_path / "posts.scored.csv.quarantine.csv")
    # clustering adds columns only: rows in == rows out + quarantined still holds
    assert len(scored) == summary["rows_written"]
    assert summary["rows_read"] == len(scored) + len(quarantined) == len(source)
    assert scored["post_id"].tolist() == [
        p for p in source["post_id"] if p not in set(source.loc[quarantined["row"] - 1, "post_id"])
    ]
    # texts without any word (emoji only) get no cluster; every other row gets one
    has_id = scored["cluster_id"] != ""
    no_words = ~scored["text"].str.contains(r"[^\W_]", regex=True)
    assert (has_id == ~no_words).all() and has_id.sum() > 200
    assert ((scored["cluster_size"] == "") == ~has_id).all()
    assert (scored.loc[has_id, "cluster_size"].astype(int) >= 1).all()

    clusters = pd.read_csv(table)
    assert {"cluster_id", "size", "representative_text"} <= set(clusters.columns)
    assert clusters["size"].sum() == has_id.sum()
    assert set(clusters["cluster_id"]) == set(scored.loc[has_id, "cluster_id"])
    clustered = scored[has_id]
    sizes = clustered.groupby("cluster_id").size()
    assert (clustered["cluster_size"].astype(int) == clustered["cluster_id"].map(sizes)).all()


def test_clusters_quiet_and_threshold(bundled, tmp_path, capsys):
    out = tmp_path / "scored.jsonl"
    code = main(
        ["score", str(EXAMPLE), "-o", str(out), "--clusters", "--cluster-threshold", "0.9", "-q"]
    )
    assert code == 0
    assert capsys.readouterr().err == ""
    scored = pd.read_json(out, lines=True, dtype=False)
    assert list(scored.columns)[-2:] == ["cluster_id", "cluster_size"]
    assert (tmp_path / "scored.clusters.csv").exists()


@pytest.mark.parametrize(
    "extra, message",
    [
        (["-o", "-"], "--clusters needs a file output"),
        ([], "--clusters needs a file output"),  # stdin -> stdout by default
        (["-o", "out", "--engine", "dask"], "not supported with --engine dask"),
        (["-o", "x.csv", "--cluster-threshold", "0"], "--cluster-threshold must be in (0, 1]"),
    ],
)
def test_clusters_usage_errors(tmp_path, monkeypatch, capsys, extra, message):
    monkeypatch.chdir(tmp_path)
    code = main(["score", "-", "--clusters", *extra])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("hoaxguard score: error:") and message in err
    assert "\n" not in err
    assert not list(tmp_path.iterdir())


def test_cluster_threshold_needs_clusters(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["score", "-", "-o", "x.csv", "--cluster-threshold", "0.5"]) == 2
    assert "--cluster-threshold needs --clusters" in capsys.readouterr().err


def test_clusters_table_path():
    assert clusters_table_path("out/posts.scored.csv") == Path("out/posts.scored.clusters.csv")
    assert clusters_table_path("scored.parquet") == Path("scored.clusters.csv")


def test_clusters_keep_csv_fields_as_written(bundled, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(
        "id,text,phone\n"
        "007,vaksin berisi chip sebarkan sekarang juga,0812345\n"
        "010,bansos cair hari ini di kantor desa,+62812\n",
        encoding="utf-8",
    )
    out = tmp_path / "export.scored.csv"
    assert main(["score", str(export), "-o", str(out), "--clusters", "-q"]) == 0
    scored = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert scored["id"].tolist() == ["007", "010"]
    assert scored["phone"].tolist() == ["0812345", "+62812"]
