"""A pairing plan: the fewest new pairings that give every member both linkages.

Small and large linkage are planned separately (a pairing gives one or the other).
For each, the members lacking it are the *needy*; one new pairing between two needy
members covers both, so the fewest pairings is ``|needy| - ν`` where ``ν`` is a maximum
matching among them. The plan therefore:

1. builds a candidate graph on the needy — an edge where the pair may pair (same alliance
   for small, different alliances for large, not already paired), weighted by the
   recommendation score (:mod:`analysis.recommend`), each needy member keeping its
   ``candidates_per_org`` best edges;
2. takes a maximum-cardinality, maximum-weight matching
   (``networkx.max_weight_matching(maxcardinality=True)``);
3. covers each member left over with its best partner that still has room (any member
   of the alliance for small; a member of another alliance or an outside unit for large).

No organisation gets more than ``max_new`` new pairings. What cannot be covered is
returned in :attr:`Plan.impossible` with the reason in Chinese (an alliance with one
member cannot have a small linkage; ``max_new=1`` cannot give both to a member with
neither; every possible partner already paired or full).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from analysis.coverage import MemberCoverage, member_coverage
from analysis.recommend import PairingContext, pair_kind
from lianmeng.allocation import without_gc_pauses
from lianmeng.dataset import Dataset
from lianmeng.records import Linkage, Organisation, Pairing, PairingKind, PairingStatus
from lianmeng.texts import LINKAGE_LABELS, say

__all__ = ["PlannedPairing", "Impossible", "CoverageSummary", "Plan", "plan", "plan_records"]


@dataclass(frozen=True)
class PlannedPairing:
    """One proposed pairing."""

    party_a: str
    party_b: str
    name_a: str
    name_b: str
    kind: PairingKind
    score: float
    reasons: tuple[str, ...]
    covers: tuple[str, ...]  # the needy members this pairing covers (one or two)

    @property
    def linkage(self) -> str:
        return "small" if self.kind is PairingKind.SMALL else "large"


@dataclass(frozen=True)
class Impossible:
    """A member the plan cannot cover for one linkage, and why."""

    id: str
    name: str
    linkage: str
    reason: str


@dataclass(frozen=True)
class CoverageSummary:
    """How many members have a small, a large, and both linkages."""

    members: int
    with_small: int
    with_large: int
    covered: int

    @classmethod
    def of(cls, members: list[MemberCoverage], extra: Counter | None = None,
           extra_large: Counter | None = None) -> CoverageSummary:
        extra, extra_large = extra or Counter(), extra_large or Counter()
        small = {m.id for m in members if m.small or extra[m.id]}
        large = {m.id for m in members if m.large or extra_large[m.id]}
        return cls(len(members), len(small), len(large), len(small & large))

    @property
    def full(self) -> bool:
        return self.covered == self.members


@dataclass(frozen=True)
class Plan:
    """The proposed pairings, the coverage before and after, and what stays impossible."""

    pairings: tuple[PlannedPairing, ...]
    impossible: tuple[Impossible, ...]
    before: CoverageSummary
    after: CoverageSummary
    max_new: int

    @property
    def new_per_organisation(self) -> Counter:
        return Counter(end for p in self.pairings for end in (p.party_a, p.party_b))


class _Planner:
    def __init__(self, dataset: Dataset, max_new: int, on: dt.date | None, per_org: int,
                 graph: nx.Graph | None):
        self.context = PairingContext(dataset, on, graph)
        self.max_new = max_new
        self.per_org = per_org
        self.load: Counter = Counter()
        self.planned: list[PlannedPairing] = []
        self.pairs: set[frozenset[str]] = set()
        self.impossible: list[Impossible] = []

    def room(self, org_id: str) -> bool:
        return self.load[org_id] < self.max_new

    def add(self, a: Organisation, b: Organisation, linkage: Linkage, covers: tuple[str, ...]) -> None:
        score, reasons = self.context.score(a, b, linkage)
        kind = pair_kind(a, b)
        assert kind is not None
        self.planned.append(PlannedPairing(a.id, b.id, a.name, b.name, kind, score, reasons, covers))
        self.pairs.add(frozenset((a.id, b.id)))
        self.load[a.id] += 1
        self.load[b.id] += 1

    def fail(self, org: Organisation, linkage: Linkage, reason: str) -> None:
        self.impossible.append(Impossible(org.id, org.name, linkage.value, reason))

    def cover(self, needy: list[Organisation], linkage: Linkage) -> None:
        orgs = self.context.orgs
        possible = []
        for org in needy:
            if linkage is Linkage.SMALL:
                size = len(self.context.by_alliance.get(org.alliance or "", []))
                if size < 2:
                    name = self.context.alliance_names.get(org.alliance or "", org.alliance)
                    self.fail(org, linkage, say("impossible_single_member", alliance=name, n=size))
                    continue
            if not self.room(org.id):
                self.fail(org, linkage, say("impossible_capacity", n=self.load[org.id], k=self.max_new))
                continue
            possible.append(org)
        # a small linkage pairs two members of one alliance: each needy member looks among
        # its own alliance's needy only (the rest would be refused one by one)
        pools: dict[str | None, list[Organisation]] = {}
        if linkage is Linkage.SMALL:
            for org in possible:
                pools.setdefault(org.alliance, []).append(org)
        graph = nx.Graph()
        for org in possible:
            # the best few needy partners of each needy member: a sparse graph keeps the
            # blossom algorithm fast at city scale
            best = self.context.ranked(org, linkage, self.per_org, pool=pools.get(org.alliance, possible))
            for c in best:
                graph.add_edge(org.id, c.id, weight=c.score)
        # the matching of each connected part on its own: the union is a maximum matching of
        # the whole, and the blossom algorithm's cost grows faster than the parts' sizes
        # (the small linkage's graph is one part per alliance: 1,100 of them in a province)
        matching: set[tuple[str, str]] = set()
        for part in nx.connected_components(graph):
            matching |= nx.max_weight_matching(graph.subgraph(part), maxcardinality=True)
        for a, b in sorted(tuple(sorted(edge)) for edge in matching):
            self.add(orgs[a], orgs[b], linkage, (a, b))
        matched = {n for edge in matching for n in edge}
        for org in possible:
            if org.id in matched:
                continue
            # the least-loaded partner first (ties: best score, then id), so that the
            # load spreads and fewer organisations hit max_new before the next phase
            options = [c for c in self.context.ranked(org, linkage)
                       if self.room(c.id) and frozenset((org.id, c.id)) not in self.pairs]
            partner = min(options, key=lambda c: (self.load[c.id], -c.score, c.id), default=None)
            if partner is None:
                self.fail(org, linkage, say("impossible_no_partner", linkage=LINKAGE_LABELS[linkage.value],
                                            k=self.max_new))
                continue
            self.add(org, orgs[partner.id], linkage, (org.id,))


@without_gc_pauses
def plan(dataset: Dataset, *, max_new: int = 2, on: dt.date | None = None,
         candidates_per_org: int = 12, graph: nx.Graph | None = None,
         members: list[MemberCoverage] | None = None) -> Plan:
    """The fewest new pairings giving every member a small and a large linkage.

    Parameters
    ----------
    dataset : Dataset
    max_new : int
        At most this many new pairings per organisation (member or outside unit).
    on : datetime.date, optional
        Reference day for the pairings in force (default: by status).
    candidates_per_org : int
        How many best-scored needy partners each needy member brings to the matching.
    graph : networkx.Graph, optional
        The pairing network of ``dataset`` on ``on`` if already built.
    members : list of MemberCoverage, optional
        ``member_coverage(dataset, on)`` if already computed.

    Examples
    --------
    Alliance x has three members and no pairing; alliance y has one member, so ``d``
    can never have a small linkage, and ``d`` is the only large partner of all three:

    >>> ds = Dataset(organisations=[Organisation(id=i, name=i, alliance=a)
    ...                             for i, a in [("a", "x"), ("b", "x"), ("c", "x"), ("d", "y")]])
    >>> p = plan(ds, max_new=3)
    >>> len(p.pairings), [(i.id, i.linkage) for i in p.impossible], p.after.covered
    (5, [('d', 'small')], 3)
    """
    members = member_coverage(dataset, on) if members is None else members
    planner = _Planner(dataset, max_new, on, candidates_per_org, graph)
    orgs = planner.context.orgs
    if max_new < 1:
        for m in members:
            for linkage, lacking in ((Linkage.SMALL, m.no_small), (Linkage.LARGE, m.no_large)):
                if lacking:
                    planner.fail(orgs[m.id], linkage, say("impossible_no_partner",
                                                         linkage=LINKAGE_LABELS[linkage.value], k=max_new))
    else:
        planner.cover([orgs[m.id] for m in members if m.no_small], Linkage.SMALL)
        planner.cover([orgs[m.id] for m in members if m.no_large], Linkage.LARGE)
    new_small: Counter = Counter()
    new_large: Counter = Counter()
    for p in planner.planned:
        target = new_small if p.kind is PairingKind.SMALL else new_large
        target[p.party_a] += 1
        target[p.party_b] += 1
    return Plan(
        pairings=tuple(planner.planned),
        impossible=tuple(sorted(planner.impossible, key=lambda i: (i.linkage, i.id))),
        before=CoverageSummary.of(members),
        after=CoverageSummary.of(members, new_small, new_large),
        max_new=max_new,
    )


def plan_records(result: Plan, since: dt.date) -> list[Pairing]:
    """The planned pairings as records starting on ``since``, ready for ``store.upsert``.

    >>> ds = Dataset(organisations=[Organisation(id="a", name="甲", alliance="x"),
    ...                             Organisation(id="b", name="乙", alliance="x")])
    >>> [(r.party_a, r.party_b, r.kind.value) for r in plan_records(plan(ds), dt.date(2026, 1, 1))]
    [('a', 'b', 'small')]
    """
    records = []
    for p in result.pairings:
        content = say("plan_content", linkage=LINKAGE_LABELS[p.linkage], reasons="；".join(p.reasons[:3]))
        records.append(Pairing.model_validate({
            "party_a": p.party_a, "party_b": p.party_b, "kind": p.kind, "content": content,
            "since": since, "status": PairingStatus.ACTIVE,
        }))
    return records
