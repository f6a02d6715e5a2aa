"""The floors of the house hold: import-linter's contracts (pyproject.toml) pass, and they
would fail for a planted violation of each kind."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("lianmeng", "graphdb", "ingest", "analysis", "meetings", "exports", "views")
UPPER_FLOORS = {"ops", "cli", "web"}


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the tree at ``root`` (its own pyproject.toml, no cache)."""
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run([sys.executable, "-c", code, "--no-cache", "--no-logo"], cwd=root,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "COLUMNS": "400"},
                          capture_output=True, text=True, timeout=300)


def test_the_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_lianmeng_module_has_a_floor():
    """A new module in lianmeng/ is either on the ground (listed in the contract) or in an
    upper floor's package; it cannot slip past the contracts unlisted."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ground = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "ground")
    listed = {name.removeprefix("lianmeng.") for name in ground["source_modules"]}
    modules = {p.stem for p in (ROOT / "lianmeng").glob("*.py") if p.stem != "__init__"}
    packages = {p.name for p in (ROOT / "lianmeng").iterdir() if (p / "__init__.py").is_file()}
    assert packages == UPPER_FLOORS
    assert modules == listed


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("analysis/planted.py", "import graphdb.store\n", "Analyses and views import no store"),
    ("views/planted.py", "import streamlit\n", "Analyses and views import no store"),
    ("lianmeng/texts.py", "import lianmeng.ops.street\n", "The ground"),
    ("ingest/planted.py", "import lianmeng.ops.imports\n", "Floors"),
    ("exports/planted.py", "import meetings.pack\n", "Floors"),
    ("exports/planted.py", "import graphdb.sqlite_store\n", "Only the operations"),
    ("analysis/graphs.py", "import analysis.report\n", "No module cycles"),
])
def test_a_planted_violation_breaks_its_contract(tree_copy: Path, module: str, line: str, contract: str):
    target = tree_copy / module
    original = target.read_text(encoding="utf-8") if target.exists() else None
    target.write_text((original or "") + line, encoding="utf-8")
    try:
        result = lint_imports(tree_copy)
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    broken = [ln for ln in result.stdout.splitlines() if ln.endswith("BROKEN")]
    assert any(contract in ln for ln in broken), result.stdout
