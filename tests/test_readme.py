"""The README documents every setting and the two set-up commands."""

from __future__ import annotations

from pathlib import Path

from lianmeng.settings import SETTINGS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_with_its_default():
    for spec in SETTINGS:
        line = next((ln for ln in README.splitlines() if f"`{spec.env}`" in ln), None)
        assert line is not None, f"{spec.env} missing from README"
        assert f"`{spec.default}`" in line or (spec.default == "" and "（空）" in line), spec.env


def test_two_setup_commands():
    assert "make run" in README and "make test" in README
