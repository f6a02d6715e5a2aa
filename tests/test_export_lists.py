"""Pairing lists: the selection by hand, the workbook read back with openpyxl, CSV with utf-8-sig."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from export_data import FORMULA, TRICKY, small_street
from openpyxl import load_workbook

from exports import ExportError
from exports.pairing_csv import csv_bytes
from exports.pairing_rows import EVERYTHING, parse_filter, select, workbook_sheets
from exports.pairing_xlsx import display_width, sheet_title, workbook_bytes
from lianmeng.dataset import Dataset
from lianmeng.records import PairingKind, PairingLevel

HEADERS = ["甲方", "甲方所属联盟", "乙方", "乙方所属联盟", "层级", "类型", "共建内容", "开始日期", "结束日期", "状态"]


def ids(pairings) -> list[str]:
    return sorted(p.id for p in pairings)


# --- selection ------------------------------------------------------------------------------


def test_sheets_of_the_small_street_by_hand():
    sheets = {s.title: ids(s.pairings) for s in workbook_sheets(small_street())}
    assert sheets == {
        "全部结对": ["p1", "p2", "p3", "p4", "p5", "p6", "p7"],
        "甲联盟": ["p1", "p2", "p3", "p5", "p7"],
        "乙联盟": ["p2", "p4", "p5"],
        "联盟层面结对": ["p5"],
        "街道层面结对": ["p6"],
        "跨范围结对": ["p3", "p4"],
    }


@pytest.mark.parametrize(("given", "expected"), [
    ({"alliance": "乙联盟"}, ["p2", "p4", "p5"]),
    ({"alliance": "A2"}, ["p2", "p4", "p5"]),
    ({"alliance": "校区"}, ["p2", "p4", "p5"]),  # the sector label
    ({"alliance": "campus"}, ["p2", "p4", "p5"]),
    ({"level": "联盟层面"}, ["p5"]),
    ({"level": "organisation"}, ["p1", "p2", "p3", "p4", "p7"]),
    ({"kind": "小联动"}, ["p1", "p7"]),
    ({"kind": "大联动"}, ["p2", "p3", "p4"]),
    ({"kind": "external"}, ["p4"]),
    ({"status": "已结束"}, ["p7"]),
    ({"status": "active"}, ["p1", "p2", "p3", "p4", "p5", "p6"]),
    ({"on": "2025-06-30"}, ["p7"]),
    ({"on": "2026-03-01"}, ["p1", "p2", "p3"]),
    ({"alliance": "甲联盟", "kind": "小联动", "status": "进行中"}, ["p1"]),
])
def test_filters(given, expected):
    dataset = small_street()
    assert ids(select(dataset, parse_filter(dataset, **given))) == expected


@pytest.mark.parametrize(("given", "words"), [
    ({"alliance": "丙联盟"}, ["丙联盟", "甲联盟、乙联盟"]),
    ({"kind": "中联动"}, ["类型", "中联动", "小联动（small）"]),
    ({"status": "暂停"}, ["状态", "暂停", "进行中（active）"]),
    ({"on": "2026-13-01"}, ["2026-13-01", "2026-03-01"]),
])
def test_bad_filter_values_are_named_with_the_choices(given, words):
    with pytest.raises(ExportError) as caught:
        parse_filter(small_street(), **given)
    for word in words:
        assert word in str(caught.value)


def test_alliance_filter_keeps_only_that_alliance_sheet():
    dataset = small_street()
    titles = [s.title for s in workbook_sheets(dataset, parse_filter(dataset, alliance="甲联盟"))]
    assert titles == ["全部结对", "甲联盟", "联盟层面结对", "街道层面结对", "跨范围结对"]


# --- Excel ----------------------------------------------------------------------------------


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_title("a[b]:c*d?e/f\\g", taken) == "a_b__c_d_e_f_g"
    long = "很长" * 20
    first = sheet_title(long, taken)
    second = sheet_title(long, taken)
    assert len(first) == 31 and len(second) == 31 and first != second and second.endswith(" (2)")
    assert sheet_title("", taken) == "Sheet"


def test_display_width_counts_chinese_twice():
    assert display_width("甲方所属联盟") == 12
    assert display_width("ab🎉") == 4


def test_sample_workbook_has_one_sheet_per_alliance_with_its_pairings(sample: Dataset):
    book = load_workbook(io.BytesIO(workbook_bytes(sample)))
    alliance_names = [a.name for a in sample.alliances]
    assert book.sheetnames == ["全部结对", *alliance_names, "联盟层面结对", "街道层面结对", "跨范围结对"]
    # counted independently of the export code: an end is the alliance or one of its members
    for alliance in sample.alliances:
        mine = {alliance.id} | {o.id for o in sample.organisations if o.alliance == alliance.id}
        expected = sum(1 for p in sample.pairings if p.party_a in mine or p.party_b in mine)
        assert book[alliance.name].max_row - 1 == expected, alliance.name
    assert book["全部结对"].max_row - 1 == len(sample.pairings) == 183
    assert book["联盟层面结对"].max_row - 1 == 25
    assert book["街道层面结对"].max_row - 1 == 32
    assert book["跨范围结对"].max_row - 1 == sum(
        1 for p in sample.pairings if p.kind in (PairingKind.REGIONAL, PairingKind.EXTERNAL))
    for sheet in book.worksheets:
        assert [c.value for c in sheet[1]] == HEADERS
        assert sheet.freeze_panes == "A2"
        # the 甲方所属联盟 column is at least as wide as its Chinese header
        assert sheet.column_dimensions["B"].width >= display_width("甲方所属联盟")
    # every pairing-level cell of the summary sheets says what it is
    assert {c.value for c in book["联盟层面结对"]["E"][1:]} == {"联盟层面"}


def test_workbook_cells_read_back_exactly():
    dataset = small_street()
    book = load_workbook(io.BytesIO(workbook_bytes(dataset)))
    sheet = book["甲联盟"]
    assert sheet.max_row == 6
    table = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    # ordered by kind (small, cross-alliance, regional, external, alliance), then start date
    assert [row[6] for row in table] == ["上一轮", TRICKY, "跨联盟", FORMULA, "联盟共促"]
    assert table[0][:4] == ["一号党支部", "甲联盟", "二号党支部 <&>", "甲联盟"]
    by_content = {row[6]: row for row in table}
    assert by_content[TRICKY][4:6] == ["组织层面", "小联动"]
    assert by_content[TRICKY][7] == dt.datetime(2026, 1, 1)
    assert by_content[TRICKY][8] is None and by_content[TRICKY][9] == "进行中"
    assert by_content["上一轮"][8] == dt.datetime(2025, 12, 31) and by_content["上一轮"][9] == "已结束"
    assert by_content["联盟共促"][:4] == ["甲联盟", "甲联盟", "乙联盟", "乙联盟"]
    # a formula typed as content stays text
    formula_cell = next(c for c in sheet["G"] if c.value == FORMULA)
    assert formula_cell.data_type == "s"
    date_cell = sheet.cell(row=2, column=8)
    assert isinstance(date_cell.value, dt.datetime) and date_cell.number_format == "yyyy-mm-dd"
    street = book["街道层面结对"]
    # a blank cell reads back as None (Excel stores no empty strings)
    assert [c.value for c in street[2]][:4] == ["测试街道党工委", None, "区域单位", None]


def test_empty_selection_still_gives_headers():
    dataset = small_street()
    chosen = parse_filter(dataset, on="2000-01-01")
    book = load_workbook(io.BytesIO(workbook_bytes(dataset, chosen)))
    # sheets with no rows are left out; 全部结对 stays with its headers
    assert book.sheetnames == ["全部结对"]
    assert book.active.max_row == 1 and [c.value for c in book.active[1]] == HEADERS


# --- CSV --------------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_and_reads_back():
    dataset = small_street()
    data = csv_bytes(dataset)
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert table[0] == HEADERS
    assert len(table) == 1 + 7
    by_content = {row[6]: row for row in table[1:]}
    assert by_content[TRICKY] == ["一号党支部", "甲联盟", "二号党支部 <&>", "甲联盟", "组织层面", "小联动", TRICKY,
                                  "2026-01-01", "", "进行中"]
    assert by_content["跨联盟"][7:9] == ["2026-02-01", "2026-12-31"]
    # formula-like text is guarded against CSV injection
    assert "'" + FORMULA in by_content


def test_csv_follows_the_filter(sample: Dataset):
    chosen = parse_filter(sample, level="街道层面")
    table = list(csv.reader(io.StringIO(csv_bytes(sample, chosen).decode("utf-8-sig"))))
    assert len(table) == 1 + 32
    assert {row[4] for row in table[1:]} == {"街道层面"}
    assert select(sample, EVERYTHING) == select(sample)
    assert all(p.level is PairingLevel.STREET for p in select(sample, chosen))
