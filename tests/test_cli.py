"""The command line, run as people run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lianmeng.cli import main
from lianmeng.sample import FIGURES


def run_cli(*args: str, env: dict[str, str] | None = None, stdin: str | None = None
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lianmeng.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120, input=stdin)


def test_demo_reset_then_stats_prints_the_seed_figures(data_dir: Path):
    env = {"LIANMENG_DATA_DIR": str(data_dir)}
    assert run_cli("demo", "--reset", env=env).returncode == 0
    result = run_cli("stats", "--json", env=env)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert list(figures) == ["alliances", "organisations", "pairings", "meetings", "outcomes"]
    assert {k: v for k, v in figures.items() if k != "outcomes"} == FIGURES
    # the existing keys print byte for byte as before; the ledger's last full year follows (issue 16)
    assert result.stdout.startswith(json.dumps(FIGURES, ensure_ascii=False)[:-1] + ', "outcomes": {"year": 2025')
    outcome = figures["outcomes"]
    assert outcome["volunteers"] >= 2000 and 900_000 <= outcome["donated"] <= 1_000_000


def test_demo_does_not_overwrite_without_reset(data_dir: Path, capsys):
    assert main(["demo"]) == 0
    assert main(["demo"]) == 0
    assert "--reset" in capsys.readouterr().err


def test_bad_setting_gives_a_message_not_a_traceback(data_dir: Path, monkeypatch, capsys):
    monkeypatch.setenv("LIANMENG_STORE", "mongodb")
    assert main(["stats"]) == 3
    err = capsys.readouterr().err
    assert "LIANMENG_STORE" in err and "Traceback" not in err
    assert main(["stats", "--json"]) == 3  # with --json the same message, as JSON on standard output
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["code"] == 3 and error["kind"] == "unavailable" and "LIANMENG_STORE" in error["message"]


@pytest.mark.parametrize("argv", [
    ["nosuch"], ["stats", "--bogus"], ["import"], ["gaps", "--ending-days", "x"],
    ["user", "add", "小王", "--role", "superuser"],
])
def test_a_wrong_command_line_exits_64_in_chinese_before_any_prompt(argv, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 64
    err = capsys.readouterr().err
    assert "用法：lianmeng" in err and "命令行有误" in err and "usage:" not in err


def test_version(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0 and capsys.readouterr().out.startswith("lianmeng ")


@pytest.mark.parametrize(("argv", "code", "kind"), [
    (["import", "/nonexistent/组织.xlsx"], 2, "unreadable"),
    (["recommend", "不存在的组织"], 1, "invalid"),
    (["stats", "--bogus"], 64, "usage"),
    (["gaps", "--ending-days", "x"], 64, "usage"),
])
def test_json_errors_are_json_with_the_same_exit_code(argv, code, kind, data_dir: Path, capsys, monkeypatch):
    monkeypatch.setenv("LIANMENG_DATA_DIR", str(data_dir))
    try:
        plain = main(argv)
    except SystemExit as stopped:
        plain = stopped.code
    text = capsys.readouterr()
    assert plain == code and text.out == "" and text.err.strip()
    try:
        answered = main([*argv, "--json"])
    except SystemExit as stopped:
        answered = stopped.code
    out = capsys.readouterr().out
    document = json.loads(out)
    assert answered == code
    assert document["ok"] is False and document["error"]["code"] == code and document["error"]["kind"] == kind
    assert document["error"]["message"] and "Traceback" not in out


def test_an_import_with_errors_keeps_its_own_json_report(tmp_path: Path, data_dir: Path, capsys, monkeypatch):
    monkeypatch.setenv("LIANMENG_DATA_DIR", str(data_dir))
    bad = tmp_path / "组织.csv"
    bad.write_text("名称,范围\n某单位,火星\n", encoding="utf-8")
    assert main(["import", str(bad), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"ok", "errors", "warnings", "changes"} and report["errors"][0]["value"] == "火星"
