"""``lianmeng user``, ``audit``, ``backup``, ``restore`` and the serve refusal, run as people run them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from test_cli import run_cli

from graphdb.sqlite_store import SqliteStore
from lianmeng.access import local_user
from lianmeng.cli import main
from lianmeng.sample import sample_street


def test_user_add_reads_the_password_twice_from_stdin(data_dir: Path):
    env = {"LIANMENG_DATA_DIR": str(data_dir)}
    done = run_cli("user", "add", "王主任", "--role", "admin", env=env, stdin="pass-word-1\npass-word-1\n")
    assert done.returncode == 0, done.stderr
    assert "已添加用户“王主任”（管理员）" in done.stdout
    [row] = sqlite3.connect(data_dir / "lianmeng.sqlite3").execute("SELECT name, role, password_hash FROM users")
    assert row[:2] == ("王主任", "admin") and row[2].startswith("$argon2id$") and "pass-word-1" not in row[2]
    listed = run_cli("user", "list", "--json", env=env)
    assert json.loads(listed.stdout) == [{"name": "王主任", "role": "admin", "alliance": None, "email": None,
                                          "has_password": True}]


def test_a_mismatched_password_is_refused_and_nothing_written(data_dir: Path):
    env = {"LIANMENG_DATA_DIR": str(data_dir)}
    done = run_cli("user", "add", "王主任", "--role", "admin", env=env, stdin="pass-word-1\npass-word-2\n")
    assert done.returncode == 1
    assert "两次输入的密码不一致" in done.stderr and "Traceback" not in done.stderr
    assert SqliteStore(data_dir / "lianmeng.sqlite3").users() == []


def test_passwd_and_remove(data_dir: Path, monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("first-pass\nfirst-pass\n"))
    assert main(["user", "add", "李", "--role", "viewer"]) == 0
    store = SqliteStore(data_dir / "lianmeng.sqlite3")
    old = store.user("李").password_hash
    monkeypatch.setattr("sys.stdin", io.StringIO("second-pass\nsecond-pass\n"))
    assert main(["user", "passwd", "李"]) == 0
    assert store.user("李").password_hash != old
    assert main(["user", "remove", "李"]) == 0
    assert main(["user", "remove", "李"]) == 1
    assert "用户“李”不存在" in capsys.readouterr().err
    actions = [(e.actor, e.action, e.note) for e in store.audit_entries()]
    me = local_user().name
    assert actions == [(me, "user", ""), (me, "user", "password changed"), (me, "user", "")]


def test_audit_json_since_a_date(data_dir: Path, capsys):
    assert main(["demo"]) == 0
    store = SqliteStore(data_dir / "lianmeng.sqlite3")
    org = sample_street().organisations[0]
    store.upsert([org.model_copy(update={"phone": "021-0000-0001"})])
    capsys.readouterr()
    assert main(["audit", "--since", "2000-01-01", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [(e["actor"], e["action"], e["revision"]) for e in entries] == [
        ("system", "edit", 2), (local_user().name, "demo", 1)]
    [item] = entries[0]["items"]
    assert item == {"table": "organisations", "id": org.id, "change": "changed",
                    "before": org.model_dump(mode="json"),
                    "after": {**org.model_dump(mode="json"), "phone": "021-0000-0001"}}
    assert main(["audit", "--since", "2999-01-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["audit", "--actor", "system"]) == 0
    assert capsys.readouterr().out.count("\n") == 1


def test_backup_then_restore_on_the_command_line(data_dir: Path, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["backup"]) == 0
    saved = capsys.readouterr().out.strip()
    assert "已备份" in saved
    name = saved.split("：", 1)[1].split("（")[0]
    store = SqliteStore(data_dir / "lianmeng.sqlite3")
    store.delete("meetings", [m.id for m in sample_street().meetings])
    assert main(["restore", name]) == 0
    assert store.snapshot().canonical() == sample_street().canonical()
    assert store.audit_entries(limit=1)[0].action == "restore"
    assert main(["restore", "--list"]) == 0
    listed = capsys.readouterr().out
    assert "scheduled" in listed and "before_restore" in listed


def test_serve_refuses_to_open_to_the_network_without_users(data_dir: Path, capsys):
    assert main(["serve", "--host", "0.0.0.0", "--port", "8999"]) == 3
    err = capsys.readouterr().err
    assert "lianmeng user add" in err and "--role admin" in err
