"""``lianmeng copy`` between the embedded store and a real Neo4j, both directions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import empty_neo4j

from graphdb.sqlite_store import SqliteStore
from graphdb.store import TargetNotEmpty
from lianmeng.access import Role, User
from lianmeng.cli import main
from lianmeng.dataset import Dataset
from lianmeng.ops.copying import copy_store
from lianmeng.records import Organisation, Scope
from lianmeng.sample import FIGURES


def test_copy_refuses_a_non_empty_target_and_writes_nothing(tmp_path: Path, sample: Dataset):
    source, target = SqliteStore(tmp_path / "a.sqlite3"), SqliteStore(tmp_path / "b.sqlite3")
    source.replace_all(sample)
    lone = Organisation(id="lone", name="目标里原有的单位", scope=Scope.EXTERNAL)
    target.upsert([lone])
    with pytest.raises(TargetNotEmpty, match="--replace"):
        copy_store(source, target)
    assert target.snapshot() == Dataset(organisations=[lone]) and target.revision() == 1
    steps: list[str] = []
    report = copy_store(source, target, replace=True, progress=steps.append)
    assert report.counts == sample.counts() and report.revision == 2
    assert target.snapshot().canonical() == sample.canonical()
    assert len(steps) == 3 and "单个事务" in steps[1]


def test_copy_to_the_same_backend_is_refused(data_dir: Path, capsys):
    assert main(["copy", "--from", "embedded", "--to", "embedded"]) == 1
    assert "--from" in capsys.readouterr().err


@pytest.mark.neo4j
def test_copy_both_ways_through_the_command_line(data_dir: Path, neo4j_session_store, monkeypatch, capsys,
                                                sample: Dataset):
    neo = empty_neo4j(neo4j_session_store)
    monkeypatch.setenv("NEO4J_URI", neo.location)
    assert main(["demo", "--reset"]) == 0  # into the embedded store
    SqliteStore(data_dir / "lianmeng.sqlite3").save_user(User("只在内置库", Role.VIEWER, password_hash="$argon2id$h"))

    assert main(["copy", "--from", "embedded", "--to", "neo4j"]) == 0
    out = capsys.readouterr()
    assert "组织 82" in out.out and "核对" in out.err
    # written as the local admin and audited in the target's own trail; users are not copied
    [entry] = neo.audit_entries()
    assert (entry.action, entry.note, entry.revision) == ("copy", "embedded → neo4j", 1)
    assert entry.actor.startswith("local:") and len(entry.items) == sum(sample.counts().values())
    assert neo.users() == []
    monkeypatch.setenv("LIANMENG_STORE", "neo4j")
    assert main(["stats", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert {k: v for k, v in figures.items() if k != "outcomes"} == FIGURES and figures["outcomes"]["year"] == 2025
    assert neo.snapshot().canonical() == sample.canonical()

    # the target now holds data: refused without --replace, and nothing changes
    revision = neo.revision()
    assert main(["copy", "--from", "embedded", "--to", "neo4j"]) == 1
    assert "--replace" in capsys.readouterr().err
    assert neo.revision() == revision

    # back again: an edit made in Neo4j arrives in the embedded store
    neo.upsert([Organisation(id="from-neo4j", name="在 Neo4j 里新增的单位", scope=Scope.REGIONAL)])
    assert main(["copy", "--from", "neo4j", "--to", "embedded", "--replace"]) == 0
    local = SqliteStore(data_dir / "lianmeng.sqlite3")
    embedded = local.snapshot()
    assert embedded.canonical() == neo.snapshot().canonical()
    assert "from-neo4j" in {o.id for o in embedded.organisations}
    # the embedded store keeps its own user and trail: demo, then this copy naming one addition
    assert [u.name for u in local.users()] == ["只在内置库"]
    copied, user_added, demo = local.audit_entries()
    assert (copied.action, demo.action, user_added.action) == ("copy", "demo", "user")
    assert [(i.table, i.record_id, i.change) for i in copied.items] == [("organisations", "from-neo4j", "added")]
