"""The ledger (issue 16): ``activities``, ``outcomes`` and the yearly ``report``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lianmeng.cli.base import EXIT_INVALID, EXIT_OK, command, print_json
from lianmeng.cli.base import open_cli_store as _store
from lianmeng.settings import Settings
from lianmeng.texts import ACTIVITY_CATEGORY_LABELS, LEDGER_METRIC_LABELS, say

_CATEGORY_WORDS = {**{v: k for k, v in ACTIVITY_CATEGORY_LABELS.items()}, **{k: k for k in ACTIVITY_CATEGORY_LABELS}}


def _activities_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, help="只列出这一年的活动")
    parser.add_argument("--alliance", help="只列出与这个联盟有关的活动（名称、编号或领域，如“社区”）")
    parser.add_argument("--category", help="类别：" + "、".join(ACTIVITY_CATEGORY_LABELS.values()))
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.add_argument("-o", "--output", help="写成 Excel 文件（.xlsx）")


@command("activities", "工作台账：活动清单 / the activity ledger", _activities_args)
def _activities(args: argparse.Namespace, settings: Settings) -> int:
    from exports.ledger_xlsx import ledger_workbook
    from lianmeng.ops.meetings import find_alliance
    from views.ledger import LedgerFilter, activity_frame, filtered

    category = None
    if args.category:
        category = _CATEGORY_WORDS.get(args.category.strip())
        if category is None:
            print(say("ledger_bad_category", value=args.category,
                      choices="、".join(ACTIVITY_CATEGORY_LABELS.values())), file=sys.stderr)
            return EXIT_INVALID
    with _store(settings) as store:
        dataset = store.snapshot()
    alliance = find_alliance(dataset, args.alliance).id if args.alliance else None
    shown = filtered(dataset, LedgerFilter(year=args.year, alliance=alliance, category=category))
    frame = activity_frame(dataset, shown)
    if args.output:
        path = Path(args.output)
        path.write_bytes(ledger_workbook({say("ledger_title"): frame}))
        print(say("activities_written", count=len(shown), path=path))
        return EXIT_OK
    if args.json:
        print_json([{**a.model_dump(mode="json")} for a in shown])
        return EXIT_OK
    for a in shown:
        print(f"{a.date}  {a.title}  {ACTIVITY_CATEGORY_LABELS[a.category.value]}  "
              f"服务 {a.people_served} 人次  志愿者 {a.volunteers} 人次  捐助 {a.donated:,.0f} 元")
    print(say("ledger_count", count=len(shown), people_served=sum(a.people_served for a in shown),
              volunteers=sum(a.volunteers for a in shown), donated=sum(a.donated for a in shown)))
    return EXIT_OK


def _outcomes_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, help="年度（默认：台账最近一个完整年度）")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


@command("outcomes", "年度成效：街道、联盟、组织、结对，含同比 / yearly outcomes", _outcomes_args)
def _outcomes(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops.ledger import outcomes_dict, year_outcomes

    with _store(settings) as store:
        result = year_outcomes(store, args.year)
    if result is None:
        print(say("ledger_empty"), file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        print_json(outcomes_dict(result))
        return EXIT_OK
    print(say("ledger_outcomes", year=result.year, previous=result.year - 1))
    for row in (result.street, *result.alliances):
        change = row.change()["activities"]
        cells = "  ".join(f"{LEDGER_METRIC_LABELS[m]} {getattr(row.current, m):,.0f}"
                          for m in ("activities", "people_served", "volunteers", "donated", "projects_finished"))
        print(f"{row.name}  {cells}  {LEDGER_METRIC_LABELS['change_activities']} "
              f"{'—' if change is None else f'{change:+.0%}'}")
    return EXIT_OK


def _report_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="年度，如 2025")
    parser.add_argument("-o", "--output", required=True, help="Word 文件（.docx）")


@command("report", "年度工作报告（Word）/ the yearly report", _report_args)
def _report(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops.ledger import annual_report

    path = Path(args.output)
    if path.suffix.lower() != ".docx":
        print(say("report_needs_docx", year=args.year), file=sys.stderr)
        return EXIT_INVALID
    with _store(settings) as store:
        document = annual_report(store, args.year, today=settings.today)
    path.write_bytes(document)
    print(say("report_written", year=args.year, path=path))
    return EXIT_OK
