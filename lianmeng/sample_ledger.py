"""The sample street's ledger (issue 16): activities, 共治项目, 统一行动日, 联动服务队.

Deterministic and built by rule, like :mod:`lianmeng.sample`: the ledger runs from
1 January 2024 to :data:`LEDGER_END` (a fixed date, never today), so 2025 is its last full
year (2024, when fewer pairings were in force, gives the year-over-year change), and 2025
reproduces the seed's outcomes ("全年区域单位参与社区服务两千余人次，向社区
捐助资金近百万元"): see :data:`OUTCOMES_2025`.

* every pairing in force (all levels) holds an activity each quarter it is in force; the
  organisation-level pairings in :func:`dormant_pairing_ids` stop after 2025 (休眠 on purpose);
* each alliance runs a monthly 志愿服务 and a yearly 捐赠 (the street-level pairing units
  give through the alliances), and its 共治项目 for the year: the seed's five in 2025
  (finished and evaluated), their second phase in 2026 (in progress; 园区 has none yet,
  so the "no project this year" flag has something to find);
* two 统一行动日 a year (May and October, the 20th), each with the five 联动服务队 on duty
  (2025 and 2026; in 2024 the teams were not yet formed).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from lianmeng.ledger_records import (
    ActionDay,
    Activity,
    ActivityCategory,
    Milestone,
    ProgressNote,
    Project,
    ProjectStatus,
    ServiceTeam,
)
from lianmeng.records import Alliance, Organisation, Pairing, PairingLevel

__all__ = ["ledger", "LEDGER_START", "LEDGER_END", "LAST_FULL_YEAR", "OUTCOMES_2025", "dormant_pairing_ids"]

LEDGER_START = dt.date(2024, 1, 1)
LEDGER_END = dt.date(2026, 11, 30)
LAST_FULL_YEAR = 2025
#: the 2025 figures the sample reproduces (checked by tests/test_ledger_sample.py)
OUTCOMES_2025 = {"volunteers_min": 2000, "donated_low": 900_000, "donated_high": 1_000_000}

_TEAMS = (
    ("T-law", "法律服务队", "administrative", ("法律咨询", "矛盾调解")),
    ("T-health", "医疗保健服务队", "community", ("医疗保健", "健康讲座")),
    ("T-repair", "家电维修服务队", "commercial", ("家电维修", "诚信维权")),
    ("T-care", "关爱助学服务队", "campus", ("课业辅导", "心理关爱")),
    ("T-jobs", "就业创业服务队", "park", ("就业指导", "创业咨询")),
)
_PROJECT_PROBLEMS = {
    "administrative": "群众信访多头跑、答复慢",
    "community": "老旧小区公共事务居民参与不足",
    "commercial": "商圈经营不诚信、商户投诉多",
    "campus": "校外优质教育资源分散",
    "park": "园区青年人才服务与党员发展薄弱",
}
_EVALUATORS = ("XX大学公共管理学院", "区社会组织评估中心", "XX社会工作事务所")
_PAIRING_TITLES = ("结对共建交流会", "联合志愿服务", "党课联学", "走访慰问困难群众")
_PAIRING_CATEGORIES = (ActivityCategory.JOINT, ActivityCategory.VOLUNTEER, ActivityCategory.STUDY,
                       ActivityCategory.VISIT)


def _digest(*parts: object) -> int:
    return int(hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def dormant_pairing_ids(pairings: tuple[Pairing, ...] | list[Pairing]) -> set[str]:
    """The organisation-level pairings left without activity after 2025: every ninth."""
    org_level = [p for p in pairings if p.is_active and p.level is PairingLevel.ORGANISATION]
    return {p.id for i, p in enumerate(org_level) if i % 9 == 4}


def _quarter_days(year: int) -> list[dt.date]:
    return [dt.date(year, month, 1) for month in (1, 4, 7, 10)]


def ledger(alliances: list[Alliance], orgs: list[Organisation], pairings: list[Pairing]) -> dict[str, tuple]:
    """The ledger's four tables for the sample street's records."""
    members = {a.id: [o for o in orgs if o.alliance == a.id] for a in alliances}
    days = [ActionDay(id=f"D-{year}H{half + 1}", date=dt.date(year, month, 20),
                      theme=f"{year}年{'上' if half == 0 else '下'}半年统一行动日：走上街头、走入市场、走进家庭",
                      places=("曹安路商圈", "铜川路市场", "各居民区活动室"))
            for year in (2025, 2026) for half, month in enumerate((5, 10))]
    teams = []
    for team_id, name, sector, specialities in _TEAMS:
        crew = members[sector][:3]
        teams.append(ServiceTeam(id=team_id, name=name, alliance=sector, leader=crew[0].id,
                                 members=tuple(o.id for o in crew), specialities=specialities))
    projects = _projects(alliances, members)
    activities: list[Activity] = []
    dormant = dormant_pairing_ids(pairings)
    org_ids = {o.id for o in orgs}
    # pairings: an activity every quarter in force
    for pairing in pairings:
        if not pairing.is_active:
            continue
        for year in (2024, 2025, 2026):
            if year == 2026 and pairing.id in dormant:
                continue
            for q, start in enumerate(_quarter_days(year)):
                day = start + dt.timedelta(days=10 + _digest(pairing.id, year, q) % 60)
                if not (pairing.active_on(day) and LEDGER_START <= day <= LEDGER_END):
                    continue
                n = _digest(pairing.id, day)
                activities.append(Activity(
                    id=f"AC-{pairing.id[2:]}-{day:%Y%m%d}", date=day,
                    title=_PAIRING_TITLES[q], category=_PAIRING_CATEGORIES[q], pairing=pairing.id,
                    organisations=tuple(e for e in (pairing.party_a, pairing.party_b) if e in org_ids),
                    people_served=20 + n % 41, volunteers=3 + n % 5, donated=0,
                    place="结对单位活动室"))
    # alliances: a monthly volunteer service and a yearly donation drive
    for a_no, alliance in enumerate(alliances):
        crew = members[alliance.id]
        for year in (2024, 2025, 2026):
            for month in range(1, 13):
                day = dt.date(year, month, 8 + a_no)
                if day > LEDGER_END:
                    continue
                host = crew[(month + year) % len(crew)]
                activities.append(Activity(
                    id=f"AC-{alliance.id}-{day:%Y%m%d}", date=day, title=f"{alliance.unified_action}志愿服务",
                    category=ActivityCategory.VOLUNTEER, alliance=alliance.id, organisations=(host.id,),
                    people_served=60 + 5 * month, volunteers=12 + (month + a_no) % 5, place=f"{host.unit}周边"))
            day = dt.date(year, 9, 25 + a_no)
            activities.append(Activity(
                id=f"AC-{alliance.id}-gift-{year}", date=day, title=f"{alliance.name}爱心捐助",
                category=ActivityCategory.DONATION, alliance=alliance.id,
                organisations=tuple(o.id for o in crew[:4]), people_served=100, volunteers=10,
                donated=float(150_000 + 12_000 * a_no + {2024: -30_000, 2025: 0, 2026: 8_000}[year]), place="街道党群服务中心"))
    # projects: two working sessions a year under each
    for project in projects:
        for half, month in enumerate((4, 11)):
            day = dt.date(project.year, month, 15)
            if day > LEDGER_END:
                continue
            activities.append(Activity(
                id=f"AC-{project.id}-{half + 1}", date=day, title=f"“{project.name}”推进会",
                category=ActivityCategory.CONSULTATION, alliance=project.alliance, project=project.id,
                organisations=(project.lead, *project.partners) if project.lead else project.partners,
                people_served=40, volunteers=8, place="联盟议事厅"))
    # action days: each team on duty
    for day in days:
        for t_no, team in enumerate(teams):
            activities.append(Activity(
                id=f"AC-{day.id}-{team.id}", date=day.date, title=f"{team.name}集中服务",
                category=ActivityCategory.VOLUNTEER, alliance=team.alliance, action_day=day.id, team=team.id,
                organisations=team.members, people_served=150 + 10 * t_no, volunteers=30 + 2 * t_no,
                donated=float(2_000 * (t_no + 1)), place=day.places[t_no % len(day.places)]))
    activities.sort(key=lambda a: (a.date, a.id))
    return {"action_days": tuple(days), "service_teams": tuple(teams), "projects": tuple(projects),
            "activities": tuple(activities)}


def _projects(alliances: list[Alliance], members: dict[str, list[Organisation]]) -> list[Project]:
    projects = []
    for a_no, alliance in enumerate(alliances):
        crew = members[alliance.id]
        lead, partners = crew[0].id, (crew[1].id, crew[2].id)
        milestones = (
            Milestone(title="调研立项", due=dt.date(2025, 3, 31), done=dt.date(2025, 3, 20 + a_no)),
            Milestone(title="平台建成", due=dt.date(2025, 6, 30), done=dt.date(2025, 7, 5 + a_no)),
            Milestone(title="全面运行", due=dt.date(2025, 10, 31), done=dt.date(2025, 10, 28)),
            Milestone(title="第三方评估", due=dt.date(2025, 12, 20), done=dt.date(2025, 12, 18)),
        )
        progress = tuple(ProgressNote(quarter=f"2025Q{q}", text=f"{alliance.project}第{q}季度：{step}")
                         for q, step in enumerate(("完成需求调研与立项", "搭建平台、明确分工", "试运行并收集群众意见",
                                                   "全面运行，接受第三方评估"), start=1))
        projects.append(Project(
            id=f"PJ-{alliance.id}-2025", name=alliance.project, year=2025, alliance=alliance.id,
            problem=_PROJECT_PROBLEMS.get(alliance.sector, ""), lead=lead, partners=partners,
            start=dt.date(2025, 3, 1), status=ProjectStatus.EVALUATED, budget=200_000.0 + 20_000 * a_no,
            raised=150_000.0 + 25_000 * a_no, evaluator=_EVALUATORS[a_no % len(_EVALUATORS)],
            score=float(95 - 3 * a_no), comments="目标明确、群众认可度高，建议常态化运行。",
            milestones=milestones, progress=progress))
        if alliance.sector == "park":
            continue  # no project for 2026 yet: flagged
        projects.append(Project(
            id=f"PJ-{alliance.id}-2026", name=f"{alliance.project}（深化）", year=2026, alliance=alliance.id,
            problem=_PROJECT_PROBLEMS.get(alliance.sector, ""), lead=partners[0], partners=(lead,),
            start=dt.date(2026, 2, 1), status=ProjectStatus.IN_PROGRESS, budget=180_000.0,
            raised=90_000.0 + 10_000 * a_no,
            milestones=(Milestone(title="深化方案", due=dt.date(2026, 3, 31), done=dt.date(2026, 3, 25)),
                        Milestone(title="扩面推广", due=dt.date(2026, 9, 30), done=dt.date(2026, 10, 12)),
                        Milestone(title="第三方评估", due=dt.date(2026, 12, 20))),
            progress=(ProgressNote(quarter="2026Q1", text="深化方案通过联席会议"),
                      ProgressNote(quarter="2026Q2", text="新增两家合作单位"),
                      ProgressNote(quarter="2026Q3", text="扩面推广稍有延后，已追赶"))))
    return projects
