"""Domain records of the "N区一会" model: validated, immutable, English identifiers.

Every record is a pydantic model with ``extra="forbid"`` and ``frozen=True``; lists are
tuples so records compare and hash by value. Build records with :func:`build` (or the
model's own constructor in trusted code): it turns pydantic's errors into
:class:`~lianmeng.errors.RecordError` with Chinese messages that name the field and value.

A pairing's kind is *derived* from its two ends (see :mod:`lianmeng.pairing_rules`); the
record stores the derived kind so that every backend can filter on it, and
:meth:`lianmeng.dataset.Dataset.problems` checks that stored and derived agree.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from lianmeng.errors import Problem, RecordError
from lianmeng.texts import FIELD_LABELS, say

DEFAULT_SECTORS = ("administrative", "community", "commercial", "campus", "park")


class Scope(StrEnum):
    MEMBER = "member"  # 体系内
    REGIONAL = "regional"  # 区域内体系外
    EXTERNAL = "external"  # 区域外


class OrgType(StrEnum):
    PARTY_COMMITTEE = "party_committee"  # 党委
    GENERAL_BRANCH = "general_branch"  # 党总支
    BRANCH = "branch"  # 党支部
    PARTY_GROUP = "party_group"  # 党组
    JOINT_BRANCH = "joint_branch"  # 联合党支部


class PairingLevel(StrEnum):
    STREET = "street"
    ALLIANCE = "alliance"
    ORGANISATION = "organisation"


class Linkage(StrEnum):
    SMALL = "small"
    LARGE = "large"


class PairingKind(StrEnum):
    SMALL = "small"
    CROSS_ALLIANCE = "cross_alliance"
    REGIONAL = "regional"
    EXTERNAL = "external"
    ALLIANCE = "alliance"
    STREET = "street"
    CROSS_STREET = "cross_street"  # members of alliances of two streets of one district (跨街道)

    @property
    def level(self) -> PairingLevel:
        if self is PairingKind.ALLIANCE:
            return PairingLevel.ALLIANCE
        if self is PairingKind.STREET:
            return PairingLevel.STREET
        return PairingLevel.ORGANISATION

    @property
    def linkage(self) -> Linkage | None:
        if self is PairingKind.SMALL:
            return Linkage.SMALL
        if self.level is PairingLevel.ORGANISATION:
            return Linkage.LARGE
        return None


LARGE_KINDS = (PairingKind.CROSS_ALLIANCE, PairingKind.REGIONAL, PairingKind.EXTERNAL, PairingKind.CROSS_STREET)


class PairingStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class MeetingKind(StrEnum):
    JOINT = "joint"  # 联席会议, per alliance per quarter
    SUMMIT = "summit"  # 党建峰会, yearly, street level
    ACTION_DAY = "action_day"  # 统一行动日, half-yearly, all alliances


def _text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class Record(BaseModel):
    """Common configuration: immutable, no unknown fields, strings trimmed."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    table: ClassVar[str] = ""

    id: str = Field(min_length=1, max_length=200)


class Committee(Record):
    """街道党工委: the street's party working committee, the hub of the network — or, above
    the streets, the district's committee (区委). ``parent`` is the committee it reports to
    (a street's 区委), blank at the top: committees nest 区委 → 街道党工委 → 二级党委 → 联盟."""

    table: ClassVar[str] = "committees"
    name: str = Field(min_length=1)
    parent: str | None = None

    @field_validator("parent", mode="before")
    @classmethod
    def _blank_parent_is_none(cls, value: Any) -> Any:
        value = _text(value)
        return value or None


class SubCommittee(Record):
    """二级党委（党组）: leads one or more alliances, reports to the committee."""

    table: ClassVar[str] = "subcommittees"
    name: str = Field(min_length=1)
    parent: str = Field(min_length=1)


class Alliance(Record):
    """党建联盟: one per sector; its members pair among themselves (小联动)."""

    table: ClassVar[str] = "alliances"
    name: str = Field(min_length=1)
    sector: str = Field(min_length=1)
    led_by: str | None = None
    unified_action: str = ""
    project: str = ""
    research_topic: str = ""


class Organisation(Record):
    """党(总)支部 / 基层党组织 — a member of one alliance, or a unit outside the system."""

    table: ClassVar[str] = "organisations"
    name: str = Field(min_length=1)
    scope: Scope = Scope.MEMBER
    alliance: str | None = None
    type: OrgType = OrgType.BRANCH
    unit: str = ""
    industry: str = ""
    address: str = ""
    grid: str = ""
    member_count: int | None = Field(default=None, ge=0, le=100_000)
    contact: str = ""
    phone: str = ""
    brands: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    pioneer_index: float | None = Field(default=None, ge=0, le=100)

    @field_validator("alliance", mode="before")
    @classmethod
    def _blank_alliance_is_none(cls, value: Any) -> Any:
        value = _text(value)
        return value or None

    @field_validator("brands", "resources", "needs", mode="after")
    @classmethod
    def _drop_blank_items(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(item.strip() for item in value if item and item.strip())

    @model_validator(mode="after")
    def _scope_matches_alliance(self) -> Organisation:
        if self.scope is Scope.MEMBER and not self.alliance:
            raise ValueError(say("member_needs_alliance", name=self.name))
        if self.scope is not Scope.MEMBER and self.alliance:
            raise ValueError(
                say(
                    "non_member_with_alliance",
                    name=self.name,
                    alliance=self.alliance,
                    scope=self.scope.value,
                )
            )
        return self


def pairing_id(party_a: str, party_b: str, since: dt.date) -> str:
    """A stable id for a pairing: the same for (A, B) and (B, A) on the same start date.

    >>> pairing_id("a", "b", dt.date(2024, 3, 1)) == pairing_id("b", "a", dt.date(2024, 3, 1))
    True
    """
    low, high = sorted((party_a, party_b))
    digest = hashlib.sha1(f"{low}\x1f{high}\x1f{since.isoformat()}".encode()).hexdigest()
    return f"P-{digest[:12]}"


class Pairing(Record):
    """结对: an undirected, dated tie between two parties."""

    table: ClassVar[str] = "pairings"
    party_a: str = Field(min_length=1)
    party_b: str = Field(min_length=1)
    kind: PairingKind
    content: str = ""
    since: dt.date
    until: dt.date | None = None
    status: PairingStatus = PairingStatus.ACTIVE

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id"):
            try:
                since = dt.date.fromisoformat(str(data["since"]))
                data = {**data, "id": pairing_id(str(data["party_a"]), str(data["party_b"]), since)}
            except (KeyError, ValueError):
                pass  # the field validators report what is missing or malformed
        return data

    @model_validator(mode="after")
    def _rules(self) -> Pairing:
        if self.party_a == self.party_b:
            raise ValueError(say("self_pair", party=self.party_a))
        if self.until is not None and self.until < self.since:
            raise ValueError(say("until_before_since", since=self.since, until=self.until))
        if self.status is PairingStatus.ENDED and self.until is None:
            raise ValueError(say("ended_needs_until"))
        return self

    @property
    def level(self) -> PairingLevel:
        return self.kind.level

    @property
    def linkage(self) -> Linkage | None:
        return self.kind.linkage

    @property
    def pair_key(self) -> tuple[str, str]:
        """The unordered pair of ends, as a sorted tuple: (A, B) and (B, A) share it."""
        a, b = self.party_a, self.party_b
        return (a, b) if a <= b else (b, a)

    @property
    def is_active(self) -> bool:
        return self.status is PairingStatus.ACTIVE

    def active_on(self, day: dt.date) -> bool:
        """Whether the pairing was in force on ``day`` (start and end days included)."""
        return self.since <= day and (self.until is None or day <= self.until)


class Meeting(Record):
    """A joint meeting (联席会议), the yearly summit (党建峰会) or a unified action day."""

    table: ClassVar[str] = "meetings"
    kind: MeetingKind = MeetingKind.JOINT
    date: dt.date
    alliance: str | None = None
    chair: str | None = None
    attendees: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    location: str = ""
    #: a 统一行动日 meeting's day: the ledger's :class:`~lianmeng.ledger_records.ActionDay`
    #: record (its activities, teams and places), so the 会议 and the 工作台账 show one day
    action_day: str | None = None

    @field_validator("alliance", "chair", "action_day", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        value = _text(value)
        return value or None

    @model_validator(mode="after")
    def _joint_has_alliance(self) -> Meeting:
        if self.kind is MeetingKind.JOINT and not self.alliance:
            raise ValueError(say("meeting_needs_alliance"))
        return self

    @property
    def quarter(self) -> str:
        """The meeting's quarter as ``2026Q1``."""
        return f"{self.date.year}Q{(self.date.month - 1) // 3 + 1}"


QUARTER_PATTERN = r"^\d{4}Q[1-4]$"


def _check_quarter(value: Any) -> Any:
    value = _text(value)
    if isinstance(value, str) and not re.fullmatch(QUARTER_PATTERN, value):
        raise ValueError(say("bad_quarter", value=value))
    return value


class RotationSlot(Record):
    """轮值安排: who chairs an alliance's joint meeting in one quarter (saved rotation).

    ``pinned`` marks a chair a person chose on purpose; the rotation keeps pinned slots and
    plans the other quarters around them (see :mod:`meetings.rotation`).
    """

    table: ClassVar[str] = "rotations"
    alliance: str = Field(min_length=1)
    quarter: str = Field(min_length=1)
    chair: str = Field(min_length=1)
    pinned: bool = False
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and data.get("alliance") and data.get("quarter"):
            data = {**data, "id": rotation_slot_id(str(data["alliance"]), str(data["quarter"]).strip())}
        return data

    @field_validator("quarter", mode="before")
    @classmethod
    def _quarter_format(cls, value: Any) -> Any:
        return _check_quarter(value)


class RotationExclusion(Record):
    """An organisation left out of an alliance's rotation (inactive, declined…) with a reason.

    ``since`` and ``until`` are quarters (``2026Q1``); blank means open-ended.
    """

    table: ClassVar[str] = "rotation_exclusions"
    alliance: str = Field(min_length=1)
    organisation: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    since: str | None = None
    until: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and data.get("alliance") and data.get("organisation"):
            data = {**data, "id": f"X-{data['alliance']}-{data['organisation']}"}
        return data

    @field_validator("since", "until", mode="before")
    @classmethod
    def _quarter_or_blank(cls, value: Any) -> Any:
        value = _text(value)
        return _check_quarter(value) if value else None

    @model_validator(mode="after")
    def _order(self) -> RotationExclusion:
        if self.since and self.until and self.until < self.since:
            raise ValueError(say("exclusion_until_before_since", since=self.since, until=self.until))
        return self

    def covers(self, quarter: str) -> bool:
        """Whether the exclusion is in force in ``quarter`` (``2026Q1`` strings sort in time order)."""
        return (self.since is None or self.since <= quarter) and (self.until is None or quarter <= self.until)


class TargetMetric(StrEnum):
    """What a target (目标) sets a figure for: seven street figures, two per member."""

    ALLIANCES = "alliances"  # 联盟数
    MEMBERS = "members"  # 成员组织数
    SMALL = "small"  # 小联动结对数
    LARGE = "large"  # 大联动结对数
    ALLIANCE = "alliance"  # 联盟层面结对数
    STREET = "street"  # 街道层面结对数
    BRANDS = "brands"  # 特色品牌数
    MEMBER_SMALL = "member_small"  # 每个成员至少几个小联动
    MEMBER_LARGE = "member_large"  # 每个成员至少几个大联动

    @property
    def per_member(self) -> bool:
        return self in (TargetMetric.MEMBER_SMALL, TargetMetric.MEMBER_LARGE)


STREET_METRICS = tuple(m for m in TargetMetric if not m.per_member)
MEMBER_METRICS = (TargetMetric.MEMBER_SMALL, TargetMetric.MEMBER_LARGE)


def target_id(metric: str, street: str | None = None) -> str:
    """The id of a street's target for ``metric``: one target per street and metric.

    >>> target_id("small"), target_id("small", "C-abc")
    ('T-small', 'T-C-abc-small')
    """
    return f"T-{street}-{metric}" if street else f"T-{metric}"


class Target(Record):
    """目标: a figure a street aims for (e.g. 38 小联动), or each member's minimum linkages.

    ``street`` is the committee (街道党工委) whose street the target is for; blank means
    the store's one street. A street without targets is shown without verdicts.
    """

    table: ClassVar[str] = "targets"
    metric: TargetMetric
    value: int = Field(ge=0, le=1_000_000)
    street: str | None = None
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and data.get("metric"):
            street = _text(data.get("street")) or None
            data = {**data, "id": target_id(str(data["metric"]).strip(), street)}
        return data

    @field_validator("street", mode="before")
    @classmethod
    def _blank_street_is_none(cls, value: Any) -> Any:
        value = _text(value)
        return value or None


def rotation_slot_id(alliance: str, quarter: str) -> str:
    """The id of an alliance's slot in a quarter: one slot per alliance and quarter.

    >>> rotation_slot_id("campus", "2026Q1")
    'R-campus-2026Q1'
    """
    return f"R-{alliance}-{quarter}"


RECORD_TYPES: tuple[type[Record], ...] = (
    Committee,
    SubCommittee,
    Alliance,
    Organisation,
    Pairing,
    Meeting,
    RotationSlot,
    RotationExclusion,
    Target,
)

R = TypeVar("R", bound=Record)


def _problem_from_pydantic(table: str, index: int | None, error: dict[str, Any]) -> Problem:
    loc = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
    field = loc[0] if loc else ""
    label = FIELD_LABELS.get(field, field)
    value = error.get("input")
    shown = "" if value is None or isinstance(value, dict) else str(value)
    kind = error.get("type", "")
    if kind == "value_error":
        cause = error.get("ctx", {}).get("error")
        message = str(cause if cause is not None else error.get("msg", ""))
        if getattr(cause, "field", None):  # a rule that names its field (FieldRule)
            field, shown = cause.field, cause.value
        return Problem(table, index, field, shown, message, "rule")
    if kind in {"missing", "string_too_short"}:
        return Problem(table, index, field, shown, say("blank", field=label), "blank")
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        ctx = error.get("ctx", {})
        low = ctx.get("ge", ctx.get("gt", "…"))
        high = ctx.get("le", ctx.get("lt", "…"))
        if field == "pioneer_index":
            low, high = 0, 100
        elif field == "member_count":
            low, high = 0, 100_000
        elif field == "value":
            low, high = 0, 1_000_000
        message = say("out_of_range", field=label, value=shown, low=low, high=high)
        return Problem(table, index, field, shown, message, "out_of_range")
    if kind == "extra_forbidden":
        hint = "未知字段，请删除。"
    elif kind.startswith("enum"):
        hint = "可选值为 " + str(error.get("ctx", {}).get("expected", "")) + "。"
    elif kind.startswith("date"):
        hint = "请写成 2024-03-01 这样的日期。"
    elif kind.startswith(("int", "float")):
        hint = "请填写数字。"
    else:
        hint = "请检查格式。"
    return Problem(table, index, field, shown, say("bad_value", field=label, value=shown, hint=hint), "bad_value")


def build(model: type[R], data: dict[str, Any], *, index: int | None = None) -> R:
    """Validate ``data`` into a ``model`` record, or raise :class:`RecordError` in Chinese.

    >>> build(Committee, {"id": "street", "name": "XX街道党工委"}).name
    'XX街道党工委'
    >>> build(Committee, {"id": "street", "name": " "})
    Traceback (most recent call last):
    ...
    lianmeng.errors.RecordError: “名称”不能为空：请填写名称。
    """
    try:
        return model.__pydantic_validator__.validate_python(data)  # model_validate(data), one call less
    except ValidationError as exc:
        problems = [_problem_from_pydantic(model.table, index, err) for err in exc.errors()]
        raise RecordError(problems) from None


class FieldByField:
    """A model's records checked field by field: :meth:`value` checks one field's value as
    the model would check it there (the same type, constraints, configuration and field
    validators) and gives what the record would hold; :meth:`build` makes a record from
    values so checked without checking them again, running only the model's own
    after-validators. For a long sheet whose cells repeat (an 活动 sheet of 500,000 rows
    names the same dates, parties and words again and again): each distinct value is
    checked once, and building the record costs a tenth of validating it.

    Only for a model whose check is the sum of its fields' checks and its after-validators:
    a model validator that runs before or around the fields, a field validator that reads
    the other fields (``info``), aliases, private attributes, ``model_post_init`` or
    validated defaults make the constructor raise ``TypeError``.

    >>> by_field = FieldByField(Committee)
    >>> by_field.value("parent", "  "), by_field.value("name", " 街道党工委 ")
    (None, '街道党工委')
    >>> record = by_field.build({"id": "street", "name": "街道党工委"})
    >>> record == build(Committee, {"id": "street", "name": "街道党工委"}), record.parent
    (True, None)
    """

    def __init__(self, model: type[R]):
        from pydantic import BaseModel, create_model

        decorators = model.__pydantic_decorators__
        refused = [name for name, d in decorators.model_validators.items() if d.info.mode != "after"]
        refused += [name for name, d in decorators.field_validators.items() if _reads_info(d.func)]
        refused += [name for name, f in model.model_fields.items()
                    if f.alias or f.validation_alias or f.validate_default or f.default_factory]
        if (refused or decorators.validators or decorators.root_validators or model.__private_attributes__
                or model.model_post_init is not BaseModel.model_post_init or model.model_config.get("validate_default")):
            raise TypeError(f"{model.__name__} cannot be built field by field: {refused}")
        self.model = model
        self._check: dict[str, Callable[[Any], Any]] = {}
        for name, info in model.model_fields.items():
            validators = {key: field_validator(name, mode=d.info.mode)(classmethod(getattr(d.func, "__func__", d.func)))
                          for key, d in decorators.field_validators.items() if name in d.info.fields}
            one = create_model(f"{model.__name__}_{name}", __config__=model.model_config,  # type: ignore[call-overload]
                               __validators__=validators, **{name: (info.annotation, info)})
            check = functools.partial(_one_field, one.__pydantic_validator__.validate_python, name)
            self._check[name] = _plain_text(info, check, model.model_config, validators) or check
        #: every field, in order, with its default (a required field: _REQUIRED, to be given)
        self._defaults = {name: _REQUIRED if info.is_required() else info.default
                          for name, info in model.model_fields.items()}
        self._required = frozenset(name for name, info in model.model_fields.items() if info.is_required())
        self._after = [d.func for d in decorators.model_validators.values()]

    def value(self, name: str, value: Any) -> Any:
        """``value`` as field ``name`` of a record holds it; raises ``ValidationError``
        when the model would refuse it there."""
        return self._check[name](value)

    def build(self, values: dict[str, Any]) -> Any:
        """The record of ``values`` (a field left out takes its default), each given as
        :meth:`value` returned it; raises ``ValueError`` when an after-validator refuses
        the record (:func:`build` then gives the message)."""
        if not self._required <= values.keys() or not values.keys() <= self._defaults.keys():
            raise TypeError(f"{self.model.__name__}: fields missing or unknown in {sorted(values)}")
        record = _new(self.model)
        _set(record, "__dict__", {**self._defaults, **values})  # in the fields' order
        _set(record, "__pydantic_fields_set__", set(values))
        _set(record, "__pydantic_extra__", None)
        _set(record, "__pydantic_private__", None)
        for after in self._after:
            record = after(record)
        return record


_REQUIRED = object()
#: a lone surrogate (text can hold one; UTF-8 cannot, and pydantic refuses it)
_SURROGATE = re.compile("[\ud800-\udfff]")
_new, _set = object.__new__, object.__setattr__


def _one_field(validate: Callable[[Any], Any], name: str, value: Any) -> Any:
    return validate({name: value}).__dict__[name]


def _plain_text(info: Any, check: Callable[[Any], Any], config: Any, validators: dict) -> Callable[[Any], Any] | None:
    """For a ``str`` field whose only rules are lengths, in a model that trims its text: a
    check that takes a trimmed string of those lengths as it is (a sheet's titles, each
    different, cost a validation each) and asks ``check`` about anything else; ``None``
    for any other field. Python's ``str.strip`` trims every character pydantic's trim
    does (and more), so a string ``strip`` leaves alone is one pydantic leaves alone; a
    lone surrogate, which pydantic refuses, goes to ``check``."""
    import annotated_types

    rules = info.metadata
    if (info.annotation is not str or validators or not config.get("str_strip_whitespace")
            or any(type(rule) not in (annotated_types.MinLen, annotated_types.MaxLen) for rule in rules)
            or any(config.get(key) for key in ("str_to_lower", "str_to_upper", "strict", "str_min_length",
                                               "str_max_length"))):
        return None
    low = max([rule.min_length for rule in rules if type(rule) is annotated_types.MinLen], default=0)
    high = min([rule.max_length for rule in rules if type(rule) is annotated_types.MaxLen], default=None)

    def plain(value: Any) -> Any:
        if type(value) is str and low <= len(value) and (high is None or len(value) <= high) \
                and value.strip() == value and _SURROGATE.search(value) is None:  # pydantic refuses those
            return value
        return check(value)

    return plain


def _reads_info(method: Any) -> bool:
    """Whether a field validator takes ``info`` beside the value."""
    import inspect

    return len(inspect.signature(method).parameters) > 1


# --- needs and resources, residents' problems, the pioneer index (issue 17) ---------------


class FieldRule(ValueError):
    """A rule broken by records of several fields, naming the field to fix (for the
    import's column and the page's widget)."""

    def __init__(self, field: str, value: object, message: str):
        super().__init__(message)
        self.field = field
        self.value = "" if value is None else str(value)


class CalendarDay(Record):
    """A day the street declares a working day (``workday``) or a day off, overriding the
    official schedule of :mod:`lianmeng.workdays`. Its id is the date (``2026-10-09``)."""

    table: ClassVar[str] = "calendar_days"
    date: dt.date
    workday: bool
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and data.get("date"):
            data = {**data, "id": str(data["date"])}
        return data


class NeedKind(StrEnum):
    NEED = "need"  # 需求
    RESOURCE = "resource"  # 资源


class NeedStatus(StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    FULFILLED = "fulfilled"
    CLOSED = "closed"
    LAPSED = "lapsed"  # derived: still open after its quarter ended


def quarter_end(quarter: str) -> dt.date:
    """The last day of ``2026Q3``.

    >>> quarter_end("2026Q3")
    datetime.date(2026, 9, 30)
    """
    year, q = int(quarter[:4]), int(quarter[5])
    first_of_next = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def quarter_of(day: dt.date) -> str:
    """The quarter of ``day``.

    >>> quarter_of(dt.date(2026, 9, 25))
    '2026Q3'
    """
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


class SupplyDemandItem(Record):
    """供需清单: a need or a resource an organisation publishes for a quarter (告知书),
    claimed by another unit (认领书), fulfilled and closed with a note — or lapsed when
    the quarter ends unclaimed. ``alliance`` is the publisher's alliance (so the alliance's
    chair may write it); status is derived from the dates."""

    table: ClassVar[str] = "supply_demand"
    organisation: str = Field(min_length=1)
    alliance: str | None = None
    kind: NeedKind = NeedKind.NEED
    quarter: str = Field(min_length=1)
    title: str = Field(min_length=1)
    category: str = ""
    description: str = ""
    quantity: str = ""
    contact: str = ""
    claimed_by: str | None = None
    claimed_on: dt.date | None = None
    fulfilled_on: dt.date | None = None
    closed_on: dt.date | None = None
    note: str = ""

    @field_validator("alliance", "claimed_by", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        value = _text(value)
        return value or None

    @field_validator("quarter", mode="before")
    @classmethod
    def _quarter_format(cls, value: Any) -> Any:
        return _check_quarter(value)

    @model_validator(mode="after")
    def _rules(self) -> SupplyDemandItem:
        if self.claimed_by and self.claimed_by == self.organisation:
            raise FieldRule("claimed_by", self.claimed_by, say("need_claim_self", title=self.title))
        if self.claimed_by and self.claimed_on is None:
            raise FieldRule("claimed_on", None, say("need_claim_without_date", title=self.title))
        if not self.claimed_by and (self.claimed_on or self.fulfilled_on):
            field = FIELD_LABELS["claimed_on" if self.claimed_on else "fulfilled_on"]
            raise FieldRule("claimed_by", None, say("need_date_without_claim", title=self.title, field=field))
        if self.claimed_on and self.closed_on and self.claimed_on > self.closed_on:
            raise FieldRule("closed_on", self.closed_on, say("need_claim_after_close", title=self.title, closed=self.closed_on,
                                 claimed=self.claimed_on))
        if self.claimed_on and self.fulfilled_on and self.fulfilled_on < self.claimed_on:
            raise FieldRule("fulfilled_on", self.fulfilled_on, say("need_date_order", title=self.title, later=FIELD_LABELS["fulfilled_on"],
                                 later_date=self.fulfilled_on, earlier=FIELD_LABELS["claimed_on"],
                                 earlier_date=self.claimed_on))
        if self.fulfilled_on and self.closed_on and self.closed_on < self.fulfilled_on:
            raise FieldRule("closed_on", self.closed_on, say("need_date_order", title=self.title, later=FIELD_LABELS["closed_on"],
                                 later_date=self.closed_on, earlier=FIELD_LABELS["fulfilled_on"],
                                 earlier_date=self.fulfilled_on))
        return self

    def status_on(self, day: dt.date) -> NeedStatus:
        """Where the item stands on ``day``; an unclaimed item lapses after its quarter."""
        if self.closed_on and self.closed_on <= day:
            return NeedStatus.CLOSED
        if self.fulfilled_on and self.fulfilled_on <= day:
            return NeedStatus.FULFILLED
        if self.claimed_by and self.claimed_on and self.claimed_on <= day:
            return NeedStatus.CLAIMED
        if day > quarter_end(self.quarter):
            return NeedStatus.LAPSED
        return NeedStatus.OPEN


class Channel(StrEnum):
    VISIT = "visit"  # 来访
    PHONE = "phone"  # 电话
    ONLINE = "online"  # 网上信访
    DOOR = "door"  # 走访
    COUNCIL = "council"  # 议事会
    OTHER = "other"  # 其他


class ProblemStatus(StrEnum):
    RECEIVED = "received"  # 受理
    FIRST_REPLY = "first_reply"  # 初步答复
    CLEAR_ANSWER = "clear_answer"  # 明确答复
    RESOLVED = "resolved"  # 已解决
    UNRESOLVABLE = "unresolvable"  # 不能解决（附解释）
    CLOSED = "closed"  # 销号


#: the steps' date fields in the order they happen
PROBLEM_STEPS = ("received", "first_reply_on", "clear_answer_on", "resolved_on", "closed_on")


class ResidentProblem(Record):
    """群众诉求: a resident's problem on the 一、三、十五 clock, with the date of each step.

    ``resolved_on`` is the day it was solved — or, with ``unresolvable``, the day the
    explanation was given. ``text`` holds only what the office chooses to type (a setting
    hides it from viewers).
    """

    table: ClassVar[str] = "resident_problems"
    received: dt.date
    channel: Channel = Channel.OTHER
    text: str = ""
    organisation: str = Field(min_length=1)
    alliance: str | None = None
    first_reply_on: dt.date | None = None
    clear_answer_on: dt.date | None = None
    resolved_on: dt.date | None = None
    unresolvable: bool = False
    explanation: str = ""
    closed_on: dt.date | None = None

    @field_validator("alliance", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        value = _text(value)
        return value or None

    @model_validator(mode="after")
    def _rules(self) -> ResidentProblem:
        dates = [(f, getattr(self, f)) for f in PROBLEM_STEPS]
        for field, value in dates[1:]:
            if value is not None and value < self.received:
                raise FieldRule(field, value, say("problem_step_before_received", field=FIELD_LABELS[field], value=value,
                                     received=self.received))
        present = [(f, v) for f, v in dates if v is not None]
        for (f1, v1), (f2, v2) in zip(present, present[1:], strict=False):
            if v2 < v1:
                raise FieldRule(f2, v2, say("problem_step_order", later=FIELD_LABELS[f2], later_date=v2,
                                     earlier=FIELD_LABELS[f1], earlier_date=v1))
        last = max((i for i, (_, v) in enumerate(dates) if v is not None), default=0)
        for i in range(1, last):
            if dates[i][1] is None:
                raise FieldRule(dates[i][0], None, say("problem_step_missing", later=FIELD_LABELS[dates[last][0]],
                                     earlier=FIELD_LABELS[dates[i][0]]))
        if self.unresolvable and self.resolved_on and not self.explanation:
            raise FieldRule("explanation", "", say("problem_unresolvable_needs_explanation"))
        return self

    @property
    def status(self) -> ProblemStatus:
        if self.closed_on:
            return ProblemStatus.CLOSED
        if self.resolved_on:
            return ProblemStatus.UNRESOLVABLE if self.unresolvable else ProblemStatus.RESOLVED
        if self.clear_answer_on:
            return ProblemStatus.CLEAR_ANSWER
        if self.first_reply_on:
            return ProblemStatus.FIRST_REPLY
        return ProblemStatus.RECEIVED


PERIOD_PATTERN = r"^\d{4}(H[12])?$"


class PioneerRound(Record):
    """先锋指数测评: one round per year (``2026``) or half-year (``2026H1``), its questions
    and weights, the answer scale and the street's alert threshold (on the 0–100 index)."""

    table: ClassVar[str] = "pioneer_rounds"
    period: str = Field(min_length=1)
    title: str = ""
    questions: tuple[str, ...] = Field(min_length=1)
    weights: tuple[float, ...] = ()
    scale_min: float = 0
    scale_max: float = 10
    threshold: float = Field(default=80, ge=0, le=100)

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and data.get("period"):
            data = {**data, "id": f"PI-{str(data['period']).strip()}"}
        return data

    @field_validator("period", mode="before")
    @classmethod
    def _period_format(cls, value: Any) -> Any:
        value = _text(value)
        if isinstance(value, str | int):
            value = str(value).upper()
            if not re.fullmatch(PERIOD_PATTERN, value):
                raise ValueError(say("pioneer_period", value=value))
        return value

    @model_validator(mode="after")
    def _rules(self) -> PioneerRound:
        name = self.title or self.period
        if self.weights and len(self.weights) != len(self.questions):
            raise ValueError(say("pioneer_weights_count", round=name, questions=len(self.questions),
                                 weights=len(self.weights)))
        if any(w < 0 for w in self.weights) or (self.weights and not any(self.weights)):
            raise ValueError(say("pioneer_weight_negative", round=name))
        if self.scale_max <= self.scale_min:
            raise ValueError(say("pioneer_scale", round=name, low=self.scale_min, high=self.scale_max))
        return self

    @property
    def year(self) -> int:
        return int(self.period[:4])

    @property
    def effective_weights(self) -> tuple[float, ...]:
        """The weights, or equal weights when none were given."""
        return self.weights or tuple(1.0 for _ in self.questions)

    def index_of(self, scores: tuple[float, ...]) -> float:
        """One response's weighted score on the 0–100 index.

        >>> r = PioneerRound(id="x", period="2026", questions=("a", "b"), weights=(3, 1))
        >>> r.index_of((10, 6))
        90.0
        """
        weights = self.effective_weights
        mean = sum(w * s for w, s in zip(weights, scores, strict=True)) / sum(weights)
        return round(100 * (mean - self.scale_min) / (self.scale_max - self.scale_min), 6)

    def score_problem(self, scores: tuple[float, ...]) -> str | None:
        """Why ``scores`` do not fit this round (count or range), else ``None``."""
        name = self.title or self.period
        if len(scores) != len(self.questions):
            return say("pioneer_score_count", got=len(scores), round=name, expected=len(self.questions))
        for score in scores:
            if not self.scale_min <= score <= self.scale_max:
                return say("pioneer_score_range", value=_num(score), round=name, low=_num(self.scale_min),
                           high=_num(self.scale_max))
        return None


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


class PioneerResponse(Record):
    """One resident's answers about one organisation in one round (a survey sheet row)."""

    table: ClassVar[str] = "pioneer_responses"
    round: str = Field(min_length=1)
    organisation: str = Field(min_length=1)
    scores: tuple[float, ...] = Field(min_length=1)
    respondent: str = ""


RECORD_TYPES = (*RECORD_TYPES, CalendarDay, SupplyDemandItem, ResidentProblem, PioneerRound, PioneerResponse)
