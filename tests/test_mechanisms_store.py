"""供需清单, 群众诉求 and 先锋指数 records on both backends (issue 17): they round-trip,
and the rules refuse a claim on a closed need, a problem closed before it was received, a
survey score outside the scale and an unknown organisation, writing nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from graphdb.store import GraphStore
from lianmeng.dataset import Dataset
from lianmeng.errors import DatasetError, RecordError
from lianmeng.records import (
    CalendarDay,
    Channel,
    NeedKind,
    NeedStatus,
    PioneerResponse,
    PioneerRound,
    ProblemStatus,
    ResidentProblem,
    SupplyDemandItem,
    build,
)

D = dt.date


def _base(sample: Dataset) -> Dataset:
    """The sample's parties without its issue-17 records."""
    return Dataset(committees=sample.committees, subcommittees=sample.subcommittees,
                   alliances=sample.alliances, organisations=sample.organisations)


def mechanisms(sample: Dataset) -> Dataset:
    a, b = sample.organisations[0], sample.organisations[15]
    need = SupplyDemandItem(id="N-1", organisation=a.id, alliance=a.alliance, kind=NeedKind.NEED,
                            quarter="2026Q3", title="老旧小区加装电梯政策宣讲", category="政策宣讲",
                            description="需要懂政策的党员讲解", quantity="2 场", contact="张三 13800000000",
                            claimed_by=b.id, claimed_on=D(2026, 7, 10), fulfilled_on=D(2026, 8, 1),
                            closed_on=D(2026, 8, 2), note="两场宣讲已完成")
    resource = SupplyDemandItem(id="N-2", organisation=b.id, alliance=b.alliance, kind=NeedKind.RESOURCE,
                                quarter="2026Q3", title="会议室", category="场地")
    problem = ResidentProblem(id="Q-1", received=D(2026, 9, 30), channel=Channel.PHONE, text="楼道灯坏了",
                              organisation=a.id, alliance=a.alliance, first_reply_on=D(2026, 9, 30),
                              clear_answer_on=D(2026, 10, 10), resolved_on=D(2026, 10, 20),
                              closed_on=D(2026, 10, 21))
    hard = ResidentProblem(id="Q-2", received=D(2026, 10, 12), channel=Channel.COUNCIL, organisation=b.id,
                           alliance=b.alliance, first_reply_on=D(2026, 10, 12), clear_answer_on=D(2026, 10, 14),
                           resolved_on=D(2026, 10, 30), unresolvable=True, explanation="涉及规划调整，已转区里")
    round_ = PioneerRound(period="2026", title="2026年度先锋指数", questions=("服务群众", "作用发挥"),
                          weights=(0.6, 0.4), scale_min=1, scale_max=5, threshold=70)
    responses = [PioneerResponse(id=f"R-{i}", round=round_.id, organisation=a.id, scores=(4, 5 - i % 2))
                 for i in range(3)]
    return Dataset(**{**{n: r for n, r in _base(sample).tables()},
                      "calendar_days": (CalendarDay(date=D(2026, 10, 9), workday=False, note="街道调休"),),
                      "supply_demand": (need, resource), "resident_problems": (problem, hard),
                      "pioneer_rounds": (round_,), "pioneer_responses": tuple(responses)})


def test_records_round_trip_on_every_backend(store: GraphStore, sample: Dataset):
    data = mechanisms(sample)
    store.replace_all(data)
    assert store.snapshot().canonical() == data.canonical()
    need = store.snapshot().supply_demand[0]
    store.upsert([need.model_copy(update={"note": "改了备注"})])
    assert {n.id: n.note for n in store.snapshot().supply_demand}["N-1"] == "改了备注"
    store.delete("pioneer_responses", ["R-0"])
    store.delete("resident_problems", ["Q-2"])
    back = store.snapshot()
    assert [r.id for r in back.pioneer_responses] == ["R-1", "R-2"]
    assert [p.id for p in back.resident_problems] == ["Q-1"]
    entry = store.audit_entries(table="resident_problems", limit=1)[0]
    assert entry.items[0].before["explanation"] == "涉及规划调整，已转区里" and entry.items[0].after is None


def test_statuses_are_derived_from_the_dates(sample: Dataset):
    data = mechanisms(sample)
    need, resource = data.supply_demand
    assert need.status_on(D(2026, 7, 9)) is NeedStatus.OPEN
    assert need.status_on(D(2026, 7, 10)) is NeedStatus.CLAIMED
    assert need.status_on(D(2026, 8, 1)) is NeedStatus.FULFILLED
    assert need.status_on(D(2026, 8, 2)) is NeedStatus.CLOSED
    assert resource.status_on(D(2026, 9, 30)) is NeedStatus.OPEN
    assert resource.status_on(D(2026, 10, 1)) is NeedStatus.LAPSED
    assert [p.status for p in data.resident_problems] == [ProblemStatus.CLOSED, ProblemStatus.UNRESOLVABLE]


def test_bad_records_are_refused_in_chinese():
    with pytest.raises(RecordError, match="已于 2026-08-02 关闭，不能再认领"):
        build(SupplyDemandItem, {"id": "x", "organisation": "a", "quarter": "2026Q3", "title": "场地",
                                 "claimed_by": "b", "claimed_on": "2026-08-05", "closed_on": "2026-08-02"})
    with pytest.raises(RecordError, match="早于受理日期"):
        build(ResidentProblem, {"id": "x", "received": "2026-10-12", "organisation": "a",
                                "first_reply_on": "2026-10-12", "clear_answer_on": "2026-10-12",
                                "resolved_on": "2026-10-12", "closed_on": "2026-10-11"})
    with pytest.raises(RecordError, match="缺少明确答复日期"):
        build(ResidentProblem, {"id": "x", "received": "2026-10-12", "organisation": "a",
                                "first_reply_on": "2026-10-12", "resolved_on": "2026-10-13"})
    with pytest.raises(RecordError, match="须附上解释"):
        build(ResidentProblem, {"id": "x", "received": "2026-10-12", "organisation": "a",
                                "first_reply_on": "2026-10-12", "clear_answer_on": "2026-10-12",
                                "resolved_on": "2026-10-13", "unresolvable": True})
    with pytest.raises(RecordError, match="2026H1"):
        build(PioneerRound, {"period": "2026-1", "questions": ["a"]})


def test_dataset_rules_refuse_scores_off_the_scale_and_unknown_organisations(store: GraphStore, sample: Dataset):
    data = mechanisms(sample)
    store.replace_all(data)
    revision = store.revision()
    off_scale = PioneerResponse(id="R-9", round="PI-2026", organisation=sample.organisations[0].id, scores=(6, 4))
    with pytest.raises(DatasetError, match="得分 6 超出测评“2026年度先锋指数”的分值范围 1～5"):
        store.upsert([off_scale])
    nobody = ResidentProblem(id="Q-9", received=D(2026, 10, 12), organisation="nobody")
    with pytest.raises(DatasetError, match="nobody"):
        store.upsert([nobody])
    wrong_alliance = data.resident_problems[0].model_copy(update={"alliance": None})
    with pytest.raises(DatasetError, match="所属联盟应与责任单位"):
        store.upsert([wrong_alliance])
    assert store.revision() == revision
    assert store.snapshot().canonical() == data.canonical()
