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
from docx.shared import Emu, Pt

from exports.office_docx import (
    A4,
    BODY_FONT,
    HEADING_FONT,
    MARGINS,
    SUBHEADING_FONT,
    TITLE_FONT,
    fit_table,
    heading_style,
    name_document,
    office_document,
    page_number_footer,
    set_fonts,
)
from exports.xml_text import xml_safe
from lianmeng.texts import PACK_LABELS as L
from lianmeng.texts import say
from meetings.pack import MeetingPack

__all__ = ["pack_docx", "BODY_FONT", "HEADING_FONT", "SUBHEADING_FONT", "TABLE_SIZE"]

TABLE_SIZE = 12
_WIDTH = Emu(A4[0] - MARGINS[2] - MARGINS[3]).pt


def _styles(document: DocxDocument) -> None:
    office_document(document, body_size=16)
    heading_style(document, "Title", TITLE_FONT, 22)
    heading_style(document, "Heading 1", HEADING_FONT, 16)
    heading_style(document, "Heading 2", SUBHEADING_FONT, 16)
    for name in ("Table Grid", "List Bullet"):
        set_fonts(document.styles[name], BODY_FONT)
    document.styles["Table Grid"].font.size = Pt(TABLE_SIZE)
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = Pt(0)
    normal.line_spacing = Pt(28)


def _table(document: DocxDocument, headers: list[str], rows: list[list[object]], *,
           blank_ok: bool = False) -> None:
    if not rows and not blank_ok:
        document.add_paragraph(L["none"])
        return
    texts = [[xml_safe(str(v)) for v in row] for row in rows]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in texts:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    for row in table.rows:
        for cell in row.cells:
            form = cell.paragraphs[0].paragraph_format
            form.line_spacing, form.space_after = 1.0, Pt(0)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(TABLE_SIZE)
    fit_table(table, [headers, *texts], width_pt=_WIDTH, size=TABLE_SIZE)
    document.add_paragraph()


def _field(document: DocxDocument, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}：").bold = True
    paragraph.add_run(xml_safe(value))


def _bullets(document: DocxDocument, items) -> None:
    if not items:
        document.add_paragraph(L["none"])
    for item in items:
        document.add_paragraph(xml_safe(str(item)), style="List Bullet")


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

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
