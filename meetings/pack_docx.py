"""The chair's meeting pack as a Word document (.docx) via python-docx.

Real Word styles, so the document is navigable and restylable in Word/WPS/LibreOffice:
headings are "Title"/"Heading 1"/"Heading 2", tables "Table Grid", lists "List Bullet".
The page and fonts follow the Chinese office style (:mod:`exports.office_docx`): A4 with
GB/T 9704 margins, the title in 方正小标宋简体, first-level headings 黑体, second-level
楷体_GB2312, text 仿宋_GB2312 at 三号 (16 pt); tables are set in 小四 (12 pt) so that five
columns fit the type area, with widths from their content and the header row repeated.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH

from exports.office_docx import (
    BODY_FONT,
    HEADING_FONT,
    SUBHEADING_FONT,
    add_table,
    name_document,
    page_number_footer,
    report_styles,
)
from exports.xml_text import xml_safe
from lianmeng.texts import PACK_LABELS as L
from lianmeng.texts import say
from meetings.pack import MeetingPack

__all__ = ["pack_docx", "BODY_FONT", "HEADING_FONT", "SUBHEADING_FONT", "TABLE_SIZE"]

TABLE_SIZE = 12


def _styles(document: DocxDocument) -> None:
    report_styles(document, table_size=TABLE_SIZE)


def _table(document: DocxDocument, headers: list[str], rows: list[list[object]], *,
           blank_ok: bool = False) -> None:
    add_table(document, headers, rows, size=TABLE_SIZE, empty=None if blank_ok else L["none"])


def _field(document: DocxDocument, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}：").bold = True
    paragraph.add_run(xml_safe(value))


def _bullets(document: DocxDocument, items) -> None:
    if not items:
        document.add_paragraph(L["none"])
    for item in items:
        document.add_paragraph(xml_safe(str(item)), style="List Bullet")


def _ledger(document: DocxDocument, pack: MeetingPack) -> None:
    """The quarter's activities and the project's milestones (issue 16)."""
    document.add_heading(L["quarter_activities"], level=2)
    _table(document, [L["activity_date"], L["activity_title"], L["activity_category"], L["activity_orgs"],
                      L["activity_served"], L["activity_volunteers"], L["activity_donated"]],
           [[a.date.isoformat(), a.title, a.category, a.organisations, str(a.people_served), str(a.volunteers),
             f"{a.donated:,.0f}"] for a in pack.activities])
    document.add_heading(L["milestones"], level=2)
    _table(document, [L["milestone"], L["milestone_due"], L["milestone_done_on"], L["milestone_state"]],
           [[m.title, m.due.isoformat() if m.due else "", m.done.isoformat() if m.done else "", m.state]
            for m in pack.milestones])


def pack_docx(pack: MeetingPack, *, author: str = "") -> bytes:
    """The pack as the bytes of a .docx file; ``author`` (the user or the street) goes
    into the file properties, the chair when not given."""
    document = Document()
    _styles(document)
    page_number_footer(document)
    title_text = xml_safe(f"{pack.alliance} {pack.quarter} {L['title']}")
    name_document(document, title=title_text, subject=say("pack_subject", alliance=pack.alliance),
                  author=author or pack.chair)
    title = document.add_heading(title_text, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER

    contact = " ".join(x for x in (pack.chair_contact, pack.chair_phone) if x)
    _field(document, L["chair"], pack.chair + (f"（{contact}）" if contact else ""))
    _field(document, L["date"], f"{pack.meeting_date.isoformat()}（{L['held'] if pack.held else L['planned']}）")
    _field(document, L["location"], pack.location or L["tbd"])
    _field(document, L["deadline"], pack.agenda_deadline.isoformat())
    _field(document, L["last_meeting"], pack.last_meeting_date.isoformat() if pack.last_meeting_date else L["none"])

    document.add_heading(f"一、{L['members']}", level=1)
    _table(document, [L["org"], L["unit"], L["contact"], L["phone"], L["brand"]],
           [[m.name, m.unit, m.contact, m.phone, "、".join(m.brands)] for m in pack.members])

    document.add_heading(f"二、{L['changes']}", level=1)
    document.add_heading(L["started"], level=2)
    _table(document, [L["party_a"], L["party_b"], L["kind"], L["content"], L["since"]],
           [[p.party_a, p.party_b, p.kind, p.content, p.since.isoformat()] for p in pack.pairings_started])
    document.add_heading(L["ended"], level=2)
    _table(document, [L["party_a"], L["party_b"], L["kind"], L["content"], L["until"]],
           [[p.party_a, p.party_b, p.kind, p.content, p.until.isoformat() if p.until else ""]
            for p in pack.pairings_ended])

    document.add_heading(f"三、{L['gaps']}", level=1)
    _table(document, [L["org"], L["missing"], L["recommended"]],
           [[g.name, "、".join(g.missing),
             "；".join(f"{n}（{s:.2f}：{'、'.join(r)}）" for n, s, r in g.recommendations) or L["none"]]
            for g in pack.gaps])

    document.add_heading(f"四、{L['work']}", level=1)
    _field(document, L["project"], pack.project)
    if pack.project_notes:
        _bullets(document, pack.project_notes)
    _field(document, L["action"], pack.unified_action)
    if pack.action_days:
        _bullets(document, [f"{d.isoformat()}：{'；'.join(t)}" for d, t in pack.action_days])
    _field(document, L["research"], pack.research_topic)
    _ledger(document, pack)  # issue 16

    document.add_heading(f"五、{L['brands']}", level=1)
    _table(document, [L["org"], L["brand"]], [list(b) for b in pack.brands])

    document.add_heading(f"六、{L['attendance']}", level=1)
    _table(document, [L["quarter"], L["date"], L["chair"], L["present"]],
           [[a.quarter, a.date.isoformat(), a.chair, f"{a.present}/{a.expected}"] for a in pack.attendance])
    _table(document, [L["org"], L["attended"]], [[n, f"{a}/{x}"] for n, a, x in pack.member_attendance])
    _field(document, L["absentees"], "、".join(pack.absentees) or L["none"])

    document.add_heading(f"七、{L['decisions']}", level=1)
    _bullets(document, pack.last_decisions)

    document.add_heading(f"八、{L['minutes']}", level=1)
    for section in pack.minutes_template:
        document.add_heading(xml_safe(section.heading), level=2)
        for line in section.lines:
            document.add_paragraph(xml_safe(line))
        if section.table_columns:
            _table(document, list(section.table_columns),
                   [[""] * len(section.table_columns) for _ in range(section.blank_rows)], blank_ok=True)

    m = pack.mechanisms
    if m is not None:  # issue 17
        document.add_heading(f"九、{L['mechanisms']}（{L['as_of']} {m.on.isoformat()}）", level=1)
        document.add_heading(L["open_needs"], level=2)
        _table(document, [L["need_title"], L["org"], L["need_kind"], L["quarter"]], [list(n) for n in m.open_needs])
        document.add_heading(L["overdue"], level=2)
        _table(document, [L["problem"], L["org"], L["received"], L["clear_due"], L["solve_due"]],
               [list(o) for o in m.overdue])
        document.add_heading(f"{L['ranking']} {m.round_title}", level=2)
        _table(document, [L["rank"], L["org"], L["index"], L["responses"], L["alert"]],
               [[str(r), n, f"{x:.1f}", str(c), "⚠" if a else ""] for r, n, x, c, a in m.ranking])

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
