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


# --- analyses (issue 5) ---------------------------------------------------------------


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


def _gaps_args(parser: argparse.ArgumentParser) -> None:
    _json_flag(parser)
    parser.add_argument("--ending-days", type=int, default=30, help="列出多少天内到期的结对（默认 30）")


@command("gaps", "覆盖缺口：未结对、缺小联动或大联动的组织 / coverage gaps", _gaps_args)
def _gaps(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.analysis_ops import gaps, gaps_dict

    with _store(settings) as store:
        result = gaps_dict(gaps(store, ending_days=args.ending_days))
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
    return EXIT_OK


def _centrality_args(parser: argparse.ArgumentParser) -> None:
    _json_flag(parser)
    parser.add_argument("--top", type=int, default=10, help="每项列出前几名（默认 10）")
    parser.add_argument("--measure", help="只算一个指标：degree、betweenness、pagerank 或 closeness")


@command("centrality", "中心性排名 / centrality rankings", _centrality_args)
def _centrality(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.analysis_ops import centrality_ranking
    from lianmeng.texts import MEASURE_LABELS

    with _store(settings) as store:
        result = centrality_ranking(store, measure=args.measure, top=args.top, settings=settings)
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
    from lianmeng.analysis_ops import recommendations

    with _store(settings) as store:
        org, candidates = recommendations(store, args.name, args.kind, top=args.top)
    rows = [{"id": c.id, "name": c.name, "alliance": c.alliance, "scope": c.scope, "score": c.score,
             "reasons": list(c.reasons)} for c in candidates]
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
    from lianmeng.analysis_ops import pairing_plan, plan_dict
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
