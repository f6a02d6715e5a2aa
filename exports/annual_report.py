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

import io
from collections import Counter

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from analysis.outcomes import METRICS, Outcomes
from exports.report_charts import grouped_bars, line_chart
from lianmeng.dataset import Dataset
from lianmeng.records import Scope
from lianmeng.stats import street_stats
from lianmeng.texts import KIND_LABELS, LEDGER_METRIC_LABELS, PROJECT_STATUS_LABELS
from lianmeng.texts import REPORT_LABELS as L

__all__ = ["annual_report_docx", "SECTIONS"]

#: the section headings, in order (the test checks each one in the rendered document)
SECTIONS = tuple(L[f"section_{i}"] for i in range(1, 8))
_BODY, _HEADING, _LATIN = "宋体", "黑体", "Times New Roman"


def _font(style, east_asian: str, size: float | None = None, bold: bool | None = None) -> None:
    style.font.name = _LATIN
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), east_asian if attr == "w:eastAsia" else _LATIN)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _styles(document: DocxDocument) -> None:
    _font(document.styles["Normal"], _BODY, 11)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 12.5)):
        _font(document.styles[name], _HEADING, size, bold=True)
        document.styles[name].font.color.rgb = RGBColor(0, 0, 0)
    for name in ("Table Grid", "List Bullet", "Caption"):
        _font(document.styles[name], _BODY)


def _table(document: DocxDocument, headers: list[str], rows: list[list[object]]) -> None:
    if not rows:
        document.add_paragraph(L["none"])
        return
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)
    document.add_paragraph()


def _field(document: DocxDocument, label: str, value: object) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}：").bold = True
    paragraph.add_run(str(value))


def _picture(document: DocxDocument, png: bytes, caption: str) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(15.5))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(caption, style="Caption").alignment = WD_ALIGN_PARAGRAPH.CENTER


def _num(value: float) -> str:
    return f"{value:,.0f}"


def _change(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1%}"


def _examples(dataset: Dataset, alliance_id: str, n: int = 4) -> str:
    """The first brand of the alliance's first ``n`` members that have one."""
    found = [o.brands[0] for o in dataset.members_of(alliance_id) if o.brands]
    return "、".join(found[:n]) + (L["and_more"] if len(found) > n else "")


def annual_report_docx(dataset: Dataset, result: Outcomes) -> bytes:
    """The yearly report of ``result.year`` as the bytes of a .docx file."""
    year, previous = result.year, result.year - 1
    street = dataset.committees[0].name if dataset.committees else ""
    document = Document()
    _styles(document)
    title = f"{street}{year}年度{L['title']}"
    document.core_properties.title = title
    document.core_properties.language = "zh-CN"
    document.add_heading(title, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
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
        document.add_heading(f"{alliance.name}", level=2)
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
    _table(document, [L["alliance"], *(f"{LEDGER_METRIC_LABELS[m]}（{year}/{previous}）" for m in
                                       ("activities", "volunteers", "donated")), LEDGER_METRIC_LABELS["change_activities"]],
           [[r.name, *(f"{_num(getattr(r.current, m))}/{_num(getattr(r.previous, m))}"
                       for m in ("activities", "volunteers", "donated")), _change(r.change()["activities"])]
            for r in (result.street, *result.alliances)])

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
