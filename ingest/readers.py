"""Reading what offices hand in: the only file I/O of the import.

``.xlsx`` workbooks (streamed by :mod:`ingest.xlsx_rows`), CSV files in UTF-8, UTF-8 with BOM or
GB18030/GBK (detected, or stated), folders and ``.zip`` archives of them. Each sheet
comes back as plain rows numbered as a person sees them in Excel: the header is row 1,
the first data row is row 2. Wholly blank rows are skipped (their numbers are kept).

>>> sheets = read_bytes("组织.csv", "名称,范围\\n铜川社区党总支,体系内\\n".encode("gbk"))
>>> sheets[0].name, sheets[0].header, sheets[0].rows
('组织', ['名称', '范围'], [(2, ['铜川社区党总支', '体系内'])])
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lianmeng.errors import LianmengError

__all__ = ["RawSheet", "UnreadableInput", "read_paths", "read_bytes", "decode_csv"]

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".zip")


class UnreadableInput(LianmengError):
    """A file that cannot be opened or decoded; the message names it and says why."""


@dataclass
class RawSheet:
    """One sheet (or CSV file) as read: its name, where from, header and numbered rows."""

    name: str
    source: str
    header: list[object]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)


def read_paths(paths: Iterable[str | Path], *, encoding: str | None = None) -> list[RawSheet]:
    """Every sheet in the given files, folders and zips (in the order given)."""
    sheets: list[RawSheet] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not p.name.startswith(("~$", ".")))
            if not found:
                raise UnreadableInput(f"文件夹“{path}”中没有 .xlsx、.csv 或 .zip 文件：请放入按模板填写的文件。")
            for child in found:
                sheets += read_bytes(child.name, _read(child), encoding=encoding)
        else:
            sheets += read_bytes(path.name, _read(path), encoding=encoding)
    return sheets


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(f"找不到文件“{path}”：请检查路径。") from None
    except OSError as exc:
        raise UnreadableInput(f"无法读取文件“{path}”：{exc.strerror}。") from None


def read_bytes(filename: str, content: bytes, *, encoding: str | None = None) -> list[RawSheet]:
    """The sheets of one file given by name and content (what an upload provides)."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(filename, content)
    if suffix == ".csv":
        return [_read_csv(filename, content, encoding)]
    if suffix == ".zip":
        return _read_zip(filename, content, encoding)
    raise UnreadableInput(f"不支持的文件类型“{filename}”：请提交 .xlsx 工作簿、.csv 文件、文件夹或 .zip 压缩包。")


def _read_xlsx(filename: str, content: bytes) -> list[RawSheet]:
    from xml.etree.ElementTree import ParseError

    from ingest.xlsx_rows import sheet_rows

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise UnreadableInput(f"无法打开工作簿“{filename}”：文件已损坏或不是 .xlsx 格式。请用 Excel 另存为 .xlsx 后重试。") from None
    sheets = []
    try:
        with archive:
            for title, rows in sheet_rows(archive):
                sheet = RawSheet(title, filename, [])
                for number, values in rows:
                    if number == 1:
                        sheet.header = _trim_header(values)
                        continue
                    values = values[:len(sheet.header)]
                    if any(v is not None and str(v).strip() for v in values):
                        sheet.rows.append((number, values))
                sheets.append(sheet)
    except (KeyError, ParseError, ValueError, IndexError) as exc:
        raise UnreadableInput(f"无法读取工作簿“{filename}”：文件已损坏（{type(exc).__name__}）。请用 Excel 另存为 .xlsx 后重试。") from None
    return sheets


def _trim_header(header: list[object]) -> list[object]:
    while header and (header[-1] is None or not str(header[-1]).strip()):
        header.pop()
    return header


def decode_csv(filename: str, content: bytes, encoding: str | None = None) -> str:
    """CSV bytes as text: the stated encoding, else UTF-8 (with or without BOM), else GB18030."""
    if encoding:
        try:
            return content.decode(encoding)
        except LookupError:
            raise UnreadableInput(f"未知的编码“{encoding}”：常用的有 utf-8、utf-8-sig、gbk、gb18030。") from None
        except UnicodeDecodeError as exc:
            raise UnreadableInput(f"文件“{filename}”不是 {encoding} 编码（第 {exc.start} 字节处无法解码）：请确认编码，或不加 --encoding 让程序自动识别。") from None
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="strict")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK and GB2312: what Excel on Chinese Windows writes
        return content.decode("gb18030")
    except UnicodeDecodeError:
        raise UnreadableInput(f"无法识别文件“{filename}”的编码：请另存为 UTF-8 或 GBK 编码的 CSV，或用 --encoding 指定编码。") from None


def _read_csv(filename: str, content: bytes, encoding: str | None) -> RawSheet:
    text = decode_csv(filename, content, encoding)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise UnreadableInput(f"文件“{filename}”不是有效的 CSV：{exc}。") from None
    header = _trim_header(list(rows[0])) if rows else []
    sheet = RawSheet(Path(filename).stem, filename, header)
    width = len(header)
    for number, row in enumerate(rows[1:], start=2):
        values: list[object] = [cell if cell.strip() else None for cell in row[:width]]
        if any(v is not None for v in values):
            sheet.rows.append((number, values))
    return sheet


def _read_zip(filename: str, content: bytes, encoding: str | None) -> list[RawSheet]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise UnreadableInput(f"无法打开压缩包“{filename}”：文件已损坏或不是 .zip 格式。") from None
    sheets: list[RawSheet] = []
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            name = _zip_name(info)
            inner = Path(name)
            if info.is_dir() or inner.name.startswith((".", "~$")) or "__MACOSX" in inner.parts:
                continue
            if inner.suffix.lower() in (".xlsx", ".xlsm", ".csv"):
                sheets += read_bytes(inner.name, archive.read(info), encoding=encoding)
    if not sheets:
        raise UnreadableInput(f"压缩包“{filename}”中没有 .xlsx 或 .csv 文件：请放入按模板填写的文件。")
    return sheets


def _zip_name(info: zipfile.ZipInfo) -> str:
    # zips made on Chinese Windows store names in GBK without the UTF-8 flag
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename
