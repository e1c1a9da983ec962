"""``hoaxguard report``: a self-contained HTML report of a scored file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``report`` subcommand."""
    parser = subparsers.add_parser(
        "report",
        help="write an HTML report (charts, trends, narratives) of a scored file",
        description=(
            "Read SCORED (CSV/TSV/JSONL/JSON/Parquet/XLSX written by 'hoaxguard score') and "
            "write one self-contained HTML file: totals of posts to check, their share over "
            "7-day windows, fastest-growing narratives with suggested responses, near "
            "matches to check, breakdown by platform/account, top terms in words, "
            "and model quality when the file has a label column."
        ),
    )
    parser.add_argument("scored", metavar="SCORED", help="scored file from 'hoaxguard score'")
    parser.add_argument(
        "-o",
        "--output",
        metavar="HTML",
        default=None,
        help="output HTML file (default: SCORED with .report.html)",
    )
    parser.add_argument(
        "--format", dest="fmt", default=None, help="format of SCORED (default: from the extension)"
    )
    parser.add_argument("--title", default=None, help="report title")
    parser.add_argument(
        "--text-col", default=None, help="text column (default: detected, e.g. text, message, isi)"
    )
    parser.add_argument(
        "--time-col",
        default=None,
        help="time column (default: created_at/timestamp/date... when present)",
    )
    parser.add_argument(
        "--label-col",
        default=None,
        help="true-label column for the model-quality section (default: label)",
    )
    parser.add_argument(
        "--by",
        action="append",
        default=None,
        metavar="COLUMN",
        help="break down by COLUMN (repeatable; default: platform and account)",
    )
    parser.add_argument(
        "--now", default=None, help="reference time for 'last 24 h / 7 days' (default: latest post)"
    )
    parser.add_argument("--top", type=int, default=10, help="rows in top-N tables (default: 10)")
    parser.add_argument(
        "--no-clusters", action="store_true", help="leave out the narrative clusters"
    )
    parser.add_argument(
        "--cluster-threshold",
        type=float,
        default=None,
        metavar="J",
        help="word-set similarity (0-1) for posts to share a narrative "
        "(default: 0.35; higher = only near-identical copies)",
    )
    parser.add_argument(
        "--cluster-normalizer",
        choices=("simple", "text"),
        default=None,
        help="text normaliser for clustering: simple (default, fast) or text "
        "(hoaxguard.text.normalize: slang, elongation; slower)",
    )
    parser.add_argument(
        "--match-threshold",
        type=float,
        default=None,
        metavar="T",
        help="template-matching threshold used by 'hoaxguard score' (default 0.30): posts "
        "without a match whose best candidate scores just below it are listed as 'perlu dicek'",
    )
    parser.add_argument(
        "--no-plots", action="store_true", help="tables only (no matplotlib needed)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the scored file, build the report and write it."""
    from hoaxguard.cli import CLIError
    from hoaxguard.report import write_report

    src = Path(args.scored)
    if not src.is_file():
        raise CLIError(f"no such file: {src}")
    out = Path(args.output) if args.output else src.with_name(src.stem + ".report.html")
    if args.top < 1:
        raise CLIError("--top must be at least 1")
    options: dict = {}
    if args.cluster_threshold is not None:
        if not 0.0 < args.cluster_threshold <= 1.0:
            raise CLIError("--cluster-threshold must be in (0, 1]")
        options["threshold"] = args.cluster_threshold
    if args.match_threshold is not None and not 0.0 < args.match_threshold <= 1.0:
        raise CLIError("--match-threshold must be in (0, 1]")
    if args.cluster_normalizer:
        options["normalizer"] = args.cluster_normalizer
    try:
        df = read_scored_file(src, args.fmt)
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    try:
        write_report(
            df,
            out,
            title=args.title,
            text_col=args.text_col,
            time_col=args.time_col,
            label_col=args.label_col,
            by=args.by,
            now=args.now,
            top=args.top,
            clusters=not args.no_clusters,
            plots=not args.no_plots,
            source=src.name,
            cluster_options=options,
            match_threshold=args.match_threshold,
        )
    except ImportError as exc:
        if "matplotlib" in str(exc) or getattr(exc, "name", "") == "matplotlib":
            raise CLIError(
                "the charts need matplotlib: pip install 'hoaxguard[plot]', or use --no-plots "
                "for a report with tables only"
            ) from None
        raise CLIError(str(exc)) from None
    except (KeyError, ValueError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        raise CLIError(str(msg)) from None
    print(f"report written to {out} ({len(df):,} posts)", file=sys.stderr)
    return 0


def read_scored_file(src: Path, fmt: str | None):  # noqa: ANN201
    """Read a scored file with the reader every command uses (warnings on stderr).

    Like :func:`hoaxguard.report.read_scored`: CSV/TSV fields stay text, empty
    ones are missing, and the score columns are numbers.
    """
    import numpy as np
    import pandas as pd

    from hoaxguard.batch import format_of, read_table

    def warn(msg: str) -> None:
        print(f"hoaxguard report: warning: {msg}", file=sys.stderr)

    fmt = format_of(src, fmt)
    df = read_table(src, format=fmt, on_warning=warn)
    if fmt in ("csv", "tsv"):
        df = df.mask(df.eq(""), np.nan)
    for col in ("hoax_probability", "match_score", "cluster_size"):
        if col in df.columns:
            df[col] = pd.to_numeric(df[col], errors="coerce")
    return df
