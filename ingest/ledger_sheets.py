"""The ledger's sheets (issue 16): 行动日, 服务队, 项目 with 里程碑 and 项目进展, 活动.

Read by :func:`validate_ledger` (called by :func:`ingest.validate.validate` once the
parties are known) and written by :func:`ledger_rows` (the template and the filled
workbook). Same rules as the other sheets: every error names the sheet, the row, the
column as typed and the value, and says what to fix; nothing is written unless there is
none. References are written by name where the name finds the same record again, so the
exported workbook re-imports exactly:

* 结对 — the pairing's 编号, or ``甲方—乙方`` (names or ids; ``—``, ``/`` or ``－`` between);
* 共治项目 — the project's name (of the activity's year when two years share it) or 编号;
* 统一行动日 — its 编号, its date or its theme; 服务队 — its name or 编号.

Blank 编号 give stable ids (the database's record of the same key, else one derived from
the row's key), so importing the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import ValidationError

from ingest import normalise as norm
from lianmeng.dataset import Dataset
from lianmeng.ledger_records import (
    ActionDay,
    Activity,
    Milestone,
    ProgressNote,
    Project,
    ServiceTeam,
    activity_id,
    link_action_day_meetings,
)
from lianmeng.records import FieldByField, Record
from lianmeng.texts import ACTIVITY_CATEGORY_LABELS, FIELD_LABELS, PROJECT_STATUS_LABELS, say

# ingest.validate's validator and row (which calls this module, so they are not imported)
_Validator = Any
_Row = Any

__all__ = ["validate_ledger", "ledger_rows", "LEDGER_SHEET_KEYS", "LEDGER_EXAMPLE_ROWS", "LEDGER_NOTES"]

LEDGER_SHEET_KEYS = ("action_days", "service_teams", "projects", "milestones", "project_progress", "activities")
_PAIR_SEPARATOR = re.compile(r"\s*[—/－]\s*|\s+-\s+|--")
_PLAIN_PAIR = re.compile(r"[^\s/－\-—]+—[^\s/－\-—]+")  # two parts, one —, no space or other separator


def _words(labels: dict[str, str]) -> dict[str, str]:
    words = {label: value for value, label in labels.items()}
    words.update({value: value for value in labels})
    return words


CATEGORY_WORDS = {**_words(ACTIVITY_CATEGORY_LABELS), "志愿": "volunteer", "共建": "joint", "议事": "consultation",
                  "培训": "study", "学习": "study", "慰问": "visit", "走访": "visit", "捐助": "donation"}
PROJECT_STATUS_WORDS = {**_words(PROJECT_STATUS_LABELS), "进行中": "in_progress", "完成": "done", "评估": "evaluated"}

LEDGER_EXAMPLE_ROWS: dict[str, list[dict[str, object]]] = {
    "action_days": [{"date": dt.date(2026, 5, 20), "theme": "上半年统一行动日", "places": "曹安路商圈；各居民区活动室"}],
    "service_teams": [{"name": "法律服务队", "alliance": "社区党建联盟", "leader": "铜川社区党总支",
                       "members": "铜川社区党总支", "specialities": "法律咨询；矛盾调解"}],
    "projects": [{"name": "党群议事体系", "year": 2026, "alliance": "社区党建联盟", "problem": "居民参与不足",
                  "lead": "铜川社区党总支", "start": dt.date(2026, 2, 1), "status": "推进中", "budget": 100000}],
    "milestones": [{"project": "党群议事体系", "title": "调研立项", "due": dt.date(2026, 3, 31),
                    "done": dt.date(2026, 3, 20)}],
    "project_progress": [{"project": "党群议事体系", "quarter": "2026Q1", "text": "完成需求调研"}],
    "activities": [{"date": dt.date(2026, 5, 20), "title": "法律咨询进社区", "category": "志愿服务",
                    "pairing": "铜川社区党总支—区检察院党支部", "alliance": "社区党建联盟", "project": "党群议事体系",
                    "action_day": "上半年统一行动日", "team": "法律服务队",
                    "organisations": "铜川社区党总支；区检察院党支部", "people_served": 60, "volunteers": 8,
                    "donated": 0, "place": "铜川社区党群服务站"}],
}
LEDGER_NOTES: tuple[str, ...] = (
    "· 工作台账（活动、项目、里程碑、项目进展、服务队、行动日）：活动的“结对”填结对编号或“甲方—乙方”；"
    "共治项目、服务队填名称或编号；统一行动日填编号、日期或主题。人次、金额不能为负数；评估得分 0–100；"
    "里程碑的实际完成日期不得早于项目启动日期；状态为“已评估”的项目须有评估得分。",
)


# --- reading ------------------------------------------------------------------------------


def validate_ledger(v: _Validator) -> None:
    """Validate the ledger's sheets into ``v.built`` (errors into ``v.errors``)."""
    _action_days(v)
    _service_teams(v)
    _projects(v)
    _activities(v)
    _action_day_meetings(v)


def _action_day_meetings(v: _Validator) -> None:
    """The 会议 sheet's 统一行动日 column, once the days of the file are known: a meeting
    names its day (编号, date or theme); a 统一行动日 meeting left blank is linked to the day
    of its date, or the day is made from the meeting (:func:`link_action_day_meetings`)."""
    rows = [(m_id, row) for (table, m_id), row in v.origin.items() if table == "meetings"]
    if not rows:
        return
    days = _known(v, "action_days")
    blank = []
    for record_id, row in rows:
        meeting = v.built["meetings"].get(record_id)
        if meeting is None:
            continue
        if norm.text(row.values.get("action_day")):
            found = _action_day(v, row, days, table="meetings")
            if found:
                v.built["meetings"][record_id] = meeting.model_copy(update={"action_day": found})
            else:  # reported: the meeting is not checked again
                del v.built["meetings"][record_id]
        else:
            blank.append((row, meeting))
    linked, made = link_action_day_meetings([m for _, m in blank], days.values())
    for day in made:
        v.keep(next(row for row, m in blank if m.date == day.date), day, day.id, day.theme, "action_days")
    for meeting in linked:
        v.built["meetings"][meeting.id] = meeting


def _derived(prefix: str, *parts: object) -> str:
    import hashlib

    digest = hashlib.sha1("\x1f".join(norm.fold(p) for p in parts).encode()).hexdigest()
    return f"{prefix}-{digest[:10]}"


def _known(v: _Validator, table: str) -> dict[str, Record]:
    """The table's records the import can refer to: the database's (unless replaced) and the file's."""
    known = {} if v.replace else {r.id: r for r in v.base.table(table)}
    known.update(v.built[table])
    return known


def _action_days(v: _Validator) -> None:
    table = "action_days"
    base = {(d.date, norm.fold(d.theme)): d.id for d in v.base.action_days}
    for row in v.rows[table]:
        v.progress_row()
        ok, day = v.cell(row, table, "date", norm.date)
        theme = norm.text(row.values.get("theme"))
        if ok and day is None:
            v.error(row, table, "date", say("blank", field=FIELD_LABELS["date"]), "blank", "")
            ok = False
        record_id = norm.text(row.values.get("id")) or (
            base.get((day, norm.fold(theme))) or _derived("D", day, theme) if day else f"row-{row.sheet}-{row.number}")
        data = {"id": record_id, "date": day, "theme": theme, "places": norm.items(row.values.get("places"))}
        record = v.record(row, ActionDay, data) if ok else None
        v.keep(row, record, record_id, theme, table)


def _service_teams(v: _Validator) -> None:
    table = "service_teams"
    base = {norm.fold(t.name): t.id for t in v.base.service_teams}
    for row in v.rows[table]:
        v.progress_row()
        name = norm.text(row.values.get("name"))
        record_id = norm.text(row.values.get("id")) or base.get(norm.fold(name)) or _derived("T", name)
        alliance = v.reference(row, table, "alliance", ("alliances",), "联盟")
        leader = v.reference(row, table, "leader", ("organisations",), "组织")
        ok = alliance is not False and leader is not False
        members, good = _organisations(v, row, table, "members")
        ok &= good
        data = {"id": record_id, "name": name, "alliance": alliance or None, "leader": leader or None,
                "members": members, "specialities": norm.items(row.values.get("specialities"))}
        record = v.record(row, ServiceTeam, data) if ok else None
        v.keep(row, record, record_id, name, table)


def _organisations(v: _Validator, row: _Row, table: str, field: str) -> tuple[tuple[str, ...], bool]:
    found, ok = [], True
    for item in norm.items(row.values.get(field)):
        org = v.reference(row, table, field, ("organisations",), "组织", item)
        ok &= org is not False
        if org:
            found.append(org)
    return tuple(found), ok


def _counts(v: _Validator, row: _Row, table: str, fields: tuple[str, ...], parse: Any,
            whole: bool = False) -> tuple[dict, bool]:
    whole = whole or parse is norm.integer
    values, ok = {}, True
    for field in fields:
        good, value = v.cell(row, table, field, parse)
        ok &= good
        if good and value is not None and value < 0:
            v.error(row, table, field, say("ledger_negative", field=FIELD_LABELS[field], value=norm.text(
                row.values.get(field))), "negative")
            ok = False
        if good and value is not None:
            values[field] = int(value) if isinstance(value, float) and value.is_integer() and whole \
                else value
    return values, ok


def _projects(v: _Validator) -> None:
    table = "projects"
    base = {(norm.fold(p.name), p.year): p.id for p in v.base.projects}
    pending: dict[str, tuple[_Row, dict[str, Any]]] = {}
    for row in v.rows[table]:
        v.progress_row()
        name = norm.text(row.values.get("name"))
        ok, year = v.cell(row, table, "year", norm.integer)
        if ok and year is None:
            v.error(row, table, "year", say("blank", field=FIELD_LABELS["year"]), "blank", "")
            ok = False
        alliance = v.reference(row, table, "alliance", ("alliances",), "联盟")
        if alliance is None:
            v.error(row, table, "alliance", say("blank", field=FIELD_LABELS["alliance"]), "blank", "")
        lead = v.reference(row, table, "lead", ("organisations",), "组织")
        ok &= bool(alliance) and lead is not False
        partners, good = _organisations(v, row, table, "partners")
        ok &= good
        good, start = v.cell(row, table, "start", norm.date)
        ok &= good
        good, status = v.cell(row, table, "status", lambda x: norm.choice(
            x, PROJECT_STATUS_WORDS, "可填 立项、推进中、已完成、已评估。"))
        ok &= good
        money, good = _counts(v, row, table, ("budget", "raised"), norm.number)
        ok &= good
        good, score = v.cell(row, table, "score", norm.number)
        ok &= good
        if good and score is not None and not 0 <= score <= 100:
            v.error(row, table, "score", say("ledger_score_range", value=norm.text(row.values.get("score"))),
                    "out_of_range")
            ok = False
        if good and score is None and status == "evaluated":
            v.error(row, table, "score", say("evaluated_needs_score", name=name), "blank", "")
            ok = False
        record_id = norm.text(row.values.get("id")) or base.get((norm.fold(name), year)) or _derived("PJ", name, year)
        data: dict[str, Any] = {
            "id": record_id, "name": name, "year": year, "alliance": alliance or "", "lead": lead or None,
            "partners": partners, "start": start, "budget": money.get("budget"), "raised": money.get("raised"),
            "evaluator": norm.text(row.values.get("evaluator")), "score": score,
            "problem": norm.text(row.values.get("problem")), "comments": norm.text(row.values.get("comments")),
            "milestones": [], "progress": []}
        if status:
            data["status"] = status
        if record_id in pending or (table, record_id) in v.origin:
            other = pending[record_id][0] if record_id in pending else v.origin[(table, record_id)]
            v.error(row, table, "id" if norm.text(row.values.get("id")) else "name",
                    say("import_duplicate_row", what="共治项目", name=name or record_id, other=other.number),
                    "duplicate_row")
            continue
        if ok:
            pending[record_id] = (row, data)
        else:
            v.keep(row, None, record_id, name, table)
    # milestones and progress notes attach to a project of the file (or of the database)
    failed: set[str] = set()
    for key, attr in (("milestones", "milestones"), ("project_progress", "progress")):
        for row in v.rows[key]:
            v.progress_row()
            target = _project_of_row(v, row, key, pending)
            if target is None:
                failed.add("")
                continue
            if target is False:
                continue
            project_row, data = target
            if "_stored" in data and attr not in data["_stored"]:
                data["_stored"].add(attr)  # a stored project: the file's sheet replaces this list
                data[attr] = []
            item = _milestone(v, row, data) if key == "milestones" else _progress(v, row)
            if item is None:
                failed.add(data["id"])
            else:
                data[attr].append(item)
    for record_id, (row, data) in pending.items():
        data.pop("_stored", None)
        record = v.record(row, Project, data) if record_id not in failed else None
        v.keep(row, record, record_id, data["name"], table)


def _project_of_row(v: _Validator, row: _Row, key: str, pending: dict) -> tuple[_Row, dict] | None | bool:
    raw = norm.text(row.values.get("project"))
    if not raw:
        v.error(row, key, "project", say("ledger_milestone_needs_project"), "blank", "")
        return None
    if raw in pending:
        return pending[raw]
    matches = [pid for pid, (_, data) in pending.items() if norm.fold(data["name"]) == norm.fold(raw)]
    if len(matches) == 1:
        return pending[matches[0]]
    if len(matches) > 1:
        v.error(row, key, "project", say("import_ambiguous", field="项目", value=raw, ids="、".join(matches)),
                "ambiguous", raw)
        return None
    # a project of the database, not in the file: its milestones/notes are replaced by the file's
    if raw in v.parties.failed_ids["projects"] or norm.fold(raw) in v.parties.failed_names["projects"]:
        return False  # the project's own row had errors: reported there
    existing = [] if v.replace else [p for p in v.base.projects if p.id == raw or norm.fold(p.name) == norm.fold(raw)]
    if len(existing) == 1 and ("projects", existing[0].id) not in v.origin:
        project = existing[0]
        data = {**project.model_dump(), "_stored": set()}
        pending[project.id] = (row, data)
        return pending[project.id]
    v.error(row, key, "project", say("ledger_unknown_project", value=raw), "unknown_project", raw)
    return None


def _milestone(v: _Validator, row: _Row, project: dict) -> Milestone | None:
    key = "milestones"
    title = norm.text(row.values.get("title"))
    ok, due = v.cell(row, key, "due", norm.date)
    good, done = v.cell(row, key, "done", norm.date)
    ok &= good
    if not title:
        v.error(row, key, "title", say("blank", field=FIELD_LABELS["milestone"]), "blank", "")
        ok = False
    start = project.get("start")
    if isinstance(start, str):
        start = dt.date.fromisoformat(start)
    if ok and done is not None and start is not None and done < start:
        v.error(row, key, "done", say("milestone_before_start", milestone=title, done=done, start=start),
                "milestone_before_start")
        ok = False
    return Milestone(title=title, due=due, done=done) if ok else None


def _progress(v: _Validator, row: _Row) -> ProgressNote | None:
    key = "project_progress"
    ok, quarter = v.cell(row, key, "quarter", norm.quarter)
    text = norm.text(row.values.get("text"))
    if ok and quarter is None:
        v.error(row, key, "quarter", say("blank", field=FIELD_LABELS["quarter"]), "blank", "")
        ok = False
    if not text:
        v.error(row, key, "text", say("blank", field=FIELD_LABELS["text"]), "blank", "")
        ok = False
    return ProgressNote(quarter=quarter, text=text) if ok else None


#: a lookup's answer when only the row's own check can give it: the cell has something to
#: report on this row, or what it means depends on the row (its date choosing a pairing)
_ROW = object()
_PARTIES = ("committees", "alliances", "organisations", "subcommittees")
#: whether the 活动 check uses the answers it remembers per cell value (the tests turn it
#: off to compare with every cell checked row by row)
_REMEMBER = True


class _PerValue(dict):
    """``answer(cell)`` asked once per distinct cell value: a long sheet repeats its dates,
    words and numbers, and names the same parties again and again. :meth:`of` looks text up
    as itself and any other value with its type (the cells 1, 1.0 and TRUE differ); an
    unhashable value is asked each time.

    ``answer`` must depend on the value alone while the sheet is checked, and returns
    :data:`_ROW` for a value it cannot answer alone: the row's own check then reports on that
    row (a bad value repeated on many rows is reported on each).
    """

    def __init__(self, answer: Callable[[object], object]):
        super().__init__()
        self.answer = answer

    def __missing__(self, key: object) -> object:
        self[key] = found = self.answer(key[1] if type(key) is tuple else key)
        return found

    def of(self, value: object) -> object:
        try:
            return self[value if type(value) is str else (type(value), value)]
        except TypeError:  # not hashable
            return self.answer(value)


def _read(parse: Callable[[object], Any], *, blank: bool = True, count: bool = False) -> Callable[[object], object]:
    """The answer (for :class:`_PerValue`) of a cell ``parse`` reads; :data:`_ROW` when it
    refuses the value, when the value is blank and must not be, or is a negative ``count``."""

    def answer(cell: object) -> object:
        try:
            value = parse(cell)
        except norm.CellError:
            return _ROW
        if value is None:
            return None if blank else _ROW
        return _ROW if count and value < 0 else value

    return answer


def _named_once(find: Callable[[str], list[Record] | str | None]) -> Callable[[object], object]:
    """The answer (for :class:`_PerValue`) of a reference cell: ``None`` when blank, the id
    of the one record ``find`` finds for its text, else :data:`_ROW` (none, or several,
    of which the row's date may choose: see :func:`_pairing`, :func:`_by_name`)."""

    def answer(cell: object) -> object:
        raw = norm.text(cell)
        if not raw:
            return None
        found = find(raw)
        if isinstance(found, list):
            return found[0].id if len(found) == 1 else _ROW
        return _ROW if found is None else found

    return answer


def _cells(rows: list[_Row], fields: list[str]) -> dict[str, tuple[object, ...]]:
    """The rows' cells of ``fields``, column by column; a column no sheet has is left out."""
    layouts = {id(row.headers): row.values.keys() for row in rows}  # one per sheet read
    present = [field for field in fields if any(field in keys for keys in layouts.values())]
    return dict(zip(present, zip(*[tuple(map(row.values.get, present)) for row in rows], strict=True), strict=True))


def _answered(cells: dict[str, tuple[object, ...]], field: str, answer: Callable[[object], object],
              n: int) -> list[object]:
    """The answers to a column's cells, each cell value answered once (:class:`_PerValue`)."""
    known = _PerValue(answer)
    if field not in cells:
        return [known.of(None)] * n
    # text and whole numbers are their own keys (no other cell equals them: TRUE and 1.0 go
    # through of(), with their type)
    return [known[cell] if type(cell) is str or type(cell) is int else known.of(cell) for cell in cells[field]]


@functools.cache
def _activity_fields() -> FieldByField:
    return FieldByField(Activity)


def _as_field(name: str, answer: Callable[[object], object]) -> Callable[[object], object]:
    """``answer`` (for :class:`_PerValue`) giving what an activity's field ``name`` holds of
    the value (:meth:`FieldByField.value`); :data:`_ROW` when the field would refuse it, so
    that the row's own check reports it."""
    value = _activity_fields().value

    def answered(cell: object) -> object:
        found = answer(cell)
        if found is _ROW or found is None:
            return found
        try:
            return value(name, found)
        except ValidationError:
            return _ROW

    return answered


def _text_field(name: str) -> Callable[[object], object]:
    """The answer of a text cell already trimmed: what field ``name`` holds of it, or :data:`_ROW`."""
    return _as_field(name, lambda text: text)


def _activities(v: _Validator) -> None:
    """The 活动 sheet. Each column's cells are answered once per distinct value
    (:class:`_PerValue`: the parties, pairings, projects, days and teams do not change while
    the sheet is read, so an answer holds for every row with that cell), then the rows are
    checked in order; a cell without an answer gets the row's own check and message."""
    table = "activities"
    rows = v.rows[table]
    hint = "可填 " + "、".join(ACTIVITY_CATEGORY_LABELS.values()) + "。"

    def category_of(cell: object) -> str | None:
        return norm.choice(cell, CATEGORY_WORDS, hint)

    pairings = _known(v, "pairings")
    by_ends: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for p in pairings.values():
        by_ends[p.pair_key].append(p)
    projects = _named(_known(v, "projects"))
    days = _known(v, "action_days")
    teams = _named(_known(v, "service_teams"))
    party = _PerValue(lambda part: v.find(part, _PARTIES))  # parts and items are text
    organisation = _PerValue(lambda item: v.find(item, ("organisations",)))
    answers = {
        "date": _read(norm.date, blank=False),
        "category": _read(category_of),
        "pairing": _named_once(lambda raw: _pairings_named(raw, pairings, by_ends, party.__getitem__)),
        "alliance": _named_once(lambda raw: v.find(raw, ("alliances",))),
        "project": _named_once(lambda raw: _records_named(raw, projects)),
        "action_day": _named_once(lambda raw: _action_days_named(raw, days)),
        "team": _named_once(lambda raw: _records_named(raw, teams)),
        "organisations": lambda cell: _all_found(tuple([organisation[item] for item in norm.items(cell)])),
        "people_served": _read(norm.integer, count=True),
        "volunteers": _read(norm.integer, count=True),
        "donated": _read(norm.number, count=True),
    }
    # each answer is what the activity's field holds of the cell (FieldByField): a row whose
    # cells all have answers is built from them without validating the record again
    answers = {field: _as_field(field, answer) for field, answer in answers.items()}
    free = ("title", "place", "note", "id")
    cells = _cells(rows, [*free, *answers])
    texts = [[norm.text(cell) for cell in cells[field]] if field in cells else [""] * len(rows) for field in free]
    held = [[known[text] for text in column] for known, column in  # the texts as the fields hold them
            zip([_PerValue(_text_field(field)) for field in free], texts, strict=True)]
    columns = [_answered(cells, field, answer, len(rows)) for field, answer in answers.items()]
    # stored activities that a row without 编号 may be again: only those on the file's dates
    on_file = set(columns[0]) if not v.replace else set()
    base = {_activity_key(a): a.id for a in v.base.activities if a.date in on_file} if on_file else {}
    if not _REMEMBER:  # every cell through the row's own check: what the answers must agree with
        columns = [[_ROW] * len(rows)] * len(columns)
        held = [[_ROW] * len(rows)] * len(held)
    build = _activity_fields().build
    for row, title, place, note, given_id, title_held, place_held, note_held, id_held, day, category, pairing, \
            alliance, project, action_day, team, orgs, served, volunteers, donated in zip(
                rows, *texts, *held, *columns, strict=True):
        v.progress_row()
        # answers are dates, text, numbers, tuples or None: `in` finds _ROW by identity alone
        held_whole = _ROW not in (day, category, pairing, alliance, project, action_day, team, orgs, served,
                                  volunteers, donated, title_held, place_held, note_held) \
            and (id_held is not _ROW or not given_id)
        ok = True
        if held_whole:  # every value as the record holds it: built without validating again
            record_id, kept_title, place, note = given_id and id_held, title_held, place_held, note_held
        else:  # the row's own check for the cells without an answer, then the record validated
            record_id, kept_title = given_id, title
            if day is _ROW:
                ok, day = v.cell(row, table, "date", norm.date)
                if ok and day is None:
                    v.error(row, table, "date", say("blank", field=FIELD_LABELS["date"]), "blank", "")
                    ok = False
            if category is _ROW:
                good, category = v.cell(row, table, "category", category_of)
                ok &= good
            if pairing is _ROW:
                pairing = _pairing(v, row, pairings, by_ends, day)
            if alliance is _ROW:
                alliance = v.reference(row, table, "alliance", ("alliances",), "联盟")
            if project is _ROW:
                project = _by_name(v, row, "project", projects, "ledger_unknown_project",
                                   year=day.year if day else None)
            if action_day is _ROW:
                action_day = _action_day(v, row, days)
            if team is _ROW:
                team = _by_name(v, row, "team", teams, "ledger_unknown_team")
            ok &= False not in (pairing, alliance, project, action_day, team)  # an id, None, or False: reported
            if orgs is _ROW:
                orgs, good = _organisations(v, row, table, "organisations")
                ok &= good
            if served is _ROW:
                served, good = _count(v, row, "people_served", norm.integer)
                ok &= good
            if volunteers is _ROW:
                volunteers, good = _count(v, row, "volunteers", norm.integer)
                ok &= good
            if donated is _ROW:
                donated, good = _count(v, row, "donated", norm.number)
                ok &= good
        data: dict[str, Any] = {
            "date": day, "title": kept_title, "pairing": pairing or None, "alliance": alliance or None,
            "project": project or None, "action_day": action_day or None, "team": team or None,
            "organisations": orgs, "place": place, "note": note}
        if served is not None:
            data["people_served"] = served
        if volunteers is not None:
            data["volunteers"] = volunteers
        if donated is not None:
            data["donated"] = donated
        if category:
            data["category"] = category
        if not record_id:
            owner = pairing or alliance or project or action_day or team or (orgs[0] if orgs else "")
            stored = base.get((day, norm.fold(title), data["pairing"], data["alliance"], data["project"],
                               data["action_day"], data["team"])) if base else None
            record_id = stored or (activity_id(day, title, owner) if day else f"row-{row.sheet}-{row.number}")
        data["id"] = record_id
        if not held_whole:
            record = v.record(row, Activity, data) if ok else None
        else:
            try:
                record = build(data)
            except ValueError:  # the record's own rule (an activity belongs somewhere): its message
                record = v.record(row, Activity, data)
        v.keep(row, record, record_id, title, table)


def _count(v: _Validator, row: _Row, field: str, parse: Callable[[object], Any]) -> tuple[Any, bool]:
    """A 人次 or 金额 cell through :func:`_counts` (its own message)."""
    found, good = _counts(v, row, "activities", (field,), parse)
    return found.get(field), good


def _all_found(ids: tuple[str | None, ...]) -> tuple[str, ...] | object:
    return _ROW if None in ids else ids


def _activity_key(a: Activity) -> tuple:
    return (a.date, norm.fold(a.title), a.pairing, a.alliance, a.project, a.action_day, a.team)


def _pairings_named(raw: str, pairings: dict, by_ends: dict, party: Callable[[str], str | None]) -> list:
    """The pairings a 结对 cell names: the one of that 编号, or those between the two
    parties of ``甲方—乙方`` (``party`` finds each by name or id)."""
    if raw in pairings:
        return [pairings[raw]]
    parts = _pair_parts(raw)
    if len(parts) != 2:
        return []
    a, b = party(parts[0]), party(parts[1])
    if a is None or b is None:
        return []
    return by_ends.get((a, b) if a <= b else (b, a), [])  # as Pairing.pair_key


def _pair_parts(raw: str) -> list[str]:
    """The parts of a 结对 cell between its separators (—, /, －, `` - ``, --).

    >>> _pair_parts("铜川社区党总支—区检察院党支部"), _pair_parts("甲 / 乙"), _pair_parts("甲--乙—丙")
    (['铜川社区党总支', '区检察院党支部'], ['甲', '乙'], ['甲', '乙', '丙'])
    """
    if _PLAIN_PAIR.fullmatch(raw):  # 甲方—乙方 as the exporter writes it: one split, no pattern to try
        return raw.split("—")
    return [p for p in _PAIR_SEPARATOR.split(raw) if p]


def _pairing(v: _Validator, row: _Row, pairings: dict, by_ends: dict, day: dt.date | None) -> str | None | bool:
    raw = norm.text(row.values.get("pairing"))
    if not raw:
        return None
    found = _pairings_named(raw, pairings, by_ends, lambda part: v.find(part, _PARTIES))
    if day is not None and len(found) > 1:
        found = [p for p in found if p.active_on(day)] or found
    if len(found) == 1:
        return found[0].id
    if len(found) > 1:
        v.error(row, "activities", "pairing", say("ledger_pairing_ambiguous", value=raw,
                                                  ids="、".join(p.id for p in found)), "ambiguous", raw)
        return False
    v.error(row, "activities", "pairing", say("ledger_unknown_pairing", value=raw), "unknown_pairing", raw)
    return False


def _named(known: dict[str, Record]) -> tuple[dict[str, Record], dict[str, list[Record]]]:
    """The records by id, and by folded name (looked up once per row, not searched)."""
    by_name: dict[str, list[Record]] = defaultdict(list)
    for record in known.values():
        by_name[norm.fold(record.name)].append(record)
    return known, by_name


def _records_named(raw: str, named: tuple[dict[str, Record], dict[str, list[Record]]],
                   year: int | None = None) -> list[Record]:
    """The records ``raw`` names by id or name (of ``year`` when the name is not enough)."""
    known, by_name = named
    if raw in known:
        return [known[raw]]
    found = list(by_name.get(norm.fold(raw), ()))
    if len(found) > 1 and year is not None:
        found = [r for r in found if getattr(r, "year", None) == year] or found
    return found


def _by_name(v: _Validator, row: _Row, field: str, named: tuple[dict[str, Record], dict[str, list[Record]]],
             message: str, year: int | None = None) -> str | None | bool:
    raw = norm.text(row.values.get(field))
    if not raw:
        return None
    found = _records_named(raw, named, year)
    if len(found) == 1:
        return found[0].id
    if len(found) > 1:
        v.error(row, "activities", field, say("import_ambiguous", field=FIELD_LABELS[field], value=raw,
                                              ids="、".join(r.id for r in found)), "ambiguous", raw)
        return False
    if raw in v.parties.failed:
        return False
    v.error(row, "activities", field, say(message, value=raw), "unknown_ref", raw)
    return False


def _action_days_named(raw: str, days: dict[str, Record]) -> list[Record]:
    """The action days ``raw`` names: by 编号, date or theme."""
    if raw in days:
        return [days[raw]]
    try:
        when = norm.date(raw)
    except norm.CellError:
        when = None
    return [d for d in days.values() if (when is not None and d.date == when) or norm.fold(d.theme) == norm.fold(raw)]


def _action_day(v: _Validator, row: _Row, days: dict[str, Record], table: str = "activities") -> str | None | bool:
    raw = norm.text(row.values.get("action_day"))
    if not raw:
        return None
    found = _action_days_named(raw, days)
    if len(found) == 1:
        return found[0].id
    if len(found) > 1:
        v.error(row, table, "action_day", say("import_ambiguous", field=FIELD_LABELS["action_day"], value=raw,
                                              ids="、".join(d.id for d in found)), "ambiguous", raw)
        return False
    v.error(row, table, "action_day", say("ledger_unknown_action_day", value=raw), "unknown_ref", raw)
    return False


# --- writing ------------------------------------------------------------------------------


def ledger_rows(dataset: Dataset, key: str, ref: Any) -> Iterator[dict[str, object]]:
    """The rows of one ledger sheet; ``ref(record_id, tables)`` writes a party reference."""
    from ingest.normalise import join_items

    orgs = ("organisations",)
    if key == "action_days":
        for d in dataset.action_days:
            yield {"id": d.id, "date": d.date, "theme": d.theme, "places": join_items(d.places)}
    elif key == "service_teams":
        for t in dataset.service_teams:
            yield {"id": t.id, "name": t.name, "alliance": ref(t.alliance, ("alliances",)),
                   "leader": ref(t.leader, orgs), "members": join_items(tuple(ref(m, orgs) for m in t.members)),
                   "specialities": join_items(t.specialities)}
    elif key == "projects":
        for p in dataset.projects:
            yield {"id": p.id, "name": p.name, "year": p.year, "alliance": ref(p.alliance, ("alliances",)),
                   "problem": p.problem, "lead": ref(p.lead, orgs),
                   "partners": join_items(tuple(ref(o, orgs) for o in p.partners)), "start": p.start,
                   "status": PROJECT_STATUS_LABELS[p.status.value], "budget": p.budget, "raised": p.raised,
                   "evaluator": p.evaluator, "score": p.score, "comments": p.comments}
    elif key == "milestones":
        for p in dataset.projects:
            for m in p.milestones:
                yield {"project": p.id, "title": m.title, "due": m.due, "done": m.done}
    elif key == "project_progress":
        for p in dataset.projects:
            for n in p.progress:
                yield {"project": p.id, "quarter": n.quarter, "text": n.text}
    elif key == "activities":
        pairings = {p.id: p for p in dataset.pairings}
        ends: dict[tuple[str, str], int] = defaultdict(int)
        for p in dataset.pairings:
            ends[p.pair_key] += 1
        for a in dataset.activities:
            # projects, days and teams by id: exact; people editing by hand may type names
            yield {"id": a.id, "date": a.date, "title": a.title,
                   "category": ACTIVITY_CATEGORY_LABELS[a.category.value],
                   "pairing": _pairing_text(a.pairing, pairings, ends, ref),
                   "alliance": ref(a.alliance, ("alliances",)),
                   "project": a.project or "", "action_day": a.action_day or "", "team": a.team or "",
                   "organisations": join_items(tuple(ref(o, orgs) for o in a.organisations)),
                   "people_served": a.people_served, "volunteers": a.volunteers, "donated": a.donated,
                   "place": a.place, "note": a.note}


def _pairing_text(pairing_id: str | None, pairings: dict, ends: dict, ref: Any) -> str:
    if not pairing_id:
        return ""
    p = pairings.get(pairing_id)
    if p is None or ends[p.pair_key] != 1:
        return pairing_id
    parties = ("committees", "alliances", "organisations", "subcommittees")
    a, b = ref(p.party_a, parties), ref(p.party_b, parties)
    if _PAIR_SEPARATOR.search(a) or _PAIR_SEPARATOR.search(b) or not a.strip() or not b.strip():
        return pairing_id
    return f"{a}—{b}"
