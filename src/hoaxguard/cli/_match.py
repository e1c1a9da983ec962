"""``hoaxguard match``: find the counter-narrative template a post repeats."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from hoaxguard.cli import CLIError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``match`` subcommand."""
    parser = subparsers.add_parser(
        "match",
        help="match a post to a known debunked claim and print the answer",
        description=(
            "Match TEXT ('-' reads standard input) against the counter-narrative templates; "
            "prints the best template or 'no match', the top-k candidates and, with "
            "--platform, the ready-to-post answer."
        ),
    )
    parser.add_argument("text", metavar="TEXT", help="the post to match, or '-' for standard input")
    parser.add_argument(
        "--k", type=int, default=3, help="number of candidates to list (default: 3)"
    )
    parser.add_argument(
        "--platform",
        choices=("x", "twitter", "facebook", "instagram", "whatsapp", "press"),
        help="render the answer of the matched template for this platform",
    )
    parser.add_argument(
        "--templates", metavar="PATH", help="template file or folder (default: bundled library)"
    )
    parser.add_argument(
        "--threshold", type=float, help="decision threshold (default: the library's)"
    )
    parser.add_argument(
        "--lines", action="store_true", help="with '-': match each stdin line separately"
    )
    parser.add_argument("--agency", help="agency name used in the answer")
    parser.add_argument("--account", help="account handle used in the answer, e.g. @kominfo_kab")
    parser.add_argument("--json", action="store_true", help="print JSON (one object per text)")
    parser.set_defaults(func=run)


def _texts(args: argparse.Namespace) -> list[str]:
    if args.text != "-":
        return [args.text]
    data = sys.stdin.read()
    if args.lines:
        return [line for line in data.splitlines() if line.strip()]
    return [data.strip()]


def run(args: argparse.Namespace) -> int:
    """Match the text(s) and print the result."""
    from hoaxguard.counter import CounterNarrativeLibrary, TemplateValidationError

    if args.k < 1:
        raise CLIError("--k must be at least 1")
    try:
        library = CounterNarrativeLibrary.load(args.templates)
    except TemplateValidationError as exc:
        raise CLIError(
            f"invalid templates: {exc.errors[0]} ({len(exc.errors)} error(s); "
            "run 'hoaxguard templates validate' for all)"
        ) from None
    texts = _texts(args)
    if not texts or not any(t.strip() for t in texts):
        raise CLIError("no text to match")
    matches = library.match(texts, k=args.k, threshold=args.threshold)
    context: dict[str, Any] = {
        k: v for k, v in (("agency", args.agency), ("account", args.account)) if v
    }
    out = sys.stdout
    for text, row in zip(texts, matches.itertuples(index=False), strict=True):
        answer = None
        denies = getattr(row, "match_stance", None) == "denies"
        if args.platform and row.is_match:
            from hoaxguard.counter._notes import RENDERED_KINDS, reply_kind, reply_note

            kind = reply_kind(row.match_verdict, row.match_stance)
            tpl = library.get(row.match_id)
            answer = (
                library.render(tpl, args.platform, **context)
                if kind in RENDERED_KINDS
                else reply_note(tpl, kind, agency=args.agency)
            )
        if args.json:
            record = {
                "text": text,
                "match_id": row.match_id,
                "match_score": round(float(row.match_score), 4),
                "is_match": bool(row.is_match),
                "match_verdict": row.match_verdict,
                "match_stance": row.match_stance,
                "stance_confidence": (
                    None
                    if row.match_stance is None
                    else round(float(row.stance_confidence), 4)
                ),
                "candidates": [{"id": i, "score": round(s, 4)} for i, s in row.candidates],
            }
            if args.platform:
                record["answer"] = answer
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        if row.is_match:
            tpl = library.get(row.match_id)
            stance = (
                f", stance {row.match_stance} {row.stance_confidence:.2f}"
                if row.match_stance
                else ""
            )
            out.write(
                f"MATCH {row.match_id} (score {row.match_score:.3f}, {row.match_verdict}{stance}): "
                f"{tpl.title}\n"
            )
            if denies:
                out.write("  the text denies or corrects this claim: no hoax flag, no debunk\n")
        else:
            out.write(
                f"no match (best score {row.match_score:.3f} < threshold {library.threshold if args.threshold is None else args.threshold:.3f})\n"
            )
        for cand_id, score in row.candidates:
            out.write(f"  {score:.3f}  {cand_id}\n")
        if answer:
            out.write("\n" + answer + "\n")
        if len(texts) > 1:
            out.write("\n")
    return 0
