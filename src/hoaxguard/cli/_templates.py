"""``hoaxguard templates``: validate, import and export counter-narrative templates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from hoaxguard.cli import CLIError

FORMATS = ("claimreview", "factcheck-csv", "wordpress", "rss")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``templates`` subcommand and its actions."""
    parser = subparsers.add_parser(
        "templates",
        help="validate, import or export counter-narrative templates",
        description="Work with counter-narrative template files (see docs/templates.md).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    validate = actions.add_parser(
        "validate", help="check template files; every error names file, entry and field"
    )
    validate.add_argument(
        "path", nargs="?", metavar="PATH", help="file or folder (default: bundled library)"
    )
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(func=run_validate)

    imp = actions.add_parser(
        "import", help="convert ClaimReview JSON-LD or a fact-check CSV to template YAML"
    )
    imp.add_argument("file", metavar="FILE", help="ClaimReview .json/.jsonld or fact-check .csv")
    imp.add_argument(
        "-o", "--output", required=True, metavar="OUT.yaml", help="template YAML to write"
    )
    imp.add_argument(
        "--format",
        choices=FORMATS,
        help="input format (default: from the file extension; .xml/.rss = rss; wordpress "
        "for a WordPress /wp/v2/posts JSON export)",
    )
    imp.add_argument(
        "--strict", action="store_true", help="fail on the first invalid row instead of skipping"
    )
    imp.add_argument(
        "--merge", metavar="LIBRARY", help="merge into this template file or folder (dedupe)"
    )
    imp.add_argument("--since", metavar="YYYY-MM-DD", help="keep only fact-checks from this date")
    imp.add_argument(
        "--months", type=int, metavar="N", help="keep only fact-checks of the last N months"
    )
    imp.set_defaults(func=run_import)

    exp = actions.add_parser("export", help="write templates as ClaimReview JSON-LD")
    exp.add_argument(
        "path", nargs="?", metavar="PATH", help="file or folder (default: bundled library)"
    )
    exp.add_argument(
        "-o", "--output", required=True, metavar="OUT.jsonld", help="JSON-LD file to write"
    )
    exp.add_argument(
        "--extensions",
        action="store_true",
        help="keep validity dates and responses under a 'hoaxguard' key",
    )
    exp.set_defaults(func=run_export)


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem; exit 1 when there is an error."""
    from hoaxguard.counter import validate_templates

    templates, errors, warnings = validate_templates(args.path)
    for problem in errors:
        print(f"error: {problem}", file=sys.stderr)
    for problem in warnings:
        print(f"warning: {problem}", file=sys.stderr)
    failed = bool(errors) or (args.strict and bool(warnings))
    where = args.path or "bundled library"
    if failed:
        print(f"{where}: {len(errors)} error(s), {len(warnings)} warning(s)")
        return 1
    print(f"{where}: OK, {len(templates)} templates, {len(warnings)} warning(s)")
    return 0


def _reader(fmt: str) -> Any:
    from hoaxguard.counter import read_claimreview, read_factcheck_csv
    from hoaxguard.counter._feeds import read_rss, read_wordpress_posts

    return {
        "factcheck-csv": read_factcheck_csv,
        "claimreview": read_claimreview,
        "wordpress": read_wordpress_posts,
        "rss": read_rss,
    }[fmt]


def _guess_format(source: Path) -> str:
    suffix = source.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return "factcheck-csv"
    if suffix in (".xml", ".rss"):
        return "rss"
    head = source.read_text(encoding="utf-8", errors="replace")[:4000]
    return "wordpress" if '"rendered"' in head else "claimreview"


def run_import(args: argparse.Namespace) -> int:
    """Convert the input to a template YAML file (invalid rows skipped and listed)."""
    from hoaxguard.counter import CounterNarrativeLibrary, TemplateValidationError
    from hoaxguard.counter._feeds import merge_feed, months_ago

    source = Path(args.file)
    if not source.is_file():
        raise CLIError(f"no such file: {args.file}")
    fmt = args.format or _guess_format(source)
    skipped: list[Any] = []
    try:
        templates = _reader(fmt)(source, strict=args.strict, skipped=skipped)
    except TemplateValidationError as exc:
        for problem in exc.errors:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{args.file}: {len(exc.errors)} error(s); nothing written")
        return 1
    except ValueError as exc:  # JSON/XML syntax, refused XML
        raise CLIError(f"cannot read {args.file} as {fmt}: {exc}") from None
    for problem in skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    since = args.since or (months_ago(args.months) if args.months else None)
    existing: list[Any] = []
    if args.merge:
        try:
            existing = list(CounterNarrativeLibrary.load(args.merge))
        except (TemplateValidationError, FileNotFoundError) as exc:
            raise CLIError(f"cannot load --merge library: {exc}") from None
    merged = merge_feed(existing, templates, since=since)
    CounterNarrativeLibrary(merged).to_yaml(args.output)
    extra = f", {len(skipped)} row(s) skipped" if skipped else ""
    print(f"wrote {len(merged)} templates to {args.output} ({len(templates)} imported{extra})")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the templates as ClaimReview JSON-LD."""
    from hoaxguard.counter import CounterNarrativeLibrary, TemplateValidationError

    try:
        library = CounterNarrativeLibrary.load(args.path)
    except TemplateValidationError as exc:
        raise CLIError(f"invalid templates: {exc.errors[0]} ({len(exc.errors)} error(s))") from None
    library.to_claimreview(args.output, extensions=args.extensions)
    print(f"wrote {len(library)} ClaimReview objects to {args.output}")
    return 0
