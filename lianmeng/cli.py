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
    """The store bound to the local OS user (role admin): every write is audited as
    ``local:<user>`` (see :func:`lianmeng.access.local_user`)."""
    from graphdb import open_store
    from graphdb.guarded import GuardedStore
    from lianmeng.access import local_user

    return GuardedStore(open_store(settings), local_user(), owns=True)


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


# --- commands ---------------------------------------------------------------------------


@command("demo", "载入示例街道 / load the sample street",
         lambda p: p.add_argument("--reset", action="store_true", help="先清空数据库 / empty the store first"))
def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.operations import load_demo, stats

    with _store(settings) as store, store.action("demo"):
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
    import os

    host = args.host or settings.host
    port = args.port or settings.port
    if settings.sign_in_mode(host) != "off":
        with _store(settings) as store:
            if not store.users():
                print(say("auth_needs_user", host=host), file=sys.stderr)
                return EXIT_UNAVAILABLE
    app = Path(__file__).resolve().parent.parent / "app.py"
    print(say("serve_starting", host=host, port=port), flush=True)
    # the app decides about sign-in from LIANMENG_HOST: give it the address it listens on
    os.environ["LIANMENG_HOST"] = host
    return subprocess.call([
        sys.executable, "-m", "lianmeng.streamlit_launch", "run", str(app),
        "--server.address", host, "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false", "--client.toolbarMode", "minimal",
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


# --- import, template, restore, workbook export (issue 4) ---


def _import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".xlsx、.csv、文件夹或 .zip / files, folders, zips")
    parser.add_argument("--dry-run", action="store_true", help="只校验和预览，不写入 / check and preview only")
    parser.add_argument("--replace", action="store_true",
                        help="以文件替换全部数据 / the file becomes the whole dataset")
    parser.add_argument("--encoding", help="CSV 编码（默认自动识别 UTF-8/GBK）/ CSV encoding")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


def _terminal_progress(fraction: float, message: str) -> None:
    if sys.stderr.isatty():
        end = "\n" if fraction >= 1 else ""
        print(f"\r[{fraction:4.0%}] {message:<40}", end=end, file=sys.stderr, flush=True)


def _finish_import(plan, store, settings: Settings, args: argparse.Namespace) -> int:
    from ingest.pipeline import apply_plan
    from lianmeng.texts import TABLE_LABELS

    report = plan.report()
    applied = apply_plan(store, plan, settings, progress=_terminal_progress) if plan.ok and not args.dry_run \
        else None
    done = None
    if applied is not None:
        done = say("import_applied", before=applied.before, after=applied.revision, backup=applied.backup.name) \
            if applied.backup else say("import_nothing_to_do")
    if args.json:
        print(json.dumps(report, ensure_ascii=False))  # exactly ok, errors, warnings, changes
        if done:
            print(done, file=sys.stderr)
        return EXIT_OK if plan.ok else EXIT_INVALID
    for warning in plan.warnings:
        print(say("import_warning_line", sheet=warning.sheet, message=warning.message), file=sys.stderr)
    if not plan.ok:
        print(say("import_invalid", count=len(plan.errors)), file=sys.stderr)
        for e in plan.errors:
            print(say("import_error_line", sheet=e.sheet, row=e.row if e.row is not None else "—", column=e.column,
                      message=e.message), file=sys.stderr)
        return EXIT_INVALID
    for table, counts in report["changes"].items():
        print(say("import_change_line", sheet=TABLE_LABELS[table], **counts))
    print(done or say("import_valid_dry_run"))
    return EXIT_OK


@command("import", "导入表格：校验、预览、一次写入 / import spreadsheets", _import_args)
def _import(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.pipeline import UnreadableInput, plan_files

    with _store(settings) as store:
        try:
            plan = plan_files(store, args.paths, replace=args.replace, encoding=args.encoding,
                              progress=_terminal_progress)
        except UnreadableInput as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNREADABLE
        return _finish_import(plan, store, settings, args)


def _snapshot_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.json", help="lianmeng export snapshot 生成的快照 / a JSON snapshot")
    parser.add_argument("--dry-run", action="store_true", help="只校验和预览，不写入 / check and preview only")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


@command("import-snapshot", "导入 JSON 快照（替换全部数据）/ import a JSON snapshot", _snapshot_args)
def _import_snapshot(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.pipeline import plan_snapshot
    from lianmeng.snapshot_json import SnapshotFormatError

    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"无法读取快照文件“{args.file}”：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    with _store(settings) as store:
        try:
            plan = plan_snapshot(store, text)
        except SnapshotFormatError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNREADABLE
        args.replace = True
        return _finish_import(plan, store, settings, args)


@command("template", "写出导入模板 / write the import template",
         lambda p: p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="输出文件"))
def _template(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.template import write_workbook

    try:
        write_workbook(args.output)
    except OSError as exc:
        print(say("write_file_failed", path=args.output, reason=exc.strerror), file=sys.stderr)
        return EXIT_INVALID
    print(say("template_written", path=args.output))
    return EXIT_OK


def _restore_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", metavar="NAME", help="备份名称（可只写开头）/ backup name or prefix")
    parser.add_argument("--list", action="store_true", help="列出备份 / list backups")


@command("restore", "列出或恢复备份 / list or restore backups", _restore_args)
def _restore(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.backups import BackupShelf, restore

    shelf = BackupShelf(settings.backup_dir, keep=settings.backup_keep)
    if args.list or not args.name:
        backups = shelf.list()
        for backup in backups:
            print(say("restore_listed", name=backup.name, revision=backup.revision, reason=backup.reason,
                      created=f"{backup.created:%Y-%m-%d %H:%M:%S} UTC"))
        if not backups:
            print(say("restore_none"), file=sys.stderr)
        if not args.list:
            print(say("restore_needs_name"), file=sys.stderr)
            return EXIT_INVALID
        return EXIT_OK
    chosen = shelf.find(args.name)  # before restoring: the restore adds a newer backup
    with _store(settings) as store:
        before, revision = restore(store, shelf, chosen.name)
    print(say("restore_done", name=chosen.name, revision=revision, before=before.name))
    return EXIT_OK



# --- users, audit, backups (issue 9) ---------------------------------------------------


def _read_password_twice() -> str:
    """Typed twice at a terminal, or two lines of standard input in a script."""
    import getpass

    from lianmeng.users import check_password_pair

    if sys.stdin.isatty():
        first = getpass.getpass(say("password_prompt"))
        second = getpass.getpass(say("password_again"))
    else:
        first = sys.stdin.readline().rstrip("\r\n")
        second = sys.stdin.readline().rstrip("\r\n")
    return check_password_pair(first, second)


def _user_args(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="添加用户（密码输入两次） / add a user")
    add.add_argument("name")
    add.add_argument("--role", required=True, help="viewer、chair、planner 或 admin")
    add.add_argument("--alliance", help="轮值主席所主持的联盟编号 / the chair's alliance id")
    add.add_argument("--email", help="单位统一身份（OIDC）登录用的邮箱 / e-mail for OIDC sign-in")
    add.add_argument("--no-password", action="store_true",
                     help="只用单位统一身份登录，不设密码 / OIDC only")
    remove = sub.add_parser("remove", help="删除用户 / remove a user")
    remove.add_argument("name")
    passwd = sub.add_parser("passwd", help="设置新密码 / set a new password")
    passwd.add_argument("name")
    listing = sub.add_parser("list", help="列出用户 / list users")
    listing.add_argument("--json", action="store_true")


@command("user", "管理登录用户 / manage users (add | remove | passwd | list)", _user_args)
def _user(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng import users
    from lianmeng.texts import ROLE_LABELS

    with _store(settings) as store:
        if args.user_command == "add":
            password = None if args.no_password else _read_password_twice()
            user = users.add_user(store, args.name, args.role, password,
                                  alliance=args.alliance, email=args.email)
            print(say("user_added", name=user.name, role=ROLE_LABELS[user.role]))
        elif args.user_command == "remove":
            users.remove_user(store, args.name)
            print(say("user_removed", name=args.name))
        elif args.user_command == "passwd":
            if store.user(args.name) is None:
                raise users.UserError(say("user_missing", name=args.name))
            users.set_password(store, args.name, _read_password_twice())
            print(say("user_password_set", name=args.name))
        else:
            listed = users.list_users(store)
            if args.json:
                print_json(listed)
            for u in [] if args.json else listed:
                extra = f" 联盟 {u['alliance']}" if u["alliance"] else ""
                print(f"{u['name']}\t{ROLE_LABELS[u['role']]}{extra}\t{u['email'] or ''}")
    return EXIT_OK


def _date(value: str):
    import datetime as dt

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(say("audit_bad_date", value=value)) from None
    return dt.datetime.combine(day, dt.time.min).astimezone()  # the day starts at local midnight


def _audit_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", type=_date, help="起始日期 YYYY-MM-DD（本地时间，含）")
    parser.add_argument("--until", type=_date, help="截止日期 YYYY-MM-DD（本地时间，不含）")
    parser.add_argument("--actor", help="只看此人 / only this actor")
    parser.add_argument("--action", help="只看此操作（edit、import、plan、restore、user…）")
    parser.add_argument("--table", help="只看此数据表（organisations、pairings…、users）")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


@command("audit", "审计记录：谁、何时、改了什么 / the audit trail", _audit_args)
def _audit(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.audit_view import entry_json, entry_line

    with _store(settings) as store:
        store.require("audit")
        entries = store.audit_entries(since=args.since, until=args.until, actor=args.actor,
                                      action=args.action, table=args.table, limit=args.limit)
    if args.json:
        print_json([entry_json(e) for e in entries])
    else:
        for entry in entries:
            print(entry_line(entry))
    return EXIT_OK


def _backup_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reason", default="scheduled", help="写进文件名的原因（英文字母）")
    parser.add_argument("--list", action="store_true", help="列出已有备份 / list backups")


@command("backup", "备份当前数据（可放进计划任务） / back up now (for a scheduler)", _backup_args)
def _backup(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.backups import BackupShelf

    shelf = BackupShelf(settings.backup_dir, keep=settings.backup_keep)
    if args.list:
        for b in shelf.list() or []:
            print(f"{b.name}\t版本 {b.revision}\t{b.reason}")
        if not shelf.list():
            print(say("backup_none"))
        return EXIT_OK
    with _store(settings) as store:
        store.require("backup")
        saved = shelf.save(store, args.reason)
    print(say("backup_saved", name=saved.name, revision=saved.revision))
    return EXIT_OK


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
    parser.add_argument("--exact", action="store_true", help="中介中心性用精确值（按数据版本缓存；未缓存时现算，进度写到标准错误）")


@command("centrality", "中心性排名 / centrality rankings", _centrality_args)
def _centrality(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.analysis_ops import centrality_ranking
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


# --- copy between backends (issue 3) ---------------------------------------------------


def _copy_args(parser: argparse.ArgumentParser) -> None:
    from lianmeng.settings import STORE_KINDS

    parser.add_argument("--from", dest="source", required=True, choices=STORE_KINDS, help="来源 / source backend")
    parser.add_argument("--to", dest="target", required=True, choices=STORE_KINDS, help="目标 / target backend")
    parser.add_argument("--replace", action="store_true", help="覆盖非空的目标 / overwrite a non-empty target")


@command("copy", "在内置数据库与 Neo4j 之间复制全部数据 / copy everything between backends", _copy_args)
def _copy(args: argparse.Namespace, settings: Settings) -> int:
    from graphdb import open_store
    from graphdb.guarded import GuardedStore
    from lianmeng.access import local_user
    from lianmeng.copying import copy_store
    from lianmeng.dataset import WHAT

    if args.source == args.target:
        print(say("copy_same_store", kind=args.source), file=sys.stderr)
        return EXIT_INVALID
    # the target is written as the local OS user (admin): the copy is checked and audited in
    # the target's own trail like any replacement; users and the trail are not copied
    with open_store(settings, kind=args.source) as source, \
            GuardedStore(open_store(settings, kind=args.target), local_user(), owns=True) as target, \
            target.action("copy", note=f"{args.source} → {args.target}"):
        report = copy_store(source, target, replace=args.replace,
                            progress=lambda message: print(message, file=sys.stderr, flush=True))
    counts = "、".join(f"{WHAT[table]} {n}" for table, n in report.counts.items())
    print(say("copy_done", counts=counts, revision=report.revision))
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
