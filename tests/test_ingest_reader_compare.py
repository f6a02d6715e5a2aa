"""python-calamine against the former hand-written reader (issue 18), and the other
workbook formats: every value of every row the same, in type too (int, float, datetime,
bool, str), so the validators see exactly what they saw before.

An .xls and an .ods of the sample workbook (made by LibreOffice from ``lianmeng export
workbook``; tests/data/formats holds a committed set, and with LibreOffice installed the
test session converts a fresh export) import identically to the .xlsx. LibreOffice cannot
write .xlsb (it only reads it): tests/test_ingest_xlsb.py writes one with pyxlsbwriter.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook

from ingest.readers import RawSheet, read_paths
from ingest.xlsx_rows import raw_sheets
from lianmeng.cli import main

FORMATS = Path(__file__).parent / "data" / "formats"


def _typed(sheets: list[RawSheet]) -> list:
    """Sheets as comparable values, each cell with its type."""
    return [(s.name, [(v, type(v).__name__) for v in s.header],
             [(n, [(v, type(v).__name__) for v in row]) for n, row in s.rows]) for s in sheets]


def _same_as_before(path: Path) -> None:
    old = raw_sheets(path.name, path.read_bytes())
    new = read_paths([path])
    assert [s.name for s in new] == [s.name for s in old]
    for before, after in zip(old, new, strict=True):
        assert _typed([after]) == _typed([before]), before.name


def test_sample_export_reads_as_the_former_reader_read_it(sample_dir: Path, tmp_path: Path):
    assert main(["export", "workbook", "-o", str(tmp_path / "sample.xlsx")]) == 0
    _same_as_before(tmp_path / "sample.xlsx")


def test_values_of_every_kind_read_as_before(tmp_path: Path):
    book = Workbook()
    ws = book.active
    ws.title = "结对"
    ws.append(["甲方", "乙方", "开始日期", "结束日期", "党员数", "先锋指数", "锁定", "备注"])
    ws.append(["甲", "乙", dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 9, 30), 12, 88.5, True, "  有空格  "])
    ws.append(["甲", "乙", "2024-03-01", None, 12.0, 1e-7, False, 0])
    ws.append([None, None, None, None, None, None, None, None])
    ws.append(["丙", "丁", 45352, None, -3, 2 ** 40, "#N/A", "全角１２"])
    ws.append(["戊", "己", dt.time(8, 30), dt.timedelta(hours=2), dt.timedelta(hours=30), 0.5, None, "2024/3/1"])
    ws["F6"].number_format = "0%"
    ws["C2"].number_format = "yyyy\"年\"m\"月\"d\"日\""
    book.save(tmp_path / "kinds.xlsx")
    _same_as_before(tmp_path / "kinds.xlsx")


@pytest.mark.slow
def test_synthetic_10k_50k_workbook_reads_as_before(tmp_path: Path):
    from ingest.template import write_workbook
    from lianmeng.synthetic import synthetic_network

    write_workbook(tmp_path / "synthetic.xlsx", synthetic_network(10_000, 50_000))
    _same_as_before(tmp_path / "synthetic.xlsx")


def _report(capsys, path: Path) -> dict:
    capsys.readouterr()
    assert main(["import", str(path), "--replace", "--dry-run", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _same_import(capsys, xlsx: Path, others: list[Path]) -> None:
    expected = read_paths([xlsx])
    report = _report(capsys, xlsx)
    assert report["ok"] and sum(report["changes"]["pairings"].values()) > 100
    for other in others:
        sheets = read_paths([other])
        assert _typed(sheets) == _typed(expected), other.suffix
        assert _report(capsys, other) == report, other.suffix


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_committed_xls_and_ods_import_as_the_xlsx(data_dir: Path, capsys, suffix: str):
    _same_import(capsys, FORMATS / "sample.xlsx", [FORMATS / f"sample{suffix}"])


def _soffice(tmp_path: Path, source: Path, target: str) -> Path:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("未安装 LibreOffice（apt-get install libreoffice-calc-nogui）：跳过格式转换测试")
    result = subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                             "--convert-to", target, "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return source.with_suffix("." + target.split(":")[0])


@pytest.mark.libreoffice
@pytest.mark.slow
def test_fresh_export_converted_by_libreoffice_imports_identically(sample_dir: Path, tmp_path: Path, capsys):
    xlsx = tmp_path / "sample.xlsx"
    assert main(["export", "workbook", "-o", str(xlsx)]) == 0
    converted = [_soffice(tmp_path, xlsx, target) for target in ("xls", "ods")]
    _same_import(capsys, xlsx, converted)


def test_hidden_rows_of_an_ods_are_seen():
    """tests/data/formats/hidden_rows.ods: LibreOffice's conversion of an .xlsx whose 组织 rows
    3, 5, 6 and 结对 row 2 are hidden (``table:visibility="collapse"``)."""
    sheets = read_paths([FORMATS / "hidden_rows.ods"])
    assert [(s.name, [(n.code, n.rows) for n in s.notes]) for s in sheets] == [
        ("组织", [("hidden_rows", (3, 5, 6))]), ("结对", [("hidden_rows", (2,))])]


@pytest.mark.libreoffice
@pytest.mark.slow
def test_hidden_sheets_and_rows_are_seen_in_xls_and_ods(tmp_path: Path):
    book = Workbook()
    book.active.title = "组织"
    book.active.append(["名称", "范围"])
    for i in range(4):
        book.active.append([f"单位{i}", "区域外"])
    book.active.row_dimensions[4].hidden = True
    notes = book.create_sheet("说明")
    notes.append(["隐藏的说明"])
    notes.sheet_state = "hidden"
    book.save(tmp_path / "hidden.xlsx")
    expected = {"xls": [("组织", []), ("说明", [("hidden_sheet", ())])],  # .xls: hidden rows are not read
                "ods": [("组织", [("hidden_rows", (4,))]), ("说明", [("hidden_sheet", ())])]}
    for target, notes_seen in expected.items():
        sheets = read_paths([_soffice(tmp_path, tmp_path / "hidden.xlsx", target)])
        assert [(s.name, [(n.code, n.rows) for n in s.notes]) for s in sheets] == notes_seen, target
