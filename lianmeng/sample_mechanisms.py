"""The sample street's working mechanisms (issue 17): a year of needs and claims, about
150 residents' problems with realistic timings, two rounds of the pioneer index.

Deterministic and built by rule against a fixed reference day, :data:`SAMPLE_TODAY`
(not the real today), so every figure can be checked by hand:

* 供需清单: 64 items over 2026Q1–Q4 (two needs to one resource). Items of past quarters
  were mostly claimed, fulfilled and closed; every fifth one lapsed unclaimed. In 2026Q4
  some are still open, some claimed.
* 群众诉求: 150 problems received from January to :data:`SAMPLE_TODAY` on working days
  (every twentieth on a 调休 make-up day). Most are handled on time; by pattern some
  answer late (clear answer on the 4th working day), some are solved late (18th), some
  cannot be solved (with an explanation); problems received in the last weeks are still in
  progress, and :data:`STALLED` ones got a first reply and nothing after — overdue.
* 先锋指数: rounds 2025 and 2026 (four questions, 1–5, weights 0.3/0.3/0.2/0.2, alert
  below 75), eight responses per member organisation per round.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from lianmeng.dataset import Dataset
from lianmeng.records import (
    Channel,
    NeedKind,
    Organisation,
    PioneerResponse,
    PioneerRound,
    ResidentProblem,
    Scope,
    SupplyDemandItem,
)
from lianmeng.workdays import WorkCalendar

__all__ = ["SAMPLE_TODAY", "STALLED", "with_mechanisms", "MAKE_UP_DAYS"]

#: the sample's "today": the day its overdue list and open needs are computed for
SAMPLE_TODAY = dt.date(2026, 11, 20)
#: the 2026 调休 make-up workdays (a weekend day that is a working day)
MAKE_UP_DAYS = (dt.date(2026, 1, 4), dt.date(2026, 2, 14), dt.date(2026, 2, 28), dt.date(2026, 5, 9),
                dt.date(2026, 9, 20), dt.date(2026, 10, 10))
#: problem numbers (``i`` of ``Q-S{i:03d}``) that got a first reply and then stalled
STALLED = frozenset({132, 138, 144})

_CATEGORIES = (
    ("场地", "活动场地", "周末可借用的多功能活动室"),
    ("志愿服务", "助老志愿者", "每周两次上门助老服务"),
    ("政策宣讲", "政策宣讲进楼组", "加装电梯、垃圾分类等政策讲解"),
    ("就业岗位", "就业岗位对接", "面向社区失业人员的岗位"),
    ("文体活动", "文艺演出", "节日慰问文艺演出"),
    ("法律咨询", "法律咨询服务", "律师每月坐班答疑"),
    ("物资捐赠", "爱心物资", "困难家庭冬季物资"),
    ("健康服务", "义诊服务", "老年人常见病义诊"),
)
_PROBLEMS = ("楼道灯损坏", "小区门口占道经营", "垃圾清运不及时", "加装电梯协调", "噪音扰民", "停车难",
             "绿化带杂草", "雨污管道堵塞", "共享单车乱停", "老人就餐不便")


def _h(*parts: object) -> int:
    return int(hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def _quarter_start(q: int) -> dt.date:
    return dt.date(2026, 3 * q - 2, 1)


def _needs(members: list[Organisation], outside: list[Organisation]) -> list[SupplyDemandItem]:
    items = []
    for i in range(64):
        q = i % 4 + 1
        org = members[(i * 7) % len(members)]
        category, title, description = _CATEGORIES[i % len(_CATEGORIES)]
        kind = NeedKind.RESOURCE if i % 3 == 2 else NeedKind.NEED
        start = _quarter_start(q) + dt.timedelta(days=i % 20)
        claimer = members[(i * 11 + 5) % len(members)] if i % 2 else outside[i % len(outside)]
        if claimer.id == org.id:
            claimer = members[(i * 11 + 6) % len(members)]
        data: dict[str, object] = dict(
            id=f"N-S{i:03d}", organisation=org.id, alliance=org.alliance, kind=kind, quarter=f"2026Q{q}",
            title=f"{title}（{org.name[:4]}）", category=category, description=description,
            quantity=f"{i % 5 + 1} 次", contact=org.contact)
        lapsed = i % 5 == 4
        if not lapsed:
            claimed = start + dt.timedelta(days=10 + i % 15)
            if claimed <= SAMPLE_TODAY:
                data.update(claimed_by=claimer.id, claimed_on=claimed)
                fulfilled = claimed + dt.timedelta(days=20 + i % 10)
                if fulfilled <= SAMPLE_TODAY:
                    data.update(fulfilled_on=fulfilled, closed_on=fulfilled + dt.timedelta(days=2),
                                note="双方确认完成，已归档认领书")
        items.append(SupplyDemandItem(**data))
    return items


def _problems(members: list[Organisation], cal: WorkCalendar) -> list[ResidentProblem]:
    problems = []
    channels = list(Channel)
    first = dt.date(2026, 1, 5)
    span = (SAMPLE_TODAY - first).days
    for i in range(150):
        if i % 20 == 19:
            received = MAKE_UP_DAYS[(i // 20) % len(MAKE_UP_DAYS)]
        else:
            received = cal.intake_day(first + dt.timedelta(days=i * span // 150))
        org = members[(i * 5) % len(members)]
        d = cal.deadlines(received)
        pattern = i % 20
        plan: dict[str, dt.date] = {"first_reply_on": d.intake,
                                    "clear_answer_on": cal.add_workdays(d.intake, 1 + i % 3)}
        unresolvable = pattern == 7
        if pattern == 3:  # clear answer a day late
            plan["clear_answer_on"] = cal.add_workdays(d.intake, 4)
        solve_days = 18 if pattern == 5 else 5 + i % 10
        plan["resolved_on"] = cal.add_workdays(d.intake, solve_days)
        plan["closed_on"] = cal.add_workdays(plan["resolved_on"], 1)
        if i in STALLED:
            plan = {"first_reply_on": d.intake}
        data: dict[str, object] = dict(id=f"Q-S{i:03d}", received=received, channel=channels[i % len(channels)],
                                       text=f"{_PROBLEMS[i % len(_PROBLEMS)]}（第{i % 9 + 1}网格）",
                                       organisation=org.id, alliance=org.alliance)
        for field in ("first_reply_on", "clear_answer_on", "resolved_on", "closed_on"):
            if field in plan and plan[field] <= SAMPLE_TODAY:
                data[field] = plan[field]
            else:
                break
        if unresolvable and "resolved_on" in data:
            data.update(unresolvable=True, explanation="涉及市政规划调整，已向区职能部门反映并答复居民")
        problems.append(ResidentProblem(**data))
    return problems


def _pioneer(members: list[Organisation]) -> tuple[list[PioneerRound], list[PioneerResponse]]:
    questions = ("服务群众", "作用发挥", "作风形象", "联动共建")
    rounds = [PioneerRound(period=str(year), title=f"{year}年度先锋指数测评", questions=questions,
                           weights=(0.3, 0.3, 0.2, 0.2), scale_min=1, scale_max=5, threshold=75)
              for year in (2025, 2026)]
    responses = []
    for round_ in rounds:
        for org in members:
            quality = 2.8 + (_h("q", org.id) % 21) / 10 + (0.2 if round_.period == "2026" else 0)
            for k in range(8):
                scores = tuple(float(min(5, max(1, round(quality + ((_h(org.id, round_.period, k, j) % 5) - 2) / 2))))
                               for j in range(len(questions)))
                responses.append(PioneerResponse(id=f"S-{round_.period}-{org.id}-{k}", round=round_.id,
                                                 organisation=org.id, scores=scores, respondent=f"居民{k + 1}"))
    return rounds, responses


def with_mechanisms(dataset: Dataset) -> Dataset:
    """``dataset`` (the sample street) with its needs, problems and pioneer rounds."""
    members = [o for o in dataset.organisations if o.scope is Scope.MEMBER]
    outside = [o for o in dataset.organisations if o.scope is not Scope.MEMBER]
    cal = WorkCalendar()
    rounds, responses = _pioneer(members)
    return Dataset(**{**dict(dataset.tables()), "supply_demand": tuple(_needs(members, outside)),
                      "resident_problems": tuple(_problems(members, cal)), "pioneer_rounds": tuple(rounds),
                      "pioneer_responses": tuple(responses)})
