"""The 导入数据 page: renders, shows errors or a preview, applies on confirmation.

Uploading is not possible under AppTest, so the tests put a plan made by the same
function the page calls (``lianmeng.ops.imports.plan_files`` / ``plan_uploads``) into the
page's session state, then drive the page's own widgets.
"""

from __future__ import annotations

from pathlib import Path

from app_pages import APP
from streamlit.testing.v1 import AppTest

from graphdb.sqlite_store import SqliteStore
from ingest.report import errors_workbook, problem_table
from lianmeng.ops.imports import plan_files, plan_uploads
from lianmeng.texts import say

DATA = Path(__file__).parent / "data"
PAGE = "pages/import_data.py"


def _page(data_dir: Path) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()  # first start loads the sample street
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def test_the_page_renders_with_the_template_download_and_the_upload_form(data_dir: Path):
    at = _page(data_dir)
    assert at.title[0].value == "导入数据"
    assert "校验并预览" in [b.label for b in at.button]
    assert [d.label for d in at.get("download_button")] == ["下载模板（.xlsx）"]
    assert at.checkbox(key="import_replace").value is False


def test_errors_show_as_a_table_and_nothing_is_written(data_dir: Path):
    at = _page(data_dir)
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        revision = store.revision()
        plan = plan_files(store, [DATA / "invalid" / "reversed_pair"])
    at.session_state["import_plan"] = plan
    at.run()
    assert not at.exception
    assert any("发现 2 处错误" in e.value for e in at.error)
    table = at.dataframe[0].value
    assert list(table.columns) == ["工作表", "行", "列", "值", "说明"]
    assert table[["工作表", "行", "列"]].values.tolist() == [["结对", 3, "乙方"], ["结对", 4, "乙方"]]
    assert not [b for b in at.button if b.label == "确认导入"]
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert store.revision() == revision


def test_preview_then_confirm_applies_and_the_rest_of_the_app_sees_it(data_dir: Path):
    at = _page(data_dir)
    content = (DATA / "dates" / "结对.csv").read_bytes()
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        revision = store.revision()
        plan = plan_uploads(store, [("组织.csv", (DATA / "dates" / "组织.csv").read_bytes()), ("结对.csv", content)])
    at.session_state["import_plan"] = plan
    at.run()
    preview = at.dataframe[0].value
    assert preview.loc["结对", "新增"] == 6 and preview.loc["组织", "新增"] == 1
    at.button(key="import_apply").click().run()
    assert not at.exception
    assert any(f"数据版本 {revision} → {revision + 1}" in s.value for s in at.success)
    assert "import_plan" not in at.session_state
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert store.revision() == revision + 1
        assert any(o.name == "区检察院党支部（测试）" for o in store.snapshot().organisations)
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["大联动结对"] == "90"  # 84 + the 6 imported external pairings


def test_a_stale_plan_is_not_applied(data_dir: Path):
    at = _page(data_dir)
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        plan = plan_files(store, [DATA / "dates"])
        store.delete("meetings", [store.snapshot().meetings[0].id])  # someone else writes meanwhile
        revision = store.revision()
    at.session_state["import_plan"] = plan
    at.run()
    at.button(key="import_apply").click().run()
    assert any("请重新校验" in w.value for w in at.warning)
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert store.revision() == revision


def test_errors_download_as_a_workbook(tmp_path: Path, store):
    from openpyxl import load_workbook

    plan = plan_files(store, [DATA / "invalid" / "self_pair"])
    (tmp_path / "e.xlsx").write_bytes(errors_workbook(plan.errors))
    rows = list(load_workbook(tmp_path / "e.xlsx")["错误"].values)
    assert rows[0] == ("工作表", "行", "列", "值", "说明")
    assert rows[1][:4] == ("结对", "2", "甲方", "铜川社区党总支")
    assert problem_table(plan.errors)[0]["工作表"] == "结对"


def test_checking_without_a_file_asks_for_one(data_dir: Path):
    at = _page(data_dir)
    next(b for b in at.button if b.label == "校验并预览").click().run()
    assert not at.exception
    assert [w.value for w in at.warning if w.value != say("auth_off_banner")] == ["请先选择文件。"]


def test_replace_all_shows_what_goes_in_red_and_needs_the_street_name(data_dir: Path, tmp_path: Path):
    """Issue 13: "replace all" lists the deletions (counts, first names) in red and applies
    only after the street's name is typed; the preview draws additions green, deletions red."""
    at = _page(data_dir)
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "组织.csv").write_text("名称,范围\n区检察院党支部,区域外\n", encoding="utf-8")
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        revision = store.revision()
        plan = plan_files(store, [folder], replace=True)
    at.session_state["import_plan"] = plan
    at.run()
    assert not at.exception
    warning = next(e.value for e in at.error if "将删除以下记录" in e.value)
    assert "组织：删除 82 条（街道机关党总支、" in warning and "……" in warning
    assert "结对：删除 183 条（" in warning and "P-" not in warning  # pairings named by their two ends
    apply = next(b for b in at.button if b.label == "确认导入")
    assert apply.disabled
    styled = at.dataframe[0].proto.SerializeToString()
    assert b"#cf222e" in styled and b"#1a7f37" in styled  # deletions red, the one new record green
    at.text_input(key="import_replace_confirm").input("别的街道").run()
    assert any("不一致" in w.value for w in at.warning)
    assert next(b for b in at.button if b.label == "确认导入").disabled
    at.text_input(key="import_replace_confirm").input("XX街道党工委").run()
    next(b for b in at.button if b.label == "确认导入").click().run()
    assert not at.exception
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert store.revision() == revision + 1
        assert [o.name for o in store.snapshot().organisations] == ["区检察院党支部"]
