"""Coverage (全覆盖): who has which linkage, per member, per alliance and per alliance pair.

Member flags (only member organisations, scope ``member``, are expected to be covered):

* ``no_pairing`` — no organisation-level pairing in force. An organisation whose
  pairings have all ended is in here too: it has no pairing *now*;
* ``only_ended`` — no pairing in force, but at least one that has ended (a subset of
  ``no_pairing``: the ones to renew rather than start);
* ``no_small`` / ``no_large`` — no small / large linkage in force (every organisation
  in ``no_pairing`` is in both).

"In force" means status active, or, with a reference day ``on``, running on that day.

Living and dormant pairings (issue 16): a pairing in force that began at least N months
before the reference day and has had no activity in the last N months is **休眠**
(dormant); see :func:`dormant_pairings`. Each alliance's row counts the members that are
paired (an organisation-level pairing in force) and those paired *and active* (at least
one of those pairings is not dormant).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from analysis.graphs import in_force
from lianmeng.allocation import without_gc_pauses
from lianmeng.dataset import Dataset
from lianmeng.records import Linkage, Pairing, PairingKind, PairingLevel, Scope
from lianmeng.stats import brand_count, street_stats
from lianmeng.targets import DEFAULT_MEMBER_TARGETS, member_targets, street_targets

__all__ = [
    "MemberCoverage",
    "AllianceCoverage",
    "TargetRow",
    "LinkageMatrix",
    "CoverageReport",
    "member_coverage",
    "alliance_coverage",
    "target_rows",
    "linkage_matrix",
    "alliances_without_alliance_pairing",
    "ending_within",
    "coverage",
    "REGIONAL_COLUMN",
    "EXTERNAL_COLUMN",
    "DormantPairing",
    "months_before",
    "last_activity_by_pairing",
    "dormant_pairings",
    "alliances_without_project",
]

REGIONAL_COLUMN = "regional"  # 区域内体系外
EXTERNAL_COLUMN = "external"  # 区域外


@dataclass(frozen=True)
class MemberCoverage:
    """One member organisation's linkages in force (and ended ones)."""

    id: str
    name: str
    alliance: str
    small: int
    large: int
    ended: int
    #: the street's member targets: at least this many small / large linkages (目标)
    need_small: int = 1
    need_large: int = 1

    @property
    def no_pairing(self) -> bool:
        return self.small + self.large == 0

    @property
    def only_ended(self) -> bool:
        return self.no_pairing and self.ended > 0

    @property
    def no_small(self) -> bool:
        """Fewer small linkages than the street's member target (none, by default)."""
        return self.small < max(1, self.need_small)

    @property
    def no_large(self) -> bool:
        return self.large < max(1, self.need_large)

    @property
    def covered(self) -> bool:
        return not self.no_small and not self.no_large


@dataclass(frozen=True)
class AllianceCoverage:
    """One alliance: members, how many have each linkage, and its pairings in force."""

    id: str
    name: str
    members: int
    with_small: int
    with_large: int
    covered: int  # members with both
    small_pairings: int
    large_pairings: int
    alliance_pairings: int
    paired: int = 0  # members with an organisation-level pairing in force (issue 16)
    paired_active: int = 0  # … of which at least one is not dormant

    @property
    def share_small(self) -> float:
        return self.with_small / self.members if self.members else 0.0

    @property
    def share_large(self) -> float:
        return self.with_large / self.members if self.members else 0.0


@dataclass(frozen=True)
class TargetRow:
    """A headline figure against its target; ``target`` is ``None`` when the street has
    set none, and then there is no verdict (``met`` is ``None``)."""

    metric: str
    actual: int
    target: int | None

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.actual >= self.target


@dataclass(frozen=True)
class LinkageMatrix:
    """Large linkages in force between alliances, and from alliances to outside units.

    ``rows`` are alliance ids; ``columns`` are alliance ids then :data:`REGIONAL_COLUMN`
    and :data:`EXTERNAL_COLUMN`. ``counts[row][column]`` is a count, or ``None`` on the
    diagonal (two members of one alliance make a small linkage, not a large one).
    ``empty`` lists the cells with no linkage (each alliance pair once, row < column).
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: dict[str, dict[str, int | None]]
    empty: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CoverageReport:
    """Everything the coverage view shows."""

    members: tuple[MemberCoverage, ...]
    alliances: tuple[AllianceCoverage, ...]
    targets: tuple[TargetRow, ...]
    matrix: LinkageMatrix
    without_alliance_pairing: tuple[str, ...]
    ending: tuple[Pairing, ...]
    on: dt.date | None = None
    ending_days: int = 30
    names: dict[str, str] = field(default_factory=dict, repr=False)
    dormant: tuple[DormantPairing, ...] = ()  # issue 16
    dormant_months: int = 6
    without_project: tuple[str, ...] = ()  # alliances with no 共治项目 in project_year
    project_year: int | None = None

    def flagged(self, flag: str) -> list[MemberCoverage]:
        """Members with ``flag`` (no_pairing, only_ended, no_small, no_large), by id."""
        return [m for m in self.members if getattr(m, flag)]

    @property
    def fully_covered(self) -> bool:
        return all(m.covered for m in self.members)


def _party_alliance(dataset: Dataset) -> dict[str, str | None]:
    return {org.id: org.alliance for org in dataset.organisations}


def member_coverage(dataset: Dataset, on: dt.date | None = None) -> list[MemberCoverage]:
    """Every member organisation's small, large and ended organisation-level pairings.

    Examples
    --------
    >>> from lianmeng.records import Organisation
    >>> ds = Dataset(organisations=[Organisation(id="a", name="甲", alliance="x"),
    ...                             Organisation(id="b", name="乙", alliance="x")],
    ...              pairings=[Pairing(id="p", party_a="a", party_b="b", kind="small",
    ...                                since=dt.date(2024, 1, 1))])
    >>> [(m.id, m.small, m.large, m.no_large) for m in member_coverage(ds)]
    [('a', 1, 0, True), ('b', 1, 0, True)]
    """
    small: Counter[str] = Counter()
    large: Counter[str] = Counter()
    ended: Counter[str] = Counter()
    for pairing in dataset.pairings:
        if pairing.level is not PairingLevel.ORGANISATION:
            continue
        if in_force(pairing, on):
            target = small if pairing.linkage is Linkage.SMALL else large
        elif on is None or pairing.since <= on:
            target = ended
        else:
            continue  # starts after the reference day
        target[pairing.party_a] += 1
        target[pairing.party_b] += 1
    need = member_targets(dataset) if dataset.targets else DEFAULT_MEMBER_TARGETS
    return sorted(
        (MemberCoverage(org.id, org.name, org.alliance or "", small[org.id], large[org.id], ended[org.id],
                        need["member_small"], need["member_large"])
         for org in dataset.organisations if org.scope is Scope.MEMBER),
        key=lambda m: m.id,
    )


def alliance_coverage(dataset: Dataset, members: list[MemberCoverage] | None = None,
                      on: dt.date | None = None) -> list[AllianceCoverage]:
    """Per alliance: members, members with small / large linkage, pairings in force."""
    members = members if members is not None else member_coverage(dataset, on)
    alliance_of = _party_alliance(dataset)
    small: Counter[str] = Counter()
    large: Counter[str] = Counter()
    alliance_level: Counter[str] = Counter()
    for pairing in dataset.pairings:
        if not in_force(pairing, on):
            continue
        ends = (pairing.party_a, pairing.party_b)
        if pairing.kind is PairingKind.ALLIANCE:
            for end in set(ends):
                alliance_level[end] += 1
        elif pairing.kind is PairingKind.SMALL:
            small[alliance_of.get(pairing.party_a) or ""] += 1
        elif pairing.level is PairingLevel.ORGANISATION:
            # a cross-alliance pairing counts once for each of the two alliances
            for alliance in {alliance_of.get(end) for end in ends} - {None}:
                large[alliance] += 1  # type: ignore[index]
    by_alliance: dict[str, list[MemberCoverage]] = {}
    for member in members:
        by_alliance.setdefault(member.alliance, []).append(member)
    result = []
    for alliance in dataset.alliances:
        mine = by_alliance.get(alliance.id, [])
        result.append(AllianceCoverage(
            alliance.id, alliance.name, len(mine), sum(1 for m in mine if m.small),
            sum(1 for m in mine if m.large), sum(1 for m in mine if m.covered),
            small[alliance.id], large[alliance.id], alliance_level[alliance.id]))
    return result


def target_rows(dataset: Dataset, targets: dict[str, int | None] | None = None) -> list[TargetRow]:
    """Headline figures (active pairings) against ``targets`` (default: the dataset's own
    targets, see :func:`lianmeng.targets.street_targets`; none set → no verdicts).

    >>> [(r.metric, r.actual, r.met) for r in target_rows(Dataset(), {"small": 0, "large": 1})]
    [('small', 0, True), ('large', 0, False)]
    >>> {r.met for r in target_rows(Dataset())}
    {None}
    """
    targets = street_targets(dataset) if targets is None else targets
    figures = street_stats(dataset)
    actual = {
        "alliances": figures["alliances"],
        "members": figures["organisations"]["member"],
        "brands": brand_count(dataset),
        **figures["pairings"],
    }
    return [TargetRow(metric, actual.get(metric, 0), target) for metric, target in targets.items()]


def linkage_matrix(dataset: Dataset, on: dt.date | None = None) -> LinkageMatrix:
    """The alliance × alliance matrix of large linkages, with regional and external columns.

    Examples
    --------
    >>> from lianmeng.records import Alliance, Organisation
    >>> ds = Dataset(alliances=[Alliance(id="x", name="X", sector="park"),
    ...                         Alliance(id="y", name="Y", sector="campus")],
    ...              organisations=[Organisation(id="a", name="甲", alliance="x"),
    ...                             Organisation(id="b", name="乙", alliance="y")],
    ...              pairings=[Pairing(id="p", party_a="a", party_b="b", kind="cross_alliance",
    ...                                since=dt.date(2024, 1, 1))])
    >>> m = linkage_matrix(ds)
    >>> m.counts["x"], m.empty
    ({'x': None, 'y': 1, 'regional': 0, 'external': 0}, (('x', 'regional'), ('x', 'external'), ('y', 'regional'), ('y', 'external')))
    """
    rows = tuple(a.id for a in dataset.alliances)
    columns = rows + (REGIONAL_COLUMN, EXTERNAL_COLUMN)
    counts: dict[str, dict[str, int | None]] = {
        r: {c: (None if c == r else 0) for c in columns} for r in rows}
    alliance_of = _party_alliance(dataset)
    for pairing in dataset.pairings:
        if not in_force(pairing, on) or pairing.kind not in (
                PairingKind.CROSS_ALLIANCE, PairingKind.REGIONAL, PairingKind.EXTERNAL):
            continue
        a, b = alliance_of.get(pairing.party_a), alliance_of.get(pairing.party_b)
        if pairing.kind is PairingKind.CROSS_ALLIANCE:
            if a in counts and b in counts and a != b:
                counts[a][b] += 1  # type: ignore[operator]
                counts[b][a] += 1  # type: ignore[operator]
        else:
            member = a or b
            column = REGIONAL_COLUMN if pairing.kind is PairingKind.REGIONAL else EXTERNAL_COLUMN
            if member in counts:
                counts[member][column] += 1  # type: ignore[operator]
    empty = []
    position = {r: i for i, r in enumerate(rows)}
    for i, r in enumerate(rows):
        for c in columns:
            if position.get(c, len(rows)) > i and counts[r][c] == 0:  # each pair once; outside columns always
                empty.append((r, c))
    return LinkageMatrix(rows, columns, counts, tuple(empty))


def alliances_without_alliance_pairing(dataset: Dataset, on: dt.date | None = None) -> list[str]:
    """Alliances with no alliance-level pairing (共促关系) in force, in dataset order."""
    paired = set()
    for pairing in dataset.pairings:
        if pairing.kind is PairingKind.ALLIANCE and in_force(pairing, on):
            paired.update((pairing.party_a, pairing.party_b))
    return [a.id for a in dataset.alliances if a.id not in paired]


def ending_within(dataset: Dataset, on: dt.date, days: int) -> list[Pairing]:
    """Pairings in force on ``on`` whose end date falls within ``days`` days after it.

    Sorted by end date, then id.

    >>> p = Pairing(id="p", party_a="a", party_b="b", kind="small", since=dt.date(2024, 1, 1),
    ...             until=dt.date(2024, 3, 31))
    >>> [x.id for x in ending_within(Dataset(pairings=[p]), dt.date(2024, 3, 1), 30)]
    ['p']
    >>> ending_within(Dataset(pairings=[p]), dt.date(2024, 3, 1), 29)
    []
    """
    last = on + dt.timedelta(days=days)
    found = [p for p in dataset.pairings
             if p.until is not None and p.active_on(on) and p.status.value == "active" and p.until <= last]
    return sorted(found, key=lambda p: (p.until, p.id))


@without_gc_pauses
def coverage(dataset: Dataset, *, on: dt.date | None = None, today: dt.date | None = None,
             ending_days: int = 30, targets: dict[str, int] | None = None,
             dormant_months: int = 6) -> CoverageReport:
    """The whole coverage view.

    Parameters
    ----------
    dataset : Dataset
    on : datetime.date, optional
        Reference day for "in force"; None = by status.
    today : datetime.date, optional
        The day from which "ending within ``ending_days`` days" counts (default ``on``,
        else the current date — the only clock read in :mod:`analysis`).
    ending_days : int
    targets : dict, optional
        Metric → target; default: the dataset's own targets (none → no verdicts).
    dormant_months : int
        A pairing with no activity for this many months before ``today`` is dormant.
    """
    members = member_coverage(dataset, on)
    reference = today or on or dt.date.today()
    dormant = dormant_pairings(dataset, reference, dormant_months)
    return CoverageReport(
        members=tuple(members),
        alliances=tuple(_with_activity(dataset, alliance_coverage(dataset, members, on), reference, dormant)),
        dormant=tuple(dormant),
        dormant_months=dormant_months,
        targets=tuple(target_rows(dataset, targets)),
        matrix=linkage_matrix(dataset, on),
        without_alliance_pairing=tuple(alliances_without_alliance_pairing(dataset, on)),
        ending=tuple(ending_within(dataset, reference, ending_days)),
        on=on,
        ending_days=ending_days,
        names={**{a.id: a.name for a in dataset.alliances}, **{o.id: o.name for o in dataset.organisations}},
        without_project=tuple(alliances_without_project(dataset, reference.year)),
        project_year=reference.year,
    )


def alliances_without_project(dataset: Dataset, year: int) -> list[str]:
    """Ids of the alliances with no 共治项目 for ``year`` ("一年以一个重大项目解决一个重要
    问题": one major project per alliance per year), in the dataset's order.

    >>> from lianmeng.records import Alliance
    >>> from lianmeng.ledger_records import Project
    >>> a, b = Alliance(id="a", name="甲", sector="park"), Alliance(id="b", name="乙", sector="campus")
    >>> data = Dataset(alliances=[a, b], projects=[Project(id="p", name="项目", year=2026, alliance="a")])
    >>> alliances_without_project(data, 2026), alliances_without_project(data, 2025)
    (['b'], ['a', 'b'])
    """
    with_project = {p.alliance for p in dataset.projects if p.year == year}
    return [a.id for a in dataset.alliances if a.id not in with_project]


# --- living and dormant pairings (issue 16) -----------------------------------------------


@dataclass(frozen=True)
class DormantPairing:
    """A pairing in force with no recent activity, and its last activity (``None``: never)."""

    pairing: Pairing
    last_activity: dt.date | None


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day when it is shorter).

    >>> months_before(dt.date(2026, 8, 31), 6)
    datetime.date(2026, 2, 28)
    """
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def last_activity_by_pairing(dataset: Dataset, on: dt.date | None = None) -> dict[str, dt.date]:
    """Each pairing's latest activity date (on or before ``on`` when given)."""
    last: dict[str, dt.date] = {}
    for activity in dataset.activities:
        if activity.pairing is None or (on is not None and activity.date > on):
            continue
        if activity.date > last.get(activity.pairing, dt.date.min):
            last[activity.pairing] = activity.date
    return last


def dormant_pairings(dataset: Dataset, on: dt.date, months: int = 6) -> list[DormantPairing]:
    """Pairings in force on ``on``, begun at least ``months`` months before, with no activity
    in the ``months`` months up to ``on``; longest silent first, then by id.

    >>> from lianmeng.ledger_records import Activity
    >>> p = Pairing(id="p", party_a="a", party_b="b", kind="small", since=dt.date(2024, 1, 1))
    >>> q = Pairing(id="q", party_a="a", party_b="c", kind="small", since=dt.date(2024, 1, 1))
    >>> acts = [Activity(id="x", date=dt.date(2025, 10, 1), title="t", pairing="q")]
    >>> [(d.pairing.id, d.last_activity) for d in dormant_pairings(Dataset(pairings=[p, q], activities=acts),
    ...                                                           dt.date(2026, 3, 1), 6)]
    [('p', None)]
    """
    cutoff = months_before(on, months)
    last = last_activity_by_pairing(dataset, on)
    found = [DormantPairing(p, last.get(p.id)) for p in dataset.pairings
             if p.is_active and p.active_on(on) and p.since <= cutoff
             and (p.id not in last or last[p.id] <= cutoff)]
    return sorted(found, key=lambda d: (d.last_activity or dt.date.min, d.pairing.id))


def _with_activity(dataset: Dataset, alliances: list[AllianceCoverage], on: dt.date,
                   dormant: list[DormantPairing]) -> list[AllianceCoverage]:
    """The alliances' rows with members paired, and paired with a living pairing, on ``on``."""
    asleep = {d.pairing.id for d in dormant}
    alliance_of = _party_alliance(dataset)
    paired: dict[str, set[str]] = {}
    living: dict[str, set[str]] = {}
    for pairing in dataset.pairings:
        if pairing.level is not PairingLevel.ORGANISATION or not (pairing.is_active and pairing.active_on(on)):
            continue
        for end in (pairing.party_a, pairing.party_b):
            alliance = alliance_of.get(end)
            if alliance:
                paired.setdefault(alliance, set()).add(end)
                if pairing.id not in asleep:
                    living.setdefault(alliance, set()).add(end)
    return [replace(a, paired=len(paired.get(a.id, ())), paired_active=len(living.get(a.id, ()))) for a in alliances]
