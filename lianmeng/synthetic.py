"""Deterministic synthetic networks at district and city scale, for benchmarks and tests.

``synthetic_network(1_000, 5_000)`` is the district, ``synthetic_network(20_000,
100_000)`` the city. The same arguments give the same records every time. The shape
follows the sample street: about 150 members per alliance (sectors cycle through the
five defaults), 15 % of organisations outside the alliances (regional or external),
and pairings split roughly 30 % small, 60 % large (all three kinds), 10 % alliance- and
street-level.

>>> network = synthetic_network(50, 100)
>>> len(network.organisations), len(network.pairings), synthetic_network(50, 100) == network
(50, 100, True)
"""

from __future__ import annotations

import datetime as dt
import random

from lianmeng.dataset import Dataset
from lianmeng.records import (
    DEFAULT_SECTORS,
    Alliance,
    Committee,
    Organisation,
    OrgType,
    Pairing,
    PairingKind,
    Scope,
    SubCommittee,
)

__all__ = ["SIZES", "synthetic_network"]

#: name → (organisations, pairings)
SIZES: dict[str, tuple[int, int]] = {"district": (1_000, 5_000), "city": (20_000, 100_000),
                                     "province": (200_000, 1_000_000)}

_RESOURCES = ("活动场地", "志愿者队伍", "法律咨询", "培训讲师", "就业岗位", "医疗服务", "教育资源",
              "宣传平台", "技术支持", "政策指导", "文化活动", "资金支持")
_INDUSTRIES = ("机关", "居民区", "专业市场", "零售", "金融", "学前教育", "小学", "科技", "物流", "文化创意")


def synthetic_network(organisations: int, pairings: int, *, seed: int = 0,
                      members_per_alliance: int = 150) -> Dataset:
    """A valid dataset with ``organisations`` organisations and about ``pairings`` pairings."""
    rng = random.Random(seed)
    n_outside = max(2, organisations * 15 // 100)
    n_members = organisations - n_outside
    n_alliances = max(2, round(n_members / members_per_alliance))
    committee = Committee(id="street", name="合成街道党工委")
    subs = [SubCommittee(id=f"sc-{i}", name=f"二级党委{i}", parent="street") for i in range(max(1, n_alliances // 5))]
    alliances = [
        Alliance(id=f"a-{i:03d}", name=f"{i:03d}号党建联盟", sector=DEFAULT_SECTORS[i % 5],
                 led_by=subs[i % len(subs)].id, unified_action=f"统一行动{i}", project=f"共治项目{i}")
        for i in range(n_alliances)
    ]
    orgs: list[Organisation] = []
    for i in range(organisations):
        member = i < n_members
        scope = Scope.MEMBER if member else (Scope.REGIONAL if i % 2 else Scope.EXTERNAL)
        orgs.append(Organisation(
            id=f"o-{i:06d}", name=f"组织{i:06d}党支部", scope=scope,
            alliance=alliances[i % n_alliances].id if member else None,
            type=OrgType.BRANCH, industry=_INDUSTRIES[rng.randrange(len(_INDUSTRIES))],
            member_count=rng.randrange(5, 80), brands=(f"品牌{i}",),
            resources=tuple(rng.sample(_RESOURCES, 2)), needs=tuple(rng.sample(_RESOURCES, 1)),
            pioneer_index=round(rng.uniform(60, 100), 1),
        ))
    members_by_alliance: dict[str, list[Organisation]] = {}
    for org in orgs[:n_members]:
        members_by_alliance.setdefault(org.alliance or "", []).append(org)
    outside = orgs[n_members:]
    members = orgs[:n_members]

    seen: set[tuple[str, str]] = set()
    out: list[Pairing] = []

    def add(a: str, b: str, kind: PairingKind) -> None:
        key = (a, b) if a < b else (b, a)
        if a == b or key in seen:
            return
        seen.add(key)
        since = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2_000))
        out.append(Pairing(id=f"p-{len(out):07d}", party_a=a, party_b=b, kind=kind, since=since,
                           content="共建"))

    target_small, target_large = pairings * 30 // 100, pairings * 60 // 100
    groups = list(members_by_alliance.values())
    while len(out) < target_small:
        group = groups[rng.randrange(len(groups))]
        add(group[rng.randrange(len(group))].id, group[rng.randrange(len(group))].id, PairingKind.SMALL)
    while len(out) < target_small + target_large:
        a = members[rng.randrange(len(members))]
        roll = rng.random()
        if roll < 0.7:
            b = members[rng.randrange(len(members))]
            if b.alliance != a.alliance:
                add(a.id, b.id, PairingKind.CROSS_ALLIANCE)
        else:
            b = outside[rng.randrange(len(outside))]
            add(a.id, b.id, PairingKind.REGIONAL if b.scope is Scope.REGIONAL else PairingKind.EXTERNAL)
    attempts = 0
    while len(out) < pairings and attempts < pairings * 10:
        attempts += 1
        alliance = alliances[rng.randrange(len(alliances))]
        if rng.random() < 0.5:
            add("street", outside[rng.randrange(len(outside))].id, PairingKind.STREET)
        elif rng.random() < 0.5:
            add(alliance.id, alliances[rng.randrange(len(alliances))].id, PairingKind.ALLIANCE)
        else:
            add(alliance.id, outside[rng.randrange(len(outside))].id, PairingKind.ALLIANCE)
    return Dataset(committees=[committee], subcommittees=subs, alliances=alliances, organisations=orgs,
                   pairings=out)
