"""Figures of hoaxguard.report (matplotlib, Agg canvas, scikit-learn Display classes)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from hoaxguard.report import (  # noqa: E402
    cluster_narratives,
    figure_to_png,
    plot_breakdown,
    plot_calibration,
    plot_confusion_matrix,
    plot_hoax_share_over_time,
    plot_narratives,
    plot_precision_recall,
    plot_score_distribution,
    plot_top_terms,
)
from hoaxguard.report._fakes import fake_scored_frame  # noqa: E402
from hoaxguard.report._summary import (  # noqa: E402
    breakdown,
    daily_counts,
    label_to_binary,
    parse_top_terms,
    top_terms,
)


@pytest.fixture(scope="module")
def df():
    return fake_scored_frame(n=120, seed=2)


def _is_png(fig) -> bool:
    return figure_to_png(fig, dpi=50).startswith(b"\x89PNG")


def test_frame_plots(df):
    _, clusters = cluster_narratives(df)
    figs = [
        plot_hoax_share_over_time(df, "created_at"),
        plot_breakdown(df, "platform"),
        plot_top_terms(df),
        plot_score_distribution(df, threshold=0.5),
        plot_narratives(clusters),
    ]
    assert all(_is_png(f) for f in figs)
    assert figs[0].axes[0].get_title().startswith("Postingan dan yang perlu dicek per hari")


def test_model_quality_plots_use_sklearn_displays(df):
    y = label_to_binary(df["label"]).to_numpy()
    prob = df["hoax_probability"].to_numpy()
    cm = plot_confusion_matrix(y, prob >= 0.5)
    pr = plot_precision_recall(y, prob)
    cal = plot_calibration(y, prob)
    assert all(_is_png(f) for f in (cm, pr, cal))
    texts = [t.get_text() for t in cm.axes[0].texts]
    assert sum(int(t) for t in texts) == len(df)


def test_summaries(df):
    daily = daily_counts(df, "created_at")
    assert daily["posts"].sum() == len(df)
    assert ((daily["hoax_share"] >= 0) & (daily["hoax_share"] <= 1)).all()
    table = breakdown(df, "platform")
    assert table["posts"].sum() == len(df)
    terms = top_terms(df)
    assert terms.iloc[0]["term"] in {"sebarkan", "jangan", "link"}
    parsed = parse_top_terms(df["top_terms"].head(2).reset_index(drop=True))
    assert {"row", "term", "weight"} <= set(parsed.columns)
    assert parsed["weight"].notna().all()


def test_label_mapping():
    import pandas as pd

    got = label_to_binary(pd.Series(["hoax", "Valid", "1", "0", "maybe", None]))
    assert got.tolist()[:4] == [1.0, 0.0, 1.0, 0.0]
    assert np.isnan(got.iloc[4]) and np.isnan(got.iloc[5])
    assert label_to_binary(pd.Series([True, False])).tolist() == [1.0, 0.0]


def test_period_counts_pick_weeks_and_months():
    import pandas as pd

    from hoaxguard.report import period_counts

    df = fake_scored_frame(n=60, labelled=False)
    days = pd.to_datetime(df["created_at"])
    df["created_at"] = days.min() + (days - days.min()) * 20  # ~280 days
    weekly = period_counts(df, "created_at")
    assert weekly.attrs["freq"] == "W" and weekly["posts"].sum() == 60
    assert (weekly.index.day_of_week == 0).all()  # weeks start on Monday
    df["created_at"] = days.min() + (days - days.min()) * 100  # ~4 years
    monthly = period_counts(df, "created_at")
    assert monthly.attrs["freq"] == "MS" and monthly["posts"].sum() == 60
    fig = plot_hoax_share_over_time(df, "created_at")
    assert "per bulan" in fig.axes[0].get_title()


def test_chart_labels_drop_emoji():
    import warnings

    df = fake_scored_frame(n=30, labelled=False)
    df.loc[:, "platform"] = "wa 🎁🎉 ⚠️"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would be a UserWarning
        figure_to_png(plot_breakdown(df, "platform"), dpi=40)
