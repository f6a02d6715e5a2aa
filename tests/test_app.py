"""The explorer's pages render headless under AppTest with the sample street."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_overview_loads_the_sample_on_first_start_and_shows_counts(data_dir: Path):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["党建联盟"] == "5"
    assert metrics["体系内组织"] == "48"
    assert metrics["小联动结对"] == "38"
    assert metrics["大联动结对"] == "84"
    assert metrics["联盟层面结对"] == "25"
    assert metrics["街道层面结对"] == "32"
    assert "内置数据库" in at.caption[0].value
    markdown = [m.value for m in at.markdown]
    assert "**商区党建联盟**" in markdown
    assert "共治项目：曹安路商圈诚信经营公益服务共同体" in markdown
