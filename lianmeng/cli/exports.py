"""``lianmeng export <what>``: the export sub-commands, one registry.

Each exporter registers with :func:`exporter` into :data:`EXPORTERS` as
``name → (help, configure, handler)``; ``lianmeng.cli.imports`` has a single ``export`` command
that adds one sub-parser per entry and dispatches to the handler. Handlers parse, call a
function of :mod:`exports` that returns bytes, then write: bad input is refused before
anything is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from lianmeng.cli.base import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, EXIT_UNWRITABLE
from lianmeng.settings import Settings
from lianmeng.texts import EXPORT_WHAT, say

__all__ = ["EXPORTERS", "exporter", "EXIT_OK", "EXIT_INVALID", "EXIT_UNREADABLE", "EXIT_UNWRITABLE"]


Handler = Callable[[argparse.Namespace, Settings], int]
Configure = Callable[[argparse.ArgumentParser], None]
EXPORTERS: dict[str, tuple[str, Configure, Handler]] = {}


def exporter(name: str, help_text: str, configure: Configure = lambda p: None):
    """Register ``lianmeng export <name>``: ``configure`` adds its arguments."""

    def register(handler: Handler) -> Handler:
        EXPORTERS[name] = (help_text, configure, handler)
        return handler

    return register


def _snapshot(settings: Settings):
    from graphdb import open_store

    with open_store(settings) as store:
        return store.snapshot(), store.revision()


def _output(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path, help=help_text)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--alliance", help="联盟名称、编号或领域，如 商区 / alliance name, id or sector")
    parser.add_argument("--level", help="层级：街道层面、联盟层面、组织层面 / street, alliance, organisation")
    parser.add_argument("--kind", help="类型：小联动、大联动、大联动·跨联盟… / small, large, cross_alliance…")
    parser.add_argument("--status", help="状态：进行中、已结束 / active, ended")
    parser.add_argument("--on", help="只要这一天有效的结对，如 2026-03-01 / active on this date")


def _chosen(args: argparse.Namespace, dataset):
    from exports.pairing_rows import parse_filter

    return parse_filter(dataset, alliance=args.alliance, level=args.level, kind=args.kind,
                        status=args.status, on=args.on)


def _suffix_ok(path: Path, suffixes: tuple[str, ...]) -> bool:
    if path.suffix.lower() in suffixes:
        return True
    print(say("export_bad_suffix", path=path, suffixes="、".join(suffixes)), file=sys.stderr)
    return False


def _write(path: Path, data: bytes) -> bool:
    try:
        path.write_bytes(data)
    except OSError as exc:
        print(say("export_unwritable", path=path, reason=exc.strerror or exc), file=sys.stderr)
        return False
    return True


def _done(path: Path, data: bytes, what: str) -> int:
    if not _write(path, data):
        return EXIT_UNWRITABLE
    print(say("export_written", what=EXPORT_WHAT[what], path=path))
    return EXIT_OK


def _progress(done: int, total: int) -> None:
    if done % 25 == 0 or done == total:
        end = "\n" if done == total else ""
        print(f"\r{say('export_progress', done=done, total=total)}", end=end, file=sys.stderr, flush=True)


# --- pairing lists -------------------------------------------------------------------------


def _pairings_args(parser: argparse.ArgumentParser) -> None:
    _output(parser, "输出文件 .xlsx 或 .csv / output file")
    _filters(parser)


@exporter("pairings", "结对清单（Excel 或 CSV） / pairing lists", _pairings_args)
def _pairings(args: argparse.Namespace, settings: Settings) -> int:
    from exports.pairing_csv import csv_bytes
    from exports.pairing_xlsx import workbook_bytes

    if not _suffix_ok(args.output, (".xlsx", ".csv")):
        return EXIT_INVALID
    dataset, _ = _snapshot(settings)
    chosen = _chosen(args, dataset)
    write = workbook_bytes if args.output.suffix.lower() == ".xlsx" else csv_bytes
    return _done(args.output, write(dataset, chosen), "pairings")


# --- agreements ----------------------------------------------------------------------------


def _agreements_args(parser: argparse.ArgumentParser) -> None:
    _output(parser, "输出目录（每对一份）或 .docx 文件（每对一页） / DIR or FILE.docx")
    _filters(parser)
    parser.add_argument("--template", type=Path, help="协议书模板 .docx（默认用内置模板） / template")


@exporter("agreements", "结对共建协议书（Word） / pairing agreements", _agreements_args)
def _agreements(args: argparse.Namespace, settings: Settings) -> int:
    from exports.agreement_docx import (
        TemplateUnreadable,
        agreement_files,
        combined_agreements,
        read_template,
    )
    from exports.pairing_rows import select

    template_data = None
    if args.template is not None:
        try:
            template_data = args.template.read_bytes()
        except OSError as exc:
            print(say("template_unreadable", path=args.template, reason=exc.strerror or exc), file=sys.stderr)
            return EXIT_UNREADABLE
    try:
        template = read_template(template_data, source=str(args.template or ""))
    except TemplateUnreadable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREADABLE
    dataset, _ = _snapshot(settings)
    pairings = select(dataset, _chosen(args, dataset))
    if not pairings:
        print(say("export_nothing"), file=sys.stderr)
        return EXIT_INVALID
    what = EXPORT_WHAT["agreements"]
    if args.output.suffix.lower() == ".docx":
        if not _write(args.output, combined_agreements(dataset, pairings, template)):
            return EXIT_UNWRITABLE
    else:
        files = agreement_files(dataset, pairings, template, progress=_progress)
        try:
            args.output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(say("export_unwritable", path=args.output, reason=exc.strerror or exc), file=sys.stderr)
            return EXIT_UNWRITABLE
        for name, data in files:
            if not _write(args.output / name, data):
                return EXIT_UNWRITABLE
    print(say("export_written_count", count=len(pairings), what=what, path=args.output))
    return EXIT_OK


@exporter("agreement-template", "协议书模板（可在 Word 中修改） / the agreement template",
          lambda p: _output(p, "输出文件 .docx / output file"))
def _agreement_template(args: argparse.Namespace, settings: Settings) -> int:
    from exports.agreement_docx import default_agreement_template

    if not _suffix_ok(args.output, (".docx",)):
        return EXIT_INVALID
    return _done(args.output, default_agreement_template(), "agreement_template")


# --- whole dataset -------------------------------------------------------------------------


@exporter("snapshot", "全部数据快照（JSON） / whole-dataset snapshot",
          lambda p: _output(p, "输出文件 .json / output file"))
def _snapshot_json(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.snapshot_json import dumps

    if not _suffix_ok(args.output, (".json",)):
        return EXIT_INVALID
    dataset, revision = _snapshot(settings)
    return _done(args.output, dumps(dataset, revision=revision).encode("utf-8"), "snapshot")


def _graph(args: argparse.Namespace, settings: Settings, suffix: str, what: str) -> int:
    from exports.graph_files import gexf_bytes, graphml_bytes
    from lianmeng.ops.analysis import dataset_centrality

    if not _suffix_ok(args.output, (suffix,)):
        return EXIT_INVALID
    dataset, _ = _snapshot(settings)
    # the analysis measures (degree, betweenness, PageRank, closeness) of the organisations
    centrality = dataset_centrality(dataset, settings=settings).scores
    write = gexf_bytes if what == "gexf" else graphml_bytes
    return _done(args.output, write(dataset, centrality), what)


@exporter("gexf", "结对网络 GEXF（Gephi） / the pairing network as GEXF",
          lambda p: _output(p, "输出文件 .gexf / output file"))
def _gexf(args: argparse.Namespace, settings: Settings) -> int:
    return _graph(args, settings, ".gexf", "gexf")


@exporter("graphml", "结对网络 GraphML / the pairing network as GraphML",
          lambda p: _output(p, "输出文件 .graphml / output file"))
def _graphml(args: argparse.Namespace, settings: Settings) -> int:
    return _graph(args, settings, ".graphml", "graphml")


@exporter("workbook", "导入模板格式的工作簿，含全部数据，可修改后再导入 / the template filled with the data",
          lambda p: _output(p, "输出文件（.xlsx） / output file"))
def _workbook(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.template import write_workbook

    if not _suffix_ok(args.output, (".xlsx",)):
        return EXIT_INVALID
    dataset, _ = _snapshot(settings)
    try:
        rows = write_workbook(args.output, dataset)
    except OSError as exc:
        print(say("export_unwritable", path=args.output, reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_UNWRITABLE
    print(say("workbook_written", path=args.output, rows=rows))
    return EXIT_OK
