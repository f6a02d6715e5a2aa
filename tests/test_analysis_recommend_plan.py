"""Recommendations (scores worked out by hand) and the pairing plan."""

from __future__ import annotations

import pytest
from analysis_fixtures import org, small_street

from analysis.plan import plan, plan_records
from analysis.recommend import recommend
from lianmeng.dataset import Dataset
from lianmeng.records import Alliance


def test_small_recommendations_in_order_with_reasons():
    got = recommend(small_street(), "x3", "small")
    # x4: same industry 2 + no small yet 2 + load 1/(1+0);  x1: similar industry 1 + 1/(1+2);
    # x2: its resource meets x3's need 1 + 1/(1+2) — a tie with x1, broken by id
    assert [(c.id, c.score) for c in got] == [("x4", 5.0), ("x1", pytest.approx(4 / 3)), ("x2", pytest.approx(4 / 3))]
    assert got[0].reasons == ("同属X联盟", "同为“职业教育”行业", "对方也尚无小联动，一次结对补齐两家",
                              "对方现有结对仅 0 对，负担较轻")
    assert "对方的资源“场地”可满足本组织的需求" in got[2].reasons


def test_large_recommendations_in_order():
    got = recommend(small_street(), "y2", "large")
    # z1: Y×Z has no linkage 2 + no large 2 + load 1      = 5
    # x4: no large 2 + load 1                              = 3
    # e1, x3: load 1/2 + in another component 1.5          = 2 (tie: by id)
    # r1: load 1/2 + 4 steps away 1                        = 1.5
    # x1, x2: X×Y already linked; load 1/3                  = 1/3
    assert [(c.id, c.score) for c in got] == [
        ("z1", 5.0), ("x4", 3.0), ("e1", 2.0), ("x3", 2.0), ("r1", 1.5),
        ("x1", pytest.approx(1 / 3)), ("x2", pytest.approx(1 / 3))]
    assert "Y联盟与Z联盟之间尚无大联动" in got[0].reasons
    assert "连接网络中互不相通的两部分" in got[2].reasons
    assert "y1" not in {c.id for c in got}  # same alliance: small, not large


def test_existing_partners_are_not_proposed_and_results_are_deterministic():
    first = recommend(small_street(), "x1", "small")
    # x2 is already its partner. x4: similar industry 1 + no small 2 + load 1 = 4;
    # x3: similar industry 1 + no small 2 + load 1/2 = 3.5
    assert [(c.id, c.score) for c in first] == [("x4", 4.0), ("x3", 3.5)]
    assert first == recommend(small_street(), "x1", "small")


def test_unknown_linkage_is_refused():
    with pytest.raises(ValueError):
        recommend(small_street(), "x1", "medium")


# --- the plan -----------------------------------------------------------------------------


def needy_street() -> Dataset:
    """X has four members, Y two, nobody paired: every member needs both linkages."""
    return Dataset(alliances=[Alliance(id="X", name="X联盟", sector="park"), Alliance(id="Y", name="Y联盟", sector="campus")],
                   organisations=[org(i, a) for i, a in [("x1", "X"), ("x2", "X"), ("x3", "X"), ("x4", "X"),
                                                          ("y1", "Y"), ("y2", "Y")]])


def test_plan_uses_the_fewest_pairings():
    p = plan(needy_street(), max_new=3)
    small = [x for x in p.pairings if x.linkage == "small"]
    large = [x for x in p.pairings if x.linkage == "large"]
    # small: X needs 2 pairings, Y 1. large: each X member needs its own partner in Y: 4
    assert (len(small), len(large)) == (3, 4)
    assert p.after.full and p.before.covered == 0 and not p.impossible
    assert max(p.new_per_organisation.values()) <= 3


def test_plan_reports_what_the_limit_makes_impossible():
    p = plan(needy_street(), max_new=2)
    # y1 and y2 each take one small and one large pairing, then are full: two X members
    # are left without a large partner
    assert [(i.linkage, i.reason.startswith("没有可结对的大联动对象")) for i in p.impossible] == [
        ("large", True), ("large", True)]
    assert p.after.covered == 4 and not p.after.full
    assert max(p.new_per_organisation.values()) <= 2


def test_plan_with_one_new_pairing_each_cannot_give_both_linkages():
    p = plan(needy_street(), max_new=1)
    assert {i.linkage for i in p.impossible} == {"large"}
    assert all("上限" in i.reason for i in p.impossible)
    assert p.after.with_small == 6 and p.after.with_large == 0


def test_single_member_alliance_cannot_have_small_linkage():
    ds = Dataset(alliances=[Alliance(id="X", name="X联盟", sector="park"), Alliance(id="Z", name="Z联盟", sector="campus")],
                 organisations=[org("x1", "X"), org("x2", "X"), org("z1", "Z")])
    p = plan(ds, max_new=3)
    assert [(i.id, i.linkage) for i in p.impossible] == [("z1", "small")]
    assert "“Z联盟”只有 1 家成员组织" in p.impossible[0].reason
    assert p.after.with_large == 3 and p.after.covered == 2


def test_plan_on_the_hand_made_street():
    p = plan(small_street())
    pairs = {(x.party_a, x.party_b, x.kind.value) for x in p.pairings}
    # small: x3, x4 lack it and may pair with each other (their old pairing has ended);
    # z1 is alone in Z. large: x4, y2, z1 lack it: one matched pair plus one more
    assert ("x3", "x4", "small") in pairs
    assert [(i.id, i.linkage) for i in p.impossible] == [("z1", "small")]
    assert len(p.pairings) == 3
    assert p.after.with_large == 7


def test_sample_plan_reaches_full_coverage_with_the_fewest_pairings(sample):
    p = plan(sample)
    assert p.before.covered == 38 and p.after.full and not p.impossible
    # small: lacking in 5 alliances (adm 1, com 2, biz 2, edu 1, prk 1) → 1+1+1+1+1 = 5;
    # large: 7 lacking, in four alliances → a matching of 3 plus one = 4
    assert len(p.pairings) == 9
    assert max(p.new_per_organisation.values()) <= 2


def test_plan_records_are_valid_pairings_for_the_dataset(sample):
    import datetime as dt

    records = plan_records(plan(sample), dt.date(2026, 12, 1))
    after = Dataset(**{**{name: getattr(sample, name) for name in
                          ("committees", "subcommittees", "alliances", "organisations", "meetings",
                           "action_days")},  # a 统一行动日 meeting names its day
                       "pairings": sample.pairings + tuple(records)})
    assert after.problems() == []
    assert all(r.content.startswith("结对计划") for r in records)
