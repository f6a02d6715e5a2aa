"""Known answers for the pure analyses of issue 17: the 一、三、十五 verdicts and rates,
the pioneer aggregation, the needs ↔ resources matching."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

from analysis import needs, pioneer, problems
from lianmeng.dataset import Dataset
from lianmeng.records import (
    Alliance,
    NeedKind,
    Organisation,
    Pairing,
    PairingKind,
    PioneerResponse,
    PioneerRound,
    ResidentProblem,
    Scope,
    SupplyDemandItem,
)
from lianmeng.workdays import WorkCalendar

D = dt.date
CAL = WorkCalendar()


def street() -> Dataset:
    alliances = (Alliance(id="x", name="社区党建联盟", sector="community"),
                 Alliance(id="y", name="商区党建联盟", sector="commercial"))
    orgs = (Organisation(id="a", name="甲社区党支部", alliance="x"),
            Organisation(id="b", name="乙社区党支部", alliance="x"),
            Organisation(id="c", name="丙商户党支部", alliance="y"),
            Organisation(id="d", name="丁单位党支部", scope=Scope.REGIONAL))
    return Dataset(alliances=alliances, organisations=orgs,
                   pairings=(Pairing(party_a="a", party_b="b", kind=PairingKind.SMALL, since=D(2025, 1, 1)),))


def test_problem_verdicts_and_overdue_list():
    p1 = ResidentProblem(id="q1", received=D(2026, 9, 30), organisation="a", alliance="x",
                         first_reply_on=D(2026, 9, 30), clear_answer_on=D(2026, 10, 12),
                         resolved_on=D(2026, 10, 20))  # clear answer due 10-10 (make-up Saturday): late
    p2 = ResidentProblem(id="q2", received=D(2026, 10, 12), organisation="b", alliance="x")  # nothing done
    p3 = ResidentProblem(id="q3", received=D(2026, 10, 13), organisation="c", alliance="y",
                         first_reply_on=D(2026, 10, 13))  # clear answer due 10-16
    p4 = ResidentProblem(id="q4", received=D(2026, 10, 8), organisation="c", alliance="y",
                         first_reply_on=D(2026, 10, 8), clear_answer_on=D(2026, 10, 10),
                         resolved_on=D(2026, 10, 16))  # all on time
    ds = Dataset(**{**dict(street().tables()), "resident_problems": (p1, p2, p3, p4)})
    today = D(2026, 10, 16)
    by_id = {c.problem.id: c for c in problems.clocks(ds, CAL, today)}
    assert by_id["q1"].verdicts == {"first_reply": "on_time", "clear_answer": "late", "solved": "on_time"}
    assert by_id["q1"].verdict == "late"
    assert by_id["q2"].verdicts == {"first_reply": "overdue", "clear_answer": "overdue", "solved": "pending"}
    assert by_id["q3"].verdict == "due_today"
    assert by_id["q4"].verdict == "on_time"
    assert [c.problem.id for c in problems.overdue(ds, CAL, today)] == ["q2"]
    assert [c.problem.id for c in problems.due_today(ds, CAL, today)] == ["q3"]
    rates = problems.on_time_rates(ds, CAL, today, by="alliance")
    assert [(r["key"], r["quarter"], r["counted"], r["on_time"], r["rate"]) for r in rates] == [
        ("x", "2026Q3", 1, 0, 0.0), ("x", "2026Q4", 1, 0, 0.0), ("y", "2026Q4", 1, 1, 1.0)]


def test_pioneer_aggregation_band_ranking_change_and_alerts():
    r25 = PioneerRound(period="2025", questions=("q1", "q2"), scale_min=0, scale_max=10, threshold=70)
    r26 = PioneerRound(period="2026", questions=("q1", "q2"), weights=(3, 1), scale_min=0, scale_max=10,
                       threshold=70)
    rows = [("2025", "a", (6, 6)), ("2026", "a", (10, 6)), ("2026", "a", (8, 8)), ("2026", "a", (6, 10)),
            ("2026", "b", (6, 6)), ("2026", "c", (9, 9))]
    responses = tuple(PioneerResponse(id=f"r{i}", round=f"PI-{p}", organisation=o, scores=s)
                      for i, (p, o, s) in enumerate(rows))
    ds = Dataset(**{**dict(street().tables()), "pioneer_rounds": (r25, r26), "pioneer_responses": responses})
    got = {r.organisation: r for r in pioneer.aggregate(ds)}
    # a: indexes 90, 80, 70 → mean 80, sd 10, band 80 ± 1.96·10/√3
    assert (got["a"].n, got["a"].mean, got["a"].sd) == (3, 80.0, 10.0)
    assert (got["a"].low, got["a"].high) == pytest.approx((68.684, 91.316))
    assert got["a"].change == 20.0 and got["b"].change is None
    assert (got["a"].rank_in_alliance, got["b"].rank_in_alliance, got["c"].rank_in_alliance) == (1, 2, 1)
    assert [r.organisation for r in pioneer.aggregate(ds) if r.alert] == ["b"]
    assert [r.organisation for r in pioneer.ranking(ds, "x")] == ["a", "b"]


def test_needs_matching_prefers_same_category_and_weak_with_strong():
    items = (SupplyDemandItem(id="n1", organisation="b", alliance="x", quarter="2026Q4", title="活动场地",
                              category="场地"),
             SupplyDemandItem(id="r1", organisation="c", alliance="y", kind=NeedKind.RESOURCE, quarter="2026Q4",
                              title="会议室", category="场地"),
             SupplyDemandItem(id="r2", organisation="d", kind=NeedKind.RESOURCE, quarter="2026Q4",
                              title="志愿者培训", category="培训"),
             SupplyDemandItem(id="r3", organisation="b", kind=NeedKind.RESOURCE, alliance="x", quarter="2026Q4",
                              title="自己的场地", category="场地"))
    round_ = PioneerRound(period="2026", questions=("q",), threshold=70)
    responses = (PioneerResponse(id="p1", round="PI-2026", organisation="b", scores=(5,)),
                 PioneerResponse(id="p2", round="PI-2026", organisation="c", scores=(9,)))
    ds = Dataset(**{**dict(street().tables()), "supply_demand": items, "pioneer_rounds": (round_,),
                    "pioneer_responses": responses})
    found = needs.matches(ds, D(2026, 10, 16))
    assert [m.resource for m in found["n1"]] == ["r1", "r2"]  # never its own resource
    best = found["n1"][0]
    assert "类别相同：场地" in best.reasons
    assert any("以强带弱" in r and "乙社区党支部" in r for r in best.reasons)
    assert any("尚未结对" in r for r in best.reasons)
    claimed = items[0].model_copy(update={"claimed_by": "c", "claimed_on": D(2026, 10, 17)})
    assert needs.unpaired_claim(ds, claimed, D(2026, 10, 17)) is PairingKind.CROSS_ALLIANCE
    already = items[0].model_copy(update={"claimed_by": "a", "claimed_on": D(2026, 10, 17)})
    assert needs.unpaired_claim(ds, already, D(2026, 10, 17)) is None
    assert [i.id for i in needs.board(ds, D(2027, 1, 1))["lapsed"]] == ["n1", "r1", "r2", "r3"]


@pytest.mark.parametrize("module", [problems, pioneer])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
