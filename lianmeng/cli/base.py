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
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from lianmeng.settings import Settings
from lianmeng.texts import say

__all__ = ["EXIT_OK", "EXIT_INVALID", "EXIT_UNREADABLE", "EXIT_UNAVAILABLE", "EXIT_UNWRITABLE", "EXIT_USAGE",
           "COMMANDS", "command", "open_cli_store", "print_json", "Handler", "Parser"]

#: the exit codes, one per failure class, the same in every command (docs/cli.md
#: lists them; tests/test_exit_codes.py holds every command to them)
EXIT_OK = 0  # done
EXIT_INVALID = 1  # invalid input (a bad value) or a rule broken: nothing written
EXIT_UNREADABLE = 2  # an input file that cannot be read (missing, damaged, wrong format, over a limit)
EXIT_UNAVAILABLE = 3  # settings unusable or the database unreachable
EXIT_UNWRITABLE = 4  # an output that cannot be written (directory missing, no permission, disk full)
EXIT_USAGE = 64  # the command line itself is wrong (unknown command or option, bad choice): BSD EX_USAGE

Handler = Callable[[argparse.Namespace, Settings], int]
Configure = Callable[[argparse.ArgumentParser], None]
COMMANDS: dict[str, tuple[str, Configure, Handler]] = {}


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 - argparse's signature
        super().add_usage(usage, actions, groups, say("cli_usage_prefix") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """``argparse`` in Chinese: usage, help and errors; a wrong command line exits
    :data:`EXIT_USAGE` (never a code shared with the input errors)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = say("cli_positionals")
        self._optionals.title = say("cli_options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=say("cli_help"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, say("cli_usage_error", prog=self.prog, message=_chinese(message)) + "\n")


def _chinese(message: str) -> str:
    """argparse's own error sentences, in Chinese (the option names stay as typed)."""
    for pattern, key in _ARGPARSE_ERRORS:
        found = re.fullmatch(pattern, message, flags=re.S)
        if found:
            values = found.groupdict()
            if "kind" in values:
                values["kind"] = _KINDS.get(values["kind"], values["kind"])
            return say(key, **values)
    return message


_KINDS = {"int": "整数", "float": "数字"}
_ARGPARSE_ERRORS = (
    (r"the following arguments are required: (?P<names>.+)", "cli_error_required"),
    (r"argument (?P<name>[^:]+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)", "cli_error_choice"),
    (r"argument (?P<name>[^:]+): invalid (?P<kind>\w+) value: (?P<value>.+)", "cli_error_type"),
    (r"argument (?P<name>[^:]+): expected one argument", "cli_error_one_value"),
    (r"unrecognized arguments: (?P<names>.+)", "cli_error_unknown"),
)


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
