"""The template workbook: one sheet per record type with Chinese headers, and a notes
sheet — empty with an example row (``lianmeng template``), or filled with a dataset
(``lianmeng export workbook``) so that offices can edit it and import it again.

The filled workbook writes every id and writes references as names only where the
name finds the same record again on import, so exporting and re-importing is exact.
Text cells are always written as text (a name starting with ``=`` is not a formula).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from exports.sheet_print import print_setup
from ingest.headers import SHEETS, SheetSpec
from ingest.ledger_sheets import LEDGER_EXAMPLE_ROWS, LEDGER_NOTES, ledger_rows
from ingest.normalise import join_items
from ingest.validate import REFERENCE_TABLES, Progress, party_index, reference_text
from lianmeng.dataset import Dataset
from lianmeng.texts import (
    KIND_LABELS,
    MEETING_KIND_LABELS,
    ORG_TYPE_LABELS,
    SCOPE_LABELS,
    SECTOR_LABELS,
    STATUS_LABELS,
    TARGET_LABELS,
    TEMPLATE_ERROR,
    TEMPLATE_ERROR_TITLE,
    TEMPLATE_PROMPT,
    TEMPLATE_PROMPT_REQUIRED,
    TEMPLATE_PROMPT_TITLE,
)

__all__ = ["write_workbook", "workbook_bytes", "dataset_rows", "EXAMPLE_ROWS", "NOTES", "CLOSED_LISTS",
           "ALLIANCE_LISTS"]

#: the template's example rows: together they import cleanly into an empty store
EXAMPLE_ROWS: dict[str, list[dict[str, object]]] = {
    "committees": [{"name": "XX街道党工委", "level": "街道党工委"},
                   {"name": "社区党委", "level": "二级党委", "parent": "XX街道党工委"}],
    "alliances": [{"name": "社区党建联盟", "sector": "社区", "led_by": "社区党委", "unified_action": "五联工作法",
                   "project": "党群议事体系", "research_topic": "老旧小区治理"}],
    "organisations": [
        {"name": "铜川社区党总支", "alliance": "社区党建联盟", "scope": "体系内", "type": "党总支", "unit": "铜川社区",
         "industry": "居民区", "grid": "第1网格", "member_count": 35, "brands": "四事",
         "resources": "活动场地；志愿者队伍", "needs": "法律咨询", "pioneer_index": 88.5},
        {"name": "区检察院党支部", "scope": "区域外", "type": "党支部", "unit": "区检察院", "resources": "法律咨询"},
    ],
    "pairings": [{"party_a": "铜川社区党总支", "party_b": "区检察院党支部", "kind": "大联动",
                  "content": "法律进社区", "since": dt.date(2024, 3, 1), "status": "进行中"}],
    "meetings": [{"date": dt.date(2026, 3, 15), "kind": "联席会议", "alliance": "社区党建联盟",
                  "chair": "铜川社区党总支", "attendees": "铜川社区党总支", "topics": "一季度工作安排",
                  "location": "铜川社区党群服务站"}],
    "rotations": [{"alliance": "社区党建联盟", "quarter": "2026Q2", "chair": "铜川社区党总支", "pinned": "是",
                   "note": "二季度由铜川社区牵头"}],
    "rotation_exclusions": [{"alliance": "社区党建联盟", "organisation": "铜川社区党总支", "reason": "换届暂停",
                             "since": "2026Q3", "until": "2026Q4"}],
    "targets": [{"metric": "小联动", "value": 38}, {"metric": "大联动", "value": 84},
                {"metric": "每个成员的小联动", "value": 1, "note": "每个成员至少一个小联动"}],
}

NOTES: tuple[str, ...] = (
    "联盟图谱 · 导入模板说明",
    "",
    "· 工作表：党委、联盟、组织、结对、会议、轮值安排、轮值排除、目标（也可用英文名 committees、alliances、organisations、"
    "pairings、meetings、rotations、rotation_exclusions、targets）。"
    "每张表第 1 行是列名，列的顺序不限；中英文列名均可。",
    "· 编号：可留空，程序按名称自动生成；同一文件再次导入不会产生重复。导出的工作簿带有编号，请勿改动。",
    "· 引用（所属联盟、甲方、乙方、轮值主席、出席……）：填写名称或编号均可；所属联盟也可填领域（如“社区”）。",
    "· 范围：体系内 / 区域内体系外 / 区域外；填写了所属联盟时可留空（即体系内）。",
    "· 类型（组织）：党委 / 党总支 / 党支部 / 党组 / 联合党支部。层级（党委）：区委 / 街道党工委 / 二级党委；"
    "一个区的多个街道：街道党工委的“上级”填区委名称（层级须写明“街道党工委”）。",
    "· 结对类型可留空由程序判断；填写时只能是 小联动 / 大联动 / 联盟层面 / 街道层面，且须与双方相符。",
    "· 列表（特色品牌、资源清单、需求清单、出席、议题、决议）用 ；、，或 ; , 分隔。",
    "· 日期：2024-03-01、2024/3/1、2024.3.1、2024年3月1日 或 Excel 日期均可。",
    "· 先锋指数 0–100；党员数为 0–100000 的整数。",
    "· 季度（轮值安排、轮值排除）：2026Q1、2026q1、2026-Q1 或 2026年第1季度 均可。",
    "· 轮值安排：每个联盟每季度一行；轮值主席须是该联盟的成员组织。锁定填 是/否（也可填 true/false、1/0），"
    "留空为否；锁定的季度在自动排班时保持不变。",
    "· 轮值排除：不参加轮值的成员组织，须写明原因；起始季度、结束季度可留空（表示不限），结束季度不得早于起始季度。",
    "· 必填：名称（党委、联盟、组织）、领域（联盟）、甲方、乙方、开始日期（结对）、日期（会议）、"
    "联盟、季度、轮值主席（轮值安排）、联盟、组织、原因（轮值排除）。",
    "· 目标：本街道要达到的数字，每个指标一行（指标：" + "、".join(TARGET_LABELS.values()) + "；目标值为 0 或以上的整数）。"
    "没有“目标”工作表的街道照常显示数字，但不作达标判断。多个街道时在“街道”列填写街道党工委名称。",
    *LEDGER_NOTES,  # issue 16
    "· 导入时先校验并预览，任何错误都不写入；导入前自动备份，可用 lianmeng restore 恢复。",
)
EXAMPLE_ROWS.update(LEDGER_EXAMPLE_ROWS)  # issue 16

#: (sheet, field) → the choices of a closed list, offered as an in-cell drop-down
CLOSED_LISTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("committees", "level"): ("街道党工委", "二级党委"),
    ("alliances", "sector"): tuple(SECTOR_LABELS.values()),
    ("organisations", "scope"): tuple(SCOPE_LABELS.values()),
    ("organisations", "type"): tuple(ORG_TYPE_LABELS.values()),
    ("pairings", "kind"): ("小联动", "大联动", *(v for v in KIND_LABELS.values() if v != "小联动")),
    ("pairings", "status"): tuple(STATUS_LABELS.values()),
    ("meetings", "kind"): tuple(MEETING_KIND_LABELS.values()),
    ("rotations", "pinned"): ("是", "否"),
}
#: (sheet, field) of the columns that name an alliance: a drop-down of the 联盟 sheet's names
ALLIANCE_LISTS: tuple[tuple[str, str], ...] = (
    ("organisations", "alliance"), ("meetings", "alliance"), ("rotations", "alliance"),
    ("rotation_exclusions", "alliance"))
_LAST_ROW = 1_048_576

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="B22222")
_DATE_FORMAT = "yyyy-mm-dd"


def dataset_rows(dataset: Dataset, spec: SheetSpec, parties=None) -> Iterator[dict[str, object]]:
    """The rows of one sheet for ``dataset``, as ``{field: cell value}``."""
    parties = parties or party_index(dataset)

    def ref(key: tuple[str, str], record_id: str | None) -> str:
        return reference_text(dataset, record_id, REFERENCE_TABLES[key], parties)

    if spec.key == "committees":
        district = {c.parent for c in dataset.committees if c.parent}
        for c in dataset.committees:
            yield {"id": c.id, "name": c.name, "level": "区委" if c.id in district else "街道党工委",
                   "parent": ref(("committees", "parent"), c.parent) if c.parent else ""}
        for s in dataset.subcommittees:
            yield {"id": s.id, "name": s.name, "level": "二级党委", "parent": ref(("subcommittees", "parent"), s.parent)}
    elif spec.key == "alliances":
        for a in dataset.alliances:
            yield {"id": a.id, "name": a.name, "sector": SECTOR_LABELS.get(a.sector, a.sector),
                   "led_by": ref(("alliances", "led_by"), a.led_by), "unified_action": a.unified_action,
                   "project": a.project, "research_topic": a.research_topic}
    elif spec.key == "organisations":
        for o in dataset.organisations:
            yield {"id": o.id, "name": o.name, "alliance": ref(("organisations", "alliance"), o.alliance),
                   "scope": SCOPE_LABELS[o.scope.value], "type": ORG_TYPE_LABELS[o.type.value], "unit": o.unit,
                   "industry": o.industry, "address": o.address, "grid": o.grid, "member_count": o.member_count,
                   "contact": o.contact, "phone": o.phone, "brands": join_items(o.brands),
                   "resources": join_items(o.resources), "needs": join_items(o.needs),
                   "pioneer_index": o.pioneer_index}
    elif spec.key == "pairings":
        for p in dataset.pairings:
            yield {"id": p.id, "party_a": ref(("pairings", "party"), p.party_a),
                   "party_b": ref(("pairings", "party"), p.party_b), "kind": KIND_LABELS[p.kind.value],
                   "content": p.content, "since": p.since, "until": p.until, "status": STATUS_LABELS[p.status.value]}
    elif spec.key == "meetings":
        for m in dataset.meetings:
            attendees = tuple(reference_text(dataset, a, REFERENCE_TABLES[("meetings", "chair")], parties)
                              for a in m.attendees)
            yield {"id": m.id, "date": m.date, "kind": MEETING_KIND_LABELS[m.kind.value],
                   "alliance": ref(("meetings", "alliance"), m.alliance), "chair": ref(("meetings", "chair"), m.chair),
                   "attendees": join_items(attendees), "topics": join_items(m.topics),
                   "decisions": join_items(m.decisions), "location": m.location, "action_day": m.action_day or ""}
    elif spec.key == "rotations":
        for r in dataset.rotations:
            yield {"id": r.id, "alliance": ref(("rotations", "alliance"), r.alliance),
                   "quarter": r.quarter, "chair": ref(("rotations", "chair"), r.chair),
                   "pinned": "是" if r.pinned else "否", "note": r.note}
    elif spec.key == "rotation_exclusions":
        for x in dataset.rotation_exclusions:
            yield {"id": x.id, "alliance": ref(("rotation_exclusions", "alliance"), x.alliance),
                   "organisation": ref(("rotation_exclusions", "organisation"), x.organisation),
                   "reason": x.reason, "since": x.since or "", "until": x.until or ""}
    elif spec.key == "targets":
        for t in dataset.targets:
            yield {"id": t.id, "street": ref(("targets", "street"), t.street) if t.street else "",
                   "metric": TARGET_LABELS[t.metric.value], "value": t.value, "note": t.note}
    else:  # the ledger's sheets (issue 16)
        yield from ledger_rows(dataset, spec.key, lambda record_id, tables: reference_text(
            dataset, record_id, tables, parties))


def _cell(ws, value: object) -> WriteOnlyCell:
    """One written cell: text stays text (never a formula) and loses the control characters
    a worksheet cannot hold, whichever sheet it is on."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif isinstance(value, dt.date):
        cell.number_format = _DATE_FORMAT
    return cell


def _drop_downs(ws, spec: SheetSpec) -> None:
    """In-cell drop-downs with a Chinese prompt for the closed lists of one sheet.

    The error style is "warning": the importer also accepts English values and short
    forms (``member``, ``1``…), so a typed value is questioned, never blocked.
    """
    alliance_names = SHEETS["alliances"]
    name_letter = get_column_letter(next(i for i, c in enumerate(alliance_names.columns, 1) if c.field == "name"))
    for i, column in enumerate(spec.columns, start=1):
        key = (spec.key, column.field)
        if key in CLOSED_LISTS:
            choices = "、".join(CLOSED_LISTS[key])
            formula = '"' + ",".join(CLOSED_LISTS[key]) + '"'
        elif key in ALLIANCE_LISTS:
            choices = "“联盟”表中的联盟名称"
            formula = f"{quote_sheetname(alliance_names.title)}!${name_letter}$2:${name_letter}${_LAST_ROW}"
        else:
            continue
        prompt = TEMPLATE_PROMPT_REQUIRED if column.required else TEMPLATE_PROMPT
        check = DataValidation(type="list", formula1=formula, allow_blank=not column.required,
                               showDropDown=False, showInputMessage=True, showErrorMessage=True,
                               errorStyle="warning", promptTitle=TEMPLATE_PROMPT_TITLE,
                               prompt=prompt.format(choices=choices), errorTitle=TEMPLATE_ERROR_TITLE,
                               error=TEMPLATE_ERROR.format(choices=choices))
        letter = get_column_letter(i)
        check.add(f"{letter}2:{letter}{_LAST_ROW}")
        ws.data_validations.append(check)


def write_workbook(target: str | Path | io.BytesIO, dataset: Dataset | None = None, *,
                   progress: Progress | None = None) -> int:
    """Write the template (``dataset`` is ``None``: example rows) or ``dataset`` filled in.

    Returns the number of data rows written.
    """
    book = Workbook(write_only=True)
    parties = party_index(dataset) if dataset is not None else None
    written = 0
    specs = list(SHEETS.values())
    for n, spec in enumerate(specs):
        if progress:
            progress(n / (len(specs) + 1), spec.title)
        ws = book.create_sheet(spec.title)
        ws.freeze_panes = "A2"
        print_setup(ws)
        _drop_downs(ws, spec)
        for i, column in enumerate(spec.columns):
            letter = get_column_letter(i + 1)
            ws.column_dimensions[letter].width = 14 if column.field not in ("name", "party_a", "party_b", "content",
                                                                                     "organisation", "reason", "note") \
                else 26
        header = []
        for column in spec.columns:
            cell = WriteOnlyCell(ws, value=column.header)
            cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, Alignment(horizontal="center")
            header.append(cell)
        ws.append(header)
        rows = dataset_rows(dataset, spec, parties) if dataset is not None else iter(EXAMPLE_ROWS[spec.key])
        for row in rows:
            ws.append([_cell(ws, _blank_none(_text(row.get(column.field)))) for column in spec.columns])
            written += 1
    written += _mechanism_sheets(book, dataset)  # issue 17
    notes = book.create_sheet("说明")
    print_setup(notes, title_rows=0, landscape=False)
    notes.column_dimensions["A"].width = 120
    for line in NOTES:
        notes.append([_cell(notes, line)])
    if isinstance(target, str | Path):
        # built in memory first: a path that cannot be written fails on one plain OSError,
        # not inside openpyxl's half-run sheet writers (whose clean-up prints tracebacks)
        buffer = io.BytesIO()
        book.save(buffer)
        Path(target).write_bytes(buffer.getvalue())
    else:
        book.save(target)
    if progress:
        progress(1.0, "")
    return written


def _text(value: object) -> object:
    # control characters cannot be stored in the file format (openpyxl's IllegalCharacterError)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _blank_none(value: object) -> object:
    return None if value == "" else value


def workbook_bytes(dataset: Dataset | None = None) -> bytes:
    """The workbook as bytes (for a download button)."""
    buffer = io.BytesIO()
    write_workbook(buffer, dataset)
    return buffer.getvalue()


# --- issue 17: the 供需, 诉求 and 先锋指数 sheets ------------------------------------------


def _mechanism_sheets(book: Workbook, dataset: Dataset | None) -> int:
    """Write the sheets of :mod:`ingest.mechanisms` (headers only for the blank template)."""
    from ingest.mechanisms import SHEET_NAMES, export_rows, template_rows

    written = 0
    for table, names in SHEET_NAMES.items():
        ws = book.create_sheet(names[0])
        ws.freeze_panes = "A2"
        header = []
        for title in template_rows(table, dataset):
            cell = WriteOnlyCell(ws, value=title)
            cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, Alignment(horizontal="center")
            header.append(cell)
        ws.append(header)
        for row in export_rows(table, dataset) if dataset is not None else ():
            ws.append([_cell(ws, _blank_none(value)) for value in row])
            written += 1
    return written
