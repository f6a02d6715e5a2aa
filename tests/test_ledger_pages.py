"""The 工作台账 page, the overview's outcomes and the 覆盖 page's dormant pairings, under AppTest."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from app_pages import open_page
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from analysis.coverage import dormant_pairings
from graphdb.sqlite_store import SqliteStore
from lianmeng.sample import sample_street


def _metric(at: AppTest, label: str, year: int) -> int:
    """The overview's outcome metric ``label`` in the section of ``year`` (0 when it has none)."""
    years = [int(h.value.split("（")[1][:4]) for h in at.subheader if h.value.startswith("年度成效")]
    values = [m.value for m in at.metric if m.label == label]
    return int(values[years.index(year)].replace(",", "")) if year in years else 0


def test_the_ledger_page_filters_and_downloads(data_dir: Path):
    at = open_page("pages/ledger.py")
    assert at.title[0].value == "工作台账"
    sample = sample_street()
    assert f"共 {len(sample.activities)} 条活动" in at.markdown[0].value
    at.selectbox(key="ledger_year").select(2025).run()
    assert not at.exception
    assert at.markdown[0].value.startswith("共 469 条活动") and "志愿者 3246 人次" in at.markdown[0].value
    table = at.dataframe[0].value
    assert len(table) == 469 and list(table.columns[:3]) == ["日期", "活动名称", "类别"]
    assert at.subheader[0].value == "2025 年成效（与 2024 年相比）"
    assert len(at.get("vega_lite_chart")) == 1


def test_the_ledger_page_makes_the_years_annual_report_on_request(data_dir: Path):
    """The report draws charts, so the page makes it only when asked; then its download is there
    and it stays there on the next rerun (cached per revision)."""
    at = open_page("pages/ledger.py")
    at.selectbox(key="ledger_year").select(2025).run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["下载 Excel"]
    at.button(key="ledger_report_make").click().run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["下载 Excel", "下载 2025 年度工作报告（Word）"]
    at.run()
    assert [b.proto.label for b in at.get("download_button")][-1] == "下载 2025 年度工作报告（Word）"


def test_the_download_is_a_workbook_of_the_rows_shown(data_dir: Path):
    from exports.ledger_xlsx import ledger_workbook
    from views.ledger import LedgerFilter, activity_frame, filtered

    sample = sample_street()
    shown = filtered(sample, LedgerFilter(year=2025, alliance="campus"))
    frame = activity_frame(sample, shown)
    book = load_workbook(io.BytesIO(ledger_workbook({"工作台账": frame})))
    ws = book["工作台账"]
    assert ws.max_row == 1 + len(shown) and ws.freeze_panes == "A2"
    assert ws["A2"].number_format == "yyyy-mm-dd" and isinstance(ws["A2"].value, dt.datetime)
    assert all(a.date.year == 2025 for a in shown) and len(shown) < 469


def test_a_planner_records_an_activity_and_the_figures_and_dormancy_change_at_once(data_dir: Path):
    today = dt.date.today()
    overview = open_page("pages/overview.py")
    before = _metric(overview, "志愿者人次", today.year)
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        asleep = dormant_pairings(store.snapshot(), today, 6)
    assert asleep, "the sample leaves pairings dormant on purpose"
    target = asleep[0].pairing

    at = open_page("pages/ledger.py")
    at.text_input(key="ledger_form_title").input("法律咨询进社区")
    at.selectbox(key="ledger_form_pairing").select(target.id)
    at.number_input(key="ledger_form_volunteers").set_value(1234)
    at.number_input(key="ledger_form_served").set_value(60)
    next(b for b in at.button if b.label == "保存活动").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "已记录活动“法律咨询进社区”" in at.success[0].value

    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        dataset = store.snapshot()
        recorded = [a for a in dataset.activities if a.title == "法律咨询进社区"]
        assert [(a.pairing, a.volunteers, a.date) for a in recorded] == [(target.id, 1234, today)]
        assert store.audit_entries(limit=1)[0].action == "record_activity"
    assert target.id not in {d.pairing.id for d in dormant_pairings(dataset, today, 6)}

    overview = open_page("pages/overview.py")
    assert _metric(overview, "志愿者人次", today.year) == before + 1234


def test_a_bad_activity_shows_a_chinese_message_and_writes_nothing(data_dir: Path):
    at = open_page("pages/ledger.py")
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        revision = store.revision()
    next(b for b in at.button if b.label == "保存活动").click().run()  # no title, nothing it belongs to
    assert not at.exception
    assert at.error and "不能为空" in at.error[0].value and ("活动名称" in at.error[0].value or "标题" in at.error[0].value)
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert store.revision() == revision


def test_the_coverage_page_lists_dormant_pairings_with_their_last_activity(data_dir: Path):
    at = open_page("pages/coverage.py")
    headers = [h.value for h in at.subheader]
    dormant = next(h for h in headers if h.startswith("休眠结对"))
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        expected = dormant_pairings(store.snapshot(), dt.date.today(), 6)
    assert dormant == f"休眠结对（{len(expected)}）"
    frames = [f.value for f in at.dataframe if "最近一次活动" in f.value.columns]
    assert frames and len(frames[0]) == len(expected)
    # its own five columns, every cell filled (no column of the per-alliance table beside them)
    assert list(frames[0].columns) == ["甲方", "乙方", "类型", "开始日期", "最近一次活动"]
    assert not frames[0].isna().any().any()
    shown = {str(v) for v in frames[0]["最近一次活动"]}
    assert shown <= {"从未有活动"} | {d.last_activity.isoformat() for d in expected if d.last_activity}


def test_the_network_draws_dormant_pairings_faint(sample):
    from views.explorer import explorer_view
    from views.layout import dataset_layout
    from views.network import DORMANT_OPACITY, pairing_graph, select

    today = dt.date(2026, 11, 30)
    asleep = frozenset(d.pairing.id for d in dormant_pairings(sample, today, 6))
    selection = select(sample)
    view = explorer_view(sample, selection, pairing_graph(selection), dataset_layout(sample), detail_max=10_000,
                         dormant=asleep).view
    faint = [e for e in view.edges if isinstance(e["color"], dict)]
    assert len(faint) == len(asleep) == 14
    assert all(e["color"]["opacity"] == DORMANT_OPACITY and e["title"].endswith("休眠（近期没有活动）") for e in faint)


def test_the_overview_and_the_ledger_warn_of_alliances_without_a_project(data_dir: Path, monkeypatch):
    monkeypatch.setenv("LIANMENG_TODAY", "2026-06-30")
    for page in ("pages/overview.py", "pages/ledger.py"):
        at = open_page(page)
        assert not at.exception
        warnings = [w.value for w in at.warning if "共治项目" in w.value]
        assert warnings == ["2026 年尚未确定共治项目的联盟：园区党建联盟。“一年以一个重大项目解决一个重要问题”：请在联席会议上立项，并在“项目”表中登记。"]
    monkeypatch.setenv("LIANMENG_TODAY", "2025-06-30")  # every alliance has its 2025 project
    at = open_page("pages/ledger.py")
    assert not [w for w in at.warning if "共治项目" in w.value]
