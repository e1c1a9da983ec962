"""``hoaxguard score``: score an export file (or stdin) and write every row back."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

PLATFORM_CHOICES = ("whatsapp", "x", "facebook", "instagram", "press")
FORMAT_CHOICES = ("csv", "tsv", "jsonl", "json", "parquet", "xlsx")


def add_reader_arguments(parser: argparse.ArgumentParser) -> None:
    """``--encoding``, ``--fallback-encoding`` and ``--delimiter``: how a text table is read."""
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="text input encoding, any codec Python knows (utf-8, cp1252, utf-16, latin-1 ...); "
        "default auto: byte-order marks and UTF-16 are recognised, else each row is read as "
        "UTF-8 and a row that is not valid UTF-8 with --fallback-encoding",
    )
    parser.add_argument(
        "--fallback-encoding",
        metavar="NAME",
        help="encoding of the rows that are not valid in --encoding (default cp1252 for "
        "UTF-8; 'none' = quarantine such rows)",
    )
    parser.add_argument(
        "--delimiter",
        metavar="CHAR",
        help="CSV column separator: one character or tab/semicolon/comma/pipe "
        "(default: detected among , ; tab |)",
    )


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``score`` subcommand."""
    p = subparsers.add_parser(
        "score",
        help="score an export (CSV, TSV/TXT, JSONL, JSON, Excel, Parquet): verdict, fact-check, "
        "reply",
        description=(
            "Score every row of INPUT with the hoax detector and the counter-narrative "
            "library and write it to OUTPUT with the columns hoax_probability, is_hoax, "
            "flagged_by, top_terms, match_id, match_verdict, match_score, response and error. "
            "Rows that cannot be scored go to OUTPUT.quarantine.csv with their row/line "
            "number and the reason. Use '-' for stdin/stdout (CSV, TSV, JSON Lines, JSON)."
        ),
    )
    p.add_argument("input", metavar="INPUT", help="input file, or '-' for stdin")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUTPUT",
        help="output file or '-' for stdout (default: INPUT.scored.EXT; stdout for "
        "stdin); with --engine dask a folder",
    )
    p.add_argument("--format", choices=FORMAT_CHOICES, help="input format (default: extension)")
    p.add_argument(
        "--output-format",
        choices=FORMAT_CHOICES,
        help="output format (default: extension of OUTPUT, else the input format)",
    )
    p.add_argument(
        "--text-col",
        metavar="COLUMN",
        help="column with the text (default: detected: text, full_text, message, ...)",
    )
    p.add_argument("--model", metavar="PATH", help="detector file (default: the bundled model)")
    p.add_argument(
        "--templates",
        metavar="PATH",
        help="counter-narrative templates (default: the bundled library)",
    )
    p.add_argument("--no-match", action="store_true", help="do not match templates")
    p.add_argument(
        "--threshold",
        type=float,
        metavar="T",
        help="flag when hoax_probability > T (default: the model's threshold)",
    )
    p.add_argument(
        "--platform",
        choices=PLATFORM_CHOICES,
        default="whatsapp",
        help="reply format for rows without a platform: a 'platform' column (x, twitter, "
        "facebook, fb, instagram, ig, whatsapp, wa, tiktok; any case) sets it per row "
        "(default: whatsapp)",
    )
    p.add_argument(
        "--agency",
        metavar="NAME",
        help="office that signs the replies and heads press releases, "
        "e.g. 'Diskominfo Kabupaten Sukamaju'",
    )
    p.add_argument(
        "--account",
        metavar="HANDLE",
        help="official account that signs the replies, e.g. @kominfo_sukamaju",
    )
    p.add_argument("--top-k", type=int, default=5, metavar="N", help="explaining terms (default 5)")
    p.add_argument(
        "--chunk-size",
        type=int,
        default=5_000,
        metavar="N",
        help="rows per chunk (default 5000); output does not depend on it",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (default 1); output does not depend on it",
    )
    p.add_argument(
        "--resume", action="store_true", help="continue an interrupted run from OUTPUT.checkpoint/"
    )
    p.add_argument(
        "--quarantine", metavar="PATH", help="quarantine file (default: OUTPUT.quarantine.csv)"
    )
    add_reader_arguments(p)
    p.add_argument(
        "--max-chars",
        type=int,
        default=None,
        metavar="N",
        help="longest text scored; longer ones are quarantined (default 20000)",
    )
    p.add_argument("--sheet", metavar="NAME", help="Excel sheet (default: the first)")
    p.add_argument(
        "--cache-size",
        type=int,
        default=100_000,
        metavar="N",
        help="distinct texts whose scores are reused across chunks (default 100000; 0 = off)",
    )
    p.add_argument("--summary-json", metavar="PATH", help="also write the summary as JSON")
    p.add_argument(
        "--clusters",
        action="store_true",
        help="also group posts into narrative clusters: adds cluster_id and cluster_size "
        "to OUTPUT and writes the clusters table to OUTPUT_STEM.clusters.csv",
    )
    p.add_argument(
        "--cluster-threshold",
        type=float,
        default=None,
        metavar="J",
        help="with --clusters: word-set similarity (Jaccard) that links two posts "
        "(default 0.35; 0.5-0.7 groups only near-identical copies)",
    )
    p.add_argument(
        "--trusted-accounts",
        metavar="FILE",
        help="file of account names or ids (one a line) whose posts are never flagged "
        "(flagged_by 'trusted'; matched in the account/author/username/user column)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes (default) or a Dask cluster",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (default: start a local cluster)",
    )
    p.set_defaults(func=run)


def _common(args: argparse.Namespace) -> dict[str, Any]:
    from hoaxguard.batch import MAX_TEXT_CHARS

    return {
        "text_col": args.text_col,
        "model": args.model,
        "library": False if args.no_match else args.templates,
        "platform": args.platform,
        "threshold": args.threshold,
        "top_k": args.top_k,
        "max_chars": args.max_chars or MAX_TEXT_CHARS,
        "render_context": {
            k: v.strip() for k, v in (("agency", args.agency), ("account", args.account)) if v
        },
    }


def _trusted(args: argparse.Namespace) -> dict[str, Any]:
    from hoaxguard.batch import read_trusted_accounts
    from hoaxguard.cli import CLIError

    if not getattr(args, "trusted_accounts", None):
        return {}
    try:
        return {"trusted_accounts": read_trusted_accounts(args.trusted_accounts)}
    except (OSError, UnicodeDecodeError) as exc:
        raise CLIError(f"--trusted-accounts: {exc}", exit_code=1) from None


def run(args: argparse.Namespace) -> int:
    """Score the input and report the summary on stderr."""
    from hoaxguard.cli import CLIError

    for name in ("chunk_size", "jobs", "top_k"):
        if getattr(args, name) < 1:
            raise CLIError(f"--{name.replace('_', '-')} must be >= 1")
    for name in ("max_chars", "cache_size"):
        if (getattr(args, name) or 0) < 0:
            raise CLIError(f"--{name.replace('_', '-')} must be >= 0")
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise CLIError("--threshold must be between 0 and 1")
    _check_clusters(args)
    if args.engine == "dask":
        return _run_dask(args)
    if args.scheduler:
        raise CLIError("--scheduler needs --engine dask")

    from hoaxguard.batch import (
        InputFormatError,
        ResumeError,
        ScoringSetupError,
        TextColumnError,
        score_file,
    )

    def warn(msg: str) -> None:
        print(f"hoaxguard score: warning: {msg}", file=sys.stderr)

    try:
        summary = score_file(
            args.input,
            args.output,
            format=args.format,
            output_format=args.output_format,
            chunk_size=args.chunk_size,
            jobs=args.jobs,
            resume=args.resume,
            quarantine=args.quarantine,
            encoding=args.encoding,
            fallback_encoding=args.fallback_encoding,
            delimiter=args.delimiter,
            sheet=args.sheet,
            cache_size=args.cache_size,
            progress=False if args.quiet else None,
            on_warning=warn,
            **_trusted(args),
            **_common(args),
        )
    except (TextColumnError, InputFormatError, ResumeError) as exc:
        raise CLIError(str(exc)) from None
    except ScoringSetupError as exc:
        raise CLIError(str(exc), exit_code=1) from None
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    code = _report(summary, args)
    if code == 0 and args.clusters:
        _add_clusters(summary.output, args)
    return code


def _check_clusters(args: argparse.Namespace) -> None:
    """Reject ``--clusters`` combinations that cannot work, before any scoring."""
    from hoaxguard.cli import CLIError

    if args.cluster_threshold is not None:
        if not args.clusters:
            raise CLIError("--cluster-threshold needs --clusters")
        if not 0.0 < args.cluster_threshold <= 1.0:
            raise CLIError("--cluster-threshold must be in (0, 1]")
    if not args.clusters:
        return
    if args.engine == "dask":
        raise CLIError(
            "--clusters is not supported with --engine dask (cluster the parts in Python)"
        )
    if args.output == "-" or (args.output is None and args.input == "-"):
        raise CLIError("--clusters needs a file output, not stdout; give -o FILE")


def clusters_table_path(output: str) -> Path:
    """``posts.scored.csv`` -> ``posts.scored.clusters.csv`` (beside the output)."""
    p = Path(output)
    return p.with_name(f"{p.stem}.clusters.csv")


def _add_clusters(output: str, args: argparse.Namespace) -> None:
    """Add ``cluster_id``/``cluster_size`` to the scored file and write the clusters table."""
    from hoaxguard.cli import CLIError
    from hoaxguard.report import cluster_scored_file

    table = clusters_table_path(output)
    options = {} if args.cluster_threshold is None else {"threshold": args.cluster_threshold}
    try:
        clusters = cluster_scored_file(
            output, args.output_format, text_col=args.text_col, summary=table, **options
        )
    except (KeyError, ValueError) as exc:
        raise CLIError(f"--clusters: {exc}") from None
    if not args.quiet:
        largest = int(clusters["size"].max()) if len(clusters) else 0
        repeated = int((clusters["size"] > 1).sum()) if len(clusters) else 0
        print(
            f"narrative clusters  {len(clusters):>8}  ({repeated} with 2+ posts, "
            f"largest {largest} posts) -> {table}",
            file=sys.stderr,
        )


def _report(summary: Any, args: argparse.Namespace) -> int:
    if args.summary_json:
        with open(args.summary_json, "w", encoding="utf-8") as fh:
            json.dump(summary.to_dict(), fh, indent=2)
    if not args.quiet:
        print(str(summary), file=sys.stderr)
    if not summary.balanced:
        print("hoaxguard score: error: rows in != rows out + rows quarantined", file=sys.stderr)
        return 1
    return 0


def _run_dask(args: argparse.Namespace) -> int:
    from hoaxguard.cli import CLIError

    if args.resume:
        raise CLIError("--resume is not supported with --engine dask (re-run the job)")
    if args.trusted_accounts:
        raise CLIError("--trusted-accounts is not supported with --engine dask")
    from hoaxguard.batch import TextColumnError
    from hoaxguard.dask import score_dask_files

    try:
        summary = score_dask_files(
            args.input,
            args.output,
            format=args.format,
            output_format=args.output_format,
            scheduler=args.scheduler,
            progress=not args.quiet,
            **_common(args),
        )
    except ImportError as exc:
        raise CLIError(str(exc)) from None
    except (TextColumnError, ValueError) as exc:
        raise CLIError(str(exc)) from None
    return _report(summary, args)
