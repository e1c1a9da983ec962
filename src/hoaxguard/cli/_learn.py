"""``hoaxguard learn``: adapt the model and templates to the admins' decisions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``learn`` subcommand."""
    p = subparsers.add_parser(
        "learn",
        help="adapt the detector (and templates) to the office's own decisions",
        description=(
            "Read DECISIONS (a filled worklist, or any export with a text column and a "
            "'label' column: hoax/hoaks/ya, valid/bukan/benar/tidak, ragu = skip) and write "
            "an adapted model: the base model's log-odds corrected by the office's own posts, "
            "with a threshold set on the local valid posts. Confirmed template matches become "
            "aliases, rejected ones lower that template for similar posts (--templates-out). "
            "Use the result with 'hoaxguard score --model LOCAL.skops --templates DIR'."
        ),
    )
    p.add_argument("decisions", metavar="DECISIONS", help="labelled file (CSV, XLSX, JSONL, ...)")
    p.add_argument("-o", "--output", required=True, metavar="LOCAL.skops", help="adapted model")
    p.add_argument("--model", metavar="PATH", help="base model (default: the bundled one)")
    p.add_argument("--templates", metavar="PATH", help="templates to adapt (default: bundled)")
    p.add_argument("--templates-out", metavar="DIR",
                   help="where to write the adapted templates (default: LOCAL.templates/)")
    p.add_argument("--no-templates", action="store_true", help="do not adapt the templates")
    p.add_argument("--text-col", metavar="COLUMN", help="text column (default: detected)")
    p.add_argument("--label-col", metavar="COLUMN", default="label", help="label column (default: label)")
    p.add_argument("--max-fpr", type=float, default=0.03, metavar="F",
                   help="share of local valid posts flagged at the threshold (default 0.03)")
    p.add_argument("--C", type=float, default=None, dest="C", metavar="C",
                   help="strength of the local correction (default: chosen by cross-validation "
                   "on the decisions; smaller = closer to the base)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary")
    p.set_defaults(func=run)


def templates_dir_for(output: str) -> Path:
    """``local.skops`` -> ``local.templates/`` beside it."""
    p = Path(output)
    return p.with_name(f"{p.stem}.templates")


def run(args: argparse.Namespace) -> int:
    """Learn from the decisions and save the adapted model (and templates)."""
    from hoaxguard.cli import CLIError
    from hoaxguard.persist import ModelLoadError, save_model
    from hoaxguard.review import DecisionError, learn_from_decisions, read_table, save_templates

    if not 0.0 < args.max_fpr < 1.0:
        raise CLIError("--max-fpr must be between 0 and 1")
    if args.C is not None and args.C <= 0:
        raise CLIError("--C must be > 0")
    if args.model and not Path(args.model).is_file():
        raise CLIError(f"model file not found: {args.model}", exit_code=1)
    try:
        frame, bad = read_table(args.decisions)
        result = learn_from_decisions(
            frame, model=args.model, templates=args.templates, text_col=args.text_col,
            label_col=args.label_col, adapt_library=not args.no_templates,
            max_fpr=args.max_fpr, C="auto" if args.C is None else args.C)
    except DecisionError as exc:
        raise CLIError(f"{args.decisions}: {exc}") from None
    except ModelLoadError as exc:
        raise CLIError(str(exc), exit_code=1) from None
    except (KeyError, ValueError, TypeError) as exc:
        raise CLIError(str(exc).strip("'\"")) from None
    result.skipped["unparseable records"] = bad
    save_model(result.model, args.output)
    tdir = None
    if result.library is not None:
        tdir = Path(args.templates_out) if args.templates_out else templates_dir_for(args.output)
        try:
            save_templates(result.library, tdir, {**result.model.provenance_,
                                                  "base_templates": args.templates or "bundled"})
        except ValueError as exc:
            raise CLIError(str(exc)) from None
    if not args.quiet:
        print(str(result), file=sys.stderr)
        print(f"adapted model -> {args.output}" + (f"; templates -> {tdir}/" if tdir else ""),
              file=sys.stderr)
    return 0
