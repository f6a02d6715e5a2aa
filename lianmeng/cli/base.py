"""What every command shares: the registry, the exit codes, the store, JSON output.

A command module registers its sub-commands with :func:`command`; :mod:`lianmeng.cli`
imports every command module, builds the parser from :data:`COMMANDS` and dispatches.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from lianmeng.settings import Settings

__all__ = ["EXIT_OK", "EXIT_INVALID", "EXIT_UNREADABLE", "EXIT_UNAVAILABLE", "EXIT_UNWRITABLE", "COMMANDS",
           "command", "open_cli_store", "print_json", "Handler", "Parser"]

#: the exit codes, one per failure class, the same in every command (docs/exit-codes.md
#: lists them; tests/test_exit_codes.py holds every command to them)
EXIT_OK = 0  # done
EXIT_INVALID = 1  # invalid input (a bad argument or value, a usage error) or a rule broken: nothing written
EXIT_UNREADABLE = 2  # an input file that cannot be read (missing, damaged, wrong format, over a limit)
EXIT_UNAVAILABLE = 3  # settings unusable or the database unreachable
EXIT_UNWRITABLE = 4  # an output that cannot be written (directory missing, no permission, disk full)

class Parser(argparse.ArgumentParser):
    """argparse with the project's exit code for a usage error (1, invalid input) instead
    of argparse's own 2, which here means an unreadable file."""

    def error(self, message: str):  # type: ignore[override]
        import sys

        from lianmeng.texts import say

        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, say("usage_error", prog=self.prog, message=message) + "\n")


Handler = Callable[[argparse.Namespace, Settings], int]
Configure = Callable[[argparse.ArgumentParser], None]
COMMANDS: dict[str, tuple[str, Configure, Handler]] = {}


def command(name: str, help_text: str, configure: Configure = lambda p: None):
    """Register a sub-command: ``configure`` adds its arguments, the function runs it."""

    def register(handler: Handler) -> Handler:
        COMMANDS[name] = (help_text, configure, handler)
        return handler

    return register


def open_cli_store(settings: Settings):
    """The store bound to the local OS user (role admin): every write is audited as
    ``local:<user>`` (see :func:`lianmeng.access.local_user`)."""
    from graphdb import open_store
    from graphdb.guarded import GuardedStore
    from lianmeng.access import local_user

    return GuardedStore(open_store(settings), local_user(), owns=True)


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))
