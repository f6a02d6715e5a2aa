"""The ``lianmeng`` command line: the same operations as the explorer, for scripts.

One module per command group registers its sub-commands (:func:`.base.command`); this
module builds the parser and dispatches. Errors of the domain are printed as their
Chinese message (never a traceback); the exit codes are in :mod:`.base`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from lianmeng.cli import access, analysis, imports, mechanisms, meetings, street  # noqa: F401  (they register)
from lianmeng.cli.base import COMMANDS, EXIT_INVALID, EXIT_UNAVAILABLE
from lianmeng.errors import LianmengError
from lianmeng.settings import Settings, SettingsError
from lianmeng.texts import APP_NAME, APP_TAGLINE

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lianmeng", description=f"{APP_NAME}：{APP_TAGLINE}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, configure, _) in COMMANDS.items():
        configure(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return COMMANDS[args.command][2](args, settings)
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNAVAILABLE
    except LianmengError as exc:
        from graphdb.store import StoreUnavailable

        print(str(exc), file=sys.stderr)
        return EXIT_UNAVAILABLE if isinstance(exc, StoreUnavailable) else EXIT_INVALID


