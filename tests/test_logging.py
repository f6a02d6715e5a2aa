"""One logging configuration: events land in logs/lianmeng.log of the data directory,
warnings on standard error, and no password ever reaches either."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from graphdb.sqlite_store import SqliteStore
from lianmeng import logs
from lianmeng.ops.backups import BackupShelf, restore
from lianmeng.ops.street import load_demo
from lianmeng.ops.users import SignInRefused, SignInThrottle, add_user, sign_in


@pytest.fixture()
def log_file(tmp_path: Path):
    path = logs.configure(tmp_path / "data", "INFO")
    yield path
    logs._configured.clear()
    for handler in list(logging.getLogger(logs.LOGGER_NAME).handlers):
        handler.close()
        logging.getLogger(logs.LOGGER_NAME).removeHandler(handler)


def _flushed(path: Path) -> str:
    for handler in logging.getLogger(logs.LOGGER_NAME).handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("raw", "shown"), [
    ("neo4j+s://admin:p%40ss@x.databases.neo4j.io", "neo4j+s://***@x.databases.neo4j.io"),
    ("bolt://neo4j:s3cret@127.0.0.1:7687 不可用", "bolt://***@127.0.0.1:7687 不可用"),
    ("NEO4J_PASSWORD=hunter2 或 密码：abc123", "NEO4J_PASSWORD=*** 或 密码：***"),
    ("bolt://127.0.0.1:7687", "bolt://127.0.0.1:7687"),
])
def test_credentials_are_redacted(raw: str, shown: str):
    assert logs.Redact.text(raw) == shown


def test_sign_ins_restores_and_lockouts_are_logged_without_passwords(log_file: Path, tmp_path: Path):
    store = SqliteStore(tmp_path / "s.sqlite3")
    load_demo(store)
    add_user(store, "王芳", "planner", "correct-horse-9")
    throttle = SignInThrottle()
    sign_in(store, "王芳", "correct-horse-9", throttle)
    with pytest.raises(SignInRefused):
        sign_in(store, "王芳", "wrong-password-1", throttle)
    with pytest.raises(SignInRefused):
        sign_in(store, "王芳", "wrong-password-2", throttle)  # now throttled
    shelf = BackupShelf(tmp_path / "backups")
    saved = shelf.save(store, "test")
    restore(store, shelf, saved.name)
    text = _flushed(log_file)
    assert "登录成功：王芳" in text and "登录失败：用户名“王芳”" in text and "登录被暂缓" in text
    assert f"恢复备份：system 恢复 {saved.name}" in text
    assert "correct-horse" not in text and "wrong-password" not in text
    store.close()


def test_an_unreachable_neo4j_is_logged_once_without_its_password(tmp_path: Path):
    env = {"LIANMENG_DATA_DIR": str(tmp_path), "LIANMENG_STORE": "neo4j", "PATH": "/usr/bin:/bin",
           "NEO4J_URI": "bolt://neo4j:topsecret@127.0.0.1:9", "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "lianmeng.cli", "stats"], env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 3
    log = (tmp_path / "logs" / "lianmeng.log").read_text(encoding="utf-8")
    assert "数据库错误" in log and "topsecret" not in log
    assert "127.0.0.1:9" in run.stderr and "lianmeng.store" not in run.stderr  # shown once, not again by the logger
