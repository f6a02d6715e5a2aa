"""Recommended partners for an organisation: ranked, scored, with reasons in Chinese.

Small linkage (小联动): members of the same alliance. Large linkage (大联动): members of
other alliances and units outside the alliances. The score adds up, each part with its
reason:

==========================================  ==========  ==========
part                                        small       large
==========================================  ==========  ==========
same industry / similar industry            2 / 1       —
its needs met by the other's resources      1 each      1 each
the other's needs met by its resources      0.5 each    0.5 each
the two alliances have no large linkage     —           2
the other has no linkage of this kind yet   2           2
fewer existing pairings (spread the load)   1/(1+n)     1/(1+n)
the other is in an unconnected part         —           1.5
the other is 4 or more steps away           —           1
one weak, the other strong (先锋指数)         1           1
==========================================  ==========  ==========

"Weak" and "strong" are the latest 先锋指数 round (:func:`analysis.pioneer.aggregate`): a unit
below the round's alert threshold and one at or above it (以强带弱, as in the needs matching
of :mod:`analysis.needs`); either may be the one asking. Units without responses are neither.

Resource and need matches count at most three each way. Scores are rounded to 1e-6
and ties broken by id, so the same data always gives the same list.

Reviving before creating (issue 16): given the dormant pairings (休眠, see
:func:`analysis.coverage.dormant_pairings`), a partner the organisation already has a
dormant pairing of the wanted linkage with is proposed *first*, marked ``revive`` with
that pairing's id and the reason "重新激活休眠结对": it fills the same gap without a new
agreement. Revivals are scored like new partners and sorted among themselves by score.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from analysis.graphs import in_force, pairing_network
from analysis.pioneer import aggregate
from lianmeng.allocation import without_gc_pauses
from lianmeng.dataset import Dataset
from lianmeng.records import Linkage, Organisation, PairingKind, PairingLevel, Scope
from lianmeng.texts import SCOPE_LABELS, say

__all__ = ["Candidate", "PairingContext", "recommend", "pair_kind", "similar_industry"]

_MAX_MATCHES = 3
_LIGHT_LOAD = 2
_NEAR = 3  # partners within this many steps are "near"; beyond is "distant"


@dataclass(frozen=True)
class Candidate:
    """A proposed partner: who, how good, and why."""

    id: str
    name: str
    alliance: str | None
    scope: str
    score: float
    reasons: tuple[str, ...]
    revive: str | None = None  # the dormant pairing to revive instead of pairing anew (issue 16)


def similar_industry(a: str, b: str) -> int:
    """2 for the same industry, 1 when the names share two characters in a row, else 0.

    >>> similar_industry("小学", "小学"), similar_industry("学前教育", "职业教育"), similar_industry("金融", "物流")
    (2, 1, 0)
    """
    if not a or not b:
        return 0
    if a == b:
        return 2
    grams = {a[i:i + 2] for i in range(len(a) - 1)}
    return 1 if any(b[i:i + 2] in grams for i in range(len(b) - 1)) else 0


def pair_kind(a: Organisation, b: Organisation) -> PairingKind | None:
    """The kind a pairing of two organisations would have, or None if not allowed.

    >>> pair_kind(Organisation(id="a", name="甲", alliance="x"), Organisation(id="b", name="乙", scope="regional"))
    <PairingKind.REGIONAL: 'regional'>
    """
    if a.scope is not Scope.MEMBER:
        a, b = b, a
    if a.scope is not Scope.MEMBER:
        return None
    if b.scope is Scope.MEMBER:
        return PairingKind.SMALL if a.alliance == b.alliance else PairingKind.CROSS_ALLIANCE
    return PairingKind.REGIONAL if b.scope is Scope.REGIONAL else PairingKind.EXTERNAL


@dataclass
class PairingContext:
    """What scoring needs, computed once per dataset: shared by :func:`recommend` and the plan."""

    dataset: Dataset
    on: dt.date | None = None
    graph: nx.Graph | None = None
    #: dormant pairing id → its last activity (``None``: never); issue 16
    dormant: dict[str, dt.date | None] = field(default_factory=dict)
    orgs: dict[str, Organisation] = field(init=False)
    small: Counter = field(init=False)
    large: Counter = field(init=False)
    linked_alliances: set = field(init=False)
    component: dict[str, int] = field(init=False)
    _near: dict[str, set[str]] = field(init=False, default_factory=dict)

    @without_gc_pauses
    def __post_init__(self) -> None:
        if self.graph is None:
            self.graph = pairing_network(self.dataset, self.on)
        self.orgs = {o.id: o for o in self.dataset.organisations}
        self.small, self.large = Counter(), Counter()
        self.linked_alliances = set()
        for p in self.dataset.pairings:
            if p.level is not PairingLevel.ORGANISATION or not in_force(p, self.on):
                continue
            counter = self.small if p.linkage is Linkage.SMALL else self.large
            counter[p.party_a] += 1
            counter[p.party_b] += 1
            if p.kind is PairingKind.CROSS_ALLIANCE:
                a, b = self.orgs.get(p.party_a), self.orgs.get(p.party_b)
                if a and b:
                    self.linked_alliances.add(frozenset((a.alliance, b.alliance)))
        self.component = {n: i for i, c in enumerate(nx.connected_components(self.graph)) for n in c}
        self.alliance_names = {a.id: a.name for a in self.dataset.alliances}
        self.members = [o for o in self.dataset.organisations if o.scope is Scope.MEMBER]
        #: organisation → (its latest 先锋指数, below the round's threshold)
        self.pioneer = {r.organisation: (r.mean, r.alert) for r in aggregate(self.dataset)}
        self.by_alliance: dict[str, list[Organisation]] = {}
        for o in self.members:
            self.by_alliance.setdefault(o.alliance or "", []).append(o)

    def paired(self, a: str, b: str) -> bool:
        return self.graph.has_edge(a, b)

    def degree(self, node: str) -> int:
        return self.graph.degree(node) if node in self.graph else 0

    def near(self, node: str) -> set[str]:
        if node not in self._near:
            self._near[node] = set(nx.single_source_shortest_path_length(self.graph, node, cutoff=_NEAR))
        return self._near[node]

    def candidates(self, org: Organisation, linkage: Linkage,
                   pool: list[Organisation] | None = None) -> list[Organisation]:
        """Every organisation ``org`` may newly pair with for ``linkage`` (from ``pool`` if given)."""
        if pool is None:
            if linkage is Linkage.SMALL:
                pool = self.by_alliance.get(org.alliance or "", []) if org.scope is Scope.MEMBER else []
            elif org.scope is Scope.MEMBER:
                pool = self.dataset.organisations  # type: ignore[assignment]
            else:
                pool = self.members
        found = []
        for other in pool:
            if other.id == org.id or self.paired(org.id, other.id):
                continue
            kind = pair_kind(org, other)
            if kind is None or (kind is PairingKind.SMALL) != (linkage is Linkage.SMALL):
                continue
            found.append(other)
        return found

    def score(self, org: Organisation, other: Organisation, linkage: Linkage) -> tuple[float, tuple[str, ...]]:
        """The score of pairing ``org`` with ``other`` for ``linkage``, and its reasons."""
        score, reasons = 0.0, []
        if linkage is Linkage.SMALL:
            reasons.append(say("reason_same_alliance", alliance=self.alliance_names.get(org.alliance or "", org.alliance)))
            similar = similar_industry(org.industry, other.industry)
            if similar == 2:
                score += 2
                reasons.append(say("reason_same_industry", industry=org.industry))
            elif similar == 1:
                score += 1
                reasons.append(say("reason_similar_industry", mine=org.industry, theirs=other.industry))
        met = [n for n in org.needs if n in other.resources][:_MAX_MATCHES]
        given = [n for n in other.needs if n in org.resources][:_MAX_MATCHES]
        if met:
            score += len(met)
            reasons.append(say("reason_needs_met", items="、".join(met)))
        if given:
            score += 0.5 * len(given)
            reasons.append(say("reason_needs_given", items="、".join(given)))
        if linkage is Linkage.LARGE:
            if other.scope is Scope.MEMBER and org.scope is Scope.MEMBER:
                if frozenset((org.alliance, other.alliance)) not in self.linked_alliances:
                    score += 2
                    reasons.append(say("reason_new_alliance_pair",
                                       a=self.alliance_names.get(org.alliance or "", org.alliance),
                                       b=self.alliance_names.get(other.alliance or "", other.alliance)))
            elif other.scope is not Scope.MEMBER:
                reasons.append(say("reason_outside_unit", scope=SCOPE_LABELS[other.scope.value]))
        counts = self.small if linkage is Linkage.SMALL else self.large
        if other.scope is Scope.MEMBER and counts[other.id] == 0:
            score += 2
            key = "reason_partner_needs_small" if linkage is Linkage.SMALL else "reason_partner_needs_large"
            reasons.append(say(key))
        load = self.degree(other.id)
        score += 1 / (1 + load)
        if load <= _LIGHT_LOAD:  # only worth saying when the load really is light
            reasons.append(say("reason_load", n=load))
        if linkage is Linkage.LARGE and self.degree(org.id) and self.degree(other.id):
            if self.component.get(org.id) != self.component.get(other.id):
                score += 1.5
                reasons.append(say("reason_disconnected"))
            elif other.id not in self.near(org.id):
                score += 1
                reasons.append(say("reason_distant", d=_NEAR + 1))
        mine, theirs = self.pioneer.get(org.id), self.pioneer.get(other.id)
        if mine and theirs and mine[1] != theirs[1]:
            (weak, w), (strong, s) = ((org, mine), (other, theirs)) if mine[1] else ((other, theirs), (org, mine))
            score += 1
            reasons.append(say("reason_weak_strong", weak=weak.name, weak_index=f"{w[0]:.1f}",
                               strong=strong.name, strong_index=f"{s[0]:.1f}"))
        return round(score, 6), tuple(reasons)

    def ranked(self, org: Organisation, linkage: Linkage, top: int | None = None,
               pool: list[Organisation] | None = None) -> list[Candidate]:
        """Candidates for ``org`` best first (ties by id), the first ``top`` if given."""
        scored = []
        for other in self.candidates(org, linkage, pool):
            score, reasons = self.score(org, other, linkage)
            scored.append(Candidate(other.id, other.name, other.alliance, other.scope.value, score, reasons))
        scored.sort(key=lambda c: (-c.score, c.id))
        if pool is None and self.dormant:
            scored = self.revivals(org, linkage) + scored
        return scored if top is None else scored[:top]

    def revivals(self, org: Organisation, linkage: Linkage) -> list[Candidate]:
        """``org``'s dormant pairings of ``linkage`` as candidates to revive, best first."""
        found = []
        for p in self.dataset.pairings:
            if p.id not in self.dormant or org.id not in (p.party_a, p.party_b) or p.linkage is not linkage:
                continue
            other = self.orgs.get(p.party_b if p.party_a == org.id else p.party_a)
            if other is None:
                continue
            score, reasons = self.score(org, other, linkage)
            last = self.dormant[p.id]
            why = say("reason_revive", last=last.isoformat() if last else say("ledger_never"))
            found.append(Candidate(other.id, other.name, other.alliance, other.scope.value, score,
                                   (why, *reasons), revive=p.id))
        return sorted(found, key=lambda c: (-c.score, c.id))


def recommend(dataset: Dataset, org_id: str, linkage: Linkage | str, *, top: int = 10,
              on: dt.date | None = None, context: PairingContext | None = None,
              dormant: dict[str, dt.date | None] | None = None) -> list[Candidate]:
    """Ranked partners for ``org_id`` and ``linkage`` (``"small"`` or ``"large"``).

    Raises ``KeyError`` for an unknown organisation and ``ValueError`` for an unknown
    linkage. Organisations already paired with it (in force) are not proposed.

    Examples
    --------
    >>> ds = Dataset(organisations=[
    ...     Organisation(id="a", name="甲", alliance="x", industry="小学"),
    ...     Organisation(id="b", name="乙", alliance="x", industry="小学"),
    ...     Organisation(id="c", name="丙", alliance="x", industry="物流")])
    >>> [(c.id, c.score) for c in recommend(ds, "a", "small")]
    [('b', 5.0), ('c', 3.0)]
    """
    linkage = Linkage(linkage)
    context = context or PairingContext(dataset, on, dormant=dict(dormant or {}))
    org = context.orgs[org_id]
    return context.ranked(org, linkage, top)
