"""Analyses: ``gaps``, ``centrality``, ``recommend``, ``plan``."""

from __future__ import annotations

import argparse
import sys

from lianmeng.cli.base import (
    EXIT_OK,
    command,
    print_json,
)
from lianmeng.cli.base import open_cli_store as _store
from lianmeng.settings import Settings
from lianmeng.texts import say


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


def _gaps_args(parser: argparse.ArgumentParser) -> None:
    _json_flag(parser)
    parser.add_argument("--ending-days", type=int, default=30, help="列出多少天内到期的结对（默认 30）")
    parser.add_argument("--today", type=_day, help="参考日期（默认今天），用于到期与休眠结对 / reference day")


@command("gaps", "覆盖缺口：未结对、缺小联动或大联动的组织 / coverage gaps", _gaps_args)
def _gaps(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops.analysis import gaps, gaps_dict

    with _store(settings) as store:
        result = gaps_dict(gaps(store, ending_days=args.ending_days, today=args.today,
                                dormant_months=settings.dormant_months))
    if args.json:
        print_json(result)
        return EXIT_OK
    for key in ("no_pairing", "only_ended", "no_small", "no_large"):
        print(f"{say('gaps_heading_' + key)}（{len(result[key])}）：{'、'.join(result[key]) or '无'}")
    empty = ["×".join(cell) for cell in result["matrix_empty"]]
    print(f"{say('gaps_heading_matrix_empty')}（{len(empty)}）：{'、'.join(empty) or '无'}")
    print(f"{say('gaps_heading_no_alliance_pairing')}：{'、'.join(result['no_alliance_pairing']) or '无'}")
    ending = [f"{p['party_a']}—{p['party_b']}（{p['until']}）" for p in result["ending_soon"]]
    print(f"{say('gaps_heading_ending', days=args.ending_days)}：{'、'.join(ending) or '无'}")
    dormant = [f"{p['party_a']}—{p['party_b']}（{p['last_activity'] or say('ledger_never')}）" for p in result["dormant"]]
    print(f"{say('ledger_dormant_heading', months=result['dormant_months'])}（{len(dormant)}）：{'、'.join(dormant) or '无'}")
    print(f"{say('gaps_heading_no_project', year=result['project_year'])}（{len(result['no_project'])}）："
          f"{'、'.join(result['no_project']) or '无'}")
    return EXIT_OK


def _day(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("ledger_bad_day", value=text)) from None


def _centrality_args(parser: argparse.ArgumentParser) -> None:
    _json_flag(parser)
    parser.add_argument("--top", type=int, default=10, help="每项列出前几名（默认 10）")
    parser.add_argument("--measure", help="只算一个指标：degree、betweenness、pagerank 或 closeness")
    parser.add_argument("--exact", action="store_true", help="中介中心性用精确值（按数据版本缓存；未缓存时现算，进度写到标准错误）")


@command("centrality", "中心性排名 / centrality rankings", _centrality_args)
def _centrality(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops.analysis import centrality_ranking
    from lianmeng.texts import MEASURE_LABELS

    with _store(settings) as store:
        result = centrality_ranking(store, measure=args.measure, top=args.top, settings=settings, exact=args.exact,
                                    progress=lambda done: print(say("exact_progress", done=done), file=sys.stderr))
    if args.json:
        print_json(result)
        return EXIT_OK
    for measure, rows in result["top"].items():
        print(f"== {MEASURE_LABELS[measure]}（{result['methods'][measure]}）")
        for i, row in enumerate(rows, 1):
            print(f"{i:>3}. {row['name']}  {row['score']:.4f}  {row['alliance'] or ''}")
    return EXIT_OK


def _recommend_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="组织名称或编号")
    parser.add_argument("--kind", default="large", help="small（小联动）或 large（大联动，默认）")
    parser.add_argument("--top", type=int, default=10, help="列出前几名（默认 10）")
    _json_flag(parser)


@command("recommend", "为组织推荐结对对象 / recommend partners", _recommend_args)
def _recommend(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops.analysis import recommendations

    with _store(settings) as store:
        org, candidates = recommendations(store, args.name, args.kind, top=args.top,
                                          dormant_months=settings.dormant_months)
    rows = [{"id": c.id, "name": c.name, "alliance": c.alliance, "scope": c.scope, "score": c.score,
             "reasons": list(c.reasons), "revive": c.revive} for c in candidates]
    if args.json:
        print_json({"organisation": org.name, "id": org.id, "kind": args.kind, "candidates": rows})
        return EXIT_OK
    for i, row in enumerate(rows, 1):
        print(f"{i:>3}. {row['name']}  {row['score']:.2f}  {'；'.join(row['reasons'])}")
    return EXIT_OK


def _plan_args(parser: argparse.ArgumentParser) -> None:
    _json_flag(parser)
    parser.add_argument("--max-new", type=int, default=2, help="每家组织最多新增几对结对（默认 2）")


@command("plan", "全覆盖结对计划（只计算，不写入） / pairing plan for full coverage", _plan_args)
def _plan(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops.analysis import pairing_plan, plan_dict
    from lianmeng.texts import LINKAGE_LABELS

    with _store(settings) as store:
        result = plan_dict(pairing_plan(store, max_new=args.max_new))
    if args.json:
        print_json(result)
        return EXIT_OK
    print(say("plan_summary", n=result["new_pairings"], before=result["before"]["covered"],
              after=result["after"]["covered"], members=result["after"]["members"]))
    for p in result["pairings"]:
        print(f"  {LINKAGE_LABELS[p['linkage']]}：{p['party_a']} — {p['party_b']}（{'；'.join(p['reasons'])}）")
    for item in result["impossible"]:
        print(say("plan_impossible", name=item["name"], linkage=LINKAGE_LABELS[item["linkage"]],
                  reason=item["reason"]))
    return EXIT_OK
