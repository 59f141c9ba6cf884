"""Entry point: ``pathwayviz`` (the app) or ``pathwayviz simulate|export|validate``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from .cli import COMMANDS, run_command

    if argv and argv[0] in COMMANDS:
        return run_command(argv)
    from .cli import build_app_parser

    args = build_app_parser().parse_args(argv)
    from .ui.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
