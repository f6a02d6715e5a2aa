"""UI speed: network view build, page reruns under AppTest, browser time to a drawn view.

Run by hand (``make bench`` or ``.venv/bin/python bench/ui.py``; ``--pages`` or ``--quick``
times only the page reruns; ``--sizes street,district,city,province`` chooses the sizes —
the province, 200,000 organisations, builds the aggregated view only and times what the
coverage page computes, step by step: usable there means each within 5 s, the pairing plan
apart, once per revision); prints one table,
wall and CPU milliseconds side by side (the browser's CPU is Chromium's, not shown), with
the load average. Targets
from issue 6: building the network view (layout + HTML) for 1,000 organisations < 1 s and
for 20,000 < 5 s; page reruns < 300 ms at street size and < 1.5 s at district size; the
1,000-organisation view ready in headless Chromium < 1 s. The 工作台账 page (issue 16) is
among the timed reruns: ≤ 300 ms on the street.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.append(str(ROOT / "bench"))

from clock import command_line, footer, header  # noqa: E402

from graphdb.sqlite_store import SqliteStore  # noqa: E402
from lianmeng.dataset import Dataset  # noqa: E402
from lianmeng.sample import sample_street  # noqa: E402
from lianmeng.synthetic import SIZES, synthetic_network  # noqa: E402
from views.aggregate import aggregate_view  # noqa: E402
from views.explorer import explorer_view  # noqa: E402
from views.layout import dataset_layout  # noqa: E402
from views.network import pairing_graph, select  # noqa: E402

ROWS: list[tuple[str, str, str, str, str, str]] = []

#: the pages whose rerun is timed (the first run includes the analysis report for
#: coverage/structure and the organisations page's ranks, computed once per revision)
PAGES = ("pages/network.py", "pages/structure.py", "pages/coverage.py", "pages/organisations.py", "pages/ledger.py")


def _row(what: str, size: str, seconds: float, target: float | None, note: str = "",
         cpu: float | None = None) -> None:
    verdict = "" if target is None else ("ok" if seconds < target else "SLOW")
    ROWS.append((what, size, f"{seconds * 1000:,.0f} ms", "—" if cpu is None else f"{cpu * 1000:,.0f} ms",
                 "" if target is None else f"< {target * 1000:,.0f} ms", f"{verdict} {note}".strip()))
    print(f"  {what} [{size}]: {seconds * 1000:,.0f} ms {note}", file=sys.stderr, flush=True)


def _best(fn: Callable[[], object], repeat: int) -> tuple[float, object, float]:
    """The fastest of ``repeat`` runs: wall seconds, result, CPU seconds of that run."""
    best, result, best_cpu = float("inf"), None, 0.0
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall = time.perf_counter() - start
        if wall < best:
            best, best_cpu = wall, time.process_time() - cpu
    return best, result, best_cpu


def bench_build(name: str, dataset: Dataset, target: float | None, repeat: int, detailed: bool = True) -> str:
    def layout():
        return dataset_layout(dataset)

    def whole() -> str:
        # what the page does on a new revision, detailed whatever the size
        positions = dataset_layout(dataset)
        selection = select(dataset)
        graph = pairing_graph(selection)
        return explorer_view(dataset, selection, graph, positions, detail_max=10**9,
                             sizes=dict(graph.degree()), size_label="度数").html

    def aggregated() -> tuple[str, int, int]:
        view = aggregate_view(dataset, select(dataset))
        return view.html(), len(view.nodes), len(view.edges)

    document = ""
    if detailed:
        seconds, _, cpu = _best(layout, repeat)
        _row("layout", name, seconds, None, cpu=cpu)
        seconds, document, cpu = _best(whole, repeat)
        _row("view build: layout + selection + HTML", name, seconds, target, f"({len(document) / 1e6:.1f} MB)", cpu)
    seconds, (html, nodes, edges), cpu = _best(aggregated, repeat)
    _row("aggregated view build", name, seconds, None if detailed else target,
         f"({nodes:,} nodes, {edges:,} edges, {len(html) / 1e6:.1f} MB)", cpu)
    return str(document)


#: "usable" at province size (issue 19): a page's data — what it computes before drawing,
#: once per revision — ready within this many seconds
DATA_TARGET = 5.0


def bench_coverage_data(name: str, dataset: Dataset) -> None:
    """What the coverage page computes from a snapshot, step by step, as it calls it
    (lianmeng/web/analysis_data.py and the views): the report, the tables and charts it
    draws, one member's recommendations and the pairing plan."""
    import datetime as dt

    from analysis.coverage import coverage
    from analysis.plan import plan
    from analysis.recommend import PairingContext
    from lianmeng.records import Linkage
    from views import analysis_charts as charts
    from views import analysis_tables as tables
    from views import ledger as ledger_views

    today = dt.date.today()
    seconds, report, cpu = _best(lambda: coverage(dataset, today=today, ending_days=30), 1)
    _row("coverage page: coverage report", name, seconds, DATA_TARGET, cpu=cpu)

    def frames() -> int:
        made = [tables.alliance_frame(report), ledger_views.activity_columns(report),
                ledger_views.dormant_frame(dataset, report.dormant), tables.target_frame(report),
                *(tables.member_frame(report.flagged(flag), report.names) for flag in ("no_pairing", "no_small")),
                tables.ending_frame(report)]
        charts.coverage_svg(made[0])
        return sum(len(frame) for frame in made)

    seconds, rows, cpu = _best(frames, 1)
    _row("coverage page: tables and chart", name, seconds, DATA_TARGET, f"({rows:,} rows)", cpu)
    seconds, cells, cpu = _best(lambda: charts.matrix_svg(tables.matrix_frame(report)), 1)
    _row("coverage page: alliance × alliance heatmap", name, seconds, DATA_TARGET,
         f"({len(report.matrix.rows):,} × {len(report.matrix.columns):,} cells)", cpu)
    needy = next(m.id for m in report.members if not m.covered)
    seconds, context, cpu = _best(lambda: PairingContext(dataset), 1)
    _row("coverage page: recommendation context (once per revision)", name, seconds, DATA_TARGET, cpu=cpu)
    seconds, _, cpu = _best(lambda: [context.ranked(context.orgs[needy], linkage, 5) for linkage in Linkage], 1)
    _row("coverage page: one member's recommendations", name, seconds, DATA_TARGET, cpu=cpu)
    seconds, result, cpu = _best(lambda: plan(dataset, max_new=2), 1)
    _row("coverage page: pairing plan (once per revision)", name, seconds, None,
         f"({len(result.pairings):,} pairings)", cpu)


def bench_pages(name: str, dataset: Dataset | None, target: float) -> None:
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LIANMENG_DATA_DIR"] = tmp
        os.environ["LIANMENG_STORE"] = "embedded"
        if dataset is not None:
            with SqliteStore(Path(tmp) / "lianmeng.sqlite3") as store:
                store.replace_all(dataset)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
        for page in PAGES:
            start, cpu = time.perf_counter(), time.process_time()
            at.switch_page(page).run()
            first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
            if at.exception:
                raise RuntimeError(at.exception)
            reruns, rerun_cpus = [], []
            for _ in range(5):
                start, cpu = time.perf_counter(), time.process_time()
                at.run()
                reruns.append(time.perf_counter() - start)
                rerun_cpus.append(time.process_time() - cpu)
            _row(f"page {page.split('/')[1]}: first run (empty st caches)", name, first, None, cpu=first_cpu)
            _row(f"page {page.split('/')[1]}: rerun (median of 5)", name, statistics.median(reruns), target,
                 cpu=statistics.median(rerun_cpus))
        # a filter change: the new view is built once, then cached
        at.session_state["network_more_open"] = True  # the filters are built while their expander is open
        at.switch_page("pages/network.py").run()
        start, cpu = time.perf_counter(), time.process_time()
        at.multiselect(key="network_kinds").set_value(["small", "cross_alliance"]).run()
        _row("page network.py: filter change (new view)", name, time.perf_counter() - start, None,
             cpu=time.process_time() - cpu)


def bench_browser(document: str) -> None:
    from chromium import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    if path is None:
        ROWS.append(("browser: view ready", "district", "—", "—", "< 1,000 ms", "skipped: Chromium not installed"))
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        html = Path(tmp) / "district.html"
        html.write_text(document, encoding="utf-8")
        context = pw.chromium.launch_persistent_context(str(Path(tmp) / "profile"), executable_path=path,
                                                        headless=True, args=CHROMIUM_ARGS,
                                                        viewport={"width": 1400, "height": 900})
        try:
            readings = []
            for _ in range(3):
                page = context.new_page()
                page.goto(html.as_uri())
                page.wait_for_function("() => window.lianmengReady !== undefined", timeout=60_000)
                # lianmengReady is performance.now() at the first drawing: ms since navigation start
                readings.append(page.evaluate("() => window.lianmengReady") / 1000)
                page.close()
        finally:
            context.close()
    _row("browser: navigation start → first drawing (best of 3)", "district", min(readings), 1.0)


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of ``pids`` and all their descendants, those that have ended
    too (a closed tab's renderer: its time passes to the parent that waited for it), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        stats[pid] = sum(int(f) for f in fields[11:15]) / ticks  # utime, stime, cutime, cstime
    total, todo, seen = 0.0, list(pids), set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += stats.get(pid, 0.0)
        todo += children.get(pid, [])
    return total


def _children(pid: int) -> list[int]:
    """The direct children of ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _serve(data: Path) -> tuple[object, str]:
    import socket
    import subprocess
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "LIANMENG_DATA_DIR": str(data), "LIANMENG_STORE": "embedded", "LIANMENG_AUTH": "auto"}
    log = open(data / "serve.log", "wb")  # noqa: SIM115 - the server outlives this function
    process = subprocess.Popen([str(Path(sys.executable).with_name("lianmeng")), "serve", "--host", "127.0.0.1",
                                "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.2)
    raise RuntimeError((data / "serve.log").read_text(errors="replace"))


def _timed(label: str, size: str, target: float | None, pids: tuple[list[int], list[int]],
           action: Callable[[], object]) -> None:
    """Time ``action``: wall, the server's CPU (the CPU column) and the browser's (Chromium
    and Playwright's driver, in the note), with the load average."""
    server, browser = _cpu_seconds(pids[0]), _cpu_seconds(pids[1])
    start = time.perf_counter()
    action()
    wall = time.perf_counter() - start
    server, browser = _cpu_seconds(pids[0]) - server, _cpu_seconds(pids[1]) - browser
    load = os.getloadavg()[0]
    _row(label, size, wall, target, f"(browser CPU {browser * 1000:,.0f} ms, load {load:.1f})", cpu=server)


def bench_live(name: str, dataset: Dataset | None, switch_target: float) -> None:
    """The issue-14 timings in Chromium against a live ``lianmeng serve``.

    Each row: the wall time, the server's CPU (``lianmeng serve`` and its Streamlit child)
    in the CPU column, and the browser's CPU (Chromium and Playwright's driver) in the
    note, with the load average. The timed page is a fresh browser context after a warm-up
    in another: its first visit to each page loads that page's files (nothing cached)."""
    import signal

    from chromium import CHROMIUM_ARGS, chromium_path, settle

    path = chromium_path()
    if path is None:
        ROWS.append(("browser: live server", name, "—", "—", "", "skipped: Chromium not installed"))
        return
    from playwright.sync_api import sync_playwright

    ready_js = "() => [...document.querySelectorAll('iframe')].some(f => { try { return Boolean(" \
               "f.contentWindow.lianmengReady) && f.contentWindow.lianmengReady !== window.lmSeen; } " \
               "catch (e) { return false; } })"
    mark_js = "() => { const f = [...document.querySelectorAll('iframe')].find(f => f.contentWindow.lianmengReady);" \
              " window.lmSeen = f ? f.contentWindow.lianmengReady : undefined; }"
    titles = ["网络图", "组织", "覆盖", "结构", "会议", "导出", "街道概览"]
    heading_js = "() => { const h = document.querySelector('[data-testid=stMain] h1'); return h ? h.textContent : ''; }"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        if dataset is not None:
            with SqliteStore(data / "lianmeng.sqlite3") as store:
                store.replace_all(dataset)
        process, url = _serve(data)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
                # the server's process tree, and the browser's: Playwright's driver and Chromium
                # are our children (this process's own polling is left out)
                me = os.getpid()
                pids = ([process.pid], [c for c in _children(me) if c != process.pid])
                try:
                    # warm the server: every page (and its analyses) once
                    warm = browser.new_page(viewport={"width": 1440, "height": 900})
                    warm.goto(url)
                    settle(warm, 300_000)
                    for title in titles:
                        warm.get_by_role("link", name=title, exact=True).click()
                        settle(warm, 300_000)
                    warm.close()
                    page = browser.new_page(viewport={"width": 1440, "height": 900})

                    def first_overview() -> None:
                        page.goto(url)
                        page.get_by_text("党建联盟", exact=True).first.wait_for(timeout=60_000)
                        settle(page)

                    _timed("browser: first overview, warm server", name, 2.0, pids, first_overview)
                    for title in titles:
                        def switch(title: str = title) -> None:
                            if title == "网络图":
                                page.evaluate(mark_js)
                            before = page.evaluate(heading_js)
                            page.get_by_role("link", name=title, exact=True).click()
                            # the new page's heading first (the old run's "not running" state
                            # must not end the timing), then everything drawn
                            page.wait_for_function(f"() => ({heading_js})() !== {json.dumps(before)}",
                                                   timeout=60_000, polling=20)
                            settle(page)
                            if title == "网络图":
                                page.wait_for_function(ready_js, timeout=60_000, polling=20)

                        _timed(f"browser: page switch → {title}", name, switch_target, pids, switch)
                    page.get_by_role("link", name="网络图", exact=True).click()
                    settle(page)
                    page.wait_for_function(ready_js, timeout=60_000)
                    for label in ("商区", "全部"):
                        def focus(label: str = label) -> None:
                            page.evaluate(mark_js)
                            page.locator("[data-testid=stButtonGroup] button", has_text=label).click()
                            page.wait_for_function(ready_js, timeout=60_000, polling=20)

                        _timed(f"browser: focus alliance → {label}", name, 1.0, pids, focus)
                    settle(page)
                    # the frame drawn last (an old one may linger while Streamlit swaps them)
                    frame = max((f for f in page.frames if f.evaluate("() => Boolean(window.lianmengReady)")),
                                key=lambda f: f.evaluate("() => window.lianmengReady + performance.timeOrigin"))
                    spot = frame.evaluate("""() => { const n = window.lianmengNetwork;
                        const g = document.getElementById('lm-graph'); const r = g.getBoundingClientRect();
                        for (const id of n.body.data.nodes.getIds()) { const p = n.canvasToDOM(n.getPosition(id));
                          if (p.x > 20 && p.y > 20 && p.x < g.clientWidth - 360 && p.y < g.clientHeight - 20
                              && n.getNodeAt(p) === id) return {x: p.x + r.left, y: p.y + r.top}; }
                        return null; }""")
                    # the whole graph in the window: a click outside the viewport reaches nothing
                    page.locator("iframe").last.scroll_into_view_if_needed()
                    box = page.locator("iframe").last.bounding_box()
                    clicks = []
                    for _ in range(3):
                        frame.evaluate("() => { document.getElementById('lm-panel').hidden = true; }")
                        start = frame.evaluate("() => performance.now()")
                        cpu = _cpu_seconds(pids[0] + pids[1])
                        page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
                        frame.wait_for_selector("#lm-panel:not([hidden])", timeout=30_000)
                        # from just before the click to the panel filled (the page's own clock)
                        clicks.append(((frame.evaluate("() => window.lianmengPanelOpened") - start) / 1000,
                                       _cpu_seconds(pids[0] + pids[1]) - cpu))
                        page.wait_for_timeout(400)  # no double click
                    best = min(clicks)
                    _row("browser: node click → side panel (best of 3)", name, best[0], 0.3,
                         f"(CPU {best[1]:.2f} s, load {os.getloadavg()[0]:.1f})")
                finally:
                    browser.close()
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def main(argv: list[str] | None = None) -> None:
    sizes = ("street", "district", "city", "province")

    def pages_flag(parser) -> None:
        parser.add_argument("--pages", action="store_true", help="only the page reruns (the same as --quick)")
        parser.add_argument("--browser", action="store_true",
                            help="only the live server in Chromium: first overview, page switches, focus, node click")

    args = command_line(__doc__, sizes, default=sizes[:3], quick=sizes[:2], argv=argv, extra=pages_flag)
    header("bench/ui.py")
    if args.browser:  # a live `lianmeng serve` in Chromium (issue 14's targets)
        # street and district (of --sizes; the larger sizes have no browser target)
        if "street" in args.sizes:
            bench_live("street", None, 1.0)
        if "district" in args.sizes:
            bench_live("district (1,000 orgs)", synthetic_network(*SIZES["district"]), 2.0)
        _print()
        footer()
        return
    pages_only = args.pages or args.quick
    datasets = {"street": sample_street, "district": lambda: synthetic_network(*SIZES["district"]),
                "city": lambda: synthetic_network(*SIZES["city"]),
                "province": lambda: synthetic_network(*SIZES["province"])}
    chosen = {name: datasets[name]() for name in (sizes[:2] if pages_only else args.sizes)}
    if not pages_only:
        print("building views …", file=sys.stderr)
        settings = {"street": ("street (82 orgs)", None, 5), "district": ("district (1,000 orgs)", 1.0, 3),
                    "city": ("city (20,000 orgs)", 5.0, 2), "province": ("province (200,000 orgs)", DATA_TARGET, 1)}
        documents = {}
        for name, dataset in chosen.items():
            label, target, repeat = settings[name]
            documents[name] = bench_build(label, dataset, target, repeat, detailed=name != "province")
            if name == "province":  # the explorer at that size: the coverage page's data (issue 19)
                bench_coverage_data(label, dataset)
    print("page reruns under AppTest …", file=sys.stderr)
    if "street" in chosen:
        bench_pages("street", None, 0.3)
    if "district" in chosen:
        bench_pages("district", chosen["district"], 1.5)
    if not pages_only and "district" in chosen:
        print("browser …", file=sys.stderr)
        bench_browser(documents["district"])
    _print()
    footer()


def _print() -> None:
    headers = ("measure", "size", "wall", "CPU", "target", "verdict")
    widths = [max(len(h), *(len(r[i]) for r in ROWS)) for i, h in enumerate(headers)]
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in ROWS:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
