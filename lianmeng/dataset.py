"""A whole street's records, and the rules that records must keep together.

:class:`Dataset` is what the stores read and write, what ingest produces and what the
analyses start from. :meth:`Dataset.problems` checks references, uniqueness and the
pairing rules and reports *every* problem at once; :class:`ChangeSet` describes an edit
(records to add or replace, records to remove) that a store applies in one transaction.

>>> from lianmeng.sample import sample_street
>>> street = sample_street()
>>> street.name_of("adm-01"), len(street.members_of("campus"))
('街道机关党总支', 8)
>>> moved = street.organisations[0].model_copy(update={"phone": "021-0000-0000"})
>>> street.with_changes(ChangeSet(upserts=(moved,))).party("adm-01").phone
'021-0000-0000'
"""

from __future__ import annotations

import gc
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from lianmeng.errors import DatasetError, Problem
from lianmeng.ledger_records import (
    LEDGER_TABLES,
    LEDGER_WHAT,
    ActionDay,
    Activity,
    Project,
    ServiceTeam,
    activity_problems,
    activity_references,
    project_problems,
    team_problems,
)
from lianmeng.pairing_rules import End, PairingRuleError, classify
from lianmeng.records import (  # issue 17
    Alliance,
    CalendarDay,
    Committee,
    Meeting,
    MeetingKind,
    Organisation,
    Pairing,
    PioneerResponse,
    PioneerRound,
    Record,
    ResidentProblem,
    RotationExclusion,
    RotationSlot,
    SubCommittee,
    SupplyDemandItem,
    Target,
)
from lianmeng.texts import FIELD_LABELS, KIND_LABELS, TARGET_LABELS, say

TABLES: dict[str, type[Record]] = {
    "committees": Committee,
    "subcommittees": SubCommittee,
    "alliances": Alliance,
    "organisations": Organisation,
    "pairings": Pairing,
    "meetings": Meeting,
    "rotations": RotationSlot,
    "rotation_exclusions": RotationExclusion,
    "targets": Target,
    # issue 17: needs and resources, residents' problems, the pioneer index
    "calendar_days": CalendarDay,
    "supply_demand": SupplyDemandItem,
    "resident_problems": ResidentProblem,
    "pioneer_rounds": PioneerRound,
    "pioneer_responses": PioneerResponse,
}
TABLES.update(LEDGER_TABLES)  # the work inside the pairings (issue 16)
PARTY_TABLES = ("committees", "subcommittees", "alliances", "organisations")
PARTY_TYPE_OF_TABLE = {
    "committees": "committee",
    "subcommittees": "subcommittee",
    "alliances": "alliance",
    "organisations": "organisation",
}
WHAT = {"committees": "党委", "subcommittees": "二级党委", "alliances": "联盟", "organisations": "组织",
        "pairings": "结对", "meetings": "会议",
        "rotations": "轮值安排", "rotation_exclusions": "轮值排除", "targets": "目标"}
WHAT.update(LEDGER_WHAT)  # issue 16
WHAT.update({"calendar_days": "工作日调整", "supply_demand": "供需项目", "resident_problems": "诉求",  # issue 17
             "pioneer_rounds": "先锋指数测评", "pioneer_responses": "先锋指数答卷"})


_ID = operator.attrgetter("id")


@dataclass(frozen=True)
class Dataset:
    """Every record of one store, by type. Order is kept; equality ignores it via
    :meth:`canonical`."""

    committees: tuple[Committee, ...] = ()
    subcommittees: tuple[SubCommittee, ...] = ()
    alliances: tuple[Alliance, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    pairings: tuple[Pairing, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    rotations: tuple[RotationSlot, ...] = ()
    rotation_exclusions: tuple[RotationExclusion, ...] = ()
    targets: tuple[Target, ...] = ()
    # the work inside the pairings (issue 16)
    action_days: tuple[ActionDay, ...] = ()
    service_teams: tuple[ServiceTeam, ...] = ()
    projects: tuple[Project, ...] = ()
    activities: tuple[Activity, ...] = ()
    # issue 17
    calendar_days: tuple[CalendarDay, ...] = ()
    supply_demand: tuple[SupplyDemandItem, ...] = ()
    resident_problems: tuple[ResidentProblem, ...] = ()
    pioneer_rounds: tuple[PioneerRound, ...] = ()
    pioneer_responses: tuple[PioneerResponse, ...] = ()
    _index: dict[str, Record] = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    _streets: dict[str, str | None] = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    _positions: dict[str, dict[str, int]] = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        for name in TABLES:
            object.__setattr__(self, name, tuple(getattr(self, name)))
        index: dict[str, Record] = {}
        for name in PARTY_TABLES:
            for record in getattr(self, name):
                index.setdefault(record.id, record)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_streets", {})
        object.__setattr__(self, "_positions", {})

    # --- access ---------------------------------------------------------------------

    def table(self, name: str) -> tuple[Record, ...]:
        return getattr(self, name)

    def tables(self) -> Iterator[tuple[str, tuple[Record, ...]]]:
        for name in TABLES:
            yield name, getattr(self, name)

    def counts(self) -> dict[str, int]:
        return {name: len(records) for name, records in self.tables()}

    def is_empty(self) -> bool:
        return not any(records for _, records in self.tables())

    def party(self, party_id: str) -> Record | None:
        """The committee, sub-committee, alliance or organisation with this id."""
        return self._index.get(party_id)

    def name_of(self, party_id: str | None) -> str:
        record = self.party(party_id) if party_id else None
        return getattr(record, "name", party_id or "")

    def end(self, party_id: str) -> End | None:
        """What the pairing rules need to know about a party, or ``None`` if unknown."""
        record = self.party(party_id)
        if record is None:
            return None
        party_type = PARTY_TYPE_OF_TABLE[record.table]
        if isinstance(record, Organisation):
            return End(party_type, record.id, record.name, record.scope, record.alliance,
                       self.street_of(record.id))
        return End(party_type, record.id, getattr(record, "name", record.id), street=self.street_of(record.id))

    def street_of(self, party_id: str) -> str | None:
        """The street (街道党工委's id) a party belongs to, or ``None`` (outside units, a
        district committee, an alliance no sub-committee leads)."""
        if party_id not in self._streets:
            self._streets[party_id] = party_street(party_id, self.party, self.committee_children())
        return self._streets[party_id]

    def committee_children(self) -> frozenset[str]:
        """Ids of committees that other committees report to (a district's 区委)."""
        if "\x00children" not in self._streets:
            self._streets["\x00children"] = frozenset(c.parent for c in self.committees if c.parent)  # type: ignore[assignment]
        return self._streets["\x00children"]  # type: ignore[return-value]

    def members_of(self, alliance_id: str) -> list[Organisation]:
        return [org for org in self.organisations if org.alliance == alliance_id]

    def canonical(self) -> Dataset:
        """The same records, each table sorted by id: compare datasets with this."""
        return Dataset(**{name: tuple(sorted(records, key=lambda r: r.id)) for name, records in self.tables()})

    def ids(self, name: str) -> dict[str, int]:
        """``{id: position}`` of one table (the first position of an id), built once per dataset."""
        positions = self._positions.get(name)
        if positions is None:
            records = getattr(self, name)
            # built backwards, so that an id met twice keeps its first position (C loops: 700,000 in ≈ 0.1 s)
            positions = dict(zip(map(_ID, reversed(records)), range(len(records) - 1, -1, -1), strict=True))
            self._positions[name] = positions
        return positions

    def record(self, name: str, record_id: str) -> Record | None:
        """The record of table ``name`` with this id, or ``None``."""
        position = self.ids(name).get(record_id)
        return None if position is None else getattr(self, name)[position]

    def with_changes(self, changes: ChangeSet) -> Dataset:
        """The dataset after ``changes``: upserts replace by id or append, then deletes.

        Only the tables the change touches are rebuilt; the others are shared with ``self``.
        """
        upserts: dict[str, dict[str, Record]] = {}
        for record in changes.upserts:
            upserts.setdefault(record.table, {})[record.id] = record
        deletes: dict[str, set[str]] = {}
        for table, record_id in changes.deletes:
            deletes.setdefault(table, set()).add(record_id)
        tables: dict[str, tuple[Record, ...]] = {}
        known: dict[str, dict[str, int]] = {}  # positions of tables that only grew at the end
        for name, records in self.tables():
            ups, gone = upserts.get(name, {}), deletes.get(name, set())
            if not ups and not gone:
                tables[name] = records
                continue
            positions = self.ids(name)
            if len(positions) != len(records):  # repeated ids (an unvalidated dataset): keep the general rule
                by_id = {r.id: r for r in records}
                by_id.update(ups)
                tables[name] = tuple(r for i, r in by_id.items() if i not in gone)
                continue
            replaced = {positions[i]: r for i, r in ups.items() if i in positions}
            new = tuple(r for i, r in ups.items() if i not in positions and i not in gone)
            if replaced or gone:
                kept = [replaced.get(i, r) for i, r in enumerate(records)]
                records = tuple(r for r in kept if r.id not in gone) if gone else tuple(kept)
            if not gone:  # every id keeps its place, the new ones follow
                known[name] = positions | dict(zip(map(_ID, new), range(len(records), len(records) + len(new)), strict=True))
            tables[name] = records + new if new else records
        after = Dataset(**tables)
        after._positions.update(known)
        return after

    # --- rules ----------------------------------------------------------------------

    def problems(self) -> list[Problem]:
        """Every rule the records break together, in table order."""
        return [problem for rule in _RULES for problem in rule.check(self, None)]

    def validated(self) -> Dataset:
        """Return ``self`` if it keeps every rule, else raise :class:`DatasetError`."""
        problems = self.problems()
        if problems:
            raise DatasetError(problems)
        return self

    def problems_after(self, changes: ChangeSet) -> tuple[Dataset, list[Problem]]:
        """The dataset after ``changes`` and its problems, checked as far as the change reaches.

        ``self`` must keep every rule (a store's data does: every write was validated).
        Then the result breaks exactly the rules :meth:`problems` of the result would
        report — the same problems in the same order — but a rule runs only if the change
        touches a table it reads, and a rule over one table's records (pairings, meetings,
        activities, 供需, 诉求, answers) checks only the records the change wrote and those
        that refer to a record it wrote or removed. A change of 100,000 activities into a
        city of 500,000 checks the 100,000, not the 600,000.

        >>> from lianmeng.sample import sample_street
        >>> street = sample_street()
        >>> org = street.organisations[0]
        >>> after, found = street.problems_after(ChangeSet(deletes=(("organisations", org.id),)))
        >>> found == after.problems() != []
        True
        """
        after = self.with_changes(changes)
        touched = {r.table for r in changes.upserts} | {table for table, _ in changes.deletes}
        written: dict[str, set[str]] = {}
        for record in changes.upserts:
            written.setdefault(record.table, set()).add(record.id)
        keys = [(r.table, r.id) for r in changes.upserts] + list(changes.deletes)
        found: list[Problem] = []
        for rule in _RULES:
            if not rule.reads & touched:
                continue  # held before, and nothing it reads has changed
            if rule.subject is None or rule.whole & touched:
                found += rule.check(after, None)
                continue
            positions = after.ids(rule.subject)
            only = {positions[i] for i in written.get(rule.subject, ()) if i in positions}
            others = rule.reads - {rule.subject}
            # ids the change wrote or removed that a kept record may refer to: a valid
            # record refers only to ids that existed, so an id new to every table the
            # rule reads cannot be one
            affected = {i for table, i in keys if table in others and any(i in self.ids(t) for t in others)}
            if affected:
                only.update(i for i, record in enumerate(after.table(rule.subject))
                            if not affected.isdisjoint(rule.refs(record)))
            found += rule.check(after, sorted(only))
        return after, found

    def validated_after(self, changes: ChangeSet) -> Dataset:
        """:meth:`problems_after` that raises :class:`DatasetError` (nothing written)."""
        after, problems = self.problems_after(changes)
        if problems:
            raise DatasetError(problems)
        return after

    def check(self, changes: ChangeSet) -> CheckedChange:
        """:meth:`problems_after`, kept with the change and this dataset as a
        :class:`CheckedChange`: a store whose data *is* this dataset (the same object, at
        the revision the write lands on) writes it without checking the rules again.

        >>> from lianmeng.sample import sample_street
        >>> street = sample_street()
        >>> checked = street.check(ChangeSet(upserts=(street.organisations[0].model_copy(update={"phone": "110"}),)))
        >>> checked.ok, checked.base is street, checked.after.organisations[0].phone
        (True, True, '110')
        """
        after, problems = self.problems_after(changes)
        return CheckedChange(self, changes, after, tuple(problems))

    def _duplicate_ids(self) -> Iterator[Problem]:
        seen: dict[str, str] = {}
        for name, records in self.tables():
            party = name in PARTY_TABLES
            local: set[str] = set()
            for i, record in enumerate(records):
                clash = record.id in local or (party and record.id in seen)
                if clash:
                    yield Problem(name, i, "id", record.id,
                                  say("duplicate_id", id=record.id, what=WHAT[name]), "duplicate_id")
                local.add(record.id)
                if party:
                    seen.setdefault(record.id, name)

    def _duplicate_names(self) -> Iterator[Problem]:
        for name in ("alliances", "organisations", "subcommittees"):
            seen: set[str] = set()
            for i, record in enumerate(self.table(name)):
                if record.name in seen:
                    yield Problem(name, i, "name", record.name,
                                  say("duplicate_name", what=WHAT[name], name=record.name), "duplicate_name")
                seen.add(record.name)

    def _references(self) -> Iterator[Problem]:
        committees = {c.id for c in self.committees}
        subs = {s.id for s in self.subcommittees}
        alliances = {a.id for a in self.alliances}
        yield from self._committee_cycles()
        checks: list[tuple[str, Iterable[Record], str, set[str]]] = [
            ("committees", self.committees, "parent", committees),
            ("subcommittees", self.subcommittees, "parent", committees),
            ("alliances", self.alliances, "led_by", subs),
            ("organisations", self.organisations, "alliance", alliances),
        ]
        for name, records, attr, known in checks:
            for i, record in enumerate(records):
                value = getattr(record, attr)
                if value and value not in known:
                    yield _unknown(name, i, attr, value)

    def _committee_cycles(self) -> Iterator[Problem]:
        parent = {c.id: c.parent for c in self.committees}
        for i, committee in enumerate(self.committees):
            chain, current = [committee.id], committee.parent
            while current in parent and current not in chain:
                chain.append(current)
                current = parent[current]
            if current == committee.id:
                names = " → ".join(self.name_of(c) for c in [*chain, committee.id])
                yield Problem("committees", i, "parent", committee.parent or "",
                              say("committee_cycle", name=committee.name, chain=names), "committee_cycle")

    def _pairing_problems(self, only: Sequence[int] | None = None) -> Iterator[Problem]:
        """``only``: check these pairings and every pairing of the same two parties (the
        duplicate rule compares them), in table order; else all."""
        pairings = self.pairings
        order: Iterable[int] = range(len(pairings))
        if only is not None:
            keys = {pairings[i].pair_key for i in only}
            order = [i for i, p in enumerate(pairings) if p.pair_key in keys] if keys else []
        active: dict[tuple[str, str], Pairing] = {}
        starts: set[tuple[tuple[str, str], object]] = set()
        for i in order:
            pairing = pairings[i]
            ends = []
            for attr in ("party_a", "party_b"):
                end = self.end(getattr(pairing, attr))
                if end is None:
                    value = getattr(pairing, attr)
                    yield Problem("pairings", i, attr, value, say("unknown_party", value=value), "unknown_party")
                ends.append(end)
            if None in ends:
                continue
            try:
                derived = classify(ends[0], ends[1])
            except PairingRuleError as exc:
                yield Problem("pairings", i, "party_b", pairing.party_b, str(exc), exc.code)
                continue
            if derived is not pairing.kind:
                yield Problem("pairings", i, "kind", pairing.kind.value,
                              say("kind_contradicts", declared=KIND_LABELS[pairing.kind.value],
                                  derived=KIND_LABELS[derived.value]), "kind_contradicts")
            key = pairing.pair_key
            other = active.get(key) if pairing.is_active else None
            if other is not None or (key, pairing.since) in starts:
                yield Problem("pairings", i, "party_b", pairing.party_b,
                              say("duplicate_pair", a=ends[0].name, b=ends[1].name,
                                  other=other.id if other else pairing.since), "duplicate_pair")
            if pairing.is_active:
                active.setdefault(key, pairing)
            starts.add((key, pairing.since))

    def _meeting_problems(self, only: Sequence[int] | None = None) -> Iterator[Problem]:
        alliances = {a.id: a for a in self.alliances}
        for i in range(len(self.meetings)) if only is None else only:
            meeting = self.meetings[i]
            if meeting.alliance and meeting.alliance not in alliances:
                yield _unknown("meetings", i, "alliance", meeting.alliance)
            if meeting.chair:
                # a joint meeting's chair must be a member of its alliance; any other, an organisation
                alliance = alliances.get(meeting.alliance) if meeting.kind is MeetingKind.JOINT else None
                yield from self._member_of("meetings", i, "chair", meeting.chair, alliance, "chair_not_member")
            for attendee in meeting.attendees:
                if not isinstance(self.party(attendee), Organisation):
                    yield _unknown("meetings", i, "attendees", attendee)
            # a 统一行动日 meeting is the meeting of one ActionDay record (issue 16)
            if meeting.action_day:
                if meeting.action_day not in self.ids("action_days"):
                    yield _unknown("meetings", i, "action_day", meeting.action_day)
                elif meeting.kind is not MeetingKind.ACTION_DAY:
                    yield Problem("meetings", i, "action_day", meeting.action_day,
                                  say("action_day_meeting_kind", id=meeting.id, value=meeting.action_day),
                                  "action_day_kind")
            elif meeting.kind is MeetingKind.ACTION_DAY:
                yield Problem("meetings", i, "action_day", "", say("action_day_meeting_needs_day", date=meeting.date),
                              "action_day_missing")

    def _member_of(self, table: str, index: int, field: str, org_id: str, alliance: Alliance | None,
                   code: str) -> Iterator[Problem]:
        """``org_id`` must name an organisation and, when ``alliance`` is given, one of its members."""
        org = self.party(org_id)
        if not isinstance(org, Organisation):
            yield _unknown(table, index, field, org_id)
        elif alliance is not None and org.alliance != alliance.id:
            names = {_ORG_PLACEHOLDER[code]: org.name, "alliance": alliance.name}
            yield Problem(table, index, field, org_id, say(code, **names), code)

    def _rotation_problems(self) -> Iterator[Problem]:
        alliances = {a.id: a for a in self.alliances}
        slots: set[tuple[str, str]] = set()
        for i, slot in enumerate(self.rotations):
            if slot.alliance not in alliances:
                yield _unknown("rotations", i, "alliance", slot.alliance)
                continue
            yield from self._member_of("rotations", i, "chair", slot.chair, alliances[slot.alliance],
                                       "chair_not_member")
            if (slot.alliance, slot.quarter) in slots:
                yield Problem("rotations", i, "quarter", slot.quarter,
                              say("duplicate_slot", alliance=alliances[slot.alliance].name,
                                  quarter=slot.quarter), "duplicate_slot")
            slots.add((slot.alliance, slot.quarter))
        for i, exclusion in enumerate(self.rotation_exclusions):
            if exclusion.alliance not in alliances:
                yield _unknown("rotation_exclusions", i, "alliance", exclusion.alliance)
                continue
            yield from self._member_of("rotation_exclusions", i, "organisation", exclusion.organisation,
                                       alliances[exclusion.alliance], "excluded_not_member")

    def _target_problems(self) -> Iterator[Problem]:
        committees = {c.id for c in self.committees}
        seen: set[tuple[str | None, str]] = set()
        for i, target in enumerate(self.targets):
            if target.street and target.street not in committees:
                yield _unknown("targets", i, "street", target.street)
            key = (target.street, target.metric.value)
            if key in seen:
                yield Problem("targets", i, "metric", target.metric.value,
                              say("duplicate_target", metric=TARGET_LABELS[target.metric.value]), "duplicate_target")
            seen.add(key)
    # --- issue 17: needs, residents' problems, the pioneer index ---------------------

    def _need_problems(self, table: str, only: Sequence[int] | None = None) -> Iterator[Problem]:
        """供需 and 诉求: the organisation exists and the record's alliance is its alliance."""
        records = self.table(table)
        for i in range(len(records)) if only is None else only:
            record = records[i]
            org = self.party(record.organisation)
            if not isinstance(org, Organisation):
                yield _unknown(table, i, "organisation", record.organisation)
                continue
            if record.alliance != org.alliance:
                code = "need_alliance_mismatch" if table == "supply_demand" else "problem_alliance_mismatch"
                yield Problem(table, i, "alliance", record.alliance or "",
                              say(code, title=getattr(record, "title", ""), org=org.name,
                                  expected=self.name_of(org.alliance) or "无",
                                  value=self.name_of(record.alliance) or "无"), code)
            claimed_by = getattr(record, "claimed_by", None)
            if claimed_by and not isinstance(self.party(claimed_by), Organisation):
                yield _unknown(table, i, "claimed_by", claimed_by)

    def _round_problems(self) -> Iterator[Problem]:
        periods: set[str] = set()
        for i, round_ in enumerate(self.pioneer_rounds):
            if round_.period in periods:
                yield Problem("pioneer_rounds", i, "period", round_.period,
                              say("duplicate_id", id=round_.period, what=WHAT["pioneer_rounds"]), "duplicate_id")
            periods.add(round_.period)

    def _response_problems(self, only: Sequence[int] | None = None) -> Iterator[Problem]:
        rounds = {r.id: r for r in self.pioneer_rounds}
        responses = self.pioneer_responses
        for i in range(len(responses)) if only is None else only:
            response = responses[i]
            round_ = rounds.get(response.round)
            if round_ is None:
                yield Problem("pioneer_responses", i, "round", response.round,
                              say("pioneer_unknown_round", value=response.round), "unknown_ref")
            elif (why := round_.score_problem(response.scores)) is not None:
                yield Problem("pioneer_responses", i, "scores", ",".join(map(str, response.scores)), why,
                              "score_out_of_range")
            if not isinstance(self.party(response.organisation), Organisation):
                yield _unknown("pioneer_responses", i, "organisation", response.organisation)


@dataclass(frozen=True)
class _Rule:
    """One rule of :meth:`Dataset.problems`, and what :meth:`Dataset.problems_after` needs
    to know to check it as far as a change reaches.

    ``reads``: every table whose records can change its verdict. ``subject``: the table
    whose records it judges one by one (``check`` takes the positions to judge, ``None``
    for all); ``refs`` the ids a subject record refers to; a change of a ``whole`` table
    (one the verdicts depend on beyond the records referred to) checks every record.
    A rule without a subject runs whole whenever a table it reads changes.
    """

    check: Callable[[Dataset, Sequence[int] | None], Iterable[Problem]]
    reads: frozenset[str]
    subject: str | None = None
    refs: Callable[[Any], Iterable[str]] = lambda record: ()
    whole: frozenset[str] = frozenset()


def _reads(*tables: str) -> frozenset[str]:
    return frozenset(tables)


_PARTIES = frozenset(PARTY_TABLES)
# in the order problems() reports them
_RULES: tuple[_Rule, ...] = (
    # within one table ids are unique after any change (records are kept by id): only a
    # party's id can clash, with another party table's
    _Rule(lambda d, _: d._duplicate_ids(), _PARTIES),
    _Rule(lambda d, _: d._duplicate_names(), _reads("alliances", "organisations", "subcommittees")),
    _Rule(lambda d, _: d._references(), _PARTIES),
    # a pairing's kind follows from its ends and their chain up to the street
    _Rule(Dataset._pairing_problems, _PARTIES | {"pairings"}, "pairings",
          lambda p: (p.party_a, p.party_b), _reads("committees", "subcommittees", "alliances")),
    _Rule(Dataset._meeting_problems, _PARTIES | {"meetings", "action_days"}, "meetings",
          lambda m: (m.alliance or "", m.chair or "", m.action_day or "", *m.attendees)),
    _Rule(lambda d, _: d._rotation_problems(), _PARTIES | {"rotations", "rotation_exclusions"}),
    _Rule(lambda d, _: d._target_problems(), _reads("targets", "committees")),
    # issue 16: the ledger
    _Rule(lambda d, _: team_problems(d), _PARTIES | {"service_teams"}),
    _Rule(lambda d, _: project_problems(d), _PARTIES | {"projects"}),
    _Rule(activity_problems, _PARTIES | {"activities", "pairings", "projects", "action_days", "service_teams"},
          "activities", activity_references),
    # issue 17
    _Rule(lambda d, only: d._need_problems("supply_demand", only), _PARTIES | {"supply_demand"}, "supply_demand",
          lambda r: (r.organisation, r.alliance or "", r.claimed_by or "")),
    _Rule(lambda d, only: d._need_problems("resident_problems", only), _PARTIES | {"resident_problems"},
          "resident_problems", lambda r: (r.organisation, r.alliance or "")),
    _Rule(lambda d, _: d._round_problems(), _reads("pioneer_rounds")),
    _Rule(Dataset._response_problems, _PARTIES | {"pioneer_responses", "pioneer_rounds"}, "pioneer_responses",
          lambda r: (r.round, r.organisation)),
)


def party_street(party_id: str, get: Callable[[str], Record | None], district: frozenset[str] = frozenset()
                 ) -> str | None:
    """The street (街道党工委) of a party: organisation → alliance → leading 二级党委 →
    its committee. A committee is its own street unless other committees report to it
    (``district``: a 区委 is no street). ``None`` when the chain breaks."""
    record = get(party_id)
    for _ in range(6):  # organisation → alliance → sub-committee → committee
        if record is None:
            return None
        if isinstance(record, Committee):
            return None if record.id in district else record.id
        if isinstance(record, Organisation):
            nxt = record.alliance
        elif isinstance(record, Alliance):
            nxt = record.led_by
        elif isinstance(record, SubCommittee):
            nxt = record.parent
        else:
            return None
        record = get(nxt) if nxt else None
    return None


#: the message's placeholder for the organisation's name, by problem code
_ORG_PLACEHOLDER = {"chair_not_member": "chair", "excluded_not_member": "organisation"}


def _unknown(table: str, index: int, attr: str, value: str) -> Problem:
    return Problem(table, index, attr, value,
                   say("unknown_ref", field=FIELD_LABELS.get(attr, attr), value=value), "unknown_ref")


@dataclass(frozen=True)
class ChangeSet:
    """An edit: records to add or replace (by id), and ``(table, id)`` pairs to remove."""

    upserts: tuple[Record, ...] = ()
    deletes: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "upserts", tuple(self.upserts))
        object.__setattr__(self, "deletes", tuple(self.deletes))
        unknown = [t for t, _ in self.deletes if t not in TABLES]
        if unknown:
            raise ValueError(f"unknown table(s): {unknown}")

    def is_empty(self) -> bool:
        return not self.upserts and not self.deletes

    def summary(self) -> dict[str, dict[str, int]]:
        """How many upserts and deletes per table."""
        up = Counter(r.table for r in self.upserts)
        down = Counter(t for t, _ in self.deletes)
        return {t: {"upserts": up[t], "deletes": down[t]} for t in TABLES if up[t] or down[t]}


@dataclass(frozen=True, eq=False)
class CheckedChange:
    """A change checked against one dataset (:meth:`Dataset.check`): the dataset after it
    and the rules it breaks there.

    The check holds for ``base`` — that object, not an equal one — so a store takes
    ``after`` only when ``base`` is the snapshot it holds at the revision the write lands
    on (the write checks the revision inside its transaction); otherwise it checks
    ``changes`` again. An import checks its file once, in the plan, and the write reuses it.
    """

    base: Dataset
    changes: ChangeSet
    after: Dataset
    problems: tuple[Problem, ...] = ()
    #: of a :meth:`narrowed` change: for each upsert, its id's position in the base's table
    #: (``None``: a new record) — what the preview and the audit trail need, found once
    was: tuple[int | None, ...] | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def narrowed(self) -> CheckedChange:
        """The same check without the upserts whose record equals the base's (they change
        nothing): the same ``after``, the same problems, fewer rows to write.

        >>> from lianmeng.sample import sample_street
        >>> street = sample_street()
        >>> org = street.organisations[0]
        >>> checked = street.check(ChangeSet(upserts=(org, org.model_copy(update={"id": "new-1", "name": "新组织"}))))
        >>> narrowed = checked.narrowed()
        >>> [r.id for r in narrowed.changes.upserts], narrowed.was, narrowed.after is checked.after
        (['new-1'], (None,), True)
        """
        if self.was is not None:
            return self
        found = self.__dict__.get("_narrowed")
        if found is not None:
            return found
        upserts = self.changes.upserts
        if len({(r.table, r.id) for r in upserts}) != len(upserts):
            return self  # an id written twice: the last one wins, which dropping one could change
        base = self.base
        positions = {name: base.ids(name) for name in {r.table for r in upserts}}
        tables = {name: base.table(name) for name in positions}
        kept, was = [], []
        for record in upserts:
            at = positions[record.table].get(record.id)
            if at is None or tables[record.table][at] != record:
                kept.append(record)
                was.append(at)
        found = CheckedChange(self.base, ChangeSet(upserts=tuple(kept), deletes=self.changes.deletes), self.after,
                              self.problems, tuple(was))
        object.__setattr__(self, "_narrowed", found)  # the plan's preview and the write ask for it
        return found


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the block. Reading a store or importing
    makes hundreds of thousands of records (none in a reference cycle), and each full
    collection that set off would walk every record held in memory: reading a city's
    620,000 records takes 6.7 s CPU with the collector, 3.7 s without; an import loses a
    quarter of its time. Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def replace_record(record: Record, **changes: object) -> Record:
    """A copy of ``record`` with ``changes``, validated again."""
    return type(record).model_validate({**record.model_dump(), **changes})


__all__ = ["TABLES", "PARTY_TABLES", "Dataset", "ChangeSet", "CheckedChange", "replace_record", "collector_paused"]
