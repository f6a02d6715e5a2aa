"""The street itself: ``demo``, ``stats``, ``serve``, and ``copy`` between backends."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from lianmeng.cli.base import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNAVAILABLE,
    command,
)
from lianmeng.cli.base import open_cli_store as _store
from lianmeng.settings import Settings
from lianmeng.texts import say


@command("demo", "载入示例街道 / load the sample street",
         lambda p: p.add_argument("--reset", action="store_true", help="先清空数据库 / empty the store first"))
def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from lianmeng.ops.street import load_demo, stats

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
    from lianmeng.ops.street import stats
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
    outcome = figures["outcomes"]
    if outcome:  # issue 16
        print(say("ledger_stats_line", **outcome))
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
    print(say("serve_starting", host=host, port=port), flush=True)
    # the app decides about sign-in from LIANMENG_HOST: give it the address it listens on
    os.environ["LIANMENG_HOST"] = host
    # st.App (Starlette) with the sign-in routes and, when sign-in is on, the session gate
    return _run_server([sys.executable, "-m", "lianmeng.web.server", "--host", host, "--port", str(port)])


def _run_server(command: list[str]) -> int:
    """Run the explorer's server as a child and pass on a stop: ``kill <pid of lianmeng
    serve>`` (a service manager's SIGTERM, a closed terminal's SIGHUP) stops the server
    too, instead of leaving it holding the port; so does an interrupt."""
    import signal

    child = subprocess.Popen(command)

    def forward(signum: int, frame: object) -> None:
        if child.poll() is None:
            child.send_signal(signum)

    stops = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {sig: signal.signal(sig, forward) for sig in stops}
    try:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:  # Ctrl-C (the server has it too from the terminal): pass it on, wait
                forward(signal.SIGINT, None)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

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
    from lianmeng.dataset import WHAT
    from lianmeng.ops.copying import copy_store

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
