"""A real Neo4j server from tools/neo4j: start, query over Bolt, stop cleanly, restart."""

from __future__ import annotations

import os
import socket
import time

import pytest

from graphdb.neo4j_server import Neo4jServer, Neo4jServerError, build, tools_available

neo4j = pytest.importorskip("neo4j")

_TOOLS_OK, _TOOLS_REASON = tools_available()
pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(not _TOOLS_OK, reason=_TOOLS_REASON),
]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _probe_names(uri: str) -> list[str]:
    with neo4j.GraphDatabase.driver(uri, auth=None) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (p:Probe) RETURN p.name AS name ORDER BY name",
            routing_=neo4j.RoutingControl.READ,
        )
    return [record["name"] for record in records]


def test_build_is_cached():
    first = build()
    started = time.monotonic()
    assert build() == first
    assert time.monotonic() - started < 5, "a valid cache must not call Maven again"


def test_serves_bolt_and_keeps_data_across_clean_restart(tmp_path):
    data = tmp_path / "neo4j"
    server = Neo4jServer(data)
    with server:
        assert server.running
        assert server.uri == f"bolt://127.0.0.1:{server.port}"
        with neo4j.GraphDatabase.driver(server.uri, auth=None) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
            assert records[0]["one"] == 1
            driver.execute_query("CREATE (:Probe {name: $name})", name="联盟 alliance")
        assert _probe_names(server.uri) == ["联盟 alliance"]
        pid = server.pid

    assert not server.running
    assert not _pid_alive(pid)

    with Neo4jServer(data) as again:
        assert _probe_names(again.uri) == ["联盟 alliance"]
    assert not _pid_alive(again.pid)


def test_port_in_use_fails_with_log_tail(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        server = Neo4jServer(tmp_path / "neo4j", port=busy.getsockname()[1], startup_timeout=60)
        with pytest.raises(Neo4jServerError, match="启动失败") as failure:
            server.start()
    assert str(server.log_path) in str(failure.value)
    assert not server.running
