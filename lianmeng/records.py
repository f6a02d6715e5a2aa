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
import hashlib
import re
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
        low, high = sorted((self.party_a, self.party_b))
        return (low, high)

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

    @field_validator("alliance", "chair", mode="before")
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
        message = str(error.get("ctx", {}).get("error", error.get("msg", "")))
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
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [_problem_from_pydantic(model.table, index, err) for err in exc.errors()]
        raise RecordError(problems) from None
