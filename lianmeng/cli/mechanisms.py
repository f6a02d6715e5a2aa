"""``needs``, ``problems``, ``pioneer``: the 供需清单, 群众诉求 and 先锋指数 (issue 17).

``lianmeng needs [list|publish|claim|fulfil|close|pair|import] …``,
``lianmeng problems [list|receive|step|rates] [--overdue|--due-today] …``,
``lianmeng pioneer [ranking|round|import] …``; each with ``--json``. Dates default to
today (``--on 2026-11-20`` for another day).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from lianmeng.cli.base import EXIT_INVALID, EXIT_OK, command, print_json
from lianmeng.cli.base import open_cli_store as _store
from lianmeng.settings import Settings
from lianmeng.texts import NEED_KIND_LABELS, PROBLEM_STATUS_LABELS, say


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(say("sheet_bad_date", value=text)) from None


def _common(parser: argparse.ArgumentParser, actions: tuple[str, ...]) -> None:
    parser.add_argument("action", nargs="?", default=actions[0], choices=actions, help="操作（默认 " + actions[0] + "）")
    parser.add_argument("args", nargs="*", help="编号或文件")
    parser.add_argument("--on", type=_day, default=None, help="日期（默认今天），如 2026-11-20")
    parser.add_argument("--alliance", help="只看一个联盟（编号）")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.add_argument("--dry-run", action="store_true", help="导入时只校验、不写入")


def _needs_args(parser: argparse.ArgumentParser) -> None:
    _common(parser, ("list", "publish", "claim", "fulfil", "close", "pair", "import", "notice", "claim-form"))
    parser.add_argument("-o", "--output", help="告知书/认领书输出的 .docx 文件")
    parser.add_argument("--template", help="自己修改过的 Word 模板（.docx）")
    parser.add_argument("--org", help="发布单位（名称或编号）")
    parser.add_argument("--by", help="认领单位（名称或编号）")
    parser.add_argument("--kind", default="need", choices=("need", "resource"), help="need 需求 / resource 资源")
    parser.add_argument("--quarter", help="季度，如 2026Q4（默认 --on 所在季度）")
    parser.add_argument("--title", help="标题")
    parser.add_argument("--category", default="", help="类别")
    parser.add_argument("--description", default="", help="说明")
    parser.add_argument("--quantity", default="", help="数量/时间")
    parser.add_argument("--contact", default="", help="联系人")
    parser.add_argument("--note", default="", help="备注")


def _one(args: argparse.Namespace) -> str:
    if len(args.args) != 1:
        print("请给出一个编号。", file=sys.stderr)
        raise SystemExit(EXIT_INVALID)
    return args.args[0]


def _import_result(result, as_json: bool) -> int:
    if as_json:
        print_json(result.as_dict())
    else:
        for e in result.errors:
            print(f"{e.sheet} 第 {e.row} 行 “{e.column}”（{e.value}）：{e.message}", file=sys.stderr)
        if result.ok:
            print("、".join(f"{k} {v}" for k, v in result.counts.items()) or "0")
    return EXIT_OK if result.ok else EXIT_INVALID


@command("needs", "供需清单：发布、认领、完成、关闭需求与资源 / needs and resources", _needs_args)
def _needs(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops import needs as ops

    on = args.on or settings.today
    with _store(settings) as store:
        if args.action == "list":
            view = ops.board_view(store, on, alliance=args.alliance)
            if args.json:
                print_json(view)
            else:
                for status in ("open", "claimed", "fulfilled", "closed", "lapsed"):
                    for item in view[status]:
                        print(f"{item['id']}  [{item['status_label']}] {item['kind_label']} {item['quarter']} "
                              f"{item['organisation']}：{item['title']}")
            return EXIT_OK
        if args.action == "import":
            return _import_result(ops.import_sheets(store, args.args, dry_run=args.dry_run), args.json)
        if args.action in ("notice", "claim-form"):
            from pathlib import Path

            if not args.output:
                print("请用 -o 指定输出的 .docx 文件。", file=sys.stderr)
                return EXIT_INVALID
            template = Path(args.template).read_bytes() if args.template else None
            data = ops.need_letter(store, _one(args), "notice" if args.action == "notice" else "claim", template)
            Path(args.output).write_bytes(data)
            print(args.output)
            return EXIT_OK
        if args.action == "publish":
            item = ops.publish(store, organisation=args.org or "", title=args.title or "", kind=args.kind,
                               quarter=args.quarter, category=args.category, description=args.description,
                               quantity=args.quantity, contact=args.contact, on=on)
            message = say("need_published", title=item.title, kind=NEED_KIND_LABELS[item.kind.value],
                          quarter=item.quarter)
        elif args.action == "claim":
            item = ops.claim(store, _one(args), args.by or "", on)
            message = say("need_claimed", title=item.title, by=args.by, on=on)
        elif args.action == "fulfil":
            item = ops.fulfil(store, _one(args), on, args.note)
            message = say("need_fulfilled", title=item.title, on=on)
        elif args.action == "close":
            item = ops.close(store, _one(args), on, args.note)
            message = say("need_closed", title=item.title, on=on)
        else:  # pair
            pairing = ops.pair_from_claim(store, _one(args), on)
            dataset = store.snapshot()
            if args.json:
                print_json(pairing.model_dump(mode="json"))
            else:
                print(say("pairing_from_claim", a=dataset.name_of(pairing.party_a), b=dataset.name_of(pairing.party_b),
                          kind=pairing.kind.value, since=pairing.since))
            return EXIT_OK
        if args.json:
            print_json(ops.item_dict(store.snapshot(), item, on))
        else:
            print(f"{item.id}  {message}")
    return EXIT_OK


def _problems_args(parser: argparse.ArgumentParser) -> None:
    _common(parser, ("list", "receive", "step", "rates", "import"))
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--overdue", action="store_true", help="只列逾期的诉求")
    which.add_argument("--due-today", action="store_true", help="只列今天到期的诉求")
    parser.add_argument("--org", help="责任单位（名称或编号）")
    parser.add_argument("--channel", default="other",
                        choices=("visit", "phone", "online", "door", "council", "other"),
                        help="渠道：visit 来访、phone 电话、online 网上信访、door 走访、council 议事会、other 其他")
    parser.add_argument("--text", default="", help="诉求内容")
    parser.add_argument("--explanation", default="", help="不能解决时的解释")
    parser.add_argument("--by", default="organisation", choices=("organisation", "alliance"), help="按什么统计按时率")


@command("problems", "群众诉求：一、三、十五 办理时限 / residents' problems on the working-day clock", _problems_args)
def _problems(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops import needs as needs_ops
    from lianmeng.ops import problems as ops

    on = args.on or settings.today
    with _store(settings) as store:
        if args.action == "list":
            which = "overdue" if args.overdue else "due_today" if args.due_today else "all"
            rows, warning = ops.problem_rows(store.snapshot(), on, which=which, alliance=args.alliance)
            if warning:
                print(warning, file=sys.stderr)
            if args.json:
                print_json(rows)
            else:
                for r in rows:
                    print(f"{r['id']}  {r['received']}  {r['organisation_name']}  [{r['status_label']}]  "
                          f"{r['verdict']}  明确答复 {r['deadlines']['clear_answer']}  解决 {r['deadlines']['solved']}")
            return EXIT_OK
        if args.action == "rates":
            result = ops.rates(store.snapshot(), on, by=args.by)
            if args.json:
                print_json(result)
            else:
                for r in result:
                    rate = "—" if r["rate"] is None else f"{r['rate']:.0%}"
                    print(f"{r['quarter']}  {r['name'] or '—'}  {r['on_time']}/{r['counted']}  {rate}")
            return EXIT_OK
        if args.action == "import":
            return _import_result(needs_ops.import_sheets(store, args.args, dry_run=args.dry_run), args.json)
        if args.action == "receive":
            problem = ops.receive(store, received=on, organisation=args.org or "", channel=args.channel,
                                  text=args.text)
        else:  # step ID STEP
            if len(args.args) != 2:
                print("请给出诉求编号和步骤：first_reply、clear_answer、resolved、unresolvable、closed。", file=sys.stderr)
                return EXIT_INVALID
            problem = ops.advance(store, args.args[0], args.args[1], on, explanation=args.explanation)
        if args.json:
            print_json(problem.model_dump(mode="json"))
        else:
            print(say("problem_moved", id=problem.id, status=PROBLEM_STATUS_LABELS[problem.status.value], on=on))
    return EXIT_OK


def _pioneer_args(parser: argparse.ArgumentParser) -> None:
    _common(parser, ("ranking", "round", "import"))
    parser.add_argument("--round", help="测评编号（默认最近一轮）")
    parser.add_argument("--period", help="新测评的测评期：2026、2026H1 或 2026H2")
    parser.add_argument("--questions", help="新测评的题目，用分号分隔")
    parser.add_argument("--weights", help="权重，用分号分隔（默认相等）")
    parser.add_argument("--scale", default="0-10", help="分值范围，如 1-5（默认 0-10）")
    parser.add_argument("--threshold", type=float, default=80, help="预警线（0–100，默认 80）")


@command("pioneer", "先锋指数：测评、导入答卷、联盟内排名 / the pioneer index", _pioneer_args)
def _pioneer(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops import pioneer as ops

    with _store(settings) as store:
        if args.action == "ranking":
            view = ops.ranking_view(store.snapshot(), args.round, args.alliance)
            if args.json:
                print_json(view)
            else:
                for r in view["rows"]:
                    flag = "  ⚠ 低于预警线" if r["alert"] else ""
                    change = "" if r["change"] is None else f"  同比 {r['change']:+.1f}"
                    print(f"{r['alliance_name'] or '—'} 第{r['rank_in_alliance']}名  {r['name']}  {r['mean']:.1f}"
                          f"（{r['low']:.1f}～{r['high']:.1f}，{r['n']} 份）{change}{flag}")
            return EXIT_OK
        if args.action == "import":
            return _import_result(ops.import_survey(store, args.args, dry_run=args.dry_run), args.json)
        low, _, high = args.scale.partition("-")
        round_ = ops.add_round(store, period=args.period or "", questions=[q for q in (args.questions or "").split(";") if q.strip()],
                               weights=[float(w) for w in args.weights.split(";")] if args.weights else None,
                               scale_min=float(low), scale_max=float(high), threshold=args.threshold)
        if args.json:
            print_json(round_.model_dump(mode="json"))
        else:
            print(f"{round_.id}  {round_.title}")
    return EXIT_OK
