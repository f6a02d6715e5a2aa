"""What the import reads: encodings, date forms, workbooks, folders, zips, big files."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from graphdb.store import GraphStore
from ingest import normalise as norm
from ingest.headers import SHEETS, match_column, match_sheet
from ingest.readers import UnreadableInput, read_paths
from lianmeng.ops.imports import apply_plan, plan_files
from lianmeng.records import OrgType, Scope
from lianmeng.sample import sample_street
from lianmeng.settings import Settings

DATA = Path(__file__).parent / "data"
MARCH_1 = dt.date(2024, 3, 1)


@pytest.fixture
def sample_store(store: GraphStore) -> GraphStore:
    store.replace_all(sample_street())
    return store


def _new_organisations(plan) -> list:
    ids = plan.preview.tables["organisations"].new
    return sorted((o for o in plan.validation.dataset.organisations if o.id in ids), key=lambda o: o.name)


@pytest.mark.parametrize("folder", ["utf8", "utf8_bom", "gbk"])
def test_each_encoding_imports_the_same_organisations(folder: str, sample_store: GraphStore):
    plan = plan_files(sample_store, [DATA / "encodings" / folder])
    assert plan.ok, plan.errors
    first, second = _new_organisations(plan)
    assert first.name == "测试编码乙（外单位）" and first.scope is Scope.EXTERNAL and first.type is OrgType.PARTY_COMMITTEE
    assert first.resources == ("法律咨询",) and first.alliance is None
    assert second.name == "测试编码甲党支部" and second.alliance == "community" and second.member_count == 12
    assert second.brands == ("微党课", "四事") and second.resources == ("活动场地", "志愿者队伍")
    assert second.pioneer_index == 88.5


def test_gbk_csv_imports_exactly_like_its_utf8_twin(sample_store: GraphStore):
    assert (DATA / "encodings" / "gbk" / "组织.csv").read_bytes() != (DATA / "encodings" / "utf8" / "组织.csv").read_bytes()
    gbk = plan_files(sample_store, [DATA / "encodings" / "gbk"])
    utf8 = plan_files(sample_store, [DATA / "encodings" / "utf8"])
    stated = plan_files(sample_store, [DATA / "encodings" / "gbk"], encoding="gbk")
    assert gbk.validation.dataset.canonical() == utf8.validation.dataset.canonical() == stated.validation.dataset.canonical()
    assert gbk.report() == utf8.report()


def test_a_wrongly_stated_encoding_is_unreadable(sample_store: GraphStore):
    with pytest.raises(UnreadableInput, match="不是 utf-8 编码"):
        plan_files(sample_store, [DATA / "encodings" / "gbk"], encoding="utf-8")
    with pytest.raises(UnreadableInput, match="未知的编码"):
        plan_files(sample_store, [DATA / "encodings" / "gbk"], encoding="klingon")


def test_every_date_form_reads_as_the_same_day(sample_store: GraphStore):
    plan = plan_files(sample_store, [DATA / "dates"])
    assert plan.ok, plan.errors
    new = [p for p in plan.validation.dataset.pairings if p.id in plan.preview.tables["pairings"].new]
    assert len(new) == 6
    assert {p.since for p in new} == {MARCH_1}
    assert [p.until for p in new if p.until] == [dt.date(2024, 12, 31)]
    assert {p.kind.value for p in new} == {"external"}


@pytest.mark.parametrize(("typed", "expected"), [
    ("2024-03-01", MARCH_1), ("2024/3/1", MARCH_1), ("2024.3.1", MARCH_1), ("2024年3月1日", MARCH_1),
    ("2024 年 3 月 1 日", MARCH_1), ("２０２４－０３－０１", MARCH_1), ("20240301", MARCH_1), (45352, MARCH_1),
    ("45352", MARCH_1), (45352.0, MARCH_1), (dt.datetime(2024, 3, 1, 9, 30), MARCH_1), ("2024-03-01 00:00:00", MARCH_1),
    ("", None), (None, None),
])
def test_date_forms(typed: object, expected: dt.date | None):
    assert norm.date(typed) == expected


@pytest.mark.parametrize("typed", ["2024-02-30", "明天", "3/1/2024", 12])
def test_dates_that_cannot_be_read_say_how_to_write_them(typed: object):
    with pytest.raises(norm.CellError, match="2024-03-01"):
        norm.date(typed)


@pytest.mark.parametrize(("typed", "expected"), [
    ("活动场地；志愿者队伍", ("活动场地", "志愿者队伍")), ("a;b,c，d、e", ("a", "b", "c", "d", "e")),
    (" a ;; b ", ("a", "b")), ("", ()), (None, ()), ('["x;y", "z"]', ("x;y", "z")), ("[不是列表", ("[不是列表",)),
])
def test_list_cells_split_on_every_separator(typed: object, expected: tuple[str, ...]):
    assert norm.items(typed) == expected


@pytest.mark.parametrize("values", [("a", "b"), ("a;b", "c"), ("[x]",), ()])
def test_joined_lists_read_back(values: tuple[str, ...]):
    assert norm.items(norm.join_items(values)) == values


@pytest.mark.parametrize(("header", "field"), [
    ("名称", "name"), (" 名 称 ", "name"), ("NAME", "name"), ("Ｎａｍｅ", "name"), ("所属联盟", "alliance"),
    ("member_count", "member_count"), ("Members", "member_count"), ("先锋指数", "pioneer_index"),
])
def test_headers_match_whatever_the_spaces_width_and_case(header: str, field: str):
    assert match_column(SHEETS["organisations"], header).field == field


@pytest.mark.parametrize(("name", "key"), [("组织", "organisations"), ("Organisations", "organisations"),
                                           ("organizations", "organisations"), (" 结 对 ", "pairings"),
                                           ("MEETINGS", "meetings"), ("党委", "committees"), ("联盟", "alliances")])
def test_sheet_names_match(name: str, key: str):
    assert match_sheet(name).key == key


def test_xlsx_with_date_cells_serials_and_english_headers(sample_store: GraphStore, tmp_path: Path):
    book = Workbook()
    ws = book.active
    ws.title = "pairings"
    ws.append(["Party A", "party_b", "Since", "Until"])
    ws.append(["铜川社区党总支", "市律师协会党委", dt.datetime(2024, 3, 1), None])
    ws.append(["新郁社区党总支", "市律师协会党委", 45352, "2025年1月1日"])
    ws.append([None, None, None, None])  # a blank row is skipped, numbering continues
    ws.append(["街道机关党总支", "市律师协会党委", "2024.3.1", dt.date(2024, 2, 1)])
    book.save(tmp_path / "结对.xlsx")
    plan = plan_files(sample_store, [tmp_path / "结对.xlsx"])
    assert [(e.sheet, e.row, e.column) for e in plan.errors] == [("pairings", 5, "Until")]
    ws.delete_rows(5)
    book.save(tmp_path / "结对.xlsx")
    plan = plan_files(sample_store, [tmp_path / "结对.xlsx"])
    assert plan.ok, plan.errors
    new = [p for p in plan.validation.dataset.pairings if p.id in plan.preview.tables["pairings"].new]
    assert {(p.since, p.until) for p in new} == {(MARCH_1, None), (MARCH_1, dt.date(2025, 1, 1))}


def test_folder_and_zip_read_the_same_sheets(tmp_path: Path):
    folder = DATA / "invalid" / "reversed_pair"
    with zipfile.ZipFile(tmp_path / "导入.zip", "w") as archive:
        for path in folder.iterdir():
            archive.write(path, f"导入/{path.name}")
        archive.writestr("__MACOSX/导入/._组织.csv", b"\x00\x05")
    from_folder = read_paths([folder])
    from_zip = read_paths([tmp_path / "导入.zip"])
    assert [(s.name, s.header, s.rows) for s in from_folder] == [(s.name, s.header, s.rows) for s in from_zip]
    assert [s.name for s in from_zip] == ["组织", "结对"]
    assert from_zip[1].rows[0] == (2, ["测试成员甲", "测试区域单位乙", "2024-03-01"])


def test_zip_import_applies_like_the_folder(sample_store: GraphStore, tmp_path: Path):
    shutil.copytree(DATA / "dates", tmp_path / "dates")
    shutil.make_archive(str(tmp_path / "dates"), "zip", tmp_path / "dates")
    assert plan_files(sample_store, [tmp_path / "dates.zip"]).report() == plan_files(sample_store, [DATA / "dates"]).report()


def test_ten_thousand_rows_import_and_reimport_changes_nothing(store: GraphStore, tmp_path: Path):
    path = tmp_path / "organisations.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "alliance", "scope", "members", "pioneer_index", "resources"])
        for i in range(10_000):
            in_alliance = i % 10 != 0
            writer.writerow([f"合成组织{i:05d}党支部", "社区" if in_alliance else "", "" if in_alliance else "区域内体系外",
                             i % 90, (i % 1000) / 10, "活动场地；志愿者"])
    (tmp_path / "alliances.csv").write_text("name,sector\n社区党建联盟,社区\n", encoding="utf-8")
    settings = Settings.from_env({"LIANMENG_DATA_DIR": str(tmp_path / "data")})
    plan = plan_files(store, [path, tmp_path / "alliances.csv"])
    assert plan.ok, plan.errors[:3]
    assert plan.report()["changes"]["organisations"] == {"new": 10_000, "changed": 0, "unchanged": 0, "removed": 0}
    applied = apply_plan(store, plan, settings)
    assert applied.revision == 1 and applied.backup is not None
    counts = store.snapshot().counts()
    assert counts["organisations"] == 10_000 and counts["alliances"] == 1
    members = [o for o in store.snapshot().organisations if o.alliance == "community"]
    assert len(members) == 9_000
    again = plan_files(store, [path, tmp_path / "alliances.csv"])
    assert again.preview.is_empty()
    assert again.report()["changes"]["organisations"]["unchanged"] == 10_000
    assert apply_plan(store, again, settings).revision == 1  # nothing written, no backup


def test_progress_is_reported_for_a_big_file(store: GraphStore, tmp_path: Path):
    path = tmp_path / "组织.csv"
    rows = "\n".join(f"单位{i},区域外" for i in range(5_000))
    path.write_text("名称,范围\n" + rows + "\n", encoding="utf-8")
    seen: list[float] = []
    plan_files(store, [path], progress=lambda fraction, message: seen.append(fraction))
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) >= 5


def test_workbooks_in_the_1904_date_system_read_the_same_days(tmp_path: Path):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = Workbook()
    book.epoch = CALENDAR_MAC_1904
    ws = book.active
    ws.title = "结对"
    ws.append(["甲方", "乙方", "开始日期"])
    ws.append(["甲", "乙", dt.date(2024, 3, 1)])
    ws["C2"].number_format = "yyyy\"年\"m\"月\"d\"日\""
    book.save(tmp_path / "mac.xlsx")
    (sheet,) = read_paths([tmp_path / "mac.xlsx"])
    assert norm.date(sheet.rows[0][1][2]) == MARCH_1


def test_rich_text_and_formula_results_are_read_as_text(tmp_path: Path):
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = Workbook()
    ws = book.active
    ws.title = "组织"
    ws.append(["名称", "党员数"])
    ws["A2"] = CellRichText(["铜川", TextBlock(InlineFont(b=True), "社区党总支")])
    ws["B2"] = 12
    book.save(tmp_path / "rich.xlsx")
    (sheet,) = read_paths([tmp_path / "rich.xlsx"])
    assert sheet.header == ["名称", "党员数"]
    assert sheet.rows == [(2, ["铜川社区党总支", 12])]
