"""The README stays short and names the two set-up commands; docs/settings.md documents
every setting with its default."""

from __future__ import annotations

from pathlib import Path

from lianmeng.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETTINGS_DOC = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_with_its_default():
    for spec in SETTINGS:
        line = next((ln for ln in SETTINGS_DOC.splitlines() if f"`{spec.env}`" in ln), None)
        assert line is not None, f"{spec.env} missing from docs/settings.md"
        assert f"`{spec.default}`" in line or (spec.default == "" and "（空）" in line), spec.env


def test_two_setup_commands():
    assert "make run" in README and "make test" in README


def test_readme_is_short_and_its_links_resolve():
    import re

    assert len(README.encode("utf-8")) <= 8 * 1024
    for target in re.findall(r"\]\(((?:docs/)?[\w./-]+\.md)\)", README):
        assert (ROOT / target).is_file(), target
