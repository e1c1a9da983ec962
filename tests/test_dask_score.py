"""Dask engine on a real (small, in-process) distributed LocalCluster."""

from __future__ import annotations

import glob

import pandas as pd
import pytest

from hoaxguard.batch import OUTPUT_COLUMNS, score_frame
from test_batch_fakes import FakeDetector, FakeLibrary, fake_render

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

OPTS = {"model": FakeDetector(), "library": FakeLibrary(), "renderer": fake_render}


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture
def posts() -> pd.DataFrame:
    texts = ["sebarkan vaksin chip", "bansos cair", "rapat desa", "", "bendungan jebol"] * 8
    return pd.DataFrame(
        {"id": [str(i) for i in range(len(texts))], "message": texts},
        index=pd.RangeIndex(100, 100 + len(texts)),
    )


def test_score_dask_matches_score_frame(client, posts):
    from hoaxguard.dask import score_dask

    ddf = dd.from_pandas(posts, npartitions=4)
    lazy = score_dask(ddf, **OPTS)
    assert list(lazy.columns) == ["id", "message", *OUTPUT_COLUMNS]
    got = lazy.compute()
    want = score_frame(posts, **OPTS)
    assert got.index.equals(want.index)
    pd.testing.assert_series_equal(got["hoax_probability"], want["hoax_probability"])
    assert got["is_hoax"].tolist() == want["is_hoax"].tolist()
    assert got["match_id"].fillna("").tolist() == want["match_id"].fillna("").tolist()
    assert got["error"].notna().sum() == 8  # empty texts keep an error here


def _detectors_held(dask_worker) -> int:
    return sum(type(v).__name__ == "FakeDetector" for v in list(dask_worker.data.values()))


def test_model_is_broadcast_once(client, posts):
    from hoaxguard.dask import score_dask

    lazy = score_dask(dd.from_pandas(posts, npartitions=8), **OPTS)
    after = client.run(_detectors_held)
    # a copy on every worker, sent before any task runs
    assert all(n >= 1 for n in after.values()) and len(after) == 2
    assert lazy.compute()["hoax_probability"].notna().sum() == 32
    # the 8 partition tasks used those copies: no further copies appeared (the
    # broadcast copies may already be released once nothing refers to them)
    later = client.run(_detectors_held)
    assert all(later.get(worker, 0) <= held for worker, held in after.items())


@pytest.mark.parametrize(("in_fmt", "out_fmt"), [("parquet", "parquet"), ("csv", "csv")])
def test_score_dask_files(client, tmp_path, posts, in_fmt, out_fmt):
    from hoaxguard.dask import score_dask_files

    src = tmp_path / "in"
    ddf = dd.from_pandas(posts.reset_index(drop=True), npartitions=3)
    if in_fmt == "parquet":
        ddf.to_parquet(src, write_index=False)
    else:
        src.mkdir()
        ddf.to_csv(str(src / "part-*.csv"), index=False)
    out = tmp_path / "out"
    summary = score_dask_files(str(src), str(out), output_format=out_fmt, client=client, **OPTS)
    assert summary.balanced
    assert (summary.rows_read, summary.rows_written, summary.rows_quarantined) == (40, 32, 8)
    parts = sorted(glob.glob(str(out / f"part-*.{out_fmt}")))
    assert len(parts) == 3
    if out_fmt == "parquet":
        back = pd.concat([pd.read_parquet(p) for p in parts])
    else:
        back = pd.concat([pd.read_csv(p, dtype={"id": str}) for p in parts])
    assert sorted(back["id"].astype(str)) == sorted(posts["id"][posts["message"] != ""])
    q = pd.concat(pd.read_csv(p) for p in glob.glob(str(tmp_path / "out.quarantine" / "*.csv")))
    assert len(q) == 8 and set(q["reason"]) == {"empty text"}


def test_cli_engine_dask(client, tmp_path, posts, monkeypatch, capsys):
    from hoaxguard.batch import _frame
    from hoaxguard.cli import main

    monkeypatch.setattr(_frame, "_load_model_cached", lambda path: FakeDetector())
    monkeypatch.setattr(_frame, "_load_library_cached", lambda path: FakeLibrary())
    import hoaxguard

    monkeypatch.setattr(hoaxguard, "render", fake_render, raising=False)
    src = tmp_path / "posts"
    dd.from_pandas(posts.reset_index(drop=True), npartitions=2).to_parquet(src, write_index=False)
    out = tmp_path / "scored"
    code = main(
        [
            "score",
            str(src),
            "-o",
            str(out),
            "--engine",
            "dask",
            "--scheduler",
            client.scheduler.address,
            "--text-col",
            "message",
            "--summary-json",
            str(tmp_path / "s.json"),
        ]
    )
    assert code == 0, capsys.readouterr().err
    back = pd.read_parquet(out)
    assert len(back) == 32 and "response" in back.columns
    assert "rows in == rows out + quarantined: ok" in capsys.readouterr().err
    assert main(["score", str(src), "-o", "-", "--engine", "dask"]) == 2


def test_missing_dask_gives_an_install_hint(monkeypatch, posts):
    import sys

    from hoaxguard.dask import score_dask, score_dask_files

    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(ImportError, match=r"pip install 'hoaxguard\[dask\]'"):
        score_dask(posts)
    with pytest.raises(ImportError, match="hoaxguard\\[dask\\]"):
        score_dask_files("in", "out")
