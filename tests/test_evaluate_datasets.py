"""Loading labelled data: uniform corpus schema and arbitrary tables."""

from __future__ import annotations

import pandas as pd
import pytest

from hoaxguard.datasets import (
    DataError,
    binarize_labels,
    load_corpus,
    load_labeled,
    load_training_data,
    normalize_source_placeholders,
)


def test_binarize_labels():
    assert binarize_labels(["hoax", "valid", "HOAX", 1, 0, "1.0"]).tolist() == [1, 0, 1, 1, 0, 1]
    assert binarize_labels(["palsu", "asli"], positive_label="palsu").tolist() == [1, 0]
    with pytest.raises(DataError, match="positive_label"):
        binarize_labels(["palsu", "asli"])


def test_placeholders():
    s = pd.Series(["USER USER halo [USERNAME] lihat [URL] dan URL"])
    out = normalize_source_placeholders(s).iloc[0]
    assert "USER" not in out and "URL" not in out and out.count("xxmention") == 3


def _write_corpus(tmp_path):
    rows = pd.DataFrame({
        "id": ["a:0", "a:1", "b:0"], "text": ["Klaim palsu USER", "Berita biasa", "Post [URL]"],
        "title": ["", "", ""], "label": ["hoax", "valid", "valid"],
        "kind": ["claim", "headline", "post"], "date": ["2019-01-02", "", ""],
        "dataset": ["a", "a", "b"], "label_orig": ["", "", ""], "url": ["", "", ""],
        "lang_note": ["", "", ""],
    })
    d = tmp_path / "corpus"
    d.mkdir()
    rows.to_csv(d / "part.csv", index=False)
    (d / "factchecks.csv").write_text("id,claim\n1,x\n")
    return d


def test_load_corpus_directory(tmp_path):
    df = load_corpus(_write_corpus(tmp_path))
    assert df["y"].tolist() == [1, 0, 0]
    assert df["date"].isna().tolist() == [False, True, True]
    assert "xxmention" in df["text"].iloc[0] and "xxurl" in df["text"].iloc[2]
    assert len(load_corpus(_write_corpus(tmp_path / "x") if False else tmp_path / "corpus",
                           kinds=["post"])) == 1


def test_load_labeled_custom_columns(tmp_path):
    p = tmp_path / "mine.csv"
    pd.DataFrame({"isi": ["a", "b", None], "status": ["palsu", "asli", "asli"]}).to_csv(p,
                                                                                       index=False)
    df = load_labeled(p, text_col="isi", label_col="status", positive_label="palsu")
    assert df["y"].tolist() == [1, 0, 0] and df["text"].tolist() == ["a", "b", ""]
    with pytest.raises(DataError, match="no column"):
        load_labeled(p, text_col="teks", label_col="status")
    df2 = load_training_data(p, text_col="isi", label_col="status", positive_label=["palsu"])
    assert df2["y"].sum() == 1


def test_load_training_data_detects_corpus(tmp_path):
    d = _write_corpus(tmp_path)
    df = load_training_data([d])
    assert "kind" in df and df["y"].sum() == 1
    df2 = load_training_data(pd.read_csv(d / "part.csv", dtype=str, keep_default_na=False))
    assert df2["y"].tolist() == [1, 0, 0]
