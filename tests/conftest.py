"""Shared fixtures: a fresh store per test on every backend, and the sample street.

``store`` is parametrised over :data:`BACKENDS`; the Neo4j backend runs against a real
server started once per test session (see ``tests/neo4j_fixture.py``).
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

BACKENDS = ["embedded"]


@pytest.fixture(scope="session")
def sample() -> Dataset:
    return sample_street()


def make_store(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> GraphStore:
    if kind == "embedded":
        return SqliteStore(tmp_path / "store.sqlite3")
    raise ValueError(kind)


@pytest.fixture(params=BACKENDS)
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
