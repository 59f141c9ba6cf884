"""Headless commands and the app's own options; the layer above everything else.

Each command is a module with ``HELP``, ``build(parser)`` and ``run(args)``; ``COMMANDS`` lists
them in the order ``--help`` shows them. A module is imported only when its command runs, so
``pathwayviz simulate`` never imports Qt. Errors go to stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .common import CliError

# command name -> module in this package
COMMANDS = {
    "simulate": "simulate",
    "export": "export",
    "validate": "validate",
    "info": "info",
    "export-model": "export_model",
}


def build_parser(command: str) -> argparse.ArgumentParser:
    module = importlib.import_module(f".{COMMANDS[command]}", __name__)
    parser = argparse.ArgumentParser(prog=f"pathwayviz {command}", description=module.HELP)
    module.build(parser)
    parser.set_defaults(func=module.run)
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pathwayviz", description="Animated insulin-signalling pathway. "
                                f"Commands: {', '.join(COMMANDS)} (pathwayviz COMMAND --help).")
    p.add_argument("session", nargs="?", metavar="FILE.pathwayviz", help="open a saved session")
    p.add_argument("--pathway", metavar="FILE", help="open another pathway file")
    p.add_argument("--lesson", metavar="FILE|ID", help="open a lesson file or a built-in lesson by id "
                                                     "(pathwayviz info lists them)")
    p.add_argument("--presentation", action="store_true", help="start in full-screen presentation mode")
    p.add_argument("--quit-after", type=float, default=None, help=argparse.SUPPRESS)  # smoke tests
    return p


def run_command(argv: list[str]) -> int:
    command = argv[0]
    args = build_parser(command).parse_args(argv[1:])
    try:
        return args.func(args)
    except CliError as exc:
        print(f"pathwayviz {command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
