"""Reports for people: narrative clusters, plots and a self-contained HTML report.

Works on scored DataFrames (the output of :func:`hoaxguard.score_frame`);
plots need matplotlib (``pip install "hoaxguard[plot]"``), imported on first use.
"""

from hoaxguard.report._clusters import add_cluster_columns, cluster_narratives
from hoaxguard.report._html import build_report, write_report
from hoaxguard.report._io import cluster_scored_file, read_scored, write_scored
from hoaxguard.report._plots import (
    figure_to_base64,
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
from hoaxguard.report._summary import (
    breakdown,
    daily_counts,
    period_counts,
    top_terms,
    totals,
)

__all__ = [
    "add_cluster_columns",
    "breakdown",
    "build_report",
    "cluster_narratives",
    "cluster_scored_file",
    "daily_counts",
    "figure_to_base64",
    "figure_to_png",
    "period_counts",
    "plot_breakdown",
    "plot_calibration",
    "plot_confusion_matrix",
    "plot_hoax_share_over_time",
    "plot_narratives",
    "plot_precision_recall",
    "plot_score_distribution",
    "plot_top_terms",
    "read_scored",
    "top_terms",
    "totals",
    "write_scored",
    "write_report",
]
