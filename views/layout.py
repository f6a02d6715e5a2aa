"""Positions for the network view: a clustered layout that is fast at city scale.

A force-directed layout is too slow here (NetworkX ``spring_layout`` took 8.8 s at 1,000
nodes), so positions follow the model instead: each alliance gets a disc on a circle, its
members sit on concentric rings around the alliance's own node, units outside the alliances
sit on an outer ring and the street committee in the middle. A cheap relaxation then
assigns the slots: an outside unit goes to the part of the outer ring facing the alliances
it pairs with, and a member whose ties lead out of its alliance goes to the outer rings of
its disc, on the side facing its partners. Everything is vectorised with NumPy; the cost is
O(n log n) and the result is deterministic, so the caller computes it once per data
revision and caches it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from lianmeng.dataset import Dataset
from lianmeng.records import Scope
from views.allocation import without_gc_pauses

__all__ = ["Positions", "clustered_layout", "dataset_layout"]

#: node id → (x, y) in vis-network canvas units
Positions = dict[str, tuple[float, float]]


def _ring_capacity(k: int) -> int:
    """How many nodes fit on the k-th ring (k ≥ 1) at unit spacing."""
    return max(1, int(2 * math.pi * k))


def _disc_radius(count: int) -> int:
    """How many rings a disc needs for ``count`` members."""
    rings, held = 0, 0
    while held < count:
        rings += 1
        held += _ring_capacity(rings)
    return rings


def clustered_layout(
    groups: Mapping[str, Sequence[str]],
    outside: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    hubs: Sequence[str] = (),
    spacing: float = 40.0,
) -> Positions:
    """Positions for ``groups`` (group id → member ids), ``outside`` nodes and ``hubs``.

    Each group id is itself given a position (its disc's centre), so an alliance's own node
    sits among its members. ``edges`` between any of these nodes steer the slot
    assignment; edges naming unknown nodes are ignored.

    >>> pos = clustered_layout({"a": ["x", "y"]}, ["o"], [("x", "o")], hubs=["hub"])
    >>> pos["hub"], sorted(pos) == ["a", "hub", "o", "x", "y"]
    ((0.0, 0.0), True)
    """
    group_ids = list(groups)
    names: list[str] = []
    group_of: list[int] = []
    for g, gid in enumerate(group_ids):
        names.append(gid)
        group_of.append(g)
        for member in groups[gid]:
            names.append(member)
            group_of.append(g)
    first_outside = len(names)
    names.extend(outside)
    group_of.extend([-1] * len(outside))
    first_hub = len(names)
    names.extend(hubs)
    group_of.extend([-2] * len(hubs))
    index = {name: i for i, name in enumerate(names)}
    n = len(names)
    group = np.asarray(group_of, dtype=np.int64)
    pos = np.zeros((n, 2))

    # group centres on a circle big enough that neighbouring discs do not touch
    radii = np.array([(_disc_radius(len(groups[gid])) + 1) * spacing for gid in group_ids])
    if len(group_ids) == 1:
        centres = np.zeros((1, 2))
        circle = 0.0
    elif group_ids:
        circle = max(float(np.sum(2 * radii + spacing)) / (2 * math.pi), float(radii.max()) * 1.5)
        angles = 2 * math.pi * np.arange(len(group_ids)) / len(group_ids)
        centres = circle * np.column_stack([np.cos(angles), np.sin(angles)])
    else:
        centres = np.zeros((0, 2))
        circle = 0.0
    members_mask = group >= 0
    pos[members_mask] = centres[group[members_mask]]

    pairs = [(index[a], index[b]) for a, b in edges if a in index and b in index and a != b]
    u = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    v = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))

    # outside units: on an outer ring, ordered by the direction of the alliances they pair with
    n_out = first_hub - first_outside
    if n_out:
        ring = max(circle + (float(radii.max()) if len(radii) else 0.0) + 3 * spacing,
                   n_out * spacing / (2 * math.pi))
        pull = np.zeros((n, 2))
        for a, b in ((u, v), (v, u)):
            mask = (group[a] == -1) & (group[b] >= 0)
            np.add.at(pull, a[mask], _unit(centres[group[b[mask]]]))
        wanted = np.arctan2(pull[first_outside:first_hub, 1], pull[first_outside:first_hub, 0])
        # units with no tie to an alliance keep their list order, spread round the ring
        idle = np.all(pull[first_outside:first_hub] == 0, axis=1)
        wanted[idle] = 2 * math.pi * np.arange(n_out)[idle] / n_out - math.pi
        order = np.argsort(wanted, kind="stable")
        start = float(wanted[order[0]])
        slots = start + 2 * math.pi * np.arange(n_out) / n_out
        placed = np.empty((n_out, 2))
        placed[order] = ring * np.column_stack([np.cos(slots), np.sin(slots)])
        pos[first_outside:first_hub] = placed

    # members: rings of their disc; ties leaving the alliance pull a member outwards,
    # towards its partners
    pull = np.zeros((n, 2))
    for a, b in ((u, v), (v, u)):
        mask = (group[a] >= 0) & (group[b] != group[a])
        np.add.at(pull, a[mask], _unit(pos[b[mask]] - pos[a[mask]]))
    strength = np.hypot(pull[:, 0], pull[:, 1])
    direction = np.arctan2(pull[:, 1], pull[:, 0])
    cursor = 0
    for g, gid in enumerate(group_ids):
        count = len(groups[gid])
        members = np.arange(cursor + 1, cursor + 1 + count)
        cursor += count + 1
        if not count:
            continue
        members = members[np.argsort(strength[members], kind="stable")]
        k, taken = 1, 0
        while taken < count:
            on_ring = members[taken:taken + _ring_capacity(k)]
            on_ring = on_ring[np.argsort(direction[on_ring], kind="stable")]
            slots = float(direction[on_ring[0]]) + 2 * math.pi * np.arange(len(on_ring)) / _ring_capacity(k)
            pos[on_ring] = centres[g] + k * spacing * np.column_stack([np.cos(slots), np.sin(slots)])
            taken += len(on_ring)
            k += 1

    # hubs: the middle, several hubs on a small ring
    for h in range(first_hub, n):
        if n - first_hub > 1:
            angle = 2 * math.pi * (h - first_hub) / (n - first_hub)
            pos[h] = (spacing * math.cos(angle), spacing * math.sin(angle))
    rounded = np.round(pos, 1)
    return {name: (float(rounded[i, 0]), float(rounded[i, 1])) for i, name in enumerate(names)}


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.hypot(vectors[:, 0], vectors[:, 1])
    norms[norms == 0] = 1.0
    return vectors / norms[:, None]


@without_gc_pauses
def dataset_layout(dataset: Dataset, *, spacing: float = 60.0) -> Positions:
    """Positions for every alliance, organisation and street committee of ``dataset``.

    Uses all pairings, active or ended, so positions depend on the data revision only and
    not on the filters of the moment: a filtered view keeps every node where it was.
    """
    groups: dict[str, list[str]] = {a.id: [] for a in dataset.alliances}
    outside: list[str] = []
    for org in dataset.organisations:
        if org.scope is Scope.MEMBER and org.alliance in groups:
            groups[org.alliance].append(org.id)
        else:
            outside.append(org.id)
    edges = ((p.party_a, p.party_b) for p in dataset.pairings)
    return clustered_layout(groups, outside, edges, hubs=[c.id for c in dataset.committees], spacing=spacing)


def focus_layout(
    alliance_id: str,
    members: Sequence[str],
    partners: Sequence[tuple[str, str]],
    edges: Iterable[tuple[str, str]],
    *,
    hubs: Sequence[str] = (),
    spacing: float = 130.0,
) -> Positions:
    """Positions for one alliance in focus: its node in the middle, its ``members`` on rings
    around it (wide spacing, room for their labels), ``partners`` ((id, group) pairs: the
    alliance or scope each belongs to) on an outer ring, grouped by their group and, within
    it, ordered by the members they pair with; ``hubs`` (the street committee) above.

    Deterministic: the same input gives the same positions.

    >>> pos = focus_layout("a", ["m1", "m2"], [("p", "b")], [("m1", "p")])
    >>> pos["a"], sorted(pos)
    ((0.0, 0.0), ['a', 'm1', 'm2', 'p'])
    """
    pos: dict[str, tuple[float, float]] = {alliance_id: (0.0, 0.0)}
    ordered = sorted(members)
    k, taken = 1, 0
    while taken < len(ordered):
        on_ring = ordered[taken:taken + _ring_capacity(k)]
        for i, member in enumerate(on_ring):
            angle = -math.pi / 2 + 2 * math.pi * i / len(on_ring) + (k % 2) * math.pi / max(len(on_ring), 1)
            pos[member] = (k * spacing * math.cos(angle), k * spacing * math.sin(angle))
        taken += len(on_ring)
        k += 1
    disc = (k - 1) * spacing
    # each partner faces the members it pairs with; groups stay together on the ring
    angle_of = {m: math.atan2(y, x) for m, (x, y) in pos.items() if m != alliance_id}
    pull: dict[str, list[float]] = {}
    for a, b in edges:
        for one, other in ((a, b), (b, a)):
            if other in angle_of:
                pull.setdefault(one, []).append(angle_of[other])

    def facing(pid: str) -> float:
        found = pull.get(pid)
        if not found:
            return math.pi
        return math.atan2(sum(math.sin(t) for t in found), sum(math.cos(t) for t in found)) % (2 * math.pi)

    groups: dict[str, list[str]] = {}
    for pid, group in partners:
        if pid not in pos:
            groups.setdefault(group, []).append(pid)
    if groups:
        count = sum(len(v) for v in groups.values())
        ring = max(disc + 1.6 * spacing, count * spacing * 0.6 / (2 * math.pi))
        # groups in the order of their mean direction, partners within by their own
        order = sorted(groups, key=lambda g: (sum(facing(p) for p in groups[g]) / len(groups[g]), g))
        seq = [p for g in order for p in sorted(groups[g], key=lambda p: (facing(p), p))]
        for i, pid in enumerate(seq):
            angle = -math.pi / 2 + 2 * math.pi * i / len(seq)
            pos[pid] = (ring * math.cos(angle), ring * math.sin(angle))
    for i, hub in enumerate(hubs):
        if hub not in pos:
            pos[hub] = (spacing * (i - (len(hubs) - 1) / 2), -(disc + 1.2 * spacing))
    return {name: (round(x, 1), round(y, 1)) for name, (x, y) in pos.items()}
