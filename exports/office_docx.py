"""Word documents in the Chinese office style (GB/T 9704 as the reference), for python-docx.

What every document the product writes shares: A4 with the standard's margins (上 37 mm,
下 35 mm, 左 28 mm, 右 26 mm), the page number centred in the footer as ``— 1 —``, fonts
set explicitly on ``w:eastAsia`` with every theme font removed (Word lets a theme
attribute win over the explicit font, and python-docx's own template carries Japanese
theme defaults), core properties that name the document, its author and the time it was
written, and tables whose column widths follow their content and whose header row repeats
on every page.

Fonts. OOXML names one font per run and script; a fallback cannot be written per run. The
names chosen are those offices install for official documents: :data:`TITLE_FONT`
(方正小标宋简体) for titles, :data:`HEADING_FONT` (黑体) for headings, :data:`BODY_FONT`
(仿宋_GB2312) for text, :data:`SUBHEADING_FONT` (楷体_GB2312) for second-level headings.
The fallback is written once, in the font table
(``w:altName``, with the GB2312 character set so Word substitutes a Chinese font of the
same family): 方正小标宋简体 → 黑体, 仿宋_GB2312 → 仿宋 and 楷体_GB2312 → 楷体. Where none is installed (as
on a server with only Noto CJK), LibreOffice and Word substitute a Song/Hei face; the
layout is computed for the standard's metrics, so the page count holds.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table

from exports.xml_text import xml_safe

__all__ = ["TITLE_FONT", "TITLE_FALLBACK", "HEADING_FONT", "BODY_FONT", "BODY_FALLBACK", "SUBHEADING_FONT",
           "SUBHEADING_FALLBACK", "LATIN_FONT",
           "FONT_FALLBACKS", "A4", "MARGINS", "set_fonts", "office_document", "page_number_footer",
           "name_document", "fit_table", "add_table", "report_styles", "type_width", "text_width"]

TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "黑体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
BODY_FALLBACK = "仿宋"
SUBHEADING_FONT = "楷体_GB2312"
SUBHEADING_FALLBACK = "楷体"
#: digits and Latin letters (GB/T 9704 sets page numbers in 宋体 Arabic digits)
LATIN_FONT = "Times New Roman"
PAGE_NUMBER_FONT = "宋体"
#: font → what the font table tells Word to use when it is missing
FONT_FALLBACKS = {TITLE_FONT: TITLE_FALLBACK, BODY_FONT: BODY_FALLBACK, SUBHEADING_FONT: SUBHEADING_FALLBACK}

A4 = (Mm(210), Mm(297))
#: top, bottom, left, right (GB/T 9704-2012 §5.2.1: 天头 37 mm, 订口 28 mm, text 156 × 225 mm)
MARGINS = (Mm(37), Mm(35), Mm(28), Mm(26))
_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_TWIPS_PER_PT = 20
_TOKEN = re.compile(r"[\x21-\x7e]+")


def set_fonts(owner, east_asian: str, *, size: float | None = None, bold: bool | None = None,
              latin: str = LATIN_FONT) -> None:
    """Set a style's or run's fonts explicitly: ``east_asian`` for Chinese, ``latin`` for the rest."""
    owner.font.name = latin
    if size is not None:
        owner.font.size = Pt(size)
    if bold is not None:
        owner.font.bold = bold
    r_fonts = owner.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        r_fonts.set(qn(attr), latin)
    r_fonts.set(qn("w:eastAsia"), east_asian)
    for attr in _THEME_ATTRIBUTES:
        r_fonts.attrib.pop(qn(attr), None)


def _office_fonts_only(element) -> None:
    """No theme font anywhere, and the few styles that name another font (Courier for
    macro text, in python-docx's template) take the office ones."""
    known = {LATIN_FONT, PAGE_NUMBER_FONT, BODY_FONT, BODY_FALLBACK, HEADING_FONT, TITLE_FONT, SUBHEADING_FONT}
    for r_fonts in element.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRIBUTES:
            r_fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            if r_fonts.get(qn(attr)) not in (None, *known):
                r_fonts.set(qn(attr), BODY_FONT if attr == "w:eastAsia" else LATIN_FONT)


def _font_table(document: DocumentObject) -> None:
    part = document.part.part_related_by(RT.FONT_TABLE)
    fonts = [(LATIN_FONT, None, "00", "roman"), (PAGE_NUMBER_FONT, None, "86", "auto"),
             (BODY_FONT, BODY_FALLBACK, "86", "modern"), (BODY_FALLBACK, None, "86", "modern"),
             (HEADING_FONT, None, "86", "modern"), (TITLE_FONT, TITLE_FALLBACK, "86", "script"),
             (SUBHEADING_FONT, SUBHEADING_FALLBACK, "86", "script"), (SUBHEADING_FALLBACK, None, "86", "script")]
    entries = "".join(
        f'<w:font w:name="{name}">' + (f'<w:altName w:val="{alt}"/>' if alt else "")
        + f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        for name, alt, charset, family in fonts)
    part._blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts {nsdecls("w")}>'
                  f"{entries}</w:fonts>").encode()


def office_document(document: DocumentObject, *, body_size: float = 16) -> DocumentObject:
    """Make a fresh python-docx document an office document: A4 portrait with the standard's
    margins, explicit Chinese fonts everywhere and no theme font left, Chinese language."""
    styles_element = document.styles.element
    _office_fonts_only(styles_element)
    defaults = styles_element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    r_fonts = r_pr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        r_fonts.set(qn(attr), LATIN_FONT)
    r_fonts.set(qn("w:eastAsia"), BODY_FONT)
    lang = r_pr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    settings = document.settings.element
    for theme_lang in settings.findall(qn("w:themeFontLang")):
        settings.remove(theme_lang)
    # Word 2010's copy of the styles still names the theme fonts; Word rebuilds it if missing
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(r_id)
    _font_table(document)
    # python-docx's template carries a picture of an unrelated page as the file's thumbnail
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(r_id)
    set_fonts(document.styles["Normal"], BODY_FONT, size=body_size)
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = MARGINS
        section.header_distance, section.footer_distance = Mm(15), Mm(20)
    return document


def heading_style(document: DocumentObject, name: str, east_asian: str, size: float) -> None:
    """A built-in heading style in black ``east_asian`` at ``size`` points, not bold-faked."""
    style = document.styles[name]
    set_fonts(style, east_asian, size=size, bold=False)
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.italic = False
    p_pr = style.element.get_or_add_pPr()
    for border in p_pr.findall(qn("w:pBdr")):  # the Title style's blue rule
        p_pr.remove(border)


def page_number_footer(document: DocumentObject) -> None:
    """The page number centred in every section's footer as ``— N —`` (宋体 14 pt)."""
    for section in document.sections:
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.text = ""
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text, field in (("— ", None), (None, "PAGE"), (" —", None)):
            if field is None:
                run = paragraph.add_run(text)
                set_fonts(run, PAGE_NUMBER_FONT, size=14, latin=PAGE_NUMBER_FONT)
                continue
            for kind in ("begin", "instr", "separate", "number", "end"):
                run = paragraph.add_run()
                set_fonts(run, PAGE_NUMBER_FONT, size=14, latin=PAGE_NUMBER_FONT)
                if kind == "instr":
                    run._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {field} </w:instrText>'))
                elif kind == "number":
                    run.text = "1"
                else:
                    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))


def name_document(document: DocumentObject, *, title: str, subject: str, author: str,
                  now: dt.datetime | None = None) -> None:
    """Core properties: title, subject, author (the street or the user), created = now."""
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    props = document.core_properties
    props.title, props.subject = xml_safe(title), xml_safe(subject)
    props.author = props.last_modified_by = xml_safe(author)
    props.created = props.modified = now
    props.revision = 1
    props.language = "zh-CN"
    props.comments = props.keywords = props.category = ""


def text_width(text: str) -> int:
    """Width of ``text`` in half-width columns: a CJK character counts as two.

    >>> text_width("电话021")
    7
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _points(text: str, size: float) -> float:
    # a CJK character is one em; Latin digits and letters run about 0.6 em in the faces
    # offices use (Times New Roman, 宋体's Latin half)
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.6 * size for ch in text)


def _unbreakable(text: str, size: float) -> float:
    """The widest piece of ``text`` a line cannot break inside: a run of Latin letters,
    digits and punctuation such as a phone number or a date (CJK text breaks anywhere)."""
    return max((_points(token, size) for token in _TOKEN.findall(text)), default=0)


def fit_table(table: Table, rows: Sequence[Sequence[str]], *, width_pt: float, size: float,
              header: bool = True) -> None:
    """Column widths from content, the first row repeated on every page, no row split.

    As a browser lays out a table: each column needs at least its widest unbreakable piece
    (a phone number, a date, the header; never under four characters) and at most its
    longest line. When every longest line fits, columns get it and share the spare room;
    otherwise each gets its minimum plus a share of the rest in proportion to how much
    more it would take.
    """
    columns = max((len(r) for r in rows), default=0)
    if not columns:
        return
    pad = 2 * 0.19 * 72 / 2.54  # the default cell margins of Word and LibreOffice, both sides
    lows, highs = [], []
    for c in range(columns):
        cells = [str(r[c]) for r in rows if c < len(r)]
        lines = [line for cell in cells for line in cell.splitlines()] or [""]
        head = _points(cells[0], size) if header and cells else 0
        low = max(4 * size, head, *(_unbreakable(line, size) for line in lines)) + pad
        lows.append(low)
        highs.append(max(low, max(_points(line, size) for line in lines) + pad))
    if sum(highs) <= width_pt:
        spare = (width_pt - sum(highs)) / columns
        widths = [h + spare for h in highs]
    elif sum(lows) >= width_pt:
        widths = [width_pt * low / sum(lows) for low in lows]
    else:
        more = sum(h - low for h, low in zip(highs, lows, strict=True))
        room = width_pt - sum(lows)
        widths = [low + room * (h - low) / more for h, low in zip(highs, lows, strict=True)]
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>')
        tbl_pr.append(layout)
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = parse_xml(f'<w:tblW {nsdecls("w")}/>')
        tbl_pr.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(sum(widths) * _TWIPS_PER_PT)))
    for grid_col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid_col.set(qn("w:w"), str(round(w * _TWIPS_PER_PT)))
    for r, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
        if header and r == 0:
            tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        for cell, w in zip(row.cells, widths, strict=False):
            cell.width = Pt(w)


def type_width() -> float:
    """The type area's width in points: A4 less the left and right margins."""
    return (A4[0] - MARGINS[2] - MARGINS[3]) / 12700  # EMU per point


def add_table(document: DocumentObject, headers: Sequence[str], rows: Sequence[Sequence[object]], *,
              size: float, empty: str | None = None) -> None:
    """A "Table Grid" table in ``size`` points: the header row bold and repeated on every page,
    widths from content (:func:`fit_table`) over the type area, every text XML-safe. With no
    rows, the paragraph ``empty`` instead (no table at all when ``empty`` is ``None``)."""
    if not rows and empty is not None:
        document.add_paragraph(empty)
        return
    texts = [[xml_safe(str(v)) for v in row] for row in rows]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(xml_safe(text)).bold = True
    for row in texts:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    for row in table.rows:
        for cell in row.cells:
            form = cell.paragraphs[0].paragraph_format
            form.line_spacing, form.space_after = 1.0, Pt(0)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(size)
    fit_table(table, [list(headers), *texts], width_pt=type_width(), size=size)
    document.add_paragraph()


def report_styles(document: DocumentObject, *, table_size: float) -> None:
    """The styles of a long office document (the chair's pack, the annual report): text in
    仿宋 三号 on a 28 pt line, title 小标宋 二号, headings 黑体/楷体 三号, tables and captions
    in ``table_size`` points, everything black."""
    office_document(document, body_size=16)
    heading_style(document, "Title", TITLE_FONT, 22)
    heading_style(document, "Heading 1", HEADING_FONT, 16)
    heading_style(document, "Heading 2", SUBHEADING_FONT, 16)
    for name in ("Table Grid", "List Bullet", "Caption"):
        set_fonts(document.styles[name], BODY_FONT)
    for name in ("Table Grid", "Caption"):
        document.styles[name].font.size = Pt(table_size)
    document.styles["Caption"].font.color.rgb = RGBColor(0, 0, 0)
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = Pt(0)
    normal.line_spacing = Pt(28)
