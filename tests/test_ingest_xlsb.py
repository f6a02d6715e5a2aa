""".xlsb workbooks (issue 18): the sample workbook saved as .xlsb imports exactly as the .xlsx.

LibreOffice cannot write .xlsb, so the test writes one itself with ``pyxlsbwriter`` (a
test-only dependency): every sheet of the exported sample workbook, read back with
openpyxl, its cells written with their types — text, integers, floats, dates and
datetimes (numbers in a date format, as Excel stores them), booleans and blanks. The
file is made in the test's temporary folder; nothing binary is committed.

One quirk of the writer, not of the reader: ``pyxlsbwriter`` counts every date from
1899-12-30, so a date before 1900-03-01 lands one day off Excel's serial (Excel counts a
fictitious 1900-02-29). The reader reads Excel's serials (as Excel shows them); the
dates below are all later than that.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from store_state import store_state

from ingest.plan import check_sheets
from ingest.readers import RawSheet, UnreadableInput, read_bytes, read_paths
from ingest.template import write_workbook
from lianmeng.cli import main
from lianmeng.dataset import Dataset
from lianmeng.sample import sample_street

pyxlsbwriter = pytest.importorskip("pyxlsbwriter", reason="pip install -e '.[dev]'：需要 pyxlsbwriter 写 .xlsb")

_WRITABLE = (str, bool, int, float, dt.datetime, dt.date, type(None))


def to_xlsb(xlsx: Path, xlsb: Path) -> Path:
    """Every sheet of ``xlsx`` (values, with their types, and sheet visibility) as ``xlsb``."""
    book = load_workbook(xlsx)
    with pyxlsbwriter.XlsbWriter(str(xlsb)) as writer:
        for sheet in book.worksheets:
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            odd = {type(v).__name__ for row in rows for v in row if not isinstance(v, _WRITABLE)}
            assert not odd, f"{sheet.title}: pyxlsbwriter 会把 {odd} 写成文字"
            writer.add_sheet(sheet.title, hidden=sheet.sheet_state != "visible")
            writer.write_sheet(rows)
    return xlsb


def _typed(sheets: list[RawSheet]) -> list:
    """Sheets as comparable values, each cell with its type, and the reader's notes."""
    return [(s.name, [(v, type(v).__name__) for v in s.header],
             [(n, [(v, type(v).__name__) for v in row]) for n, row in s.rows],
             [(note.code, note.rows) for note in s.notes]) for s in sheets]


def _report(capsys, path: Path) -> dict:
    capsys.readouterr()
    assert main(["import", str(path), "--replace", "--dry-run", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def sample_books(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("xlsb")
    write_workbook(folder / "sample.xlsx", sample_street())
    return folder / "sample.xlsx", to_xlsb(folder / "sample.xlsx", folder / "sample.xlsb")


def test_sample_xlsb_holds_every_kind_of_value(sample_books):
    xlsx, _ = sample_books
    kinds = {type(v).__name__ for sheet in load_workbook(xlsx).worksheets
             for row in sheet.iter_rows(values_only=True) for v in row}
    assert kinds == {"str", "int", "float", "datetime", "NoneType"}  # booleans: see the next test


def test_sample_xlsb_reads_cell_for_cell_as_the_xlsx(sample_books):
    xlsx, xlsb = sample_books
    expected, read = read_paths([xlsx]), read_paths([xlsb])
    assert len(read) == 20 and sum(len(s.rows) for s in read) > 2500
    assert _typed(read) == _typed(expected)


def test_sample_xlsb_validates_to_the_same_dataset(sample_books):
    xlsx, xlsb = sample_books
    expected = check_sheets(Dataset(), 0, read_paths([xlsx]), replace=True)
    plan = check_sheets(Dataset(), 0, read_paths([xlsb]), replace=True)
    assert expected.ok and plan.ok, plan.errors[:3]
    assert len(plan.validation.dataset.organisations) == 82
    assert plan.validation.dataset == expected.validation.dataset
    assert plan.report() == expected.report()


def test_sample_xlsb_import_preview_is_the_xlsx_one(sample_books, data_dir: Path, capsys):
    xlsx, xlsb = sample_books
    report = _report(capsys, xlsx)
    assert report["ok"] and sum(report["changes"]["pairings"].values()) > 100
    assert _report(capsys, xlsb) == report


def test_xlsb_is_recognised_by_its_name_in_files_folders_and_zips(sample_books, tmp_path: Path):
    xlsx, xlsb = sample_books
    content = xlsb.read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:  # truly binary: no worksheet XML
        names = archive.namelist()
    assert "xl/workbook.bin" in names and not any(n.endswith(".xml") and n.startswith("xl/") for n in names)
    expected = _typed(read_paths([xlsx]))
    assert _typed(read_bytes("样本.XLSB", content)) == expected
    folder = tmp_path / "上报"
    folder.mkdir()
    (folder / "样本.xlsb").write_bytes(content)
    with zipfile.ZipFile(tmp_path / "上报.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("上报/样本.xlsb", content)
    assert _typed(read_paths([folder])) == expected
    assert _typed(read_paths([tmp_path / "上报.zip"])) == expected


def test_values_of_every_kind_read_as_from_an_xlsx(tmp_path: Path):
    book = Workbook()
    ws = book.active
    ws.title = "种类"
    for row in (["名称", "整数", "小数", "日期", "日期时间", "是否", "备注"],
                ["甲", 12, 88.5, dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 9, 30), True, None],
                ["乙", -3, 1e-7, dt.date(1900, 3, 1), dt.datetime(2024, 12, 31, 23, 59, 59), False, 0],
                ["丙", 2 ** 40, 0.1, dt.date(2099, 12, 31), dt.datetime(2024, 3, 1), None, None],
                [None] * 7,
                ["  有空格  ", 0, 12.0, None, None, None, "全角１２"]):
        ws.append(row)
    book.save(tmp_path / "种类.xlsx")
    read = read_paths([to_xlsb(tmp_path / "种类.xlsx", tmp_path / "种类.xlsb")])
    assert _typed(read) == _typed(read_paths([tmp_path / "种类.xlsx"]))
    assert read[0].rows[0] == (2, ["甲", 12, 88.5, dt.datetime(2024, 3, 1), dt.datetime(2024, 3, 1, 9, 30), True])
    assert [n for n, _ in read[0].rows] == [2, 3, 4, 6]  # the blank row 5 skipped, its number kept
    assert read[0].rows[3][1][1:3] == [0, 12]


# --- hidden and damaged ---------------------------------------------------------------

def _hidden_book(tmp_path: Path) -> Path:
    book = Workbook()
    book.active.title = "组织"
    book.active.append(["名称", "范围"])
    book.active.append(["单位甲", "区域外"])
    notes = book.create_sheet("说明")
    notes.append(["隐藏的说明"])
    notes.sheet_state = "hidden"
    book.save(tmp_path / "隐藏.xlsx")
    return to_xlsb(tmp_path / "隐藏.xlsx", tmp_path / "隐藏.xlsb")


def test_hidden_xlsb_sheet_is_named_and_refused_on_request(sample_dir: Path, tmp_path: Path, capsys,
                                                           monkeypatch):
    xlsb = _hidden_book(tmp_path)
    assert [(s.name, [n.code for n in s.notes]) for s in read_paths([xlsb])] == [
        ("组织", []), ("说明", ["hidden_sheet"])]
    before = store_state(sample_dir)
    capsys.readouterr()
    assert main(["import", str(xlsb), "--dry-run", "--json"]) == 0
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    assert [(w["sheet"], w["value"]) for w in warnings] == [("说明", "说明")]
    assert "“说明”是隐藏的" in warnings[0]["message"]
    monkeypatch.setenv("LIANMENG_IMPORT_HIDDEN", "refuse")
    assert main(["import", str(xlsb), "--json"]) == 1
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert [(e["sheet"], e["row"]) for e in errors] == [("说明", None)]
    assert "LIANMENG_IMPORT_HIDDEN=refuse" in errors[0]["message"]
    assert store_state(sample_dir) == before


def _refused(capsys, sample_dir: Path, path: Path) -> str:
    before = store_state(sample_dir)
    capsys.readouterr()
    assert main(["import", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert store_state(sample_dir) == before
    return captured.err


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_truncated_xlsb_is_refused_in_chinese(sample_dir: Path, sample_books, tmp_path: Path, capsys,
                                               keep: float):
    content = sample_books[1].read_bytes()
    (tmp_path / "截断.xlsb").write_bytes(content[:int(len(content) * keep)])
    err = _refused(capsys, sample_dir, tmp_path / "截断.xlsb")
    assert "无法打开工作簿“截断.xlsb”：文件已损坏或不是 .xlsb 格式" in err and "另存为 .xlsx" in err


def test_xlsb_with_a_cut_worksheet_names_the_sheet(sample_dir: Path, tmp_path: Path, capsys):
    """A sound archive whose first worksheet part is cut in half (calamine: OSError)."""
    xlsb = _hidden_book(tmp_path)
    with zipfile.ZipFile(xlsb) as source, zipfile.ZipFile(tmp_path / "坏表.xlsb", "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data[:len(data) // 2] if info.filename == "xl/worksheets/sheet1.bin" else data)
    with pytest.raises(UnreadableInput, match="工作表“组织”：内容已损坏"):
        read_paths([tmp_path / "坏表.xlsb"])
    err = _refused(capsys, sample_dir, tmp_path / "坏表.xlsb")
    assert "无法读取文件“坏表.xlsb”的工作表“组织”：内容已损坏" in err


def test_dates_in_excels_built_in_formats_are_dates(tmp_path: Path):
    """pyxlsbwriter formats dates with its own number formats (ids 164, 166); Excel itself
    mostly uses the built-in ones (14 ``m/d/yyyy``, 22 ``m/d/yyyy h:mm``). The same file with
    its two date styles pointed at those reads the same dates."""
    own = pyxlsbwriter.XlsbWriter._stylesBin
    built_in = own.replace(b"\x2f\x10\x00\x00\xa6\x00", b"\x2f\x10\x00\x00\x0e\x00") \
        .replace(b"\x2f\x10\x00\x00\xa4\x00", b"\x2f\x10\x00\x00\x16\x00")
    assert built_in.count(b"\x2f\x10\x00\x00\x0e\x00") == 1 and built_in.count(b"\x2f\x10\x00\x00\x16\x00") == 1
    writer_class = type("BuiltInDates", (pyxlsbwriter.XlsbWriter,), {"_stylesBin": built_in})
    rows = [["名称", "日期", "日期时间"], ["甲", dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 9, 30)]]
    with writer_class(str(tmp_path / "内置.xlsb")) as writer:
        writer.add_sheet("组织")
        writer.write_sheet(rows)
    assert read_paths([tmp_path / "内置.xlsb"])[0].rows == [
        (2, ["甲", dt.datetime(2024, 3, 1), dt.datetime(2024, 3, 1, 9, 30)])]
