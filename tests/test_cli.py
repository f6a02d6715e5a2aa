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
    assert json.loads(result.stdout) == FIGURES
    assert list(json.loads(result.stdout)) == ["alliances", "organisations", "pairings", "meetings"]


def test_demo_does_not_overwrite_without_reset(data_dir: Path, capsys):
    assert main(["demo"]) == 0
    assert main(["demo"]) == 0
    assert "--reset" in capsys.readouterr().err


def test_bad_setting_gives_a_message_not_a_traceback(data_dir: Path, monkeypatch, capsys):
    monkeypatch.setenv("LIANMENG_STORE", "mongodb")
    assert main(["stats", "--json"]) == 3
    err = capsys.readouterr().err
    assert "LIANMENG_STORE" in err and "Traceback" not in err


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
