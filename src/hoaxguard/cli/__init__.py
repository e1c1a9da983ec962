"""Command-line interface: ``hoaxguard <command> ...``.

Each subcommand lives in its own module ``hoaxguard.cli._<name>`` exposing
``add_parser(subparsers)`` (registers its arguments and sets ``func``) and is
listed in :data:`COMMANDS`. This module only wires them together.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from hoaxguard._version import __version__

# order = order in --help
COMMANDS: tuple[str, ...] = (
    "preprocess",
    "report",
    "train",
    "evaluate",
    "match",
    "templates",
    "score",
    "review",
    "learn",
)


class CLIError(Exception):
    """An error reported to the user as one line, with a non-zero exit code."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="hoaxguard",
        description="Find likely hoaxes in Indonesian posts and answer them with facts.",
    )
    parser.add_argument("--version", action="version", version=f"hoaxguard {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"hoaxguard.cli._{name}")
        module.add_parser(subparsers)
    for sub in subparsers.choices.values():  # --debug also after the command
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                         help="show the traceback of an error")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``hoaxguard`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except CLIError as exc:
        if getattr(args, "debug", False):
            original = exc.__cause__ or exc.__context__
            if original is not None:
                raise original from None  # the error behind the one-line message
            raise
        print(f"hoaxguard {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        if getattr(args, "debug", False):
            raise
        print(f"hoaxguard {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"hoaxguard {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - one line for the user, --debug for the traceback
        if getattr(args, "debug", False):
            raise
        first = (str(exc).strip().splitlines() or [""])[0]
        print(f"hoaxguard {args.command}: error: {type(exc).__name__}: {first} "
              "(run with --debug for the details)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
