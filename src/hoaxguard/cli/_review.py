"""``hoaxguard review``: the admin's worklist from a scored file."""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``review`` subcommand."""
    p = subparsers.add_parser(
        "review",
        help="worklist for the admins: one row per narrative, most urgent first",
        description=(
            "Group the posts of SCORED (the output of 'hoaxguard score') into narrative "
            "clusters and list what to look at first: posts repeating a debunked claim, high "
            "hoax probability, fast-growing narratives, near misses. One row per cluster "
            "with its count and an example, and empty columns label (hoax / valid / ragu), "
            "template_id and note for the admin; give the filled file to 'hoaxguard learn'."
        ),
    )
    p.add_argument("scored", metavar="SCORED", help="scored file (CSV, TSV, JSONL, JSON, Parquet, XLSX)")
    p.add_argument("-o", "--output", required=True, metavar="WORKLIST",
                   help="worklist file (.csv or .xlsx)")
    p.add_argument("--text-col", metavar="COLUMN", help="text column (default: detected)")
    p.add_argument("--high", type=float, default=0.8, metavar="P",
                   help="hoax probability counted as high (default 0.8)")
    p.add_argument("--near-miss", type=float, default=0.5, metavar="F",
                   help="near miss: unflagged posts above F x the model threshold (default 0.5)")
    p.add_argument("--max-rows", type=int, default=None, metavar="N", help="keep the first N rows")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build and write the worklist."""
    from hoaxguard.batch import TextColumnError, detect_text_column
    from hoaxguard.cli import CLIError
    from hoaxguard.review import PRIORITIES, build_worklist, read_table

    out = str(args.output)
    if not out.lower().endswith((".csv", ".xlsx")):
        raise CLIError("the worklist must be a .csv or .xlsx file")
    if args.max_rows is not None and args.max_rows < 1:
        raise CLIError("--max-rows must be >= 1")
    try:
        scored, _ = read_table(args.scored)
        col = detect_text_column(list(scored.columns), args.text_col)
        wl = build_worklist(scored, col, high=args.high, near_miss=args.near_miss,
                            max_rows=args.max_rows)
    except (TextColumnError, KeyError, ValueError) as exc:
        raise CLIError(str(exc).strip("'\"")) from None
    if out.lower().endswith(".xlsx"):
        wl.to_excel(out, index=False, engine="openpyxl")
    else:
        wl.to_csv(out, index=False, lineterminator="\n")
    if not args.quiet:
        counts = wl["priority"].value_counts().to_dict() if len(wl) else {}
        parts = ", ".join(f"{counts.get(k, 0)} {v}" for k, v in PRIORITIES.items())
        print(f"worklist: {len(wl)} narratives from {len(scored)} posts ({parts}) -> {out}",
              file=sys.stderr)
    return 0
