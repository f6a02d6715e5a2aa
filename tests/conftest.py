"""Shared fixtures: a fresh store per test on every backend, and the sample street.

``store`` is parametrised over :data:`BACKENDS`; the Neo4j backend runs against a real
server started once per test session (:func:`neo4j_server_uri`): a fresh data folder on a
free port, unless ``NEO4J_URI`` names a server (whose database the tests then EMPTY).
Without Java and Maven the Neo4j tests skip with a message saying how to get them; under
CI (``CI=true``) a Neo4j that cannot start fails them instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from graphdb.sqlite_store import SqliteStore  # noqa: E402
from graphdb.store import GraphStore  # noqa: E402
from lianmeng.dataset import Dataset  # noqa: E402
from lianmeng.sample import sample_street  # noqa: E402

BACKENDS = ["embedded", "neo4j"]
#: the store fixture's parameters: Neo4j runs carry the ``neo4j`` marker (``make test-fast`` skips them)
BACKEND_PARAMS = [pytest.param(kind, marks=pytest.mark.neo4j) if kind == "neo4j" else kind for kind in BACKENDS]


def _unavailable(reason: str, what: str = "Neo4j 无法启动") -> None:
    """Skip, or under CI fail: a CI run must prove what it needs (Neo4j, Chromium, the
    OIDC provider), not quietly skip it."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true 但 {what}：{reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium for the browser tests: skipped when missing, failed under CI."""
    from chromium import chromium_path

    path = chromium_path()
    if path is None:
        _unavailable("浏览器测试需要 Chromium：apt-get install -y chromium（.ci/run 会自动安装）/ Chromium missing",
                     what="浏览器测试无法运行")
    return path


@pytest.fixture(scope="session")
def neo4j_server_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Bolt URI of a real Neo4j for this session: ``NEO4J_URI`` if set, else one started here."""
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"]
        return
    from graphdb.neo4j_server import Neo4jServer, Neo4jServerError, tools_available

    ok, reason = tools_available()
    if not ok:
        _unavailable(reason)
    server = Neo4jServer(tmp_path_factory.mktemp("neo4j"))
    try:
        server.start()
    except Neo4jServerError as exc:
        _unavailable(str(exc))
    try:
        yield server.uri
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_session_store(neo4j_server_uri: str) -> Iterator[GraphStore]:
    """One connected store (one driver, constraints created) shared by the session."""
    from graphdb.neo4j_store import Neo4jStore

    store = Neo4jStore.connect(neo4j_server_uri, user=os.environ.get("NEO4J_USER", "neo4j"),
                               password=os.environ.get("NEO4J_PASSWORD", ""),
                               database=os.environ.get("NEO4J_DATABASE", "neo4j"))
    try:
        yield store
    finally:
        store.close()


def empty_neo4j(session_store: GraphStore) -> GraphStore:
    """A store on the session's driver over a database emptied of everything, revision 0."""
    from graphdb import cypher
    from graphdb.neo4j_store import Neo4jStore

    assert isinstance(session_store, Neo4jStore)
    with session_store.driver.session(database=session_store.database) as session:
        session.run(cypher.DELETE_ALL_FOR_TESTS).consume()
    return Neo4jStore(session_store.driver, database=session_store.database, location=session_store.location)


@pytest.fixture(scope="session")
def sample() -> Dataset:
    return sample_street()


def make_store(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> GraphStore:
    if kind == "embedded":
        return SqliteStore(tmp_path / "store.sqlite3")
    if kind == "neo4j":
        return empty_neo4j(request.getfixturevalue("neo4j_session_store"))
    raise ValueError(kind)


@pytest.fixture(params=BACKEND_PARAMS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each backend."""
    s = make_store(request.param, tmp_path, request)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data directory in the environment, embedded store."""
    monkeypatch.setenv("LIANMENG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LIANMENG_STORE", "embedded")
    return tmp_path / "data"


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's own data directory by accident."""
    if "LIANMENG_DATA_DIR" not in os.environ:
        monkeypatch.setenv("LIANMENG_DATA_DIR", "/nonexistent-lianmeng-test-dir")


@pytest.fixture
def sample_dir(data_dir: Path) -> Path:
    """A data directory holding the sample street, loaded by ``lianmeng demo``."""
    from store_state import store_state

    from lianmeng.cli import main

    assert main(["demo"]) == 0
    store_state(data_dir)  # opening and closing once checkpoints the demo's write-ahead log into the file
    return data_dir


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say how many docstring examples ran (``--doctest-modules`` over every package)."""
    reports = [r for key in ("passed", "failed") for r in terminalreporter.stats.get(key, [])
               if r.when == "call" and "::" in r.nodeid and not r.nodeid.startswith("tests/")]
    if reports:
        failed = sum(1 for r in reports if r.failed)
        terminalreporter.write_line(f"doctests: {len(reports)} run, {failed} failed")
