"""A district of streets in one store: which streets there are, and one street's records.

Committees nest 区委 → 街道党工委 → 二级党委 → 联盟; a *street* is a committee no other
committee reports to (see :meth:`lianmeng.dataset.Dataset.street_of`). With one street
(every store before issue 13) nothing changes: :func:`scoped` of it is the whole dataset.
"""

from __future__ import annotations

from lianmeng.dataset import Dataset
from lianmeng.records import Committee

__all__ = ["streets", "scoped", "is_district", "place_name"]


def streets(dataset: Dataset) -> list[Committee]:
    """The streets' committees, by name."""
    district = dataset.committee_children()
    return sorted((c for c in dataset.committees if c.id not in district), key=lambda c: (c.name, c.id))


def is_district(dataset: Dataset) -> bool:
    return len(streets(dataset)) > 1


def place_name(dataset: Dataset) -> str:
    """The name documents and confirmations give the data: the street's when there is one
    street (a street of a district, scoped, too), else the district committee's (the one
    no committee is above), else ``""``.

    >>> from lianmeng.sample import sample_street
    >>> place_name(sample_street()) == sample_street().committees[0].name
    True
    """
    found = streets(dataset)
    if len(found) == 1:
        return found[0].name
    top = sorted((c for c in dataset.committees if not c.parent), key=lambda c: (c.name, c.id))
    return top[0].name if top else ""


def scoped(dataset: Dataset, street: str | None) -> Dataset:
    """The records of one street (``None``: the whole district).

    Kept: the street's committee, its sub-committees, the alliances they lead, their
    members; the outside units and the pairings with an end in the street (a cross-street
    pairing shows on both streets, with the other street's member); the street's meetings,
    rotations and targets.
    """
    if street is None or not is_district(dataset):
        return dataset
    inside = {p for p in (*dataset.committees, *dataset.subcommittees, *dataset.alliances, *dataset.organisations)
              if dataset.street_of(p.id) == street}
    ids = {p.id for p in inside}
    pairings = [p for p in dataset.pairings if p.party_a in ids or p.party_b in ids]
    ends = ids | {p.party_a for p in pairings} | {p.party_b for p in pairings}
    alliances = {a.id for a in dataset.alliances if a.id in ids}
    return Dataset(
        committees=tuple(c for c in dataset.committees if c.id in ends),
        subcommittees=tuple(s for s in dataset.subcommittees if s.id in ends),
        alliances=tuple(a for a in dataset.alliances if a.id in ends),
        organisations=tuple(o for o in dataset.organisations if o.id in ends),
        pairings=tuple(pairings),
        meetings=tuple(m for m in dataset.meetings if m.alliance in alliances or (
            m.alliance is None and any(a in ids for a in m.attendees))),
        rotations=tuple(r for r in dataset.rotations if r.alliance in alliances),
        rotation_exclusions=tuple(x for x in dataset.rotation_exclusions if x.alliance in alliances),
        targets=tuple(t for t in dataset.targets if t.street == street),
    )
