"""A small street checkable by hand, shared by the analysis tests.

Alliances X (x1..x4), Y (y1, y2), Z (z1 alone); r1 regional, e1 external.

    x1 —small— x2          x1 —cross— y1 (ends 2026-01-20)     y1 —small— y2
    x2 —regional— r1       x3 —external— e1
    x3 —small— x4 ended 2024-06-30 (since 2023-01-01)
    alliance level: X — Y

Other pairings start 2025-01-01.
"""

from __future__ import annotations

import datetime as dt

from lianmeng.dataset import Dataset
from lianmeng.records import Alliance, Organisation, Pairing

D2025 = dt.date(2025, 1, 1)


def org(id_: str, alliance: str | None = None, scope: str = "member", industry: str = "",
        resources: tuple[str, ...] = (), needs: tuple[str, ...] = ()) -> Organisation:
    return Organisation(id=id_, name=f"组织{id_}", alliance=alliance, scope=scope, industry=industry,
                        resources=resources, needs=needs)


def pair(a: str, b: str, kind: str, since: dt.date = D2025, until: dt.date | None = None,
         status: str = "active") -> Pairing:
    return Pairing(id=f"{a}-{b}", party_a=a, party_b=b, kind=kind, since=since, until=until, status=status)


def small_street() -> Dataset:
    return Dataset(
        alliances=[Alliance(id="X", name="X联盟", sector="park"), Alliance(id="Y", name="Y联盟", sector="campus"),
                   Alliance(id="Z", name="Z联盟", sector="community")],
        organisations=[
            org("x1", "X", industry="学前教育"), org("x2", "X", industry="物流", resources=("场地",)),
            org("x3", "X", industry="职业教育", needs=("场地",)), org("x4", "X", industry="职业教育"),
            org("y1", "Y"), org("y2", "Y"), org("z1", "Z"),
            org("r1", scope="regional"), org("e1", scope="external"),
        ],
        pairings=[
            pair("x1", "x2", "small"),
            pair("x1", "y1", "cross_alliance", until=dt.date(2026, 1, 20)),
            pair("x2", "r1", "regional"),
            pair("x3", "e1", "external"),
            pair("y1", "y2", "small"),
            pair("x3", "x4", "small", since=dt.date(2023, 1, 1), until=dt.date(2024, 6, 30), status="ended"),
            pair("X", "Y", "alliance"),
        ],
    ).validated()
