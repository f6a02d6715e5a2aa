"""Excel as offices print it (page setup read back with openpyxl), the import template's
drop-downs, and every writer defending itself against control characters."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from export_data import small_street
from openpyxl import load_workbook

from exports.pairing_rows import parse_filter
from exports.pairing_xlsx import workbook_bytes as pairing_list
from exports.sheet_print import PAPER_A4
from ingest.headers import SHEETS
from ingest.template import ALLIANCE_LISTS, CLOSED_LISTS
from ingest.template import workbook_bytes as template_workbook
from lianmeng.dataset import ChangeSet, Dataset, replace_record
from lianmeng.ops.meetings import pack_for
from lianmeng.texts import ORG_TYPE_LABELS, SCOPE_LABELS, STATUS_LABELS
from meetings.pack_docx import pack_docx

CONTROL = "\x07\x1b\x0b\x00"  # BEL, ESC, VT, NUL


def assert_prints_one_page_wide(sheet, *, title_rows: str | None = "$1:$1", orientation: str = "landscape"):
    setup = sheet.page_setup
    assert (setup.orientation, int(setup.paperSize)) == (orientation, PAPER_A4), sheet.title
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)  # one page wide, as long as needed
    assert sheet.print_title_rows == title_rows
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页" and "&D" in sheet.oddFooter.right.text


def test_the_pairing_list_prints_one_page_wide_with_the_header_repeated(sample: Dataset):
    book = load_workbook(io.BytesIO(pairing_list(sample)))
    assert len(book.worksheets) == 9
    for sheet in book.worksheets:
        assert_prints_one_page_wide(sheet)


def test_sheets_with_no_rows_are_left_out_of_the_pairing_list():
    dataset = small_street()
    # only p7 (ended, 甲联盟, small) was in force on that day
    book = load_workbook(io.BytesIO(pairing_list(dataset, parse_filter(dataset, on="2025-06-30"))))
    assert book.sheetnames == ["全部结对", "甲联盟"]
    nothing = load_workbook(io.BytesIO(pairing_list(dataset, parse_filter(dataset, on="2000-01-01"))))
    assert nothing.sheetnames == ["全部结对"] and nothing.active.max_row == 1


@pytest.mark.parametrize("filled", [False, True])
def test_the_template_prints_and_offers_every_closed_list(filled: bool, sample: Dataset):
    book = load_workbook(io.BytesIO(template_workbook(sample if filled else None)))
    for spec in SHEETS.values():
        sheet = book[spec.title]
        assert_prints_one_page_wide(sheet)
        checks = {}
        for check in sheet.data_validations.dataValidation:
            assert check.type == "list" and check.showInputMessage and check.showErrorMessage
            assert check.promptTitle == "请从下拉列表中选择" and check.prompt.startswith("可选：")
            assert check.errorStyle == "warning"  # English values and short forms still import
            [cells] = str(check.sqref).split()
            checks[cells] = check
        for n, column in enumerate(spec.columns):
            letter = chr(ord("A") + n)
            key = (spec.key, column.field)
            check = checks.pop(f"{letter}2:{letter}1048576", None)
            if key in CLOSED_LISTS:
                assert check.formula1 == '"' + ",".join(CLOSED_LISTS[key]) + '"', key
            elif key in ALLIANCE_LISTS:
                assert check.formula1 == "'联盟'!$B$2:$B$1048576", key
            else:
                assert check is None, key
        assert not checks
    assert_prints_one_page_wide(book["说明"], title_rows=None, orientation="portrait")
    # the lists are the words the importer takes
    assert CLOSED_LISTS[("organisations", "scope")] == tuple(SCOPE_LABELS.values())
    assert CLOSED_LISTS[("organisations", "type")] == tuple(ORG_TYPE_LABELS.values())
    assert CLOSED_LISTS[("pairings", "status")] == tuple(STATUS_LABELS.values())
    assert {f for (_, f) in CLOSED_LISTS} >= {"scope", "type", "status", "level", "kind", "sector", "pinned"}


def _with_control_characters(sample: Dataset) -> Dataset:
    campus = next(a for a in sample.alliances if a.id == "campus")
    org = next(o for o in sample.organisations if o.id == "edu-01")
    pairing = next(p for p in sample.pairings if "edu-01" in (p.party_a, p.party_b))
    meeting = next(m for m in sample.meetings if m.alliance == "campus")
    return sample.with_changes(ChangeSet(upserts=[
        replace_record(campus, project=f"品质教育{CONTROL}资源库"),
        replace_record(org, name="XX幼儿园\x07党\x1b支\x0b部\x00", contact="张\x07强", phone="021\x1b-1",
                       brands=("送教\x0b进市场",)),
        replace_record(pairing, content=f"共建{CONTROL}内容"),
        replace_record(meeting, topics=(f"议题{CONTROL}",), location="会议室\x00"),
    ]))


def _xml_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))


def test_control_characters_never_break_a_writer(sample: Dataset):
    dataset = _with_control_characters(sample)
    export = template_workbook(dataset)
    listing = pairing_list(dataset)
    pack = pack_docx(pack_for(dataset, "campus", "2026Q2"))
    for data in (export, listing, pack):
        text = _xml_text(data)
        assert not any(ch in text for ch in CONTROL)
    orgs = load_workbook(io.BytesIO(export))["组织"]
    names = {row[1].value for row in orgs.iter_rows(min_row=2)}
    assert "XX幼儿园党支部" in names
    listed = {c.value for row in load_workbook(io.BytesIO(listing))["全部结对"].iter_rows(min_row=2) for c in row}
    assert "共建内容" in listed and "XX幼儿园党支部" in listed
    document = Document(io.BytesIO(pack))
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"XX幼儿园党支部", "张强", "送教进市场"} <= cells
