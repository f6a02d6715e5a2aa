"""Exact betweenness cached per revision on disk (lianmeng/ops/exact_cache.py): equal to
NetworkX on the sample street, invalidated by a write, found again after a restart (a new
object and a new process reading the same data directory), and what
``lianmeng centrality --exact`` prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from analysis.graphs import pairing_network
from graphdb.sqlite_store import SqliteStore
from lianmeng.cli import main
from lianmeng.ops.exact_cache import CACHE_FOLDER, ExactBetweennessCache, ExactRunner, exact_now
from lianmeng.ops.street import load_demo
from lianmeng.records import Organisation, Scope
from lianmeng.sample import sample_street


@pytest.fixture
def demo(tmp_path: Path):
    store = SqliteStore(tmp_path / "lianmeng.sqlite3")
    load_demo(store)
    try:
        yield store
    finally:
        store.close()


def _files(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / CACHE_FOLDER).glob("*.json"))


def test_exact_result_equals_networkx_and_is_cached(demo: SqliteStore, tmp_path: Path):
    shown: list[float] = []
    result, cached = exact_now(demo, tmp_path, progress=shown.append)
    assert not cached and result.revision == demo.revision() and shown[-1] == 1.0
    expected = nx.betweenness_centrality(pairing_network(sample_street()))
    assert result.scores.keys() == expected.keys()
    assert all(result.scores[v] == pytest.approx(expected[v], abs=1e-12) for v in expected)
    assert result.scores["prk-02"] == pytest.approx(0.142037, abs=1e-6)
    again, cached = exact_now(demo, tmp_path)
    assert cached and again == result
    assert _files(tmp_path) == [ExactBetweennessCache(tmp_path, f"{demo.kind}:{demo.location}").path(result.revision).name]


def test_a_write_invalidates_the_cache(demo: SqliteStore, tmp_path: Path):
    before, _ = exact_now(demo, tmp_path)
    cache = ExactBetweennessCache(tmp_path, f"{demo.kind}:{demo.location}")
    with demo.action("import"):
        demo.upsert([Organisation(id="new-1", name="新来的外单位", scope=Scope.EXTERNAL)])
    assert demo.revision() > before.revision
    assert cache.load(demo.revision()) is None  # the old result does not answer for the new data
    after, cached = exact_now(demo, tmp_path)
    assert not cached and after.revision == demo.revision() and after.scores["new-1"] == 0.0
    assert _files(tmp_path) == [cache.path(after.revision).name]  # the old revision's file is gone


def test_the_cache_survives_a_restart(demo: SqliteStore, tmp_path: Path):
    result, _ = exact_now(demo, tmp_path)
    # a new runner (a restarted explorer) finds it finished at once, starting nothing
    job, started = ExactRunner().job(demo, tmp_path)
    assert not started and job.finished.is_set() and job.result == result
    # and a new process reads the same file
    code = ("import json, sys; from pathlib import Path; from lianmeng.ops.exact_cache import ExactBetweennessCache; "
            f"r = ExactBetweennessCache(Path(sys.argv[1]), sys.argv[2]).load({result.revision}); "
            "print(json.dumps(r.scores))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path), f"{demo.kind}:{demo.location}"],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == result.scores


def test_the_runner_computes_once_per_revision_in_the_background(demo: SqliteStore, tmp_path: Path):
    runner = ExactRunner()
    job, started = runner.job(demo, tmp_path)
    assert started
    result = job.wait(timeout=60)
    assert result is not None and job.error is None and job.done == 1.0
    same, started_again = runner.job(demo, tmp_path)
    assert same is job and not started_again
    assert ExactBetweennessCache(tmp_path, f"{demo.kind}:{demo.location}").load(demo.revision()) == result


def test_centrality_exact_command_waits_for_the_exact_values(data_dir: Path, capsys,
                                                            monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LIANMENG_BETWEENNESS_EXACT_MAX", "10")
    monkeypatch.setenv("LIANMENG_COMPILED_MIN", "10")  # the 82-node sample counts as large
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["centrality", "--measure", "betweenness", "--top", "1", "--json"]) == 0
    estimate = json.loads(capsys.readouterr().out)
    assert estimate["methods"] == {"betweenness": "sampled ε=0.001 networkit KADABRA"}
    assert main(["centrality", "--measure", "betweenness", "--top", "1", "--exact", "--json"]) == 0
    captured = capsys.readouterr()
    exact = json.loads(captured.out)
    assert exact["methods"] == {"betweenness": "exact igraph"}
    assert exact["top"]["betweenness"][0]["id"] == "prk-02" and exact["top"]["betweenness"][0]["score"] == 0.142037
    assert "精确中介中心性计算中：已完成 100%" in captured.err
    assert _files(data_dir)  # cached: the second call reads the file, printing no progress
    assert main(["centrality", "--measure", "betweenness", "--exact", "--json"]) == 0
    assert capsys.readouterr().err == ""
