"""Reading what offices hand in: the only file I/O of the import.

Workbooks (.xlsx, .xlsm, .xls, .xlsb, .ods, read by python-calamine), CSV files in UTF-8,
UTF-8 with BOM or GB18030/GBK (detected, or stated), folders and ``.zip`` archives of
them. Each sheet comes back as plain rows numbered as a person sees them in Excel: the
header is row 1, the first data row is row 2. Wholly blank rows are skipped (their
numbers are kept).

Reading is bounded (:class:`ReadLimits`, from the settings): a file's size, the number
of members of an archive (a workbook is one too), each member's size and compression
ratio — counted while it is decompressed, so a "zip bomb" is stopped before it fills the
memory —, rows per sheet and characters per cell. Damaged, encrypted or oddly compressed
archives are refused. Every refusal is an :class:`UnreadableInput` whose Chinese message
names the file (and sheet and row when known); nothing a file holds ends in a traceback.
Hidden sheets (every format) and hidden rows (.xlsx, .ods) are read, and noted on the
sheet (:attr:`RawSheet.notes`) for the validation to warn about — or to refuse, under
``LIANMENG_IMPORT_HIDDEN=refuse``.

>>> sheets = read_bytes("组织.csv", "名称,范围\\n铜川社区党总支,体系内\\n".encode("gbk"))
>>> sheets[0].name, sheets[0].header, sheets[0].rows
('组织', ['名称', '范围'], [(2, ['铜川社区党总支', '体系内'])])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from lianmeng.errors import LianmengError
from lianmeng.settings import Settings, SettingsError
from lianmeng.texts import say

__all__ = ["RawSheet", "SheetNote", "ReadLimits", "UnreadableInput", "read_paths", "read_bytes", "decode_csv"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv", ".zip")
_ZIPPED_WORKBOOKS = (".xlsx", ".xlsm", ".xlsb", ".ods")
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}  # what Excel, WPS, LibreOffice and zip tools write
_MB = 1024 * 1024
_CHUNK = 1024 * 1024
_RATIO_FROM = _MB  # smaller members may compress as well as they like


class UnreadableInput(LianmengError):
    """A file that cannot be opened or decoded; the message names it and says why."""


@dataclass(frozen=True)
class SheetNote:
    """Something the reader saw that the validation reports: hidden sheets and rows."""

    code: str  # "hidden_sheet" | "hidden_rows"
    rows: tuple[int, ...] = ()
    refused: bool = False  # LIANMENG_IMPORT_HIDDEN=refuse: an error, not a warning


@dataclass
class RawSheet:
    """One sheet (or CSV file) as read: its name, where from, header and numbered rows."""

    name: str
    source: str
    header: list[object]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    notes: list[SheetNote] = field(default_factory=list)


@dataclass(frozen=True)
class ReadLimits:
    """The caps of :mod:`ingest.readers` (see the ``LIANMENG_IMPORT_*`` settings)."""

    file_mb: int = 50
    member_mb: int = 100
    ratio: int = 100
    members: int = 1000
    rows: int = 200_000
    cell: int = 32_767
    hidden: str = "warn"

    @classmethod
    def of(cls, settings: Settings) -> ReadLimits:
        return cls(settings.import_max_file_mb, settings.import_max_member_mb, settings.import_max_ratio,
                   settings.import_max_members, settings.import_max_rows, settings.import_max_cell,
                   settings.import_hidden)

    @classmethod
    def from_env(cls) -> ReadLimits:
        try:
            return cls.of(Settings.from_env())
        except SettingsError:  # the command line reports bad settings before it reads anything
            return cls()


def _refuse(key: str, **values: object) -> UnreadableInput:
    return UnreadableInput(say(key, **values))


def read_paths(paths: Iterable[str | Path], *, encoding: str | None = None,
               limits: ReadLimits | None = None) -> list[RawSheet]:
    """Every sheet in the given files, folders and zips (in the order given)."""
    limits = limits or ReadLimits.from_env()
    sheets: list[RawSheet] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not p.name.startswith(("~$", ".")))
            if not found:
                raise UnreadableInput(f"文件夹“{path}”中没有 .xlsx、.csv 或 .zip 文件：请放入按模板填写的文件。")
            for child in found:
                sheets += read_bytes(child.name, _read(child, limits), encoding=encoding, limits=limits)
        else:
            sheets += read_bytes(path.name, _read(path, limits), encoding=encoding, limits=limits)
    return sheets


def _read(path: Path, limits: ReadLimits) -> bytes:
    try:
        if path.stat().st_size > limits.file_mb * _MB:
            raise _refuse("safe_file_too_big", file=path.name, size=_size(path.stat().st_size), cap=limits.file_mb)
        with path.open("rb") as handle:
            content = handle.read(limits.file_mb * _MB + 1)
    except FileNotFoundError:
        raise UnreadableInput(f"找不到文件“{path}”：请检查路径。") from None
    except OSError as exc:
        raise UnreadableInput(f"无法读取文件“{path}”：{exc.strerror}。") from None
    if len(content) > limits.file_mb * _MB:  # grew while read (or a device)
        raise _refuse("safe_file_too_big", file=path.name, size=_size(len(content)), cap=limits.file_mb)
    return content


def _size(n: int) -> str:
    return f"{n / _MB:.1f} MB" if n >= _MB else f"{n / 1024:.0f} KB"


def read_bytes(filename: str, content: bytes, *, encoding: str | None = None,
               limits: ReadLimits | None = None) -> list[RawSheet]:
    """The sheets of one file given by name and content (what an upload provides)."""
    limits = limits or ReadLimits.from_env()
    if len(content) > limits.file_mb * _MB:
        raise _refuse("safe_file_too_big", file=filename, size=_size(len(content)), cap=limits.file_mb)
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableInput(f"不支持的文件类型“{filename}”：请提交 .xlsx（或 .xls、.xlsb、.ods）工作簿、.csv 文件、文件夹或 .zip 压缩包。")
    try:
        if suffix in WORKBOOK_SUFFIXES:
            return _read_workbook(filename, content, limits)
        if suffix == ".csv":
            return [_read_csv(filename, content, encoding, limits)]
        return _read_zip(filename, content, encoding, limits)
    except UnreadableInput:
        raise
    except MemoryError:
        raise _refuse("safe_out_of_memory", file=filename) from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 — a hostile file ends in a message, never a traceback
        # (BaseException: a panic inside calamine's Rust code arrives as pyo3's PanicException)
        raise _refuse("safe_damaged", file=filename, reason=type(exc).__name__) from None


# --- archives -------------------------------------------------------------------------

def _open_zip(filename: str, content: bytes, limits: ReadLimits, kind: str) -> zipfile.ZipFile:
    """The archive, its directory checked: member count, encryption, method, declared sizes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        what, hint = ("压缩包", say("safe_hint_zip")) if kind == ".zip" else ("工作簿", say("safe_hint_book"))
        raise _refuse("safe_not_zip", what=what, file=filename, kind=kind, hint=hint) from None
    members = archive.infolist()
    if len(members) > limits.members:
        raise _refuse("safe_too_many_members", file=filename, count=len(members), cap=limits.members)
    for info in members:
        name = _zip_name(info)
        if info.flag_bits & 0x1:
            raise _refuse("safe_encrypted", file=filename, member=name)
        if info.compress_type not in _METHODS:
            raise _refuse("safe_method", file=filename, member=name, method=info.compress_type)
        _check_size(filename, name, info.file_size, info.compress_size, limits)
    # what is decompressed never exceeds what is declared (zipfile stops there, then checks the CRC)
    total = sum(info.file_size for info in members)
    if total > limits.member_mb * _MB:
        raise _refuse("safe_total_too_big", file=filename, size=_size(total), cap=limits.member_mb)
    return archive


def _check_size(filename: str, member: str, size: int, packed: int, limits: ReadLimits) -> None:
    if size > limits.member_mb * _MB:
        raise _refuse("safe_member_too_big", file=filename, member=member, cap=limits.member_mb)
    if size > _RATIO_FROM and size > limits.ratio * max(packed, 1):
        raise _refuse("safe_ratio", file=filename, member=member, ratio=size // max(packed, 1), cap=limits.ratio)


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str, limits: ReadLimits, *,
            keep: bool = True, scan: _SheetScan | _OdsScan | None = None) -> bytes:
    """A member's bytes, decompressed a chunk at a time and counted (CRC checked at the end).

    With ``keep=False`` only checks it; ``scan`` is fed every chunk.
    """
    name = _zip_name(info)
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                _check_size(filename, name, total, info.compress_size, limits)
                if keep:
                    chunks.append(chunk)
                if scan is not None:
                    scan.feed(chunk)
    except zipfile.BadZipFile:
        raise _refuse("safe_bad_member", file=filename, member=name) from None
    except (zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        raise _refuse("safe_bad_member", file=filename, member=name) from None
    return b"".join(chunks)


def _zip_name(info: zipfile.ZipInfo) -> str:
    # zips made on Chinese Windows store names in GBK without the UTF-8 flag
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _read_zip(filename: str, content: bytes, encoding: str | None, limits: ReadLimits) -> list[RawSheet]:
    archive = _open_zip(filename, content, limits, ".zip")
    sheets: list[RawSheet] = []
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            name = _zip_name(info)
            inner = Path(name)
            if info.is_dir() or inner.name.startswith((".", "~$")) or "__MACOSX" in inner.parts:
                continue
            suffix = inner.suffix.lower()
            if suffix in (*WORKBOOK_SUFFIXES, ".csv"):
                data = _member(archive, info, filename, limits)
                sheets += read_bytes(inner.name, data, encoding=encoding, limits=limits)
    if not sheets:
        raise UnreadableInput(f"压缩包“{filename}”中没有 .xlsx 或 .csv 文件：请放入按模板填写的文件。")
    return sheets


# --- workbooks ------------------------------------------------------------------------

_M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class _SheetScan:
    """What calamine does not say about an .xlsx worksheet, found in its XML while it is
    checked: the hidden rows, and the text of error cells (``#N/A``…, which calamine
    reads as blank but a person typed or a formula gave)."""

    _ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
    # bounded and kept inside its cell, so a sheet of error cells without values stays linear
    _ERROR = re.compile(rb'<(?:\w+:)?c\b[^>]*\st="e"[^>]*>(?:(?!</(?:\w+:)?c>).){0,4000}?<(?:\w+:)?v>([^<]*)</',
                        re.S)
    _HIDDEN = re.compile(rb'\shidden="(?:1|true)"')
    _REF = re.compile(rb'\sr="([A-Z]*)(\d+)"')
    _OVERLAP = 4096  # a tag cut by a chunk boundary is found whole in the next window

    def __init__(self) -> None:
        self.hidden: set[int] = set()
        self.errors: dict[tuple[int, int], str] = {}
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        text = self._tail + chunk
        if b"hidden" in text:
            for tag in self._ROW.finditer(text):
                raw = tag.group()
                if b"hidden" in raw and self._HIDDEN.search(raw) and (ref := self._REF.search(raw)):
                    self.hidden.add(int(ref.group(2)))
        if b't="e"' in text:
            for cell in self._ERROR.finditer(text):
                ref = self._REF.search(cell.group())
                if ref and ref.group(1):
                    self.errors[(int(ref.group(2)), _column(ref.group(1).decode()))] = \
                        cell.group(1).decode("utf-8", "replace")
        self._tail = text[-self._OVERLAP:]


def _column(letters: str) -> int:
    """0-based column of ``AB``."""
    number = 0
    for char in letters:
        number = number * 26 + (ord(char) - 64)
    return number - 1


class _OdsScan:
    """The hidden rows of every table of an .ods ``content.xml`` (``table:visibility`` of
    ``collapse`` or ``filter``), counted with ``table:number-rows-repeated``."""

    _TAG = re.compile(rb'<table:table\s[^>]*?table:name="([^"]*)"|<table:table-row\b([^>]*)>')
    _REPEAT = re.compile(rb'table:number-rows-repeated="(\d+)"')
    _LONGEST_TAG = 65_536  # a longer unfinished tag is no row: dropped, so scanning stays linear

    def __init__(self, last_row: int) -> None:
        self.last_row = last_row  # rows below this are refused anyway: no need to list them
        self.sheets: dict[str, _SheetScan] = {}
        self._sheet: _SheetScan | None = None
        self._row = 0
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        text = self._tail + chunk
        cut = text.rfind(b"<")
        if cut < 0 or len(text) - cut > self._LONGEST_TAG:
            cut = len(text)
        for match in self._TAG.finditer(text, 0, cut):
            if match.group(1) is not None:
                self._sheet = self.sheets.setdefault(match.group(1).decode("utf-8", "replace"), _SheetScan())
                self._row = 0
                continue
            attributes = match.group(2)
            repeat = self._REPEAT.search(attributes)
            count = int(repeat.group(1)) if repeat else 1
            if self._sheet is not None and b"table:visibility=" in attributes \
                    and b'table:visibility="visible"' not in attributes:
                self._sheet.hidden.update(range(self._row + 1, min(self._row + count, self.last_row) + 1))
            self._row += count
        self._tail = text[cut:]


def _check_archive(filename: str, content: bytes, limits: ReadLimits, kind: str) -> dict[str, _SheetScan]:
    """Decompress every member once, counted and CRC-checked; the worksheets' scans by title."""
    archive = _open_zip(filename, content, limits, kind)
    parts: dict[str, _SheetScan] = {}  # .xlsx: by worksheet part
    tables: dict[str, _SheetScan] = {}  # .ods: by table name
    with archive:
        for info in archive.infolist():
            scan: _SheetScan | _OdsScan | None = None
            if kind == ".ods" and info.filename == "content.xml":
                scan = _OdsScan(limits.rows + 1)
            elif kind in (".xlsx", ".xlsm") and info.filename.startswith("xl/worksheets/") \
                    and info.filename.endswith(".xml"):
                scan = _SheetScan()
            _member(archive, info, filename, limits, keep=False, scan=scan)
            if isinstance(scan, _OdsScan):
                tables = scan.sheets
            elif scan is not None and (scan.hidden or scan.errors):
                parts[info.filename] = scan
        if parts:
            return {title: parts[path] for title, path in _sheet_parts(archive).items() if path in parts}
    return tables


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → worksheet part path of an .xlsx (small parts, already checked)."""
    book = "xl/workbook.xml"
    try:
        for _, element in iterparse(archive.open("_rels/.rels")):
            if element.tag == f"{_PR}Relationship" and element.get("Type", "").endswith("/officeDocument"):
                book = element.get("Target", "").lstrip("/")
    except KeyError:
        pass
    folder, name = book.rsplit("/", 1) if "/" in book else ("", book)
    targets: dict[str, str] = {}
    for _, element in iterparse(archive.open(f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels")):
        if element.tag == f"{_PR}Relationship":
            target = element.get("Target", "")
            targets[element.get("Id", "")] = target.lstrip("/") if target.startswith("/") else \
                (f"{folder}/{target}" if folder else target)
    parts: dict[str, str] = {}
    for _, element in iterparse(archive.open(book)):
        if element.tag == f"{_M}sheet":
            path = targets.get(element.get(f"{_R}id", ""))
            if path:
                parts[element.get("name", "")] = path
    return parts


def _read_workbook(filename: str, content: bytes, limits: ReadLimits) -> list[RawSheet]:
    import python_calamine as calamine

    suffix = Path(filename).suffix.lower()
    scans: dict[str, _SheetScan] = {}
    if suffix in _ZIPPED_WORKBOOKS:
        try:
            scans = _check_archive(filename, content, limits, suffix)
        except (KeyError, ParseError):
            raise _refuse("safe_damaged", file=filename, reason="缺少或损坏的工作簿部件") from None
    elif not content.startswith(b"\xd0\xcf\x11\xe0"):  # .xls: an OLE compound file
        raise _refuse("safe_not_zip", what="工作簿", file=filename, kind=suffix, hint=say("safe_hint_book"))
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except calamine.PasswordError:
        raise _refuse("safe_encrypted_book", file=filename) from None
    except (calamine.CalamineError, ValueError, TypeError, OSError):
        raise _refuse("safe_damaged", file=filename, reason="无法解析") from None
    sheets: list[RawSheet] = []
    with _closing(book):
        for meta in book.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] not in ("WorkSheet",):
                continue  # chart sheets, macro sheets: no cells
            sheets.append(_read_sheet(filename, book, meta, scans.get(meta.name) or _SheetScan(), limits))
    return sheets


class _closing:
    def __init__(self, book) -> None:
        self.book = book

    def __enter__(self):
        return self.book

    def __exit__(self, *exc) -> None:
        self.book.close()


def _read_sheet(filename: str, book, meta, scan: _SheetScan, limits: ReadLimits) -> RawSheet:
    import python_calamine as calamine

    title = meta.name
    try:
        sheet = book.get_sheet_by_name(title)
        if sheet.total_height > limits.rows:  # the last row's 0-based index: the rows below the header
            raise _refuse("safe_too_many_rows", file=filename, sheet=title, count=sheet.total_height,
                          cap=limits.rows)
        grid = sheet.to_python(skip_empty_area=False)
    except (calamine.CalamineError, OSError, ValueError):  # a cut .xlsb part: OSError
        raise _refuse("safe_damaged_sheet", file=filename, sheet=title) from None
    raw = RawSheet(title, filename, [])
    for index, cells in enumerate(grid):
        number = index + 1
        values = [_cell(value, filename, title, number, limits) for value in cells]
        if scan.errors:
            for column, value in enumerate(values):
                if value is None and (number, column) in scan.errors:
                    values[column] = scan.errors[(number, column)]
        if number == 1:
            raw.header = _trim_header(values)
            continue
        values = values[:len(raw.header)]
        while values and values[-1] is None:
            values.pop()
        if any(v is not None and str(v).strip() for v in values):
            raw.rows.append((number, values))
    if str(meta.visible).rsplit(".", 1)[-1] != "Visible":
        raw.notes.append(SheetNote("hidden_sheet", refused=limits.hidden == "refuse"))
    shown = sorted(number for number, _ in raw.rows if number in scan.hidden)
    if shown:
        raw.notes.append(SheetNote("hidden_rows", tuple(shown), refused=limits.hidden == "refuse"))
    return raw


_EXACT = 2 ** 53
_DAY = dt.timedelta(days=1)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_EXCEL_CELL = 32_767  # Excel's most characters in a cell


def _cell(value: object, filename: str, sheet: str, row: int, limits: ReadLimits) -> object:
    """A calamine value as the validators expect it (what openpyxl-style reading gave)."""
    if type(value) is str:
        if not value:
            return None
        if len(value) > limits.cell or len(value) >= _EXCEL_CELL:
            # calamine cuts a longer cell to Excel's 32,767 characters: that length means "more"
            length = len(value) if len(value) < _EXCEL_CELL else f"{_EXCEL_CELL} 以上"
            raise _refuse("safe_cell_too_long", file=filename, sheet=sheet, row=row, length=length,
                          cap=limits.cell)
        return value
    if type(value) is float:
        return int(value) if value.is_integer() and -_EXACT < value < _EXACT else value
    if type(value) is dt.date:
        return dt.datetime.combine(value, dt.time())
    if type(value) is dt.timedelta:  # a duration format ([h]:mm): a time of day, or a serial date
        if dt.timedelta(0) <= value < _DAY:
            return (dt.datetime.min + value).time()
        # Excel's fictitious 1900-02-29: serials below 60 are one day later
        return _EXCEL_EPOCH + value + (_DAY if _DAY <= value < 60 * _DAY else dt.timedelta(0))
    return value


def _trim_header(header: list[object]) -> list[object]:
    while header and (header[-1] is None or not str(header[-1]).strip()):
        header.pop()
    return header


# --- CSV ------------------------------------------------------------------------------

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
        try:
            return content[3:].decode("utf-8", errors="strict")
        except UnicodeDecodeError as exc:
            raise UnreadableInput(f"文件“{filename}”以 UTF-8 标记开头，但第 {exc.start + 3} 字节处无法按 UTF-8 解码：请另存为 UTF-8 编码的 CSV。") from None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK and GB2312: what Excel on Chinese Windows writes
        return content.decode("gb18030")
    except UnicodeDecodeError:
        raise UnreadableInput(f"无法识别文件“{filename}”的编码：请另存为 UTF-8 或 GBK 编码的 CSV，或用 --encoding 指定编码。") from None


def _read_csv(filename: str, content: bytes, encoding: str | None, limits: ReadLimits) -> RawSheet:
    text = decode_csv(filename, content, encoding)
    sheet = RawSheet(Path(filename).stem, filename, [])
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    width = 0
    try:
        for row in reader:
            number += 1
            if number > limits.rows + 1:
                raise _refuse("safe_too_many_rows", file=filename, sheet=sheet.name, count=f"{limits.rows} 以上",
                              cap=limits.rows)
            for cell in row:
                if len(cell) > limits.cell:
                    raise _refuse("safe_cell_too_long", file=filename, sheet=sheet.name, row=number,
                                  length=len(cell), cap=limits.cell)
            if number == 1:
                sheet.header = _trim_header(list(row))
                width = len(sheet.header)
                continue
            values: list[object] = [cell if cell.strip() else None for cell in row[:width]]
            if any(v is not None for v in values):
                sheet.rows.append((number, values))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _refuse("safe_cell_too_long", file=filename, sheet=sheet.name, row=number + 1,
                          length=f"{csv.field_size_limit()} 以上", cap=limits.cell) from None
        raise _refuse("safe_bad_csv", file=filename, row=number + 1) from None
    return sheet
