"""The chair's meeting pack as a Word document (.docx) via python-docx.

Real Word styles, so the document is navigable and restylable in Word/WPS/LibreOffice:
headings are "Title"/"Heading 1"/"Heading 2", tables "Table Grid", lists "List Bullet".
Chinese fonts are set on the styles' ``w:eastAsia`` attribute (宋体 for text, 黑体 for
headings) — without it Word falls back to a Latin font for CJK text.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from lianmeng.texts import PACK_LABELS as L
from meetings.pack import MeetingPack

__all__ = ["pack_docx", "BODY_FONT", "HEADING_FONT"]

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
_LATIN_FONT = "Times New Roman"


def _set_font(style, east_asian: str, size: float | None = None, bold: bool | None = None) -> None:
    style.font.name = _LATIN_FONT
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
        fonts.set(qn(attr), east_asian if attr == "w:eastAsia" else _LATIN_FONT)
    # theme fonts would override the explicit ones in Word
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _styles(document: DocxDocument) -> None:
    styles = document.styles
    _set_font(styles["Normal"], BODY_FONT, 11)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 12.5)):
        _set_font(styles[name], HEADING_FONT, size, bold=True)
        styles[name].font.color.rgb = RGBColor(0, 0, 0)
    for name in ("Table Grid", "List Bullet"):
        _set_font(styles[name], BODY_FONT)


def _table(document: DocxDocument, headers: list[str], rows: list[list[object]], *,
           blank_ok: bool = False) -> None:
    if not rows and not blank_ok:
        document.add_paragraph(L["none"])
        return
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
    document.add_paragraph()


def _field(document: DocxDocument, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}：").bold = True
    paragraph.add_run(value)


def _bullets(document: DocxDocument, items) -> None:
    if not items:
        document.add_paragraph(L["none"])
    for item in items:
        document.add_paragraph(str(item), style="List Bullet")


def pack_docx(pack: MeetingPack) -> bytes:
    """The pack as the bytes of a .docx file."""
    document = Document()
    _styles(document)
    document.core_properties.title = f"{pack.alliance} {pack.quarter} {L['title']}"
    document.core_properties.language = "zh-CN"
    title = document.add_heading(f"{pack.alliance} {pack.quarter} {L['title']}", level=0)
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
        document.add_heading(section.heading, level=2)
        for line in section.lines:
            document.add_paragraph(line)
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
