"""The sample street reproduces the seed's figures and leaves the intended gaps."""

from __future__ import annotations

from collections import Counter

from lianmeng.dataset import Dataset
from lianmeng.records import PairingKind, Scope
from lianmeng.sample import (
    FIGURES,
    LARGE_ONLY,
    ONLY_ENDED,
    SMALL_ONLY,
    STREET_UNITS,
    UNPAIRED,
    sample_street,
)
from lianmeng.stats import brand_count, street_stats


def test_figures(sample: Dataset):
    assert street_stats(sample) == FIGURES
    assert FIGURES["pairings"] == {"small": 38, "large": 84, "alliance": 25, "street": 32}
    assert FIGURES["organisations"]["member"] == 48 and FIGURES["alliances"] == 5
    assert brand_count(sample) >= 50


def test_all_three_large_kinds_present(sample: Dataset):
    kinds = Counter(p.kind for p in sample.pairings if p.is_active)
    assert kinds[PairingKind.CROSS_ALLIANCE] == 50
    assert kinds[PairingKind.REGIONAL] == 22
    assert kinds[PairingKind.EXTERNAL] == 12


def test_deterministic():
    assert sample_street() == sample_street()


def test_named_units_from_the_seed(sample: Dataset):
    names = {o.name for o in sample.organisations}
    for unit in ("街道机关党总支", "XX市场监督管理所党支部", "XX经济城党支部", "上海市轻纺市场党支部",
                 "3131电子商务园党支部", "东方汽配城党支部", "新郁社区党总支", "铜川社区党总支",
                 "景域集团党委", "XX幼儿园党支部", "XX城管中队党支部", *STREET_UNITS):
        assert unit in names
    street_partners = {sample.name_of(p.party_b) for p in sample.pairings if p.kind is PairingKind.STREET}
    assert set(STREET_UNITS) <= street_partners


def _active_kinds(sample: Dataset) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {o.name: set() for o in sample.organisations if o.scope is Scope.MEMBER}
    for p in sample.pairings:
        if p.is_active and p.linkage is not None:
            for end in (p.party_a, p.party_b):
                name = sample.name_of(end)
                if name in kinds:
                    kinds[name].add(p.linkage.value)
    return kinds


def test_gaps_left_on_purpose(sample: Dataset):
    kinds = _active_kinds(sample)
    assert {n for n, k in kinds.items() if not k} == set(UNPAIRED) | set(ONLY_ENDED)
    assert {n for n, k in kinds.items() if k == {"small"}} == set(SMALL_ONLY)
    assert {n for n, k in kinds.items() if k == {"large"}} == set(LARGE_ONLY)


def test_four_rotating_joint_meetings_per_alliance(sample: Dataset):
    for alliance in sample.alliances:
        joint = [m for m in sample.meetings if m.alliance == alliance.id]
        assert sorted(m.quarter for m in joint) == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
        assert len({m.chair for m in joint}) == 4
    assert sum(1 for m in sample.meetings if m.kind.value == "action_day") == 2
    assert sum(1 for m in sample.meetings if m.kind.value == "summit") == 1


def test_overview_cards_count_pairings_touching_each_alliance(store, sample: Dataset):
    from lianmeng.ops.street import overview

    store.replace_all(sample)
    cards = {c["id"]: c for c in overview(store)["alliances"]}
    # small pairings stay inside one alliance: they add up to the street's 38
    assert sum(c["small"] for c in cards.values()) == 38
    assert [cards[a]["members"] for a in ("administrative", "community", "commercial", "campus", "park")] == [10, 12, 10, 8, 8]
    # a cross-alliance pairing counts for both alliances, the 34 others once
    assert sum(c["large"] for c in cards.values()) == 2 * 50 + 22 + 12
