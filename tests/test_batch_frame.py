"""score_frame: DataFrame in, DataFrame out, index kept, detector + match combined."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hoaxguard.batch import OUTPUT_COLUMNS, TextColumnError, score_frame
from test_batch_fakes import FakeDetector, FakeLibrary, fake_render


def _score(df, **kw):
    kw.setdefault("model", FakeDetector())
    kw.setdefault("library", FakeLibrary())
    kw.setdefault("renderer", fake_render)
    return score_frame(df, **kw)


@pytest.fixture
def posts():
    return pd.DataFrame(
        {
            "user": ["a", "b", "c", "d", "e"],
            "text": [
                "SEBARKAN!! vaksin berisi chip bahaya",
                "vaksin chip katanya",
                "bansos cair hari ini",
                "rapat desa besok pagi",
                "sebarkan sebarkan darurat",
            ],
        },
        index=pd.Index([10, 3, 7, 7, 42], name="post_id"),
    )


def test_index_and_columns_kept(posts):
    out = _score(posts)
    assert out.index.equals(posts.index)
    assert list(out.columns) == ["user", "text", *OUTPUT_COLUMNS]
    pd.testing.assert_frame_equal(out[["user", "text"]], posts)
    assert out["is_hoax"].dtype == "boolean"
    assert out["hoax_probability"].dtype == np.float64


def test_combination_rule(posts):
    out = _score(posts).reset_index(drop=True)
    # model flag only
    assert out.loc[4, "flagged_by"] == "model"
    # debunked template matched, model below threshold -> flagged by the match
    assert out.loc[1, "hoax_probability"] < 0.5
    assert out.loc[1, "match_id"] == "vaksin-chip"
    assert out.loc[1, "is_hoax"] and out.loc[1, "flagged_by"] == "match"
    # both
    assert out.loc[0, "flagged_by"] == "model+match"
    # a BENAR template matches but is no hoax signal
    assert out.loc[2, "match_id"] == "bansos-cair"
    assert not out.loc[2, "is_hoax"] and pd.isna(out.loc[2, "flagged_by"])
    assert out.loc[2, "response"].startswith("[whatsapp] BENAR")
    # nothing
    assert not out.loc[3, "is_hoax"]
    assert pd.isna(out.loc[3, "match_id"]) and pd.isna(out.loc[3, "response"])
    assert out.loc[3, "match_score"] == 0.0
    assert out["error"].isna().all()


def test_threshold_and_platform_override(posts):
    out = _score(posts, threshold=0.05, platform="x")
    assert out["is_hoax"].all()
    assert out["response"].dropna().str.startswith("[x]").all()
    # the raw probability is not changed by the threshold
    base = _score(posts)
    np.testing.assert_allclose(out["hoax_probability"], base["hoax_probability"])


def test_no_matching(posts):
    out = _score(posts, library=False)
    assert out["match_id"].isna().all()
    assert pd.isna(out.iloc[1]["flagged_by"])


def test_invalid_texts_get_an_error(posts):
    df = posts.copy()
    df["text"] = df["text"].astype(object)
    df.iloc[0, 1] = None
    df.iloc[1, 1] = "   "
    df.iloc[2, 1] = 12345
    df.iloc[3, 1] = "x" * 50
    out = _score(df, max_chars=40)
    assert out["error"].tolist()[:4] == [
        "missing text",
        "empty text",
        "text is int, not a string",
        "text too long (50 chars > max 40)",
    ]
    assert out["hoax_probability"].isna().sum() == 4
    assert out["is_hoax"].isna().sum() == 4
    assert pd.isna(out.iloc[4]["error"])


def test_failing_rows_are_isolated(posts):
    out = _score(posts, model=FakeDetector(fail_on="rapat"))
    assert out["error"].notna().sum() == 1
    assert "boom" in out.iloc[3]["error"]
    assert out["hoax_probability"].notna().sum() == 4


def test_series_and_missing_column():
    s = pd.Series(["sebarkan chip", "halo"], name="message", index=["x", "y"])
    out = _score(s)
    assert list(out.index) == ["x", "y"]
    with pytest.raises(TextColumnError, match="columns are"):
        _score(pd.DataFrame({"id": [1]}))


def test_clashing_columns_are_replaced_with_warning(posts):
    df = posts.assign(is_hoax="old")
    with pytest.warns(UserWarning, match="replaced"):
        out = _score(df)
    assert list(out.columns).count("is_hoax") == 1
    assert out["is_hoax"].dtype == "boolean"
