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


# --- copy between backends (issue 3) ---------------------------------------------------


def _copy_args(parser: argparse.ArgumentParser) -> None:
    from lianmeng.settings import STORE_KINDS

    parser.add_argument("--from", dest="source", required=True, choices=STORE_KINDS, help="来源 / source backend")
    parser.add_argument("--to", dest="target", required=True, choices=STORE_KINDS, help="目标 / target backend")
    parser.add_argument("--replace", action="store_true", help="覆盖非空的目标 / overwrite a non-empty target")


@command("copy", "在内置数据库与 Neo4j 之间复制全部数据 / copy everything between backends", _copy_args)
def _copy(args: argparse.Namespace, settings: Settings) -> int:
    from graphdb import open_store
    from lianmeng.copying import copy_store
    from lianmeng.dataset import WHAT

    if args.source == args.target:
        print(say("copy_same_store", kind=args.source), file=sys.stderr)
        return EXIT_INVALID
    with open_store(settings, kind=args.source) as source, open_store(settings, kind=args.target) as target:
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
