"""``lianmeng export KIND -o FILE``: a registry of exporters, one entry per kind.

To add an export, write a function ``(store, args) -> str`` (it writes ``args.output``
and returns the Chinese line to print) and register it::

    @exporter("pairings", "结对清单（.xlsx/.csv） / pairing lists",
              lambda p: p.add_argument("--alliance"))
    def _pairings(store, args):
        ...
        return "已导出……"

The command line builds one sub-parser per entry (each gets ``-o/--output``), so
nothing in :mod:`lianmeng.cli` changes.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from graphdb.store import GraphStore
from lianmeng.texts import say

__all__ = ["Exporter", "EXPORTERS", "exporter", "configure_export_parser"]

Configure = Callable[[argparse.ArgumentParser], None]


@dataclass(frozen=True)
class Exporter:
    name: str
    help: str
    configure: Configure
    run: Callable[[GraphStore, argparse.Namespace], str]


EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str, help_text: str, configure: Configure = lambda p: None):
    """Register an export kind; the decorated function writes ``args.output``."""

    def register(run: Callable[[GraphStore, argparse.Namespace], str]):
        EXPORTERS[name] = Exporter(name, help_text, configure, run)
        return run

    return register


def configure_export_parser(parser: argparse.ArgumentParser) -> None:
    """Add one sub-parser per registered exporter to ``lianmeng export``."""
    sub = parser.add_subparsers(dest="export_kind", required=True, metavar="KIND")
    for entry in EXPORTERS.values():
        child = sub.add_parser(entry.name, help=entry.help, description=entry.help)
        child.add_argument("-o", "--output", required=True, help="输出文件 / output file")
        entry.configure(child)


# --- exporters -----------------------------------------------------------------------------


@exporter("workbook", "导入模板格式的工作簿，含全部数据，可修改后再导入 / the template filled with the data")
def _workbook(store: GraphStore, args: argparse.Namespace) -> str:
    from ingest.template import write_workbook

    rows = write_workbook(args.output, store.snapshot())
    return say("workbook_written", path=args.output, rows=rows)
