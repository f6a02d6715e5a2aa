"""Coverage (全覆盖): who has which linkage, per member, per alliance and per alliance pair.

Member flags (only member organisations, scope ``member``, are expected to be covered):

* ``no_pairing`` — no organisation-level pairing in force. An organisation whose
  pairings have all ended is in here too: it has no pairing *now*;
* ``only_ended`` — no pairing in force, but at least one that has ended (a subset of
  ``no_pairing``: the ones to renew rather than start);
* ``no_small`` / ``no_large`` — no small / large linkage in force (every organisation
  in ``no_pairing`` is in both).

"In force" means status active, or, with a reference day ``on``, running on that day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from analysis.graphs import in_force
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
    result = []
    for alliance in dataset.alliances:
        mine = [m for m in members if m.alliance == alliance.id]
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
    for i, r in enumerate(rows):
        for c in columns:
            is_later_alliance = c in rows and rows.index(c) > i
            if (is_later_alliance or c not in rows) and counts[r][c] == 0:
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


def coverage(dataset: Dataset, *, on: dt.date | None = None, today: dt.date | None = None,
             ending_days: int = 30, targets: dict[str, int] | None = None) -> CoverageReport:
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
    """
    members = member_coverage(dataset, on)
    reference = today or on or dt.date.today()
    return CoverageReport(
        members=tuple(members),
        alliances=tuple(alliance_coverage(dataset, members, on)),
        targets=tuple(target_rows(dataset, targets)),
        matrix=linkage_matrix(dataset, on),
        without_alliance_pairing=tuple(alliances_without_alliance_pairing(dataset, on)),
        ending=tuple(ending_within(dataset, reference, ending_days)),
        on=on,
        ending_days=ending_days,
        names={**{a.id: a.name for a in dataset.alliances}, **{o.id: o.name for o in dataset.organisations}},
    )
