"""Matplotlib figures of a scored DataFrame (needs the ``[plot]`` extra).

Figures are built as :class:`matplotlib.figure.Figure` objects rendered with
the Agg canvas, so no GUI backend and no global pyplot state is involved;
they display in notebooks and are embedded as PNG in the HTML report.
"""

from __future__ import annotations

import base64
import io
import unicodedata
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from hoaxguard.report._emoji import emoji_as_text
from hoaxguard.report._summary import PERIODS, breakdown, hoax_flags, period_counts, top_terms

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "figure_to_base64",
    "figure_to_png",
    "plot_breakdown",
    "plot_calibration",
    "plot_confusion_matrix",
    "plot_hoax_share_over_time",
    "plot_narratives",
    "plot_precision_recall",
    "plot_score_distribution",
    "plot_top_terms",
]

HOAX = "#c0392b"
POSTS = "#9aa5ab"
ACCENT = "#2c7fb8"


def _label(text: object, limit: int) -> str:
    """Chart label: one line, emoji as their names, no symbols the default font lacks, shortened."""
    kept = "".join(
        ch for ch in emoji_as_text(str(text)) if ord(ch) < 0x2600 or 0x3000 <= ord(ch) < 0xE000
    )
    kept = "".join(ch for ch in kept if unicodedata.category(ch) not in ("So", "Cf", "Co", "Cs"))
    kept = " ".join(kept.split())
    return kept if len(kept) <= limit else kept[: limit - 1] + "…"


def _new_figure(width: float = 7.5, height: float = 3.6) -> tuple[Figure, Any]:
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("plots need matplotlib: pip install 'hoaxguard[plot]'") from exc
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _integer_axis(axis: Any) -> None:
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def figure_to_png(fig: Figure, dpi: int = 110) -> bytes:
    """Render a figure to PNG bytes with the Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def figure_to_base64(fig: Figure, dpi: int = 110) -> str:
    """PNG of a figure as a base64 string (for ``<img src="data:image/png;base64,...">``)."""
    return base64.b64encode(figure_to_png(fig, dpi=dpi)).decode("ascii")


def plot_hoax_share_over_time(df: pd.DataFrame, time_col: str, freq: str = "auto") -> Figure:
    """Posts and flagged posts per day/week/month (bars) and the hoax share (line).

    ``freq="auto"`` picks days, weeks or months from the time span.
    """
    daily = period_counts(df, time_col, freq=freq)
    freq = daily.attrs.get("freq", freq)
    word_id, word_en = PERIODS.get(freq, ("periode", "period"))
    fig, ax = _new_figure()
    if daily.empty:
        ax.text(
            0.5,
            0.5,
            "tidak ada waktu yang valid (no valid times)",
            ha="center",
            transform=ax.transAxes,
        )
        return fig
    x = daily.index.to_pydatetime() if hasattr(daily.index, "to_pydatetime") else daily.index
    if len(x) > 1:
        width = 0.8 * (x[1] - x[0]).total_seconds() / 86400
    else:
        width = {"W": 5.6, "MS": 24.0}.get(freq, 0.8)
    ax.bar(x, daily["posts"], width=width, color=POSTS, label="semua postingan (all posts)")
    ax.bar(x, daily["hoax"], width=width, color=HOAX, label="perlu dicek (flagged to check)")
    ax.set_ylabel("postingan (posts)")
    _integer_axis(ax.yaxis)
    ax2 = ax.twinx()
    n = daily.attrs.get("min_posts", 20)
    if "share_7d" in daily.columns:  # days: a 7-day window, never a 2-post day at 100%
        share, label = daily["share_7d"], f"% perlu dicek, 7 hari (7-day share, ≥ {n} posts)"
    else:
        share, label = daily["share"], f"% perlu dicek (share; periods with ≥ {n} posts)"
    ax2.plot(
        x,
        share * 100,
        color="black",
        marker="o",
        markersize=3,
        linewidth=1.5,
        label=label,
    )
    ax2.set_ylim(0, 105)
    ax2.set_ylabel("% perlu dicek")
    ax2.spines[["top"]].set_visible(False)
    handles = ax.get_legend_handles_labels()
    handles2 = ax2.get_legend_handles_labels()
    fig.legend(
        handles[0] + handles2[0],
        handles[1] + handles2[1],
        loc="outside lower center",
        ncols=3,
        fontsize=8,
        frameon=False,
    )
    ax.set_title(f"Postingan dan yang perlu dicek per {word_id} (posts and flagged per {word_en})")
    fig.autofmt_xdate()
    return fig


def plot_breakdown(df: pd.DataFrame, column: str, top: int = 10) -> Figure:
    """Horizontal bars of posts and flagged posts per value of ``column``."""
    table = breakdown(df, column, top=top).iloc[::-1]
    fig, ax = _new_figure(height=max(2.2, 0.35 * len(table) + 1.0))
    labels = [_label(v, 30) for v in table["value"]]
    y = np.arange(len(table))
    ax.barh(y, table["posts"], color=POSTS, label="postingan (posts)")
    ax.barh(y, table["hoax"], color=HOAX, label="perlu dicek (flagged)")
    ax.set_yticks(y, labels)
    ax.set_xlabel("jumlah (count)")
    _integer_axis(ax.xaxis)
    fig.legend(loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    ax.set_title(f"Per {column}")
    return fig


def plot_top_terms(df: pd.DataFrame, column: str = "top_terms", top: int = 15) -> Figure:
    """Terms that most often pushed flagged posts towards "hoax"."""
    table = top_terms(df, column=column, top=top).iloc[::-1]
    fig, ax = _new_figure(height=max(2.2, 0.3 * len(table) + 1.0))
    if table.empty:
        ax.text(0.5, 0.5, "tidak ada istilah (no terms)", ha="center", transform=ax.transAxes)
        return fig
    y = np.arange(len(table))
    ax.barh(y, table["posts"], color=HOAX)
    ax.set_yticks(y, [_label(t, 40) for t in table["term"]])
    ax.set_xlabel("postingan yang perlu dicek (flagged posts)")
    _integer_axis(ax.xaxis)
    ax.set_title("Istilah yang menaikkan skor (top terms)")
    return fig


def plot_score_distribution(
    df: pd.DataFrame, column: str = "hoax_probability", threshold: float | None = None
) -> Figure:
    """Histogram of hoax probabilities, flagged and not flagged stacked."""
    prob = pd.to_numeric(df[column], errors="coerce")
    flags = hoax_flags(df)
    fig, ax = _new_figure(height=3.0)
    bins = np.linspace(0, 1, 21)
    ax.hist(
        [prob[flags != 1].dropna(), prob[flags == 1].dropna()],
        bins=bins,
        stacked=True,
        color=[POSTS, HOAX],
        label=["tidak ditandai (not flagged)", "perlu dicek (flagged)"],
    )
    if threshold is not None:
        ax.axvline(threshold, color="black", linestyle="--", linewidth=1)
    ax.set_xlabel("probabilitas hoaks (hoax probability)")
    ax.set_ylabel("postingan (posts)")
    ax.legend(fontsize=8, frameon=False)
    ax.set_title("Sebaran skor (score distribution)")
    return fig


def plot_narratives(clusters: pd.DataFrame, top: int = 10) -> Figure:
    """Largest/fastest-growing narrative clusters: posts overall and in the last week."""
    table = clusters.head(top).iloc[::-1]
    fig, ax = _new_figure(height=max(2.2, 0.38 * len(table) + 1.0))
    labels = [_label(t, 45) for t in table["representative_text"]]
    y = np.arange(len(table))
    ax.barh(y, table["size"], color=POSTS, label="total postingan (all posts)")
    if "posts_last_week" in table.columns:
        ax.barh(y, table["posts_last_week"], color=ACCENT, label="7 hari terakhir (last 7 days)")
        ax.barh(y, table["posts_last_day"], color=HOAX, label="24 jam terakhir (last 24 h)")
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlabel("postingan (posts)")
    _integer_axis(ax.xaxis)
    fig.legend(loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    ax.set_title("Narasi yang beredar (circulating narratives)")
    return fig


def plot_confusion_matrix(y_true: Any, y_pred: Any) -> Figure:
    """Confusion matrix (scikit-learn ``ConfusionMatrixDisplay``), valid/hoax."""
    from sklearn.metrics import ConfusionMatrixDisplay

    fig, ax = _new_figure(width=4.2, height=3.6)
    ConfusionMatrixDisplay.from_predictions(
        np.asarray(y_true, dtype=int),
        np.asarray(y_pred, dtype=int),
        labels=[0, 1],
        display_labels=["valid", "hoaks"],
        cmap="Reds",
        colorbar=False,
        ax=ax,
    )
    ax.set_xlabel("prediksi (predicted)")
    ax.set_ylabel("label sebenarnya (true)")
    ax.set_title("Matriks konfusi (confusion matrix)")
    return fig


def plot_precision_recall(y_true: Any, y_score: Any) -> Figure:
    """Precision-recall curve (scikit-learn ``PrecisionRecallDisplay``)."""
    from sklearn.metrics import PrecisionRecallDisplay

    fig, ax = _new_figure(width=4.6, height=3.6)
    disp = PrecisionRecallDisplay.from_predictions(
        np.asarray(y_true, dtype=int),
        np.asarray(y_score, dtype=float),
        pos_label=1,
        name="hoaxguard",
        ax=ax,
        plot_chance_level=True,
    )
    disp.line_.set_color(HOAX)
    ax.set_xlabel("recall (hoaks yang tertangkap)")
    ax.set_ylabel("presisi (precision)")
    ax.set_title("Kurva presisi-recall (precision-recall)")
    ax.legend(fontsize=8, frameon=False, loc="lower left")
    return fig


def plot_calibration(y_true: Any, y_prob: Any, n_bins: int = 10) -> Figure:
    """Reliability diagram (scikit-learn ``CalibrationDisplay``)."""
    from sklearn.calibration import CalibrationDisplay

    fig, ax = _new_figure(width=4.6, height=3.6)
    disp = CalibrationDisplay.from_predictions(
        np.asarray(y_true, dtype=int),
        np.asarray(y_prob, dtype=float),
        n_bins=n_bins,
        strategy="quantile",
        pos_label=1,
        name="hoaxguard",
        ax=ax,
    )
    disp.line_.set_color(HOAX)
    ax.set_xlabel("probabilitas rata-rata (mean predicted)")
    ax.set_ylabel("proporsi hoaks (fraction of hoaxes)")
    ax.set_title("Kalibrasi (calibration)")
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    return fig
