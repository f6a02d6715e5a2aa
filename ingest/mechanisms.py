"""The import sheets of issue 17: 供需 (needs and resources), 诉求 (residents' problems)
and 先锋指数 (survey responses, one row per resident).

Pure: sheets as read (:class:`ingest.readers.RawSheet`) and the store's current dataset
in, records or errors out. Every error names the sheet, the row as Excel numbers it, the
column as the file spells it and the value, with a Chinese sentence saying what to fix;
when there is any error nothing is to be written. Organisations are found by name or id
(full-width and spaces folded). A blank 编号 becomes a stable id derived from the row's
content, so importing the same file twice changes nothing.

>>> sorted(SHEETS)
['calendar_days', 'pioneer_responses', 'pioneer_rounds', 'resident_problems', 'supply_demand']
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ingest import normalise as nz
from ingest.readers import RawSheet
from ingest.validate import SheetProblem
from lianmeng.dataset import ChangeSet, Dataset
from lianmeng.errors import RecordError
from lianmeng.records import (
    CalendarDay,
    Channel,
    NeedKind,
    Organisation,
    PioneerResponse,
    PioneerRound,
    Record,
    ResidentProblem,
    SupplyDemandItem,
    build,
)
from lianmeng.texts import CHANNEL_LABELS, NEED_KIND_LABELS, TABLE_LABELS, say

__all__ = ["SHEETS", "SHEET_NAMES", "MechanismImport", "parse", "template_rows", "export_rows"]

#: table → ordered (field, Chinese header, required)
SHEETS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "calendar_days": (("date", "日期", True), ("workday", "是否上班", True), ("note", "备注", False)),
    "pioneer_rounds": (
        ("id", "编号", False), ("period", "测评期", True), ("title", "标题", False), ("questions", "题目", True),
        ("weights", "权重", False), ("scale_min", "最低分", False), ("scale_max", "最高分", False),
        ("threshold", "预警线", False),
    ),
    "supply_demand": (
        ("id", "编号", False), ("organisation", "发布单位", True), ("kind", "类型", True),
        ("quarter", "季度", True), ("title", "标题", True), ("category", "类别", False),
        ("description", "说明", False), ("quantity", "数量/时间", False), ("contact", "联系人", False),
        ("claimed_by", "认领单位", False), ("claimed_on", "认领日期", False),
        ("fulfilled_on", "完成日期", False), ("closed_on", "关闭日期", False), ("note", "备注", False),
    ),
    "resident_problems": (
        ("id", "编号", False), ("received", "受理日期", True), ("channel", "渠道", False),
        ("text", "诉求内容", False), ("organisation", "责任单位", True),
        ("first_reply_on", "初步答复日期", False), ("clear_answer_on", "明确答复日期", False),
        ("resolved_on", "解决日期", False), ("unresolvable", "不能解决", False),
        ("explanation", "解释", False), ("closed_on", "销号日期", False),
    ),
    "pioneer_responses": (
        ("id", "编号", False), ("round", "测评期", True), ("organisation", "组织", True),
        ("respondent", "答卷人", False),
    ),
}
#: the sheet names a workbook or CSV file may use, per table
SHEET_NAMES: dict[str, tuple[str, ...]] = {
    "calendar_days": ("工作日调整", "calendar_days", "calendar"),
    "pioneer_rounds": ("先锋指数测评", "pioneer_rounds", "rounds"),
    "supply_demand": ("供需", "供需清单", "supply_demand", "needs"),
    "resident_problems": ("诉求", "群众诉求", "resident_problems", "problems"),
    "pioneer_responses": ("先锋指数", "先锋指数答卷", "pioneer_responses", "pioneer"),
}
_DATE_FIELDS = {"date", "claimed_on", "fulfilled_on", "closed_on", "received", "first_reply_on", "clear_answer_on",
                "resolved_on"}
_ORG_FIELDS = {"organisation", "claimed_by"}
_WORKDAY_WORDS = {"上班": True, "工作日": True, "放假": False, "休息": False, "休息日": False, "是": True, "否": False,
                  "true": True, "false": False, "1": True, "0": False}
_NUMBER_FIELDS = {"scale_min", "scale_max", "threshold"}
_KIND_WORDS = {nz.fold(v): k for k, v in NEED_KIND_LABELS.items()} | {k: k for k in NEED_KIND_LABELS}
_CHANNEL_WORDS = ({nz.fold(v): k for k, v in CHANNEL_LABELS.items()} | {k: k for k in CHANNEL_LABELS}
                  | {"信访": "online", "网上": "online", "上门": "door", "来电": "phone"})


@dataclass
class MechanismImport:
    """What a parse found: the records to write, or the errors (then nothing is written)."""

    records: list[Record] = field(default_factory=list)
    errors: list[SheetProblem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def changes(self) -> ChangeSet:
        return ChangeSet(upserts=tuple(self.records))

    def as_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "errors": [e.as_dict() for e in self.errors], "counts": dict(self.counts)}


def table_of(sheet_name: str) -> str | None:
    key = nz.fold(sheet_name.rsplit(".", 1)[0] if sheet_name.lower().endswith(".csv") else sheet_name)
    for table, names in SHEET_NAMES.items():
        if key in {nz.fold(n) for n in names}:
            return table
    return None


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:10]


class _Orgs:
    def __init__(self, dataset: Dataset):
        self.by_key: dict[str, Organisation] = {}
        for org in dataset.organisations:
            self.by_key.setdefault(nz.fold(org.id), org)
            self.by_key.setdefault(nz.fold(org.name), org)

    def find(self, value: object) -> Organisation | None:
        return self.by_key.get(nz.fold(value))


def parse(sheets: list[RawSheet], base: Dataset) -> MechanismImport:
    """Read every 供需 / 诉求 / 先锋指数 sheet among ``sheets`` against ``base``; sheets of
    other names are ignored. The records, merged into ``base``, keep every dataset rule."""
    result = MechanismImport()
    orgs = _Orgs(base)
    rounds = {nz.fold(r.period): r for r in base.pioneer_rounds} | {nz.fold(r.id): r for r in base.pioneer_rounds}
    alliances = {o.id: o.alliance for o in base.organisations}
    origin: dict[tuple[str, str], tuple[str, int]] = {}  # (table, id) → (sheet, row)
    headers_of: dict[str, dict[str, str]] = {}
    order = list(SHEETS)
    for sheet in sorted((s for s in sheets if table_of(s.name)), key=lambda s: order.index(table_of(s.name))):
        table = table_of(sheet.name) or ""
        header = [nz.text(h) for h in sheet.header]
        columns = {nz.fold(h): i for i, h in enumerate(header) if h}
        spec = SHEETS[table]
        missing = [label for f, label, required in spec if required and nz.fold(label) not in columns
                   and nz.fold(f) not in columns]
        for label in missing:
            result.errors.append(SheetProblem(sheet.name, 1, label, "", say("sheet_missing_column", column=label)))
        if missing:
            continue
        index = {f: columns.get(nz.fold(label), columns.get(nz.fold(f))) for f, label, _ in spec}
        shown = {f: header[i] for f, i in index.items() if i is not None}
        headers_of[sheet.name] = shown
        score_columns = [i for i, h in enumerate(header) if h and i not in index.values()] \
            if table == "pioneer_responses" else []
        count = 0
        for number, cells in sheet.rows:
            def cell(f: str, cells: list[object] = cells, index: dict = index) -> object:
                i = index.get(f)
                return cells[i] if i is not None and i < len(cells) else None

            row_errors: list[SheetProblem] = []

            def err(f: str, value: object, message: str, *, column: str | None = None,
                    number: int = number, sheet: RawSheet = sheet, row_errors: list = row_errors,
                    shown: dict = shown) -> None:
                row_errors.append(SheetProblem(sheet.name, number, column or shown.get(f, f), nz.text(value),
                                               message))

            data: dict[str, Any] = {}
            for f, label, required in spec:
                raw = cell(f)
                value = nz.text(raw)
                if not value:
                    if required:
                        err(f, raw, say("sheet_blank", column=shown.get(f, label)))
                    continue
                if f in _ORG_FIELDS:
                    org = orgs.find(raw)
                    if org is None:
                        err(f, raw, say("unknown_organisation_ref", value=value))
                    else:
                        data[f] = org.id
                elif f in _DATE_FIELDS:
                    try:
                        data[f] = nz.date(raw)
                    except nz.CellError:
                        err(f, raw, say("sheet_bad_date", value=value))
                elif f == "kind":
                    kind = _KIND_WORDS.get(nz.fold(raw))
                    if kind is None:
                        err(f, raw, say("need_unknown_kind", value=value))
                    data[f] = kind
                elif f == "channel":
                    channel = _CHANNEL_WORDS.get(nz.fold(raw))
                    if channel is None:
                        err(f, raw, say("problem_unknown_channel", value=value))
                    data[f] = channel
                elif f == "quarter":
                    try:
                        data[f] = nz.quarter(raw)
                    except nz.CellError as exc:
                        err(f, raw, str(exc))
                elif f == "unresolvable":
                    try:
                        data[f] = bool(nz.flag(raw))
                    except nz.CellError as exc:
                        err(f, raw, str(exc))
                elif f == "workday":
                    if nz.fold(raw) not in _WORKDAY_WORDS:
                        err(f, raw, say("calendar_day_kind", value=value))
                    data[f] = _WORKDAY_WORDS.get(nz.fold(raw))
                elif f == "questions":
                    data[f] = nz.items(raw)
                elif f == "weights":
                    try:
                        data[f] = tuple(float(nz.number(w) or 0) for w in nz.items(raw))
                    except nz.CellError:
                        err(f, raw, say("sheet_bad_number", value=value))
                elif f in _NUMBER_FIELDS:
                    try:
                        data[f] = nz.number(raw)
                    except nz.CellError:
                        err(f, raw, say("sheet_bad_number", value=value))
                elif f == "round":
                    round_ = rounds.get(nz.fold(raw))
                    if round_ is None:
                        err(f, raw, say("pioneer_unknown_round", value=value))
                    else:
                        data[f] = round_.id
                else:
                    data[f] = value
            if table == "pioneer_responses" and "round" in data:
                round_ = rounds[nz.fold(data["round"])]
                data["scores"] = _scores(round_, header, score_columns, cells, err)
            if row_errors:
                result.errors += row_errors
                continue
            if table in ("supply_demand", "resident_problems"):
                data["alliance"] = alliances.get(data["organisation"])
            record = _record(table, data, number, sheet.name, err)
            if record is None:
                result.errors += row_errors
                continue
            origin[(table, record.id)] = (sheet.name, number)
            if isinstance(record, PioneerRound):
                rounds[nz.fold(record.period)] = rounds[nz.fold(record.id)] = record
            result.records.append(record)
            count += 1
        result.counts[table] = result.counts.get(table, 0) + count
    if result.errors:
        result.records = []
        return result
    # base kept every rule (the store's data, or the record sheets' checked result)
    merged, problems = base.problems_after(result.changes())
    for problem in problems:
        records = merged.table(problem.table)
        record = records[problem.index] if problem.index is not None and problem.index < len(records) else None
        where = origin.get((problem.table, record.id)) if record is not None else None
        sheet_name, number = where if where else (TABLE_LABELS.get(problem.table, problem.table), None)
        column = headers_of.get(sheet_name, {}).get(problem.field, problem.field)
        result.errors.append(SheetProblem(sheet_name, number, column, problem.value, problem.message))
    if result.errors:
        result.records = []
    return result


def _scores(round_: PioneerRound, header: list[str], columns: list[int], cells: list[object],
            err: Callable[..., None]) -> tuple[float, ...]:
    """The row's scores in question order: columns named after the questions, else the
    remaining columns left to right."""
    named = {nz.fold(h): i for i, h in enumerate(header)}
    wanted = [named.get(nz.fold(q)) for q in round_.questions]
    if any(i is None for i in wanted):
        wanted = columns[:len(round_.questions)]
    scores: list[float] = []
    for i in wanted:
        raw = cells[i] if i is not None and i < len(cells) else None
        try:
            value = nz.number(raw)
        except nz.CellError:
            err("scores", raw, say("sheet_bad_number", value=nz.text(raw)), column=header[i])
            continue
        if value is None:
            err("scores", raw, say("sheet_blank", column=header[i]), column=header[i])
            continue
        if not round_.scale_min <= value <= round_.scale_max:
            err("scores", raw, round_.score_problem((value,) * len(round_.questions)) or "", column=header[i])
            continue
        scores.append(value)
    if len(wanted) < len(round_.questions):
        err("scores", "", say("pioneer_score_count", got=len(wanted), round=round_.title or round_.period,
                              expected=len(round_.questions)), column="得分")
    return tuple(scores)


def _record(table: str, data: dict[str, Any], number: int, sheet: str, err: Callable[..., None]) -> Record | None:
    if table == "calendar_days":
        model: type[Record] = CalendarDay
    elif table == "pioneer_rounds":
        model = PioneerRound
    elif table == "supply_demand":
        data.setdefault("kind", NeedKind.NEED.value)
        if not data.get("id"):
            data["id"] = "N-" + _digest(data.get("organisation"), data.get("quarter"), data.get("title"))
        model = SupplyDemandItem
    elif table == "resident_problems":
        data.setdefault("channel", Channel.OTHER.value)
        if not data.get("id"):
            data["id"] = "Q-" + _digest(data.get("received"), data.get("organisation"), data.get("text"), number)
        model = ResidentProblem
    else:
        if not data.get("id"):
            data["id"] = "S-" + _digest(data.get("round"), data.get("organisation"), data.get("respondent"), sheet,
                                        number)
        model = PioneerResponse
    try:
        return build(model, data)
    except RecordError as exc:
        for problem in exc.problems:
            err(problem.field, problem.value, problem.message)
        return None


def _plain(value: object) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def template_rows(table: str, dataset: Dataset | None = None) -> list[str]:
    """The header of a sheet: for 先锋指数, one score column per question — named after
    the questions when every round asks the same ones, else 题1, 题2, …"""
    header = [label for _, label, _ in SHEETS[table]]
    if table == "pioneer_responses":
        rounds = dataset.pioneer_rounds if dataset else ()
        asked = {r.questions for r in rounds}
        if len(asked) == 1:
            header += list(next(iter(asked)))
        else:
            header += [f"题{i + 1}" for i in range(max((len(q) for q in asked), default=4))]
    return header


def export_rows(table: str, dataset: Dataset) -> list[list[object]]:
    """The dataset's records of ``table`` as rows of its sheet (names for organisations,
    Chinese words for kinds and channels), so the workbook imports back unchanged."""
    rows: list[list[object]] = []
    rounds = {r.id: r for r in dataset.pioneer_rounds}
    for record in dataset.table(table):
        row: list[object] = []
        for f, _, _ in SHEETS[table]:
            value = getattr(record, f, None)
            if f in _ORG_FIELDS and value:
                value = dataset.name_of(value)
            elif f == "kind":
                value = NEED_KIND_LABELS[value.value]
            elif f == "channel":
                value = CHANNEL_LABELS[value.value]
            elif f == "round":
                value = rounds[value].period if value in rounds else value
            elif f == "unresolvable":
                value = "是" if value else ""
            elif f == "workday":
                value = "上班" if value else "放假"
            elif f in ("questions", "weights"):
                value = nz.join_items(tuple(_plain(v) for v in value))
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            row.append("" if value is None else value)
        if table == "pioneer_responses":
            row += list(record.scores)
        rows.append(row)
    return rows
