"""年度工作报告: the street's yearly report for the 党建峰会, as a Word document (.docx).

Pure: a dataset, a year and its outcomes (:func:`analysis.outcomes.outcomes`) in, bytes
out. Sections, in order (:data:`SECTIONS`): the street's figures; the year's outcomes with
year-over-year change and two charts; each alliance's 共治项目 with its milestones and
outside evaluation; the 统一行动日 and 联动服务队; the feature brands; the most and least
active organisations and pairings; the year over year per alliance. Charts are PNG images
(:mod:`exports.report_charts`). Real Word styles (Title, Heading 1/2, Table Grid) with
Chinese fonts set on ``w:eastAsia``, as in the chair's pack.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from analysis.outcomes import METRICS, Outcomes
from analysis.pioneer import aggregate
from analysis.problems import clocks
from exports.office_docx import (
    add_table,
    name_document,
    page_number_footer,
    report_styles,
)
from exports.report_charts import grouped_bars, line_chart
from exports.xml_text import xml_safe
from lianmeng.dataset import Dataset
from lianmeng.records import NeedStatus, Scope
from lianmeng.stats import street_stats
from lianmeng.streets import place_name
from lianmeng.texts import (
    KIND_LABELS,
    LEDGER_METRIC_LABELS,
    NEED_KIND_LABELS,
    PROJECT_STATUS_LABELS,
)
from lianmeng.texts import REPORT_LABELS as L
from lianmeng.workdays import WorkCalendar

__all__ = ["annual_report_docx", "SECTIONS", "TABLE_SIZE"]

#: the section headings, in order (the test checks each one in the rendered document)
SECTIONS = tuple(L[f"section_{i}"] for i in range(1, 9))
#: tables in 小四, the text in 三号 as in the chair's pack
TABLE_SIZE = 12


def _styles(document: DocxDocument) -> None:
    report_styles(document, table_size=TABLE_SIZE)


def _table(document: DocxDocument, headers: list[str], rows: list[list[object]]) -> None:
    add_table(document, headers, rows, size=TABLE_SIZE, empty=L["none"])


def _field(document: DocxDocument, label: str, value: object) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}：").bold = True
    paragraph.add_run(xml_safe(str(value)))


def _picture(document: DocxDocument, png: bytes, caption: str) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(15.5))
    picture = document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.line_spacing = 1.0  # the body's exact 28 pt would clip the image to one line
    document.add_paragraph(caption, style="Caption").alignment = WD_ALIGN_PARAGRAPH.CENTER


def _num(value: float) -> str:
    return f"{value:,.0f}"


def _change(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1%}"


def _examples(dataset: Dataset, alliance_id: str, n: int = 4) -> str:
    """The first brand of the alliance's first ``n`` members that have one."""
    found = [o.brands[0] for o in dataset.members_of(alliance_id) if o.brands]
    return "、".join(found[:n]) + (L["and_more"] if len(found) > n else "")


def annual_report_docx(dataset: Dataset, result: Outcomes, *, author: str = "",
                       calendar: WorkCalendar | None = None, today: dt.date | None = None) -> bytes:
    """The yearly report of ``result.year`` as the bytes of a .docx file.

    ``author`` (the signed-in person; the street when not given) goes into the file
    properties; ``calendar`` (the street's working days) and ``today`` (the day the
    report is made) date the 一、三、十五 clock of the residents' problems.
    """
    year, previous = result.year, result.year - 1
    street = place_name(dataset)
    document = Document()
    _styles(document)
    page_number_footer(document)
    title = xml_safe(f"{street}{year}年度{L['title']}")
    name_document(document, title=title, subject=L["subtitle"].format(year=year), author=author or street)
    # the street on its own line: a long title never leaves one character alone on the second
    document.add_heading(xml_safe(f"{street}\n{year}年度{L['title']}"), level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(L["subtitle"].format(year=year)).alignment = WD_ALIGN_PARAGRAPH.CENTER

    # 一、街道基本情况
    document.add_heading(SECTIONS[0], level=1)
    figures = street_stats(dataset)
    brands = sum(len(o.brands) for o in dataset.organisations if o.scope is Scope.MEMBER)
    _table(document, [L["item"], L["value"]], [
        [L["alliances"], figures["alliances"]],
        [L["members"], figures["organisations"]["member"]],
        [L["outside"], figures["organisations"]["regional"] + figures["organisations"]["external"]],
        [KIND_LABELS["small"], figures["pairings"]["small"]],
        [L["large"], figures["pairings"]["large"]],
        [KIND_LABELS["alliance"], figures["pairings"]["alliance"]],
        [KIND_LABELS["street"], figures["pairings"]["street"]],
        [L["brands"], brands],
    ])

    # 二、年度成效
    document.add_heading(SECTIONS[1], level=1)
    now, before, change = result.street.current, result.street.previous, result.street.change()
    document.add_paragraph(L["outcome_sentence"].format(
        year=year, volunteers=_num(now.volunteers), people=_num(now.people_served), donated=_num(now.donated),
        activities=_num(now.activities), projects=now.projects_finished))
    _table(document, [L["metric"], f"{year}", f"{previous}", L["change"]],
           [[LEDGER_METRIC_LABELS[m], _num(getattr(now, m)), _num(getattr(before, m)), _change(change[m])]
            for m in METRICS])
    names = [a.name.replace("党建联盟", "") for a in result.alliances]
    _picture(document, grouped_bars(names, [a.current.volunteers for a in result.alliances],
                                    [a.previous.volunteers for a in result.alliances],
                                    title=L["chart_volunteers"].format(year=year), current_label=f"{year}",
                                    previous_label=f"{previous}", unit=L["unit_times"]),
             L["figure_1"].format(year=year))
    months = Counter()
    for activity in dataset.activities:
        if activity.date.year == year:
            months[activity.date.month] += activity.volunteers
    _picture(document, line_chart([f"{m}月" for m in range(1, 13)], [months[m] for m in range(1, 13)],
                                  title=L["chart_months"].format(year=year), unit=L["unit_times"]),
             L["figure_2"].format(year=year))

    # 三、共治项目
    document.add_heading(SECTIONS[2], level=1)
    for alliance in dataset.alliances:
        projects = [p for p in dataset.projects if p.alliance == alliance.id and p.year == year]
        document.add_heading(xml_safe(alliance.name), level=2)
        if not projects:
            document.add_paragraph(L["no_project"].format(year=year))
            continue
        for project in projects:
            _field(document, L["project"], project.name)
            _field(document, L["problem"], project.problem or L["none"])
            _field(document, L["lead"], dataset.name_of(project.lead) if project.lead else L["none"])
            _field(document, L["partners"], "、".join(dataset.name_of(o) for o in project.partners) or L["none"])
            _field(document, L["status"], PROJECT_STATUS_LABELS[project.status.value])
            _field(document, L["money"], L["money_value"].format(
                budget=_num(project.budget or 0), raised=_num(project.raised or 0)))
            _table(document, [L["milestone"], L["due"], L["done"]],
                   [[m.title, m.due.isoformat() if m.due else "", m.done.isoformat() if m.done else L["not_done"]]
                    for m in project.milestones])
            if project.score is not None:
                _field(document, L["evaluation"], L["evaluation_value"].format(
                    evaluator=project.evaluator or L["none"], score=f"{project.score:g}"))
                if project.comments:
                    _field(document, L["comments"], project.comments)
            else:
                _field(document, L["evaluation"], L["not_evaluated"])

    # 四、统一行动日与联动服务队
    document.add_heading(SECTIONS[3], level=1)
    days = [d for d in dataset.action_days if d.date.year == year]
    per_day = Counter()
    served = Counter()
    for activity in dataset.activities:
        if activity.action_day:
            per_day[activity.action_day] += 1
            served[activity.action_day] += activity.people_served
    _table(document, [L["day"], L["theme"], L["places"], L["team_activities"], L["served"]],
           [[d.date.isoformat(), d.theme, "、".join(d.places), per_day[d.id], _num(served[d.id])] for d in days])
    team_acts = Counter(a.team for a in dataset.activities if a.team and a.date.year == year)
    _table(document, [L["team"], L["alliance"], L["leader"], L["specialities"], L["team_activities"]],
           [[t.name, dataset.name_of(t.alliance) if t.alliance else "", dataset.name_of(t.leader) if t.leader else "",
             "、".join(t.specialities), team_acts[t.id]] for t in dataset.service_teams])

    # 五、特色品牌
    document.add_heading(SECTIONS[4], level=1)
    document.add_paragraph(L["brands_sentence"].format(brands=brands))
    _table(document, [L["alliance"], L["brand_count"], L["brand_examples"]],
           [[a.name, sum(len(o.brands) for o in dataset.members_of(a.id)), _examples(dataset, a.id)]
            for a in dataset.alliances])

    # 六、最活跃与最不活跃
    document.add_heading(SECTIONS[5], level=1)
    headers = [L["name"], LEDGER_METRIC_LABELS["activities"], LEDGER_METRIC_LABELS["people_served"],
               LEDGER_METRIC_LABELS["volunteers"]]

    def rows(found):
        return [[r.name, r.current.activities, _num(r.current.people_served), _num(r.current.volunteers)]
                for r in found]

    member_ids = {o.id for o in dataset.organisations if o.scope is Scope.MEMBER}
    for heading, found in ((L["most_orgs"], result.organisations.most_active(among=member_ids)),
                           (L["least_orgs"], result.organisations.least_active(among=member_ids)),
                           (L["most_pairings"], result.most_active("pairings")),
                           (L["least_pairings"], result.least_active("pairings"))):
        document.add_heading(heading, level=2)
        _table(document, headers, rows(found))

    # 七、同比
    document.add_heading(SECTIONS[6], level=1)
    _table(document, [L["alliance"], L["metric"], f"{year}", f"{previous}", L["change"]],
           [[r.name if m == "activities" else "", LEDGER_METRIC_LABELS[m], _num(getattr(r.current, m)),
             _num(getattr(r.previous, m)), _change(r.change()[m])]
            for r in (result.street, *result.alliances) for m in ("activities", "volunteers", "donated")])

    # 八、三项工作机制
    document.add_heading(SECTIONS[7], level=1)
    _mechanisms(document, dataset, year, calendar or WorkCalendar(), today or dt.date.today())

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _mechanisms(document: DocxDocument, dataset: Dataset, year: int, calendar: WorkCalendar,
                today: dt.date) -> None:
    """供需清单, the 一、三、十五 clock of residents' problems and the 先锋指数 rounds of ``year``,
    as they stood at the year's end (or ``today`` within the year)."""
    day = min(dt.date(year, 12, 31), today)
    # （一）供需清单: items published in the year, by kind, and where they stand
    document.add_heading(L["mech_needs"], level=2)
    items = [i for i in dataset.supply_demand if i.quarter.startswith(str(year))]
    states = (NeedStatus.OPEN, NeedStatus.CLAIMED, NeedStatus.FULFILLED, NeedStatus.CLOSED, NeedStatus.LAPSED)
    rows = []
    for kind, label in NEED_KIND_LABELS.items():
        mine = [i for i in items if i.kind.value == kind]
        if mine:
            count = Counter(i.status_on(day) for i in mine)
            rows.append([label, len(mine), *(count[s] for s in states)])
    _table(document, [L["mech_kind"], L["mech_published"], *(L[f"mech_need_{s.value}"] for s in states)], rows)
    # （二）群众诉求: received in the year, each step against its deadline
    document.add_heading(L["mech_problems"], level=2)
    found = [c for c in clocks(dataset, calendar, day) if c.problem.received.year == year]
    if found:
        final = [c for c in found if c.final]
        on_time = sum(c.on_time for c in final)
        document.add_paragraph(L["mech_problems_sentence"].format(
            received=len(found), final=len(final), on_time=on_time,
            rate=f"{on_time / len(final):.1%}" if final else "—",
            overdue=sum(1 for c in found if c.verdict == "overdue"), day=day.isoformat()))
    by_alliance: dict[str, list[int]] = {}
    for c in found:
        cell = by_alliance.setdefault(c.problem.alliance or "", [0, 0, 0, 0])
        cell[0] += 1
        cell[1] += c.final
        cell[2] += c.final and c.on_time
        cell[3] += c.verdict == "overdue"
    order = {a.id: i for i, a in enumerate(dataset.alliances)}
    _table(document, [L["alliance"], L["mech_received"], L["mech_final"], L["mech_on_time"], L["mech_rate"],
                      L["mech_overdue"]],
           [[dataset.name_of(key) if key else L["mech_outside"], n, f, o, f"{o / f:.1%}" if f else "—", late]
            for key, (n, f, o, late) in sorted(by_alliance.items(), key=lambda kv: order.get(kv[0], len(order)))])
    # （三）先锋指数: each round of the year, and its five best organisations
    document.add_heading(L["mech_pioneer"], level=2)
    rounds = [r for r in dataset.pioneer_rounds if r.year == year]
    if not rounds:
        document.add_paragraph(L["none"])
    for round_ in rounds:
        rated = aggregate(dataset, round_.id)
        if not rated:
            continue
        mean = sum(r.mean for r in rated) / len(rated)
        document.add_paragraph(L["mech_pioneer_sentence"].format(
            round=round_.title or round_.period, orgs=len(rated), responses=sum(r.n for r in rated),
            mean=f"{mean:.1f}", alerts=sum(r.alert for r in rated), threshold=f"{round_.threshold:g}"))
        best = sorted(rated, key=lambda r: (-r.mean, r.organisation))[:5]
        _table(document, [L["name"], L["alliance"], L["mech_index"], L["mech_responses"]],
               [[r.name, dataset.name_of(r.alliance) if r.alliance else L["mech_outside"], f"{r.mean:.1f}", r.n]
                for r in best])
