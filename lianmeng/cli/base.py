"""What every command shares: the registry, the exit codes, the store, JSON output.

A command module registers its sub-commands with :func:`command`; :mod:`lianmeng.cli`
imports every command module, builds the parser from :data:`COMMANDS` and dispatches.

>>> print_json({"联盟": 5, "结对": [38, 84]})
{
  "联盟": 5,
  "结对": [
    38,
    84
  ]
}
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from lianmeng.settings import Settings

__all__ = ["EXIT_OK", "EXIT_INVALID", "EXIT_UNREADABLE", "EXIT_UNAVAILABLE", "COMMANDS", "command",
           "open_cli_store", "print_json", "Handler"]

#: the exit codes, one per failure class (docs/cli.md lists them)
EXIT_OK = 0  # done
EXIT_INVALID = 1  # invalid input or a rule broken: nothing written
EXIT_UNREADABLE = 2  # a file that cannot be read (missing, damaged, wrong format, over a limit)
EXIT_UNAVAILABLE = 3  # settings unusable or the database unreachable

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
