"""Operations shared by the command line and the pages: one call, one result.

Pages and the CLI never talk to a backend directly; they call these functions with a
:class:`~graphdb.store.GraphStore` and render what comes back.

>>> import tempfile, pathlib
>>> from graphdb.sqlite_store import SqliteStore
>>> with tempfile.TemporaryDirectory() as folder:
...     with SqliteStore(pathlib.Path(folder) / "s.sqlite3") as store:
...         first, again = ensure_sample(store), ensure_sample(store)
...         figures = stats(store)
>>> first, again, figures["alliances"], figures["organisations"]["member"]
(True, False, 5, 48)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from analysis.coverage import member_coverage
from graphdb.store import GraphStore
from lianmeng.dataset import Dataset
from lianmeng.records import PairingKind, Scope
from lianmeng.sample import sample_street
from lianmeng.stats import brand_count, street_stats
from lianmeng.streets import scoped, streets
from lianmeng.targets import has_targets, member_targets, street_targets
from lianmeng.texts import say

__all__ = ["load_demo", "ensure_sample", "stats", "overview", "district", "street_choices"]


def load_demo(store: GraphStore, *, reset: bool = False) -> bool:
    """Load the sample street; without ``reset`` only into an empty store.

    Returns whether it was loaded. With ``reset`` the old content is replaced in the
    same transaction that writes the sample, so a failure leaves the old data.
    """
    if not reset and not store.is_empty():
        return False
    store.replace_all(sample_street())
    return True


def ensure_sample(store: GraphStore) -> bool:
    """On first start (an empty store) load the sample street; returns whether it did."""
    return load_demo(store, reset=False)


def stats(store: GraphStore) -> dict[str, Any]:
    """The figures of ``lianmeng stats --json`` (active pairings only), then under
    ``outcomes`` the last full year's outcomes of the ledger (issue 16; ``null`` without one)."""
    from analysis.outcomes import street_summary

    dataset = store.snapshot()
    return {**street_stats(dataset), "outcomes": street_summary(dataset)}


def overview(store: GraphStore, *, street: str | None = None) -> dict[str, Any]:
    """What the overview page shows: the figures, brands, and one card per alliance — of
    one street of a district (``street``), else of everything; with several streets, the
    district's streets side by side."""
    whole = store.snapshot()
    dataset = scoped(whole, street)
    figures = street_stats(dataset)
    if street is not None and dataset is not whole:  # a cross-street partner is not this street's member
        figures["organisations"]["member"] = sum(
            1 for o in dataset.organisations if o.scope is Scope.MEMBER and whole.street_of(o.id) == street)
        figures["alliances"] = sum(1 for a in dataset.alliances if whole.street_of(a.id) == street)
    alliance_of = {org.id: org.alliance for org in dataset.organisations if org.alliance}
    touching: dict[str, Counter[str]] = {a.id: Counter() for a in dataset.alliances}
    for pairing in dataset.pairings:
        if not pairing.is_active or pairing.linkage is None:
            continue
        # a cross-alliance pairing counts for both of its alliances
        for alliance_id in {alliance_of.get(pairing.party_a), alliance_of.get(pairing.party_b)} & set(touching):
            touching[alliance_id][pairing.linkage.value] += 1
    own = [a for a in dataset.alliances if street is None or whole.street_of(a.id) == street]
    cards = [
        {
            "id": alliance.id,
            "name": alliance.name,
            "sector": alliance.sector,
            "led_by": dataset.name_of(alliance.led_by),
            "members": len(dataset.members_of(alliance.id)),
            "small": touching[alliance.id]["small"],
            "large": touching[alliance.id]["large"],
            "unified_action": alliance.unified_action,
            "project": alliance.project,
        }
        for alliance in own
    ]
    targets = street_targets(dataset)
    return {"figures": figures, "brands": brand_count(dataset), "alliances": cards,
            "revision": store.revision(), "empty": dataset.is_empty(),
            # the street's own targets (None = not set: no verdict) and their versions for the form
            "targets": targets, "member_targets": member_targets(dataset), "has_targets": has_targets(dataset),
            "target_versions": {t.id: store.record_version("targets", t.id) for t in dataset.targets},
            "street": street, "district": district(whole) if street is None and street_choices(whole) else None}


def street_choices(dataset: Dataset) -> list[tuple[str | None, str]]:
    """The sidebar's choices: ``[(None, "全区"), (street id, name), …]``, or ``[]`` for one street."""
    found = streets(dataset)
    if len(found) < 2:
        return []
    return [(None, say("street_all")), *((c.id, c.name) for c in found)]


def district(dataset: Dataset) -> dict[str, Any]:
    """The streets side by side: members, coverage, pairings per street, and the
    cross-street pairings (active) of the whole district."""
    rows = []
    for street in streets(dataset):
        mine = scoped(dataset, street.id)
        members = [m for m in member_coverage(mine) if dataset.street_of(m.id) == street.id]
        figures = street_stats(mine)  # pairings with an end in the street
        cross = sum(1 for p in mine.pairings if p.is_active and p.kind is PairingKind.CROSS_STREET)
        rows.append({"id": street.id, "name": street.name, "alliances": sum(
            1 for a in mine.alliances if dataset.street_of(a.id) == street.id), "members": len(members),
            "covered": sum(1 for m in members if m.covered), "small": figures["pairings"]["small"],
            "large": figures["pairings"]["large"], "cross_street": cross})
    cross_total = sum(1 for p in dataset.pairings if p.is_active and p.kind is PairingKind.CROSS_STREET)
    return {"streets": rows, "cross_street": cross_total}
