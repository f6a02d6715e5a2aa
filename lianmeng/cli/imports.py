"""Data in and back: ``export`` (its sub-commands live in :mod:`.exports`), ``import``, ``import-snapshot``, ``template``, ``restore``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lianmeng.cli.base import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_UNWRITABLE,
    command,
)
from lianmeng.cli.base import open_cli_store as _store
from lianmeng.settings import Settings
from lianmeng.texts import say


def _export_args(parser: argparse.ArgumentParser) -> None:
    from lianmeng.cli.exports import EXPORTERS

    sub = parser.add_subparsers(dest="export_what", required=True, metavar="WHAT")
    for name, (help_text, configure, _) in EXPORTERS.items():
        configure(sub.add_parser(name, help=help_text, description=help_text))


@command("export", "导出结对清单、协议书、快照、图文件 / exports", _export_args)
def _export(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.cli.exports import EXPORTERS

    return EXPORTERS[args.export_what][2](args, settings)


def _import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".xlsx、.xls、.xlsb、.ods、.csv、文件夹或 .zip / files, folders, zips")
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
    from lianmeng.ops.imports import apply_plan
    from lianmeng.texts import TABLE_LABELS

    report = plan.report()
    if plan.ok and not args.dry_run:
        print(say("import_applying", revision=plan.revision), file=sys.stderr, flush=True)
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
    from lianmeng.ops.imports import UnreadableInput, plan_files

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
    from lianmeng.ops.imports import plan_snapshot
    from lianmeng.snapshot_json import SnapshotFormatError

    try:
        if Path(args.file).stat().st_size > settings.import_max_file_mb * 2**20:
            print(say("safe_snapshot_too_big", file=args.file, size=f"{Path(args.file).stat().st_size / 2**20:.0f} MB",
                      cap=settings.import_max_file_mb), file=sys.stderr)
            return EXIT_UNREADABLE
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
        print(say("write_file_failed", path=args.output, reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_UNWRITABLE
    print(say("template_written", path=args.output))
    return EXIT_OK


def _restore_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", metavar="NAME", help="备份名称（可只写开头）/ backup name or prefix")
    parser.add_argument("--list", action="store_true", help="列出备份 / list backups")


@command("restore", "列出或恢复备份 / list or restore backups", _restore_args)
def _restore(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops.backups import BackupShelf, BackupUnreadable, restore

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
    from lianmeng.snapshot_json import SnapshotFormatError

    chosen = shelf.find(args.name)  # before restoring: the restore adds a newer backup
    with _store(settings) as store:
        try:
            before, revision = restore(store, shelf, chosen.name)
        except (SnapshotFormatError, BackupUnreadable, OSError, UnicodeDecodeError) as exc:  # a damaged backup
            print(say("restore_unreadable", name=chosen.name, reason=exc), file=sys.stderr)
            return EXIT_UNREADABLE
    print(say("restore_done", name=chosen.name, revision=revision, before=before.name))
    return EXIT_OK
