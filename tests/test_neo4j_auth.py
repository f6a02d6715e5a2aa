"""A Neo4j that requires a password: the right one works, a wrong one gets one clear message
in the store, on the command line and in the app, and the password is never shown.

One real auth-enabled server (``Neo4jServer(..., password=...)``) serves the whole module.
Neo4j locks a user for 5 s after 3 failed logins in a row (``auth_max_failed_attempts``,
``auth_lock_time``) and a successful login resets that count, so every test starts with a
right-password login (:func:`fresh_logins`) and no test makes more than 3 wrong ones except
the one about the lock.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from app_pages import APP
from conftest import _unavailable
from streamlit.testing.v1 import AppTest

from graphdb.neo4j_server import Neo4jServer, Neo4jServerError, build, tools_available
from graphdb.neo4j_store import Neo4jStore
from graphdb.store import StoreUnavailable
from lianmeng.records import Organisation, Scope
from lianmeng.texts import say

RIGHT = "Right-Pass-4711"
WRONG = "Wrong-Pass-0815"
RATE_LIMIT = "Neo.ClientError.Security.AuthenticationRateLimit"
LOCK_WAIT_S = 20.0

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """One auth-enabled server on a free port in a temporary folder, stopped at the end."""
    ok, reason = tools_available()
    if not ok:
        _unavailable(reason)
    started = Neo4jServer(tmp_path_factory.mktemp("neo4j-auth"), password=RIGHT)
    try:
        started.start()
    except Neo4jServerError as exc:
        _unavailable(str(exc))
    try:
        yield started
    finally:
        started.stop()
    assert not started.running


def _log_in(uri: str, password: str) -> None:
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        driver.verify_connectivity()


def _wait_until_the_right_password_works(uri: str) -> float:
    """Log in with the right password, waiting out a lock; return the seconds waited."""
    started = time.monotonic()
    while True:
        try:
            _log_in(uri, RIGHT)
            return time.monotonic() - started
        except neo4j.exceptions.ClientError as exc:
            if exc.code != RATE_LIMIT or time.monotonic() - started > LOCK_WAIT_S:
                raise
            time.sleep(0.25)


@pytest.fixture(autouse=True)
def fresh_logins(server: Neo4jServer) -> None:
    """Reset the server's count of failed logins for the ``neo4j`` user."""
    _wait_until_the_right_password_works(server.uri)


def _env(monkeypatch: pytest.MonkeyPatch, server: Neo4jServer, data_dir: Path) -> None:
    monkeypatch.setenv("LIANMENG_DATA_DIR", str(data_dir))
    monkeypatch.setenv("LIANMENG_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", server.uri)
    monkeypatch.setenv("NEO4J_USER", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", WRONG)
    monkeypatch.setenv("NEO4J_DATABASE", "neo4j")


def _assert_the_auth_message(message: str, uri: str) -> None:
    assert message == say("neo4j_auth", uri=uri)
    assert message.startswith(f"Neo4j（{uri}）拒绝登录")
    assert "NEO4J_USER" in message and "NEO4J_PASSWORD" in message
    assert WRONG not in message and RIGHT not in message


def test_the_password_is_never_written_down(server: Neo4jServer):
    """Neo4j copies its command line into logs/debug.log: the password must not be on it."""
    assert server.auth_enabled and RIGHT not in repr(server)
    assert RIGHT not in " ".join(server.command(build()))
    logs = [server.log_path, *sorted((server.data_dir / "logs").glob("*.log"))]
    assert any(path.name == "debug.log" for path in logs)
    for path in logs:
        assert RIGHT not in path.read_text(errors="replace"), path


def test_the_right_password_connects_reads_and_writes(server: Neo4jServer):
    store = Neo4jStore.connect(server.uri, user="neo4j", password=RIGHT)
    try:
        assert store.revision() == 0
        assert store.upsert([Organisation(id="o1", name="有密码的单位", scope=Scope.EXTERNAL)]) == 1
        assert store.revision() == 1
        assert [o.name for o in store.snapshot().organisations] == ["有密码的单位"]
    finally:
        store.close()


@pytest.mark.parametrize("password", [WRONG, ""], ids=["wrong", "none"])
def test_a_wrong_or_missing_password_gives_one_clear_message(server: Neo4jServer, password: str):
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore.connect(server.uri, user="neo4j", password=password)
    _assert_the_auth_message(str(caught.value), server.uri)


def test_a_wrong_user_gives_the_same_message(server: Neo4jServer):
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore.connect(server.uri, user="nobody", password=RIGHT)
    _assert_the_auth_message(str(caught.value), server.uri)


def test_after_three_wrong_passwords_even_the_right_one_is_locked_out_for_a_while(server: Neo4jServer):
    for _ in range(3):
        with pytest.raises(StoreUnavailable) as caught:
            Neo4jStore.connect(server.uri, password=WRONG)
        _assert_the_auth_message(str(caught.value), server.uri)
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore.connect(server.uri, password=RIGHT)
    message = str(caught.value)
    assert message == say("neo4j_auth_locked", uri=server.uri)
    assert server.uri in message and "锁定" in message and "NEO4J_PASSWORD" in message
    assert WRONG not in message and RIGHT not in message
    # the lock lifts by itself (5 s by default) and the right password works again
    assert _wait_until_the_right_password_works(server.uri) < LOCK_WAIT_S


def test_cli_with_a_wrong_password_exits_3_with_the_message(server: Neo4jServer, tmp_path, monkeypatch):
    """The real command (a new process), so nothing, not even the driver's logging, escapes."""
    _env(monkeypatch, server, tmp_path)
    lianmeng = Path(sys.executable).with_name("lianmeng")
    command = [str(lianmeng)] if lianmeng.exists() else [sys.executable, "-m", "lianmeng.cli"]
    result = subprocess.run([*command, "stats"], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 3
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    _assert_the_auth_message(result.stderr.strip(), server.uri)
    # with --json the same message comes as JSON on standard output, the same exit code
    answered = subprocess.run([*command, "stats", "--json"], capture_output=True, text=True, timeout=120, check=False)
    assert answered.returncode == 3 and "Traceback" not in answered.stderr
    _assert_the_auth_message(json.loads(answered.stdout)["error"]["message"], server.uri)


def test_app_with_a_wrong_password_shows_the_message(server: Neo4jServer, tmp_path, monkeypatch):
    _env(monkeypatch, server, tmp_path)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1
    _assert_the_auth_message(at.error[0].value, server.uri)


def test_a_short_password_is_refused_before_java_starts(tmp_path):
    with pytest.raises(Neo4jServerError, match="至少要 8 个字符"):
        Neo4jServer(tmp_path / "neo4j", password="short")
    assert not (tmp_path / "neo4j").exists()
