"""Rotating meetings: ``rotation``, ``pack``, ``calendar``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lianmeng.cli.base import (
    EXIT_OK,
    EXIT_UNWRITABLE,
    command,
    print_json,
)
from lianmeng.cli.base import open_cli_store as _store
from lianmeng.settings import Settings
from lianmeng.texts import say


def _rotation_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--alliance", required=True, help="联盟名称、编号或领域（如“校区”） / alliance name, id or sector")
    parser.add_argument("--year", type=int, help="年份 / year")
    parser.add_argument("--span", help="季度范围，如 2026Q1..2027Q2 / a span of quarters")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


@command("rotation", "联席会议轮值主席安排 / the chair rotation", _rotation_args)
def _rotation(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops.meetings import find_alliance, quarters_from, rotation_rows
    from lianmeng.texts import ROTATION_SOURCE_LABELS, ROTATION_WARNING_LABELS

    with _store(settings) as store:
        dataset = store.snapshot()
    alliance = find_alliance(dataset, args.alliance)
    # a quarter whose meeting is recorded but dated after today is 计划, not 已召开
    rows = rotation_rows(dataset, alliance.id, quarters_from(year=args.year, span_text=args.span),
                         today=settings.today)
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
    from lianmeng.ops.meetings import write_pack

    with _store(settings) as store:
        dataset = store.snapshot()
    try:
        written = write_pack(dataset, args.alliance, args.quarter, args.output, today=settings.today)
    except OSError as exc:
        print(say("cannot_write", path=args.output, reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_UNWRITABLE
    print(say("pack_written", path=written))
    return EXIT_OK


def _calendar_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", required=True, type=int, help="年份 / year")
    parser.add_argument("-o", "--output", required=True, type=Path, help="输出 .ics 文件 / output .ics file")
    parser.add_argument("--alliance", help="只含该联盟的会议（名称、编号或领域） / one alliance's meetings")


@command("calendar", "全年会议日历（.ics） / the year's meetings as .ics", _calendar_args)
def _calendar(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops.calendar_file import write_calendar_file

    try:
        with _store(settings) as store:
            count = write_calendar_file(store, args.year, args.output, alliance=args.alliance,
                                        reminder_minutes=settings.calendar_reminder_minutes)
    except OSError as exc:
        print(say("cannot_write", path=args.output, reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_UNWRITABLE
    print(say("calendar_written", path=args.output, count=count))
    return EXIT_OK
