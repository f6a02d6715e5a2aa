"""The smaller hardening items of issue 15: backups (ambiguous restore prefixes, reason
length, stale partial files), credentials in NEO4J_URI redacted, and one exit code per
failure class across every command."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from graphdb.sqlite_store import SqliteStore
from lianmeng.cli import main
from lianmeng.cli.base import (
    EXIT_INVALID,
    EXIT_UNAVAILABLE,
    EXIT_UNREADABLE,
    EXIT_UNWRITABLE,
    EXIT_USAGE,
)
from lianmeng.ops.backups import REASON_MAX, STALE_TMP_S, BackupShelf
from lianmeng.settings import Settings, redact

LIANMENG = str(Path(sys.executable).with_name("lianmeng"))


def _backups(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "backups").iterdir()) if (data_dir / "backups").exists() else []


# --- backups ---------------------------------------------------------------------------


def test_an_ambiguous_restore_prefix_is_refused_with_the_candidates(sample_dir: Path, capsys):
    assert main(["backup", "--reason", "first"]) == 0
    assert main(["backup", "--reason", "second"]) == 0
    first, second = _backups(sample_dir)
    capsys.readouterr()
    common = os.path.commonprefix([first, second])
    assert main(["restore", common]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert f"有 2 个备份的名称以“{common}”开头" in err
    assert first in err and second in err and "Traceback" not in err
    assert _backups(sample_dir) == [first, second]  # nothing restored, no before-restore backup
    with SqliteStore(sample_dir / "lianmeng.sqlite3") as store:
        assert store.revision() == 1
    # an unambiguous prefix still restores
    assert main(["restore", first[:-len("first.sqlite3")]]) == 0
    assert f"已恢复备份 {first}" in capsys.readouterr().out


def test_an_exact_name_wins_over_longer_names_it_prefixes(tmp_path: Path):
    shelf = BackupShelf(tmp_path)
    tmp_path.joinpath("20260101T000000000000Z-r1-a.json").write_text("{}")
    tmp_path.joinpath("20260101T000000000000Z-r1-a.json.json").write_text("{}")  # not a backup name
    assert shelf.find("20260101T000000000000Z-r1-a.json").reason == "a"


def test_a_damaged_backup_is_an_unreadable_file(sample_dir: Path, capsys):
    assert main(["backup", "--reason", "nightly"]) == 0
    [name] = _backups(sample_dir)
    (sample_dir / "backups" / name).write_text('{"format": ', encoding="utf-8")
    capsys.readouterr()
    assert main(["restore", name]) == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert err.startswith(f"备份“{name}”无法读取，未作任何恢复") and "Traceback" not in err
    assert _backups(sample_dir) == [name]  # not even a before-restore backup
    with SqliteStore(sample_dir / "lianmeng.sqlite3") as store:
        assert store.revision() == 1


def test_a_long_backup_reason_is_refused_in_chinese(sample_dir: Path, capsys):
    assert main(["backup", "--reason", "x" * 300]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert err.strip() == f"备份原因太长（300 个字符）：最多 {REASON_MAX} 个字符，请写得简短些，例如 --reason nightly。"
    assert _backups(sample_dir) == []
    assert main(["backup", "--reason", "x" * REASON_MAX]) == 0
    assert _backups(sample_dir)[0].endswith("-" + "x" * REASON_MAX + ".sqlite3")  # the embedded store's copy


def test_stale_partial_backups_are_removed_by_the_next_backup(sample_dir: Path):
    folder = sample_dir / "backups"
    folder.mkdir()
    stale = folder / "20250101T000000000000Z-r1-import.json.tmp"
    stale_copy = folder / "20250101T000000000000Z-import.sqlite3.tmp"  # a store copy's
    fresh = folder / "20250101T000000000001Z-r1-import.json.tmp"  # another process writing right now
    for path in (stale, stale_copy, fresh):
        path.write_text('{"half": ')
    old = time.time() - STALE_TMP_S - 1
    os.utime(stale, (old, old))
    os.utime(stale_copy, (old, old))
    assert main(["backup"]) == 0
    names = _backups(sample_dir)
    assert stale.name not in names and stale_copy.name not in names and fresh.name in names
    assert len([n for n in names if n.endswith(".sqlite3")]) == 1


def test_prune_alone_removes_stale_partials(tmp_path: Path):
    shelf = BackupShelf(tmp_path, keep=30)
    stale = tmp_path / "x.json.tmp"
    stale.write_text("")
    now = time.time()
    assert shelf.remove_stale_partials(now=now) == []
    os.utime(stale, (now - STALE_TMP_S, now - STALE_TMP_S))
    shelf.prune()
    assert not stale.exists()


def test_an_unwritable_backup_directory_is_a_message_and_leaves_nothing(sample_dir: Path, capsys):
    (sample_dir / "backups").write_text("a file where the folder should be")
    assert main(["backup"]) == EXIT_UNWRITABLE
    err = capsys.readouterr().err
    assert "无法写入备份目录" in err and "Traceback" not in err


# --- credentials in NEO4J_URI ----------------------------------------------------------

SECRET = "s3cret-pw/x"


@pytest.mark.parametrize("uri", [f"bolt://neo4j:{SECRET}@127.0.0.1:1", f"neo4j://neo4j:{SECRET}@127.0.0.1:1",
                                 f"bolt://neo4j:{SECRET}@[bad", f"ftp://neo4j:{SECRET}@host"])
def test_credentials_in_the_neo4j_uri_never_reach_a_message(monkeypatch, capsys, uri: str):
    monkeypatch.setenv("LIANMENG_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", uri)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["stats"]) == EXIT_UNAVAILABLE
    assert not [w for w in caught if "s3cret" in str(w.message)]  # the driver's warnings quote the URI
    err = capsys.readouterr().err
    assert "Neo4j" in err and "***@" in err
    assert "s3cret" not in err and "-pw" not in err
    settings = Settings.from_env()
    for shown in (repr(settings), str(settings), settings.store_location):
        assert "s3cret" not in shown


def test_redact_leaves_plain_addresses_alone():
    assert redact("bolt://127.0.0.1:7687") == "bolt://127.0.0.1:7687"
    assert redact("neo4j+s://abc.databases.neo4j.io") == "neo4j+s://abc.databases.neo4j.io"
    assert redact("mailto:王主任@example.org") == "mailto:王主任@example.org"
    assert redact("neo4j://u:pw@h?password=x&db=y") == "neo4j://***@h?password=***&db=y"


# --- one exit code per failure class -----------------------------------------------------


def _missing(tmp_path: Path, name: str) -> str:
    return str(tmp_path / "no-such-folder" / name)


@pytest.mark.parametrize("argv", [
    ["export", "pairings", "-o", "{missing}/p.xlsx"],
    ["export", "pairings", "-o", "{missing}/p.csv"],
    ["export", "workbook", "-o", "{missing}/w.xlsx"],
    ["export", "snapshot", "-o", "{missing}/s.json"],
    ["export", "agreement-template", "-o", "{missing}/t.docx"],
    ["export", "agreements", "-o", "{missing}/a.docx"],
    ["export", "gexf", "-o", "{missing}/g.gexf"],
    ["calendar", "--year", "2026", "-o", "{missing}/c.ics"],
    ["pack", "--alliance", "商区", "--quarter", "2026Q2", "-o", "{missing}/p.docx"],
    ["template", "-o", "{missing}/t.xlsx"],
], ids=lambda argv: " ".join(argv[:2]))
def test_a_missing_output_directory_is_the_same_code_everywhere(sample_dir: Path, tmp_path: Path, capsys,
                                                                 argv: list[str]):
    argv = [a.replace("{missing}", str(tmp_path / "no-such-folder")) for a in argv]
    assert main(argv) == EXIT_UNWRITABLE
    err = capsys.readouterr().err
    assert "无法写入" in err and "no-such-folder" in err and "Traceback" not in err
    assert not (tmp_path / "no-such-folder").exists()


def test_template_to_a_missing_directory_prints_only_the_message(tmp_path: Path):
    # in a process of its own: openpyxl's "Exception ignored" lines come at interpreter clean-up
    done = subprocess.run([LIANMENG, "template", "-o", "/nonexistent/x.xlsx"], capture_output=True, text=True,
                          env={**os.environ, "LIANMENG_DATA_DIR": str(tmp_path)}, timeout=120)
    assert done.returncode == EXIT_UNWRITABLE
    assert done.stdout == ""
    assert done.stderr.strip() == "无法写入文件“/nonexistent/x.xlsx”：No such file or directory。请检查路径和权限。"


@pytest.mark.parametrize("argv", [["export"], ["restore", "--bogus"], ["calendar", "--year", "abc", "-o", "x.ics"],
                                  ["no-such-command"]])
def test_a_usage_error_has_its_own_code_not_an_input_errors(argv: list[str], capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == EXIT_USAGE and EXIT_USAGE not in (EXIT_INVALID, 2, EXIT_UNAVAILABLE, EXIT_UNWRITABLE)
    assert "命令行有误" in capsys.readouterr().err
