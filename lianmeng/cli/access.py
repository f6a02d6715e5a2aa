"""Who may do what: ``user``, ``audit``, ``backup``."""

from __future__ import annotations

import argparse
import sys

from lianmeng.access import Role
from lianmeng.cli.base import (
    EXIT_OK,
    command,
    print_json,
)
from lianmeng.cli.base import open_cli_store as _store
from lianmeng.settings import Settings
from lianmeng.texts import say


def _read_password_twice() -> str:
    """Typed twice at a terminal, or two lines of standard input in a script."""
    import getpass

    from lianmeng.ops.users import check_password_pair

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
    add.add_argument("--role", required=True, choices=[role.value for role in Role],
                     help="viewer、chair、planner 或 admin")
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
    from lianmeng.ops import users
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
    from lianmeng.ops.backups import BackupShelf

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
