"""``hoaxguard templates``: validate, import and export counter-narrative templates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hoaxguard.cli import CLIError

FORMATS = ("claimreview", "factcheck-csv")


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
        "--format", choices=FORMATS, help="input format (default: from the file extension)"
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


def run_import(args: argparse.Namespace) -> int:
    """Convert the input to a template YAML file."""
    from hoaxguard.counter import (
        CounterNarrativeLibrary,
        TemplateValidationError,
        read_claimreview,
        read_factcheck_csv,
    )

    source = Path(args.file)
    if not source.is_file():
        raise CLIError(f"no such file: {args.file}")
    fmt = args.format or (
        "factcheck-csv" if source.suffix.lower() in (".csv", ".tsv") else "claimreview"
    )
    try:
        templates = (
            read_factcheck_csv(source) if fmt == "factcheck-csv" else read_claimreview(source)
        )
    except TemplateValidationError as exc:
        for problem in exc.errors:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{args.file}: {len(exc.errors)} error(s); nothing written")
        return 1
    except ValueError as exc:  # JSON syntax
        raise CLIError(f"cannot read {args.file} as {fmt}: {exc}") from None
    CounterNarrativeLibrary(templates).to_yaml(args.output)
    print(f"wrote {len(templates)} templates to {args.output}")
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
