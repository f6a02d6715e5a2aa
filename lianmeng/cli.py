"""The ``lianmeng`` command line: the same operations as the explorer, for scripts.

Each sub-command is a small function registered in :data:`COMMANDS`; errors of the
domain are printed as their Chinese message (never a traceback) with exit status 1,
unusable settings or an unreachable database with status 3.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lianmeng.errors import LianmengError
from lianmeng.settings import Settings, SettingsError
from lianmeng.texts import APP_NAME, APP_TAGLINE, say

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE, EXIT_UNAVAILABLE = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace, Settings], int]
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {}


def command(name: str, help_text: str, configure: Callable[[argparse.ArgumentParser], None] = lambda p: None):
    """Register a sub-command: ``configure`` adds its arguments, the function runs it."""

    def register(handler: Handler) -> Handler:
        COMMANDS[name] = (help_text, configure, handler)
        return handler

    return register


def _store(settings: Settings):
    from graphdb import open_store

    return open_store(settings)


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


# --- commands ---------------------------------------------------------------------------


@command("demo", "载入示例街道 / load the sample street",
         lambda p: p.add_argument("--reset", action="store_true", help="先清空数据库 / empty the store first"))
def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.operations import load_demo, stats

    with _store(settings) as store:
        if not load_demo(store, reset=args.reset):
            print(say("demo_exists", revision=store.revision()), file=sys.stderr)
            return EXIT_OK
        figures = stats(store)
    orgs = sum(figures["organisations"].values())
    pairs = sum(figures["pairings"].values())
    print(say("demo_loaded", alliances=figures["alliances"], organisations=orgs, pairings=pairs,
              meetings=figures["meetings"]))
    return EXIT_OK


@command("stats", "街道数字（仅计进行中的结对） / headline figures",
         lambda p: p.add_argument("--json", action="store_true", help="输出 JSON / print JSON"))
def _stats(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.operations import stats
    from lianmeng.texts import KIND_LABELS, SCOPE_LABELS

    with _store(settings) as store:
        figures = stats(store)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
        return EXIT_OK
    print(f"党建联盟 {figures['alliances']}")
    for scope, n in figures["organisations"].items():
        print(f"{SCOPE_LABELS[scope]}组织 {n}")
    for key, n in figures["pairings"].items():
        print(f"{KIND_LABELS.get(key, key)} {n}")
    print(f"会议 {figures['meetings']}")
    return EXIT_OK


def _serve_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="监听地址（默认 LIANMENG_HOST）")
    parser.add_argument("--port", type=int, help="端口（默认 LIANMENG_PORT）")


@command("serve", "启动浏览器界面 / start the explorer", _serve_args)
def _serve(args: argparse.Namespace, settings: Settings) -> int:
    host = args.host or settings.host
    port = args.port or settings.port
    app = Path(__file__).resolve().parent.parent / "app.py"
    print(say("serve_starting", host=host, port=port), flush=True)
    return subprocess.call([
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.address", host, "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
    ])


# --- meetings (issue 7) ---------------------------------------------------------------


def _rotation_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--alliance", required=True, help="联盟名称、编号或领域（如“校区”） / alliance name, id or sector")
    parser.add_argument("--year", type=int, help="年份 / year")
    parser.add_argument("--span", help="季度范围，如 2026Q1..2027Q2 / a span of quarters")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


@command("rotation", "联席会议轮值主席安排 / the chair rotation", _rotation_args)
def _rotation(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.texts import ROTATION_SOURCE_LABELS, ROTATION_WARNING_LABELS
    from meetings.operations import find_alliance, quarters_from, rotation_rows

    with _store(settings) as store:
        dataset = store.snapshot()
    alliance = find_alliance(dataset, args.alliance)
    rows = rotation_rows(dataset, alliance.id, quarters_from(year=args.year, span_text=args.span))
    if args.json:
        print_json({"alliance": alliance.id, "name": alliance.name, "slots": rows})
        return EXIT_OK
    print(alliance.name)
    for row in rows:
        warnings = "、".join(ROTATION_WARNING_LABELS[w] for w in row["warnings"])
        print(f"{row['quarter']}  {row['chair_name'] or '（无）'}  {ROTATION_SOURCE_LABELS[row['source']]}"
              + (f"  ⚠ {warnings}" if warnings else ""))
    return EXIT_OK


def _pack_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--alliance", required=True, help="联盟名称、编号或领域 / alliance name, id or sector")
    parser.add_argument("--quarter", required=True, help="季度，如 2026Q1 / quarter")
    parser.add_argument("-o", "--output", required=True, type=Path, help="输出文件 .docx 或 .md / output file")


@command("pack", "轮值主席会议材料包 / the chair's meeting pack", _pack_args)
def _pack(args: argparse.Namespace, settings: Settings) -> int:
    from meetings.operations import write_pack

    with _store(settings) as store:
        dataset = store.snapshot()
    try:
        written = write_pack(dataset, args.alliance, args.quarter, args.output)
    except OSError as exc:
        print(say("cannot_write", path=args.output, reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_UNREADABLE
    print(say("pack_written", path=written))
    return EXIT_OK


def _calendar_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", required=True, type=int, help="年份 / year")
    parser.add_argument("-o", "--output", required=True, type=Path, help="输出 .ics 文件 / output .ics file")


@command("calendar", "全年会议日历（.ics） / the year's meetings as .ics", _calendar_args)
def _calendar(args: argparse.Namespace, settings: Settings) -> int:
    from meetings.operations import write_calendar

    with _store(settings) as store:
        dataset = store.snapshot()
    try:
        count = write_calendar(dataset, args.year, args.output)
    except OSError as exc:
        print(say("cannot_write", path=args.output, reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_UNREADABLE
    print(say("calendar_written", path=args.output, count=count))
    return EXIT_OK
# --- exports (issue 8) ---


def _export_args(parser: argparse.ArgumentParser) -> None:
    from lianmeng.export_commands import EXPORTERS

    sub = parser.add_subparsers(dest="export_what", required=True, metavar="WHAT")
    for name, (help_text, configure, _) in EXPORTERS.items():
        configure(sub.add_parser(name, help=help_text, description=help_text))


@command("export", "导出结对清单、协议书、快照、图文件 / exports", _export_args)
def _export(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.export_commands import EXPORTERS

    return EXPORTERS[args.export_what][2](args, settings)


# --- entry point ------------------------------------------------------------------------


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
