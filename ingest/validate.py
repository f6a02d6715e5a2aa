"""Sheets as read → records, and every error at once (pure: no file, no store).

:func:`validate` turns :class:`~ingest.readers.RawSheet` rows into the dataset the store
would hold after the import, or into a list of :class:`SheetProblem` — each naming the
sheet, the row as Excel numbers it, the column as the file spells it, the value and a
Chinese sentence saying what to fix. Row rules (required values, ranges, dates, enums)
and the dataset's rules (references, duplicates, pairing kinds, chairs) are both
checked, and the dataset's problems are mapped back to the row they came from.

Ids: every sheet may carry an 编号 column. When it is blank the id is that of the
record already in the database with the same name (so a file without ids re-imports
onto the same records), else derived from the name (alliances of a default sector that
is unique in the file take the sector, as the sample street does; pairings use
:func:`lianmeng.records.pairing_id`; meetings kind/alliance and date). Re-importing a
file therefore changes nothing.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

from ingest import normalise as norm
from ingest.headers import (
    NOTES_SHEET,
    SHEETS,
    Column,
    SheetSpec,
    header_key,
    match_column,
    match_sheet,
    suggest,
)
from ingest.readers import RawSheet
from lianmeng.controls import (
    CONTROLS,
    FREE_TEXT_FIELDS,
    has_controls,
    shown_controls,
    strip_controls,
)
from lianmeng.dataset import PARTY_TABLES, TABLES, ChangeSet, CheckedChange, Dataset, party_street
from lianmeng.errors import Problem, RecordError
from lianmeng.pairing_rules import End, PairingRuleError, classify
from lianmeng.records import (
    DEFAULT_SECTORS,
    Alliance,
    Committee,
    Meeting,
    Organisation,
    Pairing,
    PairingKind,
    Record,
    RotationExclusion,
    RotationSlot,
    SubCommittee,
    Target,
    TargetMetric,
    build,
    pairing_id,
    rotation_slot_id,
)
from lianmeng.texts import (
    FIELD_LABELS,
    KIND_LABELS,
    MEETING_KIND_LABELS,
    ORG_TYPE_LABELS,
    REFERENCE_LABELS,
    SCOPE_LABELS,
    SECTOR_LABELS,
    STATUS_LABELS,
    TABLE_LABELS,
    TARGET_LABELS,
    say,
)

__all__ = ["SheetProblem", "Validation", "Progress", "validate", "reference_text", "party_index",
           "REFERENCE_TABLES"]

Progress = Callable[[float, str], None]

#: where a reference column looks its value up (the exporter writes names that resolve back)
REFERENCE_TABLES: dict[tuple[str, str], tuple[str, ...]] = {
    ("subcommittees", "parent"): ("committees",),
    ("committees", "parent"): ("committees",),
    ("alliances", "led_by"): ("subcommittees",),
    ("organisations", "alliance"): ("alliances",),
    ("pairings", "party"): ("committees", "alliances", "organisations", "subcommittees"),
    ("meetings", "alliance"): ("alliances",),
    ("meetings", "chair"): ("organisations",),
    ("rotations", "alliance"): ("alliances",),
    ("rotations", "chair"): ("organisations",),
    ("rotation_exclusions", "alliance"): ("alliances",),
    ("rotation_exclusions", "organisation"): ("organisations",),
    ("targets", "street"): ("committees",),
}


@dataclass(frozen=True)
class SheetProblem:
    """One error (or warning) located as a person finds it in the file."""

    sheet: str
    row: int | None
    column: str
    value: str
    message: str
    code: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "value": self.value,
                "message": self.message}


@dataclass
class Validation:
    """What :func:`validate` found: the target dataset when there is no error."""

    dataset: Dataset | None
    errors: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)
    file_ids: dict[str, set[str]] = field(default_factory=dict)  # ids of the file's records, per table
    #: the file's records checked against the base (not with ``replace``): the write reuses it
    checked: CheckedChange | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(slots=True)
class _Row:
    sheet: str
    number: int
    values: dict[str, object]
    headers: dict[str, str]  # field → the header as typed
    alliance: str | None = None  # a rotation row's resolved alliance, for its duplicate message

    def header(self, field_name: str, table: str) -> str:
        return self.headers.get(field_name) or _canonical_header(table, field_name)


def _canonical_header(table: str, field_name: str) -> str:
    spec = SHEETS.get("committees" if table == "subcommittees" else table)
    for column in spec.columns if spec is not None else ():
        if column.field == field_name:
            return column.header
    return FIELD_LABELS.get(field_name, field_name)


# --- words accepted for enumerations (Chinese labels, English values, short forms) -------

def _words(labels: dict[str, str], **extra: str) -> dict[str, str]:
    words = {label: value for value, label in labels.items()}
    words.update({value: value for value in labels})
    words.update(extra)
    return words


SCOPE_WORDS = _words(SCOPE_LABELS, 体系外="regional", 区域内="regional")
TYPE_WORDS = _words(ORG_TYPE_LABELS, 总支="general_branch", 支部="branch", 联合支部="joint_branch")
STATUS_WORDS = _words(STATUS_LABELS, 结束="ended", 进行="active", 有效="active", 终止="ended")
MEETING_WORDS = _words(MEETING_KIND_LABELS, 峰会="summit", 行动日="action_day")
LEVEL_WORDS = {"区委": "committee", "区委员会": "committee", "district": "committee", "街道党工委": "committee", "街道": "committee", "党工委": "committee", "committee": "committee",
               "二级党委": "subcommittee", "二级党委(党组)": "subcommittee", "党组": "subcommittee",
               "subcommittee": "subcommittee"}
_LARGE = frozenset({"cross_alliance", "regional", "external", "cross_street"})
KIND_WORDS: dict[str, frozenset[str]] = {
    **{label: frozenset({value}) for value, label in KIND_LABELS.items()},
    **{value: frozenset({value}) for value in KIND_LABELS},
    "小联动": frozenset({"small"}), "大联动": frozenset(_LARGE), "large": frozenset(_LARGE),
    "联盟层面": frozenset({"alliance"}), "街道层面": frozenset({"street"}),
}
SECTOR_WORDS = _words(SECTOR_LABELS)
METRIC_WORDS = _words(TARGET_LABELS, 联盟数="alliances", 党建联盟数="alliances", 成员="members",
                      成员组织数="members", 小联动结对="small", 大联动结对="large", 联盟层面="alliance",
                      街道层面="street", 品牌="brands", 特色品牌数="brands", 每个成员小联动="member_small",
                      每个成员大联动="member_large", 成员小联动="member_small", 成员大联动="member_large")


def _derived(prefix: str, *parts: object) -> str:
    digest = hashlib.sha1("\x1f".join(norm.fold(p) for p in parts).encode()).hexdigest()
    return f"{prefix}-{digest[:10]}"


# --- parties: lookup by id or (folded) name -----------------------------------------------

class _Parties:
    """Every party the import can refer to: the database's (unless replaced) and the file's."""

    def __init__(self) -> None:
        # only parties are looked up (REFERENCE_TABLES); the other tables' rows only fail
        self.records: dict[str, dict[str, Record]] = {t: {} for t in PARTY_TABLES}
        self.names: dict[str, dict[str, set[str]]] = {t: defaultdict(set) for t in PARTY_TABLES}
        self.failed: set[str] = set()  # ids of rows that had errors: not reported again
        self.failed_ids: dict[str, set[str]] = {t: set() for t in TABLES}
        self.failed_names: dict[str, dict[str, str]] = {t: {} for t in TABLES}
        # resolve's answers until a record of one of the tables asked about comes or fails
        # (a 100,000-row 活动 sheet names the same organisations again and again)
        self._resolved: dict[tuple[str, tuple[str, ...]], str | None | ValueError] = {}
        self._resolved_tables: set[str] = set()

    def _forget(self, table: str) -> None:
        if table in self._resolved_tables:
            self._resolved.clear()
            self._resolved_tables.clear()

    def add(self, record: Record) -> None:
        table = record.table
        if table not in self.records:  # an activity, a project…: nothing refers to it by name here
            return
        self._forget(table)
        old = self.records[table].get(record.id)
        if old is not None and getattr(old, "name", None) is not None:
            self.names[table][norm.fold(old.name)].discard(record.id)
        self.records[table][record.id] = record
        if getattr(record, "name", None) is not None:
            self.names[table][norm.fold(record.name)].add(record.id)

    def fail(self, table: str, record_id: str, name: str) -> None:
        self._forget(table)
        self.failed.add(record_id)
        self.failed_ids[table].add(record_id)
        if name:
            self.failed_names[table][norm.fold(name)] = record_id

    def resolve(self, value: str, tables: tuple[str, ...]) -> str | None:
        """The id ``value`` names in ``tables`` (id first, then name); ``None`` if unknown.

        Raises :class:`ValueError` listing the ids when a name is ambiguous.
        """
        key = (value, tables)
        found = self._resolved.get(key, self)
        if found is self:
            try:
                found = self._resolve(value, tables)
            except ValueError as exc:
                found = exc
            self._resolved[key] = found
            self._resolved_tables.update(tables)
        if isinstance(found, ValueError):
            raise ValueError(*found.args)
        return found

    def _resolve(self, value: str, tables: tuple[str, ...]) -> str | None:
        for table in tables:
            if value in self.records[table] or value in self.failed_ids[table]:
                return value
        key = norm.fold(value)
        found: set[str] = set()
        for table in tables:
            ids = self.names[table].get(key)
            if ids:
                found |= ids
        if len(found) > 1:
            raise ValueError("、".join(sorted(found)))
        if found:
            return next(iter(found))
        for table in tables:
            if key in self.failed_names[table]:
                return self.failed_names[table][key]
        return None

    def get(self, record_id: str) -> Record | None:
        for table in ("committees", "subcommittees", "alliances", "organisations"):
            if record_id in self.records[table]:
                return self.records[table][record_id]
        return None

    def end(self, record_id: str) -> End | None:
        record = self.get(record_id)
        if record is None:
            return None
        party_type = {"committees": "committee", "subcommittees": "subcommittee", "alliances": "alliance",
                      "organisations": "organisation"}[record.table]
        district = frozenset(c.parent for c in self.records["committees"].values() if c.parent)
        street = party_street(record.id, self.get, district)
        if isinstance(record, Organisation):
            return End(party_type, record.id, record.name, record.scope, record.alliance, street)
        return End(party_type, record.id, getattr(record, "name", record.id), street=street)


# --- the validation --------------------------------------------------------------------

class _Validator:
    def __init__(self, base: Dataset, replace: bool, progress: Progress | None):
        self.base = base
        self.replace = replace
        self.checked: CheckedChange | None = None
        self.progress = progress or (lambda fraction, message: None)
        self.errors: list[SheetProblem] = []
        self.warnings: list[SheetProblem] = []
        self.rows: dict[str, list[_Row]] = {t: [] for t in SHEETS}
        self.parties = _Parties()
        if not replace:  # references by name or id find parties only
            for table in PARTY_TABLES:
                for record in base.table(table):
                    self.parties.add(record)
        # the database's ids by folded name, to keep ids stable when the file has none
        self.base_names = {t: {norm.fold(getattr(r, "name", "")): r.id for r in base.table(t)}
                           for t in ("committees", "subcommittees", "alliances", "organisations")}
        self.built: dict[str, dict[str, Record]] = {t: {} for t in TABLES}
        self.origin: dict[tuple[str, str], _Row] = {}

    # errors
    def error(self, row: _Row, table: str, field_name: str, message: str, code: str, value: object = None) -> None:
        shown = norm.text(row.values.get(field_name)) if value is None else str(value)
        self.errors.append(SheetProblem(row.sheet, row.number, row.header(field_name, table), shown, message, code))

    def cell(self, row: _Row, table: str, field_name: str, parse: Callable[[object], object]) -> tuple[bool, object]:
        raw = row.values.get(field_name)
        try:
            return True, parse(raw)
        except norm.CellError as exc:
            label = FIELD_LABELS.get(field_name, field_name)
            self.error(row, table, field_name, say("import_bad_cell", field=label, value=norm.text(raw), hint=exc),
                       "bad_value")
            return False, None

    def record(self, row: _Row, model: type[Record], data: dict[str, object]) -> Record | None:
        try:
            return build(model, data, index=row.number)
        except RecordError as exc:
            for problem in exc.problems:
                self.errors.append(SheetProblem(row.sheet, row.number, row.header(problem.field, model.table)
                                                if problem.field else "", _shown(row, problem), problem.message,
                                                problem.code))
            return None

    def keep(self, row: _Row, record: Record | None, record_id: str, name: str, what: str) -> None:
        """Register a row's record (or its failure); report an id already used in the file."""
        table = record.table if record is not None else what
        key = (table, record_id)
        other = self.origin.get(key)
        if other is not None:
            if table == "pairings":
                message = say("import_reversed_pair", a=norm.text(row.values.get("party_a")),
                              b=norm.text(row.values.get("party_b")), other=other.number)
                self.error(row, table, "party_b", message, "duplicate_row")
            elif table == "rotations" and not norm.text(row.values.get("id")):
                # a blank 编号 makes the id from alliance and quarter: the same slot twice
                alliance = self._alliance_name(row.alliance)
                message = say("import_duplicate_slot", alliance=alliance, quarter=name, other=other.number)
                self.error(row, table, "quarter", message, "duplicate_slot")
            elif table == "rotation_exclusions" and not norm.text(row.values.get("id")):
                alliance = self._alliance_name(row.alliance)
                message = say("import_duplicate_exclusion", alliance=alliance,
                              organisation=norm.text(row.values.get("organisation")), other=other.number)
                self.error(row, table, "organisation", message, "duplicate_row")
            else:
                column = "id" if norm.text(row.values.get("id")) else "name"
                self.error(row, table, column, say("import_duplicate_row", what=TABLE_LABELS[table], name=name or record_id,
                                                   other=other.number), "duplicate_row")
            return
        self.origin[key] = row
        if record is None:
            self.parties.fail(table, record_id, name)
            return
        self.built[table][record_id] = record
        self.parties.add(record)

    # sheets
    def classify_sheets(self, sheets: list[RawSheet]) -> None:
        known = [spec.title for spec in SHEETS.values()]
        for sheet in sheets:
            self.hidden(sheet)
            spec = match_sheet(sheet.name)
            if spec is None:
                if header_key(sheet.name) in {header_key(n) for n in NOTES_SHEET}:
                    continue
                near = suggest(sheet.name, [a for s in SHEETS.values() for a in (s.title, *s.aliases)])
                hint = say("import_suggest", suggestion=match_sheet(near).title) if near else \
                    say("import_known_sheets", names="、".join(known))
                self.warnings.append(SheetProblem(sheet.name, None, "", sheet.name,
                                                  say("import_unknown_sheet", name=sheet.name, hint=hint),
                                                  "unknown_sheet"))
                continue
            self.read_sheet(spec, sheet)

    def read_sheet(self, spec: SheetSpec, sheet: RawSheet) -> None:
        positions: list[tuple[int, Column]] = []
        typed: dict[str, str] = {}
        for i, header in enumerate(sheet.header):
            if header is None or not str(header).strip():
                continue
            column = match_column(spec, header)
            if column is None:
                near = suggest(header, [c.header for c in spec.columns])
                hint = say("import_suggest", suggestion=near) if near else ""
                self.warnings.append(SheetProblem(sheet.name, 1, str(header), str(header),
                                                  say("import_unknown_header", header=header, hint=hint),
                                                  "unknown_header"))
            elif column.field in typed:
                self.warnings.append(SheetProblem(sheet.name, 1, str(header), str(header),
                                                  say("import_duplicate_header", header=header), "duplicate_header"))
            else:
                typed[column.field] = str(header).strip()
                positions.append((i, column))
        missing = [c for c in spec.columns if c.required and c.field not in typed]
        for column in missing:
            self.errors.append(SheetProblem(sheet.name, 1, column.header, "",
                                            say("import_missing_column", header=column.header), "missing_column"))
        if missing:
            return
        fields = [column.field for _, column in positions]
        indices = [i for i, _ in positions]
        width = max(indices, default=-1) + 1
        take = itemgetter(*indices) if len(indices) > 1 else lambda values: [values[i] for i in indices]
        rows = self.rows[spec.key]
        # control characters are rare: the cells are looked at one by one only in a sheet that has one
        controls = CONTROLS.search("".join([v for _, values in sheet.rows for v in values if type(v) is str]))
        for number, values in sheet.rows:
            if len(values) >= width:
                cells = dict(zip(fields, take(values), strict=True))
            else:  # a short row: the cells past its end are blank
                cells = {column.field: values[i] if i < len(values) else None for i, column in positions}
            row = _Row(sheet.name, number, cells, typed)
            if controls:
                for name, value in cells.items():
                    if type(value) is str and has_controls(value, free_text=name in FREE_TEXT_FIELDS):
                        self.controls(row, spec.key, name, value)
            rows.append(row)

    def controls(self, row: _Row, table: str, field_name: str, value: str) -> None:
        """Control characters: refused in names, ids, references; stripped from free text."""
        label = FIELD_LABELS.get(field_name, field_name)
        shown = shown_controls(value)
        free = field_name in FREE_TEXT_FIELDS
        controls = "".join(sorted({f"\\x{ord(c):02x}" for c in value if has_controls(c, free_text=free)}))
        row.values[field_name] = strip_controls(value)  # the other checks see the cleaned text
        if free:
            self.warnings.append(SheetProblem(row.sheet, row.number, row.header(field_name, table), shown,
                                              say("safe_control_stripped", field=label, shown=controls),
                                              "control_stripped"))
        else:
            self.error(row, table, field_name, say("safe_control_refused", field=label, shown=controls),
                       "control_character", value=shown)

    def hidden(self, sheet: RawSheet) -> None:
        """Hidden sheets and rows the reader noted: a warning each, or an error under the setting."""
        for note in sheet.notes:
            rows = "、".join(str(n) for n in note.rows[:20]) + (f" 等 {len(note.rows)} 行" if len(note.rows) > 20
                                                               else "")
            key = f"safe_{note.code}" + ("_refused" if note.refused else "")
            problem = SheetProblem(sheet.name, note.rows[0] if note.rows else None, "", rows or sheet.name,
                                   say(key, sheet=sheet.name, rows=rows), note.code)
            (self.errors if note.refused else self.warnings).append(problem)

    # record types, in the order their references need
    def committees(self) -> None:
        rows = self.rows["committees"]
        levels: list[str | None] = []
        for row in rows:
            ok, level = self.cell(row, "committees", "level", lambda v: norm.choice(
                v, LEVEL_WORDS, say("hint_committee_level")))
            if ok and level is None:
                level = "subcommittee" if norm.text(row.values.get("parent")) else "committee"
            levels.append(level if ok else None)
        n_committees = levels.count("committee")
        for row, level in zip(rows, levels, strict=True):
            if level != "committee":
                continue
            name = norm.text(row.values.get("name"))
            record_id = norm.text(row.values.get("id")) or self.base_names["committees"].get(norm.fold(name)) or (
                "street" if n_committees == 1 and not self.base.committees else _derived("C", name))
            self.keep(row, self.record(row, Committee, {"id": record_id, "name": name}), record_id, name,
                      "committees")
        # a committee's 上级 (a street's 区委): resolved once every committee of the file is known
        for row, level in zip(rows, levels, strict=True):
            if level != "committee" or not norm.text(row.values.get("parent")):
                continue
            name = norm.text(row.values.get("name"))
            own = next((i for i, r in self.origin.items() if r is row and i[0] == "committees"), None)
            record = self.built["committees"].get(own[1]) if own else None
            parent = self.reference(row, "committees", "parent", REFERENCE_TABLES[("committees", "parent")],
                                    "党委")
            if record is None or parent is False:
                continue
            record = self.record(row, Committee, {"id": record.id, "name": record.name, "parent": parent})
            if record is not None:
                self.built["committees"][record.id] = record
                self.parties.add(record)
        for row, level in zip(rows, levels, strict=True):
            if level != "subcommittee":
                continue
            name = norm.text(row.values.get("name"))
            record_id = norm.text(row.values.get("id")) or self.base_names["subcommittees"].get(norm.fold(name)) \
                or _derived("S", name)
            parent = self.reference(row, "committees", "parent", REFERENCE_TABLES[("subcommittees", "parent")],
                                    REFERENCE_LABELS["committee"])
            if parent is False:
                self.keep(row, None, record_id, name, "subcommittees")
                continue
            if parent is None:
                only = list(self.parties.records["committees"])
                if len(only) != 1:
                    self.error(row, "subcommittees", "parent", say("import_one_committee"), "blank")
                    self.keep(row, None, record_id, name, "subcommittees")
                    continue
                parent = only[0]
            record = self.record(row, SubCommittee, {"id": record_id, "name": name, "parent": parent})
            self.keep(row, record, record_id, name, "subcommittees")

    def reference(self, row: _Row, table: str, field_name: str, tables: tuple[str, ...], what: str,
                  value: object = None) -> str | None | bool:
        """The id a cell names; ``None`` when blank; ``False`` after reporting an error."""
        raw = norm.text(row.values.get(field_name) if value is None else value)
        if not raw:
            return None
        label = FIELD_LABELS.get(field_name, field_name)
        try:
            found = self._named(raw, tables)
        except ValueError as exc:
            self.error(row, table, field_name, say("import_ambiguous", field=label, value=raw, ids=exc), "ambiguous",
                       raw)
            return False
        if found is None:
            if "organisations" in tables and len(tables) > 1:
                message, code = say("import_unknown_party", field=label, value=raw), "unknown_party"
            elif tables == ("alliances",):
                message, code = say("import_unknown_alliance", value=raw), "unknown_alliance"
            else:
                message, code = say("import_unknown_ref", field=label, value=raw, what=what), "unknown_ref"
            self.error(row, table, field_name, message, code, raw)
            return False
        return found

    def find(self, raw: str, tables: tuple[str, ...]) -> str | None:
        """The id the (trimmed, not blank) text ``raw`` names, as :meth:`reference` finds
        it; ``None`` when it names nothing or several records. Reports nothing."""
        try:
            return self._named(raw, tables)
        except ValueError:
            return None

    def _named(self, raw: str, tables: tuple[str, ...]) -> str | None:
        found = self.parties.resolve(raw, tables)
        if found is None and tables == ("alliances",):
            found = self.alliance_by_sector(raw)
        return found

    def alliance_by_sector(self, raw: str) -> str | None:
        sector = SECTOR_WORDS.get(raw) or next((v for w, v in SECTOR_WORDS.items() if norm.fold(w) == norm.fold(raw)),
                                               raw)
        matches = [a.id for a in self.parties.records["alliances"].values() if a.sector == sector]
        return matches[0] if len(matches) == 1 else None

    def alliances(self) -> None:
        rows = self.rows["alliances"]
        sectors: list[str] = []
        for row in rows:
            raw = norm.text(row.values.get("sector"))
            sectors.append(SECTOR_WORDS.get(raw) or next(
                (v for w, v in SECTOR_WORDS.items() if norm.fold(w) == norm.fold(raw)), raw))
        unique = {s for s in sectors if sectors.count(s) == 1 and s in DEFAULT_SECTORS}
        for row, sector in zip(rows, sectors, strict=True):
            name = norm.text(row.values.get("name"))
            record_id = norm.text(row.values.get("id")) or self.base_names["alliances"].get(norm.fold(name)) or (
                sector if sector in unique and sector not in self._other_alliance_ids(name) else _derived("A", name))
            led_by = self.reference(row, "alliances", "led_by", REFERENCE_TABLES[("alliances", "led_by")], REFERENCE_LABELS["subcommittee"])
            data = {"id": record_id, "name": name, "sector": sector, "led_by": led_by or None,
                    **{f: norm.text(row.values.get(f)) for f in ("unified_action", "project", "research_topic")}}
            record = self.record(row, Alliance, data) if led_by is not False else None
            self.keep(row, record, record_id, name, "alliances")

    def _other_alliance_ids(self, name: str) -> set[str]:
        """Ids the database already uses for alliances of another name (not to be taken)."""
        if self.replace:
            return set()
        return {a.id for a in self.base.alliances if norm.fold(a.name) != norm.fold(name)}

    def organisations(self) -> None:
        for row in self.rows["organisations"]:
            self.progress_row()
            name = norm.text(row.values.get("name"))
            record_id = norm.text(row.values.get("id")) or self.base_names["organisations"].get(norm.fold(name)) \
                or _derived("O", name)
            ok = True
            alliance = self.reference(row, "organisations", "alliance", ("alliances",), REFERENCE_LABELS["alliance"])
            ok &= alliance is not False
            good, scope = self.cell(row, "organisations", "scope", lambda v: norm.choice(
                v, SCOPE_WORDS, say("hint_scope")))
            ok &= good
            good, org_type = self.cell(row, "organisations", "type", lambda v: norm.choice(
                v, TYPE_WORDS, say("hint_org_type")))
            ok &= good
            good, members = self.cell(row, "organisations", "member_count", norm.integer)
            ok &= good
            good, index = self.cell(row, "organisations", "pioneer_index", norm.number)
            ok &= good
            has_alliance = bool(norm.text(row.values.get("alliance")))
            if scope is None and ok:
                scope = "member" if has_alliance else None
            if ok and scope == "member" and not has_alliance:
                self.error(row, "organisations", "alliance", say("import_member_needs_alliance", name=name), "blank", "")
                ok = False
            elif ok and scope not in (None, "member") and has_alliance:
                self.error(row, "organisations", "scope", say("import_non_member_with_alliance", name=name,
                                                              scope=SCOPE_LABELS[scope]), "rule")
                ok = False
            if alliance is False:  # reported; keep the text so that the row's other checks still run
                alliance = norm.text(row.values.get("alliance"))
            if index is not None and index.is_integer():
                index = int(index)  # so that a message shows 120, not 120.0
            data: dict[str, object] = {
                "id": record_id, "name": name, "alliance": alliance or None,
                **{f: norm.text(row.values.get(f)) for f in ("unit", "industry", "address", "grid", "contact",
                                                             "phone")},
                **{f: norm.items(row.values.get(f)) for f in ("brands", "resources", "needs")},
                "member_count": members, "pioneer_index": index,
            }
            if scope is not None:
                data["scope"] = scope
            if org_type is not None:
                data["type"] = org_type
            record = self.record(row, Organisation, data)
            self.keep(row, record if ok else None, record_id, name, "organisations")

    def pairings(self) -> None:
        base_pairs = {(p.pair_key, p.since): p.id for p in self.base.pairings}
        for row in self.rows["pairings"]:
            self.progress_row()
            ends = []
            for attr in ("party_a", "party_b"):
                ends.append(self.reference(row, "pairings", attr, REFERENCE_TABLES[("pairings", "party")], REFERENCE_LABELS["party"]))
            ok = all(e is not False for e in ends)
            for attr, end in zip(("party_a", "party_b"), ends, strict=True):
                if end is None:
                    self.error(row, "pairings", attr, say("blank", field=FIELD_LABELS[attr]), "blank", "")
                    ok = False
            good, since = self.cell(row, "pairings", "since", norm.date)
            ok &= good
            good, until = self.cell(row, "pairings", "until", norm.date)
            ok &= good
            good, status = self.cell(row, "pairings", "status", lambda v: norm.choice(
                v, STATUS_WORDS, say("hint_status")))
            ok &= good
            good, declared = self.cell(row, "pairings", "kind", self._declared_kind)
            ok &= good
            if since is None and good:
                self.error(row, "pairings", "since", say("blank", field=FIELD_LABELS["since"]), "blank", "")
                ok = False
            if since is not None and until is not None and until < since:
                self.error(row, "pairings", "until", say("import_until_before_since", since=since, until=until),
                           "until_before_since")
                ok = False
            if status == "ended" and until is None:
                self.error(row, "pairings", "until", say("import_ended_needs_until"), "ended_needs_until", "")
                ok = False
            kind = None
            if ends[0] and ends[1]:
                kind = self._kind(row, ends[0], ends[1], declared)
                ok &= kind is not None
            a, b = norm.text(row.values.get("party_a")), norm.text(row.values.get("party_b"))
            if not (ok and ends[0] and ends[1] and since):
                record_id = norm.text(row.values.get("id")) or f"row-{row.sheet}-{row.number}"
                if ends[0] and ends[1] and since:
                    record_id = norm.text(row.values.get("id")) or pairing_id(ends[0], ends[1], since)
                self.keep(row, None, record_id, "", "pairings")
                continue
            record_id = norm.text(row.values.get("id")) or base_pairs.get(
                (tuple(sorted((ends[0], ends[1]))), since)) or pairing_id(ends[0], ends[1], since)
            data = {"id": record_id, "party_a": ends[0], "party_b": ends[1], "kind": kind,
                    "content": norm.text(row.values.get("content")), "since": since, "until": until}
            if status:
                data["status"] = status
            self.keep(row, self.record(row, Pairing, data), record_id, f"{a}—{b}", "pairings")

    @staticmethod
    def _declared_kind(value: object) -> frozenset[str] | None:
        key = norm.fold(value)
        if not key:
            return None
        for word, kinds in KIND_WORDS.items():
            if norm.fold(word) == key:
                return kinds
        raise norm.CellError(say("import_kind_unknown"))

    def _kind(self, row: _Row, a_id: str, b_id: str, declared: frozenset[str] | None) -> PairingKind | None:
        a, b = self.parties.end(a_id), self.parties.end(b_id)
        if a is None or b is None:  # an end whose own row had errors: already reported
            return None
        try:
            kind = classify(a, b)
        except PairingRuleError as exc:
            self.error(row, "pairings", "party_b", str(exc), exc.code)
            return None
        if declared is None or kind.value in declared:
            return kind
        if declared == {"small"} and kind is PairingKind.CROSS_ALLIANCE:
            message = say("import_small_across", a=a.name, b=b.name, a_alliance=self._alliance_name(a.alliance),
                          b_alliance=self._alliance_name(b.alliance))
            code = "small_across_alliances"
        elif declared == _LARGE and kind is PairingKind.SMALL:
            message = say("import_large_inside", a=a.name, b=b.name, alliance=self._alliance_name(a.alliance))
            code = "large_inside_alliance"
        else:
            message = say("import_kind_contradicts", declared=norm.text(row.values.get("kind")),
                          derived=KIND_LABELS[kind.value])
            code = "kind_contradicts"
        self.error(row, "pairings", "kind", message, code)
        return None

    def _alliance_name(self, alliance_id: str | None) -> str:
        record = self.parties.records["alliances"].get(alliance_id or "")
        return record.name if record else (alliance_id or "")

    def meetings(self) -> None:
        base_meetings = {(m.kind.value, m.date, m.alliance): m.id for m in self.base.meetings}
        for row in self.rows["meetings"]:
            ok, day = self.cell(row, "meetings", "date", norm.date)
            good, kind = self.cell(row, "meetings", "kind", lambda v: norm.choice(
                v, MEETING_WORDS, say("hint_meeting_kind")))
            ok &= good
            kind = kind or "joint"
            alliance = self.reference(row, "meetings", "alliance", ("alliances",), REFERENCE_LABELS["alliance"])
            chair = self.reference(row, "meetings", "chair", ("organisations",), REFERENCE_LABELS["organisation"])
            ok &= alliance is not False and chair is not False
            attendees = []
            for item in norm.items(row.values.get("attendees")):
                found = self.reference(row, "meetings", "attendees", ("organisations",), REFERENCE_LABELS["organisation"], item)
                ok &= found is not False
                attendees.append(found)
            if kind == "joint" and alliance is None:
                self.error(row, "meetings", "alliance", say("import_meeting_needs_alliance"), "blank", "")
                ok = False
            if day is None and ok:
                self.error(row, "meetings", "date", say("blank", field=FIELD_LABELS["date"]), "blank", "")
                ok = False
            if ok and chair and alliance and kind == "joint":
                org = self.parties.records["organisations"].get(chair)
                if org is not None and org.alliance != alliance:
                    self.error(row, "meetings", "chair", say("import_chair_not_member", chair=org.name,
                                                             alliance=self._alliance_name(alliance)),
                               "chair_not_member")
                    ok = False
            record_id = norm.text(row.values.get("id")) or (
                base_meetings.get((kind, day, alliance or None)) if day else None) or \
                f"M-{alliance or kind}-{day.isoformat() if day else row.number}"
            data = {"id": record_id, "kind": kind, "date": day, "alliance": alliance or None, "chair": chair or None,
                    "attendees": tuple(attendees), "location": norm.text(row.values.get("location")),
                    **{f: norm.items(row.values.get(f)) for f in ("topics", "decisions")}}
            record = self.record(row, Meeting, data) if ok else None
            self.keep(row, record, record_id, record_id, "meetings")

    def rotations(self) -> None:
        """轮值安排: one chair per alliance and quarter; blank 编号 → ``R-{alliance}-{quarter}``."""
        base_slots = {(r.alliance, r.quarter): r.id for r in self.base.rotations}
        for row in self.rows["rotations"]:
            self.progress_row()
            alliance = self.reference(row, "rotations", "alliance", REFERENCE_TABLES[("rotations", "alliance")], REFERENCE_LABELS["alliance"])
            chair = self.reference(row, "rotations", "chair", REFERENCE_TABLES[("rotations", "chair")], REFERENCE_LABELS["organisation"])
            read, quarter = self.cell(row, "rotations", "quarter", norm.quarter)
            good, pinned = self.cell(row, "rotations", "pinned", norm.flag)
            ok = read and good and alliance is not False and chair is not False
            for attr, blank, key in (("alliance", alliance is None, "import_rotation_needs_alliance"),
                                     ("quarter", read and quarter is None, "import_rotation_needs_quarter"),
                                     ("chair", chair is None, "import_rotation_needs_chair")):
                if blank:
                    self.error(row, "rotations", attr, say(key), "blank", "")
                    ok = False
            if ok:
                ok = self._member(row, "rotations", "chair", chair, alliance, "import_chair_not_member",
                                  "chair_not_member", "chair")
            row.alliance = alliance or None
            record_id = norm.text(row.values.get("id"))
            if not record_id and alliance and quarter:
                record_id = base_slots.get((alliance, quarter)) or rotation_slot_id(alliance, quarter)
            record_id = record_id or f"row-{row.sheet}-{row.number}"
            data = {"id": record_id, "alliance": alliance, "quarter": quarter, "chair": chair,
                    "pinned": bool(pinned), "note": norm.text(row.values.get("note"))}
            record = self.record(row, RotationSlot, data) if ok else None
            self.keep(row, record, record_id, quarter or record_id, "rotations")

    def rotation_exclusions(self) -> None:
        """轮值排除: a member left out of the rotation, with a reason; blank 编号 → ``X-{alliance}-{org}``."""
        base_pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
        for x in self.base.rotation_exclusions:
            base_pairs[(x.alliance, x.organisation)].append(x.id)
        table = "rotation_exclusions"
        for row in self.rows[table]:
            self.progress_row()
            alliance = self.reference(row, table, "alliance", REFERENCE_TABLES[(table, "alliance")], REFERENCE_LABELS["alliance"])
            org = self.reference(row, table, "organisation", REFERENCE_TABLES[(table, "organisation")], REFERENCE_LABELS["organisation"])
            ok = alliance is not False and org is not False
            good, since = self.cell(row, table, "since", norm.quarter)
            ok &= good
            good, until = self.cell(row, table, "until", norm.quarter)
            ok &= good
            reason = norm.text(row.values.get("reason"))
            if alliance is None:
                self.error(row, table, "alliance", say("import_exclusion_needs_alliance"), "blank", "")
                ok = False
            if org is None:
                self.error(row, table, "organisation", say("import_exclusion_needs_organisation"), "blank", "")
                ok = False
            if not reason:
                self.error(row, table, "reason", say("import_exclusion_needs_reason",
                                                     organisation=norm.text(row.values.get("organisation"))),
                           "reason_missing", "")
                ok = False
            if since and until and until < since:  # 2026Q1 strings sort in time order
                self.error(row, table, "until", say("import_quarter_until_before_since", since=since, until=until),
                           "until_before_since")
                ok = False
            if ok:
                ok = self._member(row, table, "organisation", org, alliance, "import_excluded_not_member",
                                  "excluded_not_member", "organisation")
            row.alliance = alliance or None
            record_id = norm.text(row.values.get("id"))
            if not record_id and alliance and org:
                found = base_pairs.get((alliance, org), [])
                record_id = found[0] if len(found) == 1 else f"X-{alliance}-{org}"
            record_id = record_id or f"row-{row.sheet}-{row.number}"
            data = {"id": record_id, "alliance": alliance, "organisation": org, "reason": reason, "since": since,
                    "until": until}
            record = self.record(row, RotationExclusion, data) if ok else None
            self.keep(row, record, record_id, record_id, table)

    def targets(self) -> None:
        """目标: one row per street and metric; blank 编号 → ``T-{metric}`` (``T-{street}-{metric}``)."""
        table = "targets"
        names = "、".join(dict.fromkeys(TARGET_LABELS.values()))
        for row in self.rows[table]:
            self.progress_row()
            street = self.reference(row, table, "street", REFERENCE_TABLES[(table, "street")], "街道党工委")
            good, metric = self.cell(row, table, "metric", lambda v: norm.choice(
                v, METRIC_WORDS, say("import_unknown_metric", value=norm.text(v), names=names)))
            ok = good and street is not False
            read, value = self.cell(row, table, "value", norm.integer)
            ok &= read
            if good and metric is None:
                self.error(row, table, "metric", say("import_target_needs_metric", names=names), "blank", "")
                ok = False
            if read and value is None:
                self.error(row, table, "value", say("import_target_needs_value"), "blank", "")
                ok = False
            record_id = norm.text(row.values.get("id")) or (
                Target(metric=TargetMetric(metric), value=0, street=street or None, id="").id if metric
                else f"row-{row.sheet}-{row.number}")
            data = {"id": record_id, "metric": metric, "value": value, "street": street or None,
                    "note": norm.text(row.values.get("note"))}
            record = self.record(row, Target, data) if ok else None
            self.keep(row, record, record_id, TARGET_LABELS.get(str(metric), record_id), table)

    def _member(self, row: _Row, table: str, field_name: str, org_id: object, alliance_id: object, message: str,
                code: str, key: str) -> bool:
        """Whether ``org_id`` is a member of ``alliance_id``; reports the row when it is not."""
        org = self.parties.records["organisations"].get(str(org_id))
        if org is None or org.alliance == alliance_id:  # an organisation whose own row failed: reported there
            return True
        self.error(row, table, field_name, say(message, **{key: org.name},
                                               alliance=self._alliance_name(str(alliance_id))), code)
        return False

    def progress_row(self) -> None:
        self.count += 1
        if self.count % 2000 == 0:
            self.progress(0.1 + 0.7 * self.count / max(1, self.total), say("import_progress_validate",
                                                                           sheet=f"{self.count}/{self.total}"))

    # the dataset's rules, mapped back to rows
    def dataset_rules(self) -> Dataset:
        self.progress(0.85, say("import_progress_rules"))
        if self.replace:
            merged = Dataset(**{name: tuple(self.built[name].values()) for name in TABLES})
            problems = merged.problems()
        else:
            # the database's data kept every rule: check what the file's records reach
            # (an import of 100,000 activities checks those, not the 500,000 stored)
            written = tuple(record for name in TABLES for record in self.built[name].values())
            self.checked = self.base.check(ChangeSet(upserts=written))
            merged, problems = self.checked.after, list(self.checked.problems)
        for problem in problems:
            self.map_problem(merged, problem)
        return merged

    def map_problem(self, merged: Dataset, problem: Problem) -> None:
        if problem.code in ("unknown_ref", "unknown_party") and problem.value in self.parties.failed:
            return  # the referenced row has its own error
        record = merged.table(problem.table)[problem.index] if problem.index is not None else None
        row = self.origin.get((problem.table, record.id)) if record is not None else None
        if row is None:
            spec = SHEETS.get("committees" if problem.table == "subcommittees" else problem.table)
            sheet = spec.title if spec is not None else TABLE_LABELS.get(problem.table, problem.table)
            note = say("import_existing_record", id=record.id if record else "")
            self.errors.append(SheetProblem(sheet, None, _canonical_header(problem.table, problem.field),
                                            problem.value, problem.message + note, problem.code))
            return
        self.errors.append(SheetProblem(row.sheet, row.number, row.header(problem.field, problem.table),
                                        _shown(row, problem), problem.message, problem.code))


def _shown(row: _Row, problem: Problem) -> str:
    typed = row.values.get(problem.field)
    return norm.text(typed) if typed not in (None, "") else problem.value


def validate(sheets: list[RawSheet], base: Dataset, *, replace: bool = False,
             progress: Progress | None = None) -> Validation:
    """Validate ``sheets`` against ``base`` (the database's current data).

    Without ``replace`` the file's records are added to (or replace by id) ``base`` and
    the result is checked as a whole; with ``replace`` the file alone is the dataset.
    """
    v = _Validator(base, replace, progress)
    v.progress(0.05, say("import_progress_validate", sheet="…"))
    v.classify_sheets(sheets)
    v.count, v.total = 0, sum(len(rows) for rows in v.rows.values())
    if v.total == 0 and not v.errors:
        names = "、".join(spec.title for spec in SHEETS.values())
        v.errors.append(SheetProblem("", None, "", "", say("import_no_sheets", names=names), "no_sheets"))
    v.committees()
    v.alliances()
    v.organisations()
    v.pairings()
    v.meetings()
    v.rotations()
    v.rotation_exclusions()
    v.targets()
    validate_ledger(v)  # issue 16: 行动日, 服务队, 项目 (+ 里程碑, 项目进展), 活动
    merged = v.dataset_rules()
    order = {sheet.name: i for i, sheet in reversed(list(enumerate(sheets)))}
    errors = sorted(v.errors, key=lambda p: (order.get(p.sheet, len(order)), p.row or 0))
    file_ids = {t: set(records) for t, records in v.built.items()}
    return Validation(None if errors else merged, errors, v.warnings, file_ids, None if errors else v.checked)


from ingest.ledger_sheets import validate_ledger  # noqa: E402 - it needs the validator defined above


def reference_text(dataset: Dataset, record_id: str | None, tables: tuple[str, ...],
                   parties: _Parties | None = None) -> str:
    """What an exporter writes for a reference: the name when it resolves back to
    ``record_id`` on import, else the id itself."""
    if not record_id:
        return ""
    parties = parties or party_index(dataset)
    record = parties.get(record_id)
    name = getattr(record, "name", None)
    if name:
        try:
            if parties.resolve(name, tables) == record_id:
                return name
        except ValueError:
            pass
    return record_id


def party_index(dataset: Dataset) -> _Parties:
    """The lookup :func:`reference_text` uses, built once for a whole export."""
    parties = _Parties()
    for _, records in dataset.tables():
        for record in records:
            if record.table in ("committees", "subcommittees", "alliances", "organisations"):
                parties.add(record)
    return parties
