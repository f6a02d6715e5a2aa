"""docs/cli.md documents every command and option of the parser, and nothing else."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from lianmeng.cli import build_parser

DOC = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")


def parser_commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> dict[str, set[str]]:
    """``{"export pairings": {"--output", "-o", …}, …}`` for every command and group."""
    found: dict[str, set[str]] = {}
    if path:
        found[" ".join(path)] = {
            option for action in parser._actions if not isinstance(action, argparse._HelpAction)
            for option in action.option_strings
        }
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= parser_commands(sub, (*path, name))
    return found


def documented_commands(text: str) -> dict[str, set[str]]:
    """Headings ``### lianmeng <command words> [SYNOPSIS]``; the options are the backticked
    ``-x`` / ``--xyz`` at the start of a table row under the heading."""
    found: dict[str, set[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        heading = re.match(r"^### lianmeng((?: [a-z][a-z-]*)+)", line)
        if heading:
            current = heading.group(1).strip()
            assert current not in found, f"{current} documented twice"
            found[current] = set()
        elif line.startswith("## "):
            current = None
        elif current and line.startswith("| `-"):
            first_cell = line.split("|")[1]
            found[current] |= set(re.findall(r"`(--?[a-z][a-z-]*)`", first_cell))
    return found


def test_every_command_and_option_is_documented_and_nothing_else():
    assert documented_commands(DOC) == parser_commands(build_parser())


def test_the_check_sees_a_missing_and_an_invented_option():
    doc = documented_commands(DOC)
    real = parser_commands(build_parser())
    doc["stats"] = doc["stats"] - {"--json"}
    assert doc != real
    invented = documented_commands(DOC + "\n### lianmeng stats-extra\n\n| `--fast` | x |\n")
    assert set(invented) - set(real) == {"stats-extra"}


def test_the_exit_codes_documented_are_the_codes_in_use():
    from lianmeng.cli import base

    codes = {value for name, value in vars(base).items() if name.startswith("EXIT_") and isinstance(value, int)}
    table = re.search(r"## 退出码.*?\n\n((?:\|.*\n)+)", DOC, flags=re.S).group(1)
    documented = {int(m) for m in re.findall(r"^\| (\d+) \|", table, flags=re.M)}
    assert documented == codes
