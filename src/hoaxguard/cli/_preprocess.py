"""``hoaxguard preprocess``: run the Indonesian text pipeline on texts or stdin lines."""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``preprocess`` subcommand."""
    parser = subparsers.add_parser(
        "preprocess",
        help="normalise, tokenise and stem Indonesian texts",
        description=(
            "Run the Indonesian text pipeline on each TEXT argument, or on each line of "
            "standard input when no TEXT is given; prints one processed line per input."
        ),
    )
    parser.add_argument("texts", nargs="*", metavar="TEXT", help="texts to process (default: stdin lines)")
    parser.add_argument("--no-stem", action="store_true", help="do not stem")
    parser.add_argument("--keep-stopwords", action="store_true", help="do not remove stopwords")
    parser.add_argument("--no-slang", action="store_true", help="do not standardise slang")
    parser.add_argument(
        "--emoji", choices=("word", "placeholder", "remove"), default="word", help="emoji handling (default: word)"
    )
    parser.add_argument("--no-style", action="store_true", help="do not add style-signal tokens")
    parser.add_argument("--json", action="store_true", help="print JSON lines {text, tokens}")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Process the texts and print the results."""
    from hoaxguard.text import TextPreprocessor

    preprocessor = TextPreprocessor(
        stem=not args.no_stem,
        remove_stopwords=not args.keep_stopwords,
        slang=not args.no_slang,
        emoji=args.emoji,
        style_signals=not args.no_style,
    )
    if not args.texts and hasattr(sys.stdin, "reconfigure"):
        # undecodable bytes on stdin become U+FFFD (dropped by the pipeline) instead of
        # a UnicodeDecodeError traceback under a strict locale (e.g. PYTHONIOENCODING=utf-8)
        sys.stdin.reconfigure(errors="replace")
    texts = args.texts or (line.rstrip("\n") for line in sys.stdin)
    out = sys.stdout
    for text in texts:
        tokens = preprocessor.process(text)
        if args.json:
            out.write(json.dumps({"text": text, "tokens": tokens}, ensure_ascii=False) + "\n")
        else:
            out.write(" ".join(tokens) + "\n")
    return 0
