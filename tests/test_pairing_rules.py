"""Every pairing rule, with known answers."""

from __future__ import annotations

import datetime as dt

import pytest

from lianmeng.dataset import Dataset
from lianmeng.errors import RecordError
from lianmeng.pairing_rules import End, PairingRuleError, classify
from lianmeng.records import (
    Alliance,
    Committee,
    Organisation,
    Pairing,
    PairingKind,
    PairingLevel,
    PairingStatus,
    Scope,
    SubCommittee,
    build,
)

COMMITTEE = End("committee", "s", "XX街道党工委")
SUB = End("subcommittee", "sc", "社区党委")
ALLIANCE_1 = End("alliance", "a1", "社区党建联盟")
ALLIANCE_2 = End("alliance", "a2", "商区党建联盟")
MEMBER_1A = End("organisation", "m1", "铜川社区党总支", Scope.MEMBER, "a1")
MEMBER_1B = End("organisation", "m2", "新郁社区党总支", Scope.MEMBER, "a1")
MEMBER_2 = End("organisation", "m3", "上海市轻纺市场党支部", Scope.MEMBER, "a2")
REGIONAL = End("organisation", "r", "XX医院党委", Scope.REGIONAL)
EXTERNAL = End("organisation", "e", "区检察院", Scope.EXTERNAL)


@pytest.mark.parametrize(
    ("a", "b", "kind", "level", "linkage"),
    [
        (COMMITTEE, REGIONAL, PairingKind.STREET, PairingLevel.STREET, None),
        (COMMITTEE, EXTERNAL, PairingKind.STREET, PairingLevel.STREET, None),
        (ALLIANCE_1, ALLIANCE_2, PairingKind.ALLIANCE, PairingLevel.ALLIANCE, None),
        (ALLIANCE_1, REGIONAL, PairingKind.ALLIANCE, PairingLevel.ALLIANCE, None),
        (ALLIANCE_2, EXTERNAL, PairingKind.ALLIANCE, PairingLevel.ALLIANCE, None),
        (MEMBER_1A, MEMBER_1B, PairingKind.SMALL, PairingLevel.ORGANISATION, "small"),
        (MEMBER_1A, MEMBER_2, PairingKind.CROSS_ALLIANCE, PairingLevel.ORGANISATION, "large"),
        (MEMBER_2, REGIONAL, PairingKind.REGIONAL, PairingLevel.ORGANISATION, "large"),
        (MEMBER_1B, EXTERNAL, PairingKind.EXTERNAL, PairingLevel.ORGANISATION, "large"),
    ],
)
def test_kind_follows_from_the_ends_in_either_order(a, b, kind, level, linkage):
    assert classify(a, b) is kind
    assert classify(b, a) is kind
    assert kind.level is level
    assert (kind.linkage.value if kind.linkage else None) == linkage


@pytest.mark.parametrize(
    ("a", "b", "hint"),
    [
        (COMMITTEE, MEMBER_1A, "街道党工委只与"),
        (COMMITTEE, ALLIANCE_1, "街道党工委只与"),
        (ALLIANCE_1, MEMBER_1A, "联盟只与"),
        (REGIONAL, EXTERNAL, "至少一方须是联盟成员"),
        (REGIONAL, REGIONAL.__class__("organisation", "r2", "另一家", Scope.REGIONAL), "至少一方须是联盟成员"),
        (SUB, MEMBER_1A, "二级党委不作为结对方"),
    ],
)
def test_pairs_outside_the_model_are_refused_with_the_rule(a, b, hint):
    with pytest.raises(PairingRuleError) as caught:
        classify(a, b)
    assert hint in str(caught.value)
    assert a.name in str(caught.value) and b.name in str(caught.value)


def test_self_pair_is_refused_by_rules_and_record():
    with pytest.raises(PairingRuleError, match="不能与自己结对"):
        classify(MEMBER_1A, MEMBER_1A)
    with pytest.raises(RecordError) as caught:
        build(Pairing, {"party_a": "m1", "party_b": "m1", "kind": "small", "since": "2024-03-01"})
    assert caught.value.problems[0].code == "rule"
    assert "“m1”" in str(caught.value)


def _network(*pairings: Pairing) -> Dataset:
    return Dataset(
        committees=[Committee(id="s", name="XX街道党工委")],
        subcommittees=[SubCommittee(id="sc", name="社区党委", parent="s")],
        alliances=[Alliance(id="a1", name="社区党建联盟", sector="community", led_by="sc"),
                   Alliance(id="a2", name="商区党建联盟", sector="commercial", led_by="sc")],
        organisations=[
            Organisation(id="m1", name="铜川社区党总支", alliance="a1"),
            Organisation(id="m2", name="新郁社区党总支", alliance="a1"),
            Organisation(id="m3", name="上海市轻纺市场党支部", alliance="a2"),
            Organisation(id="e", name="区检察院", scope=Scope.EXTERNAL),
        ],
        pairings=pairings,
    )


def _pair(a: str, b: str, kind: str, since: str = "2024-03-01", **extra) -> Pairing:
    return Pairing.model_validate({"party_a": a, "party_b": b, "kind": kind, "since": since, **extra})


def test_a_declared_kind_that_contradicts_the_ends_is_an_error():
    problems = _network(_pair("m1", "m3", "small")).problems()
    assert [(p.code, p.index, p.field, p.value) for p in problems] == [("kind_contradicts", 0, "kind", "small")]
    assert "小联动" in problems[0].message and "跨联盟" in problems[0].message


def test_a_reversed_duplicate_is_the_same_pairing():
    forward = _pair("m1", "m2", "small")
    reverse = _pair("m2", "m1", "small", since="2025-01-01")
    assert forward.pair_key == reverse.pair_key
    problems = _network(forward, reverse).problems()
    assert [(p.code, p.index) for p in problems] == [("duplicate_pair", 1)]
    assert "甲乙互换也算同一对" in problems[0].message


def test_same_start_date_gives_the_same_id_in_either_order():
    assert _pair("m1", "m2", "small").id == _pair("m2", "m1", "small").id


def test_history_is_kept_an_ended_pairing_and_a_new_one_may_coexist():
    old = _pair("m1", "m2", "small", until="2024-12-31", status="ended")
    new = _pair("m2", "m1", "small", since="2025-01-01")
    assert _network(old, new).problems() == []
    assert old.status is PairingStatus.ENDED and not old.is_active


def test_end_before_start_and_ended_without_end_are_record_errors():
    with pytest.raises(RecordError, match="早于开始日期"):
        build(Pairing, {"party_a": "m1", "party_b": "m2", "kind": "small", "since": "2024-03-01",
                        "until": "2024-01-01"})
    with pytest.raises(RecordError, match="须填写结束日期"):
        build(Pairing, {"party_a": "m1", "party_b": "m2", "kind": "small", "since": "2024-03-01",
                        "status": "ended"})


def test_unknown_party_is_named():
    problems = _network(_pair("m1", "nobody", "small")).problems()
    assert [(p.code, p.field, p.value) for p in problems] == [("unknown_party", "party_b", "nobody")]


def test_active_on_includes_both_end_days():
    p = _pair("m1", "m2", "small", until="2024-12-31")
    assert p.active_on(dt.date(2024, 3, 1)) and p.active_on(dt.date(2024, 12, 31))
    assert not p.active_on(dt.date(2024, 2, 29)) and not p.active_on(dt.date(2025, 1, 1))
