"""The ``lianmeng`` command line: the same operations as the explorer, for scripts.

One module per command group registers its sub-commands (:func:`.base.command`); this
module builds the parser and dispatches. Errors of the domain are printed as their
Chinese message (never a traceback); the exit codes are in :mod:`.base`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from lianmeng import logs
from lianmeng.cli.base import COMMANDS, EXIT_INVALID, EXIT_UNAVAILABLE, EXIT_UNWRITABLE, Parser
from lianmeng.controls import safe_terminal
from lianmeng.errors import LianmengError, OutputUnwritable
from lianmeng.settings import Settings, SettingsError
from lianmeng.texts import APP_NAME, APP_TAGLINE, say

__all__ = ["build_parser", "main", "GROUPS"]

#: the command modules, in the order ``lianmeng --help`` lists their commands
GROUPS = ("street", "imports", "meetings", "analysis", "access")
for _group in GROUPS:
    importlib.import_module(f"lianmeng.cli.{_group}")  # each registers its commands


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="lianmeng", description=f"{APP_NAME}：{APP_TAGLINE}")
    parser.add_argument("--version", action="version", version=f"lianmeng {_version()}",
                        help=say("cli_version"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title=say("cli_commands"),
                                parser_class=Parser)
    for name, (help_text, configure, _) in COMMANDS.items():
        configure(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lianmeng")
    except PackageNotFoundError:  # pragma: no cover - a checkout that was never installed
        return "0+unknown"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with safe_terminal():  # names from files never print raw control characters
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        settings = Settings.from_env()
        logs.configure(settings.data_dir, settings.log_level)
        return COMMANDS[args.command][2](args, settings)
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNAVAILABLE
    except LianmengError as exc:
        from graphdb.store import StoreUnavailable

        print(str(exc), file=sys.stderr)
        if isinstance(exc, StoreUnavailable):
            logs.get("store").error(say("log_store_error", message=str(exc)), extra=logs.SHOWN)
            return EXIT_UNAVAILABLE
        return EXIT_UNWRITABLE if isinstance(exc, OutputUnwritable) else EXIT_INVALID


