"""结对共建协议书: Word documents filled from a template the office can edit (python-docx).

A template is any ``.docx`` with placeholders such as ``{{甲方}}`` or ``{{共建内容}}``
(:data:`PLACEHOLDERS` lists them). Word often splits what a person typed into several
runs (``{{甲`` + ``方}}``); :func:`fill_paragraph` works on the paragraph's whole text and
puts each replacement into the run where its placeholder began, so the first run's
formatting is kept and no placeholder is missed. Everything here returns bytes; the caller
writes files.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from exports import ExportError
from exports.office_docx import (
    BODY_FONT,
    HEADING_FONT,
    TITLE_FONT,
    fit_table,
    heading_style,
    name_document,
    office_document,
    page_number_footer,
    type_width,
)
from exports.pairing_rows import to_row
from exports.xml_text import xml_safe
from lianmeng.dataset import Dataset
from lianmeng.records import Organisation, Pairing
from lianmeng.texts import AGREEMENT_EXTRA_PLACEHOLDERS, PAIRING_HEADERS, say

__all__ = ["PLACEHOLDERS", "TemplateTooLarge", "strip_external", "TEMPLATE_MAX_BYTES", "TEMPLATE_MAX_XML",
           "BODY_FONT", "HEADING_FONT", "TemplateUnreadable", "default_agreement_template",
           "read_template", "agreement_values", "fill_paragraph", "fill_document", "agreement_files",
           "combined_agreements", "placeholders_in"]

#: every placeholder name a template may use (without the braces)
PLACEHOLDERS: tuple[str, ...] = (*PAIRING_HEADERS.values(), *AGREEMENT_EXTRA_PLACEHOLDERS.values())
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
# runs directly in a paragraph, and those inside hyperlinks, tracked insertions, smart tags
_RUNS = "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r"


class TemplateUnreadable(ExportError):
    """The template is not a .docx file python-docx can open."""


class TemplateTooLarge(TemplateUnreadable):
    """The template is bigger than any agreement needs (a bound on memory and time)."""


#: a template's file size, the uncompressed size of its XML and its number of parts: a
#: real agreement template is tens of kilobytes; the bounds keep a crafted one (60 MB of
#: XML in a 134 KB file) from taking minutes and hundreds of megabytes
TEMPLATE_MAX_BYTES = 10 * 1024 * 1024
TEMPLATE_MAX_XML = 8 * 1024 * 1024
TEMPLATE_MAX_PARTS = 500
#: fields that fetch content from outside the document when Word updates them
EXTERNAL_FIELDS = ("INCLUDEPICTURE", "INCLUDETEXT", "LINK", "DDE", "DDEAUTO", "IMPORT", "HYPERLINK", "DATABASE")


# --- the default template -----------------------------------------------------------------

#: the agreement's body size: 三号 (16 pt) leaves room for only 22 lines on the standard's
#: type area and an agreement needs about 30, so the body is 四号 (14 pt) on a 19 pt grid
#: (33 lines of 31 characters)
AGREEMENT_BODY_SIZE = 14
_AGREEMENT_LINE = Pt(19)


def _paragraph(document: DocumentObject, text: str, *, style: str | None = None,
               keep_with_next: bool = False, indent: bool = False) -> Paragraph:
    paragraph = document.add_paragraph(text, style=style)
    paragraph.paragraph_format.keep_with_next = keep_with_next
    paragraph.paragraph_format.keep_together = True
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(2 * AGREEMENT_BODY_SIZE)
    return paragraph


def _agreement_styles(document: DocumentObject) -> None:
    office_document(document, body_size=AGREEMENT_BODY_SIZE)
    normal = document.styles["Normal"].paragraph_format
    normal.space_before, normal.space_after = Pt(0), Pt(0)
    normal.line_spacing_rule, normal.line_spacing = WD_LINE_SPACING.EXACTLY, _AGREEMENT_LINE
    heading_style(document, "Title", TITLE_FONT, 22)
    heading_style(document, "Heading 1", HEADING_FONT, AGREEMENT_BODY_SIZE)
    for name, before, after in (("Title", 0, 4), ("Heading 1", 3, 0)):
        form = document.styles[name].paragraph_format
        form.space_before, form.space_after = Pt(before), Pt(after)
        form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        form.line_spacing = Pt(30) if name == "Title" else _AGREEMENT_LINE


def _borderless(table) -> None:
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    if borders is not None:
        table._tbl.tblPr.remove(borders)


def default_agreement_template() -> bytes:
    """The shipped template, as .docx bytes; offices may save it, edit it and pass it back.

    An office document (:mod:`exports.office_docx`): A4, GB/T 9704 margins, the title in
    Word's ``Title`` style (方正小标宋简体), headings ``Heading 1`` (黑体), the body
    ``Normal`` (仿宋_GB2312, 四号), page numbers in the footer. Filled, it takes exactly
    one page; the closing clause and the signature table are kept together on it. Every
    placeholder of :data:`PLACEHOLDERS` appears at least once.
    """
    document = Document()
    _agreement_styles(document)
    page_number_footer(document)
    title = document.add_paragraph("结对共建协议书", style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number = _paragraph(document, "编号：{{结对编号}}")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    parties = document.add_table(rows=4, cols=2)
    _borderless(parties)
    lines = [(f"{side}：{{{{{side}}}}}", f"所属联盟：{{{{{side}所属联盟}}}}", f"联系人：{{{{{side}联系人}}}}",
              f"联系电话：{{{{{side}电话}}}}") for side in ("甲方", "乙方")]
    for c, column in enumerate(lines):
        for r, text in enumerate(column):
            parties.cell(r, c).text = text
    fit_table(parties, [["甲" * 18, "乙" * 18]], width_pt=type_width(), size=AGREEMENT_BODY_SIZE, header=False)
    _paragraph(document,
               "为深化区域化党建“N区一会”工作，推动资源共享、优势互补、共驻共建，经双方协商，"
               "自愿结成{{层级}}“{{类型}}”结对共建关系，订立本协议。", indent=True)
    _paragraph(document, "一、共建内容", style="Heading 1", keep_with_next=True)
    _paragraph(document, "{{共建内容}}", indent=True)
    _paragraph(document, "二、共建期限", style="Heading 1", keep_with_next=True)
    _paragraph(document, "自 {{开始日期}} 起至 {{结束日期}} 止。当前状态：{{状态}}。", indent=True)
    _paragraph(document, "三、双方责任", style="Heading 1", keep_with_next=True)
    for line in (
        "1. 双方各确定一名联系人，每季度至少沟通一次共建进展，参加所属联盟的联席会议。",
        "2. 双方按照资源清单、需求清单、责任清单互通有无，共同开展组织生活、志愿服务和为民办实事项目。",
        "3. 群众反映的问题做到“一、三、十五工作日”：当天回应、三个工作日内明确答复、十五个工作日内基本解决。",
        "4. 协议期满前一个月，双方共同总结共建成效，商定是否续签。",
    ):
        _paragraph(document, line, indent=True)
    # the closing clause and the signatures stay on one page: never a lone 盖章 block
    _paragraph(document, "四、其他", style="Heading 1", keep_with_next=True)
    closing = _paragraph(document, "本协议一式三份，甲乙双方各执一份，报街道党工委备案一份，自双方签字盖章之日起生效。",
                         keep_with_next=True, indent=True)
    closing.paragraph_format.space_after = Pt(8)
    cells = (("甲方（盖章）：", "乙方（盖章）："),
             ("{{甲方}}", "{{乙方}}"),
             ("负责人签字：", "负责人签字："),
             ("日期：{{签订日期}}", "日期：{{签订日期}}"))
    table = document.add_table(rows=len(cells), cols=2)
    _borderless(table)
    for r, pair in enumerate(cells):
        for c, text in enumerate(pair):
            cell = table.cell(r, c)
            cell.text = text
            cell.paragraphs[0].paragraph_format.keep_with_next = r < len(cells) - 1
            cell.paragraphs[0].paragraph_format.keep_together = True
            if r >= 2:
                cell.paragraphs[0].paragraph_format.line_spacing = Pt(24)
    fit_table(table, [["甲" * 18, "乙" * 18]], width_pt=type_width(), size=AGREEMENT_BODY_SIZE, header=False)
    name_document(document, title="结对共建协议书（模板）", subject=say("agreement_template_subject"),
                  author=say("agreement_default_author"))
    return _save(document)


# --- reading and filling ----------------------------------------------------------------


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _check_size(data: bytes, source: str) -> None:
    """Refuse a template over the bounds before anything is parsed (the sizes are the zip
    directory's; a member that lies about its size ends in a read error, not in more)."""
    path = source or "模板"
    if len(data) > TEMPLATE_MAX_BYTES:
        raise TemplateTooLarge(say("template_too_large", path=path, size=_megabytes(len(data)),
                                   limit=_megabytes(TEMPLATE_MAX_BYTES)))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip: python-docx says so below, as for any unreadable file
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    if xml > TEMPLATE_MAX_XML or len(members) > TEMPLATE_MAX_PARTS:
        raise TemplateTooLarge(say("template_too_large", path=path, size=f"{_megabytes(xml)} XML",
                                   limit=f"{_megabytes(TEMPLATE_MAX_XML)} XML"))


def _open(data: bytes, source: str) -> DocumentObject:
    _check_size(data, source)
    try:
        document = Document(io.BytesIO(data))
    except Exception:  # zip, XML and python-docx's own errors all mean the same to a person
        raise TemplateUnreadable(say("template_unreadable", path=source or "模板",
                                     reason="不是有效的 Word（.docx）文件")) from None
    strip_external(document)
    return document


# --- nothing from outside the document ------------------------------------------------------

_REFERENCE_ATTRIBUTES = (qn("r:id"), qn("r:embed"), qn("r:link"), qn("r:href"))
#: the element a dangling reference takes with it: a picture, an object, or itself
_CONTAINERS = (qn("w:drawing"), qn("w:pict"), qn("w:object"))


def _xml_parts(document: DocumentObject) -> list:
    return [part for part in document.part.package.iter_parts() if hasattr(part, "_element")]


def _drop_external_relationships(document: DocumentObject) -> list[str]:
    removed = []
    for part in _xml_parts(document):
        gone = {r_id for r_id, rel in part.rels.items() if rel.is_external}
        if not gone:
            continue
        for r_id in gone:
            removed.append(part.rels[r_id].target_ref)
            part.rels.pop(r_id)
        for element in list(part._element.iter()):
            for attr in _REFERENCE_ATTRIBUTES:
                if element.get(attr) not in gone:
                    continue
                if element.tag == qn("w:hyperlink"):
                    del element.attrib[attr]  # the link's text stays, without the link
                    continue
                container = next((a for a in element.iterancestors() if a.tag in _CONTAINERS), element)
                if container.getparent() is not None:
                    container.getparent().remove(container)
                break
    return removed


def _instruction(text: str) -> str:
    words = text.strip().split()
    return words[0].upper() if words else ""


def _drop_external_fields(document: DocumentObject) -> list[str]:
    """Remove fields that fetch outside content, keeping the text they last showed."""
    removed = []
    for part in _xml_parts(document):
        root = part._element
        for simple in list(root.iter(qn("w:fldSimple"))):
            if _instruction(simple.get(qn("w:instr"), "")) in EXTERNAL_FIELDS:
                removed.append(simple.get(qn("w:instr")).strip())
                for child in list(simple):
                    simple.addprevious(child)
                simple.getparent().remove(simple)
        # complex fields: begin, instruction runs, separate, result runs, end (possibly nested
        # and across paragraphs); the instruction part and the markers of a fetching field go
        stack: list[dict] = []
        doomed = []
        for run in list(root.iter(qn("w:r"))):
            char = run.find(qn("w:fldChar"))
            kind = char.get(qn("w:fldCharType")) if char is not None else None
            if kind == "begin":
                stack.append({"instr": "", "runs": [run], "in_instruction": True})
            elif not stack:
                continue
            elif kind == "separate":
                stack[-1]["runs"].append(run)
                stack[-1]["in_instruction"] = False
            elif kind == "end":
                field = stack.pop()
                field["runs"].append(run)
                if _instruction(field["instr"]) in EXTERNAL_FIELDS:
                    removed.append(field["instr"].strip())
                    doomed += field["runs"]
                elif stack and stack[-1]["in_instruction"]:
                    stack[-1]["runs"] += field["runs"]
            elif stack[-1]["in_instruction"]:
                stack[-1]["runs"].append(run)
                stack[-1]["instr"] += "".join(t.text or "" for t in run.iter(qn("w:instrText")))
        for run in doomed:
            if run.getparent() is not None:
                run.getparent().remove(run)
    return removed


def strip_external(document: DocumentObject) -> list[str]:
    """Remove every external relationship (linked pictures, attached templates, links to
    files or servers) with what refers to it, and every field that fetches outside content
    (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE …; their last shown text stays). Returns what
    was removed, for a message."""
    return _drop_external_relationships(document) + _drop_external_fields(document)


def _paragraph_elements(document: DocumentObject, *, body: bool = True) -> Iterator:
    """Every w:p of the body (tables included, unless ``body`` is false), headers and footers."""
    if body:
        yield from document.element.body.iter(qn("w:p"))
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                     section.even_page_header, section.even_page_footer):
            if not part.is_linked_to_previous:
                yield from part._element.iter(qn("w:p"))


def _runs(p_element) -> list[Run]:
    return [Run(r, None) for r in p_element.xpath(_RUNS)]


def placeholders_in(document: DocumentObject) -> list[str]:
    """The placeholder names a document uses, in order of first appearance."""
    found: dict[str, None] = {}
    for p in _paragraph_elements(document):
        text = "".join(run.text for run in _runs(p))
        for match in _PLACEHOLDER.finditer(text):
            found.setdefault(match.group(1), None)
    return list(found)


def read_template(data: bytes | None = None, *, source: str = "") -> bytes:
    """Check a template (``None``: the default one) and return its bytes.

    Raises :class:`TemplateUnreadable` if it is not a .docx, :class:`TemplateTooLarge`
    over :data:`TEMPLATE_MAX_BYTES` or :data:`TEMPLATE_MAX_XML`, :class:`~exports.ExportError`
    naming the first unknown placeholder and the known ones. The bytes returned have
    every external relationship and fetching field removed (:func:`strip_external`).
    """
    if data is None:
        return default_agreement_template()
    document = _open(data, source)
    for name in placeholders_in(document):
        if name not in PLACEHOLDERS:
            raise ExportError(say("template_unknown_placeholder", name=name,
                                  choices="、".join("{{" + p + "}}" for p in PLACEHOLDERS)))
    return _save(document)  # without anything external


def fill_paragraph(p_element, values: Mapping[str, str]) -> int:
    """Replace every ``{{name}}`` of one paragraph, even split across runs; return how many.

    The replacement goes into the run where the placeholder starts (keeping that run's
    formatting); the rest of the placeholder is cut out of the runs that follow.
    """
    runs = _runs(p_element)
    texts = [run.text for run in runs]
    matches = [m for m in _PLACEHOLDER.finditer("".join(texts)) if m.group(1) in values]
    if not matches:
        return 0
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text)
    # right to left: a replacement only changes text at or after its own start, so the
    # starts and prefixes the matches further left rely on stay valid
    for match in reversed(matches):
        begin, end = match.span()
        first = _run_at(starts, texts, begin)
        for i in range(first, len(runs)):
            lo, hi = starts[i], starts[i] + len(texts[i])
            if lo >= end:
                break
            cut_lo, cut_hi = max(begin, lo) - lo, min(end, hi) - lo
            insert = values[match.group(1)] if i == first else ""
            texts[i] = texts[i][:cut_lo] + insert + texts[i][cut_hi:]
    for run, text in zip(runs, texts, strict=True):
        if run.text != text:
            run.text = text
    return len(matches)


def _run_at(starts: list[int], texts: list[str], position: int) -> int:
    """The run holding character ``position`` of the paragraph's text."""
    for i in range(len(texts)):
        if starts[i] <= position < starts[i] + len(texts[i]):
            return i
    raise AssertionError(position)  # pragma: no cover - a match lies inside the text


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else say("agreement_open_end")


def agreement_values(dataset: Dataset, pairing: Pairing, *, signed_on: dt.date | None = None) -> dict[str, str]:
    """Placeholder name → text for one pairing (contacts come from the organisations)."""
    row = to_row(dataset, pairing)
    values = {PAIRING_HEADERS[key]: str(value) for key, value in zip(PAIRING_HEADERS, row.values(), strict=True)}
    values[PAIRING_HEADERS["since"]] = _date(row.since)
    values[PAIRING_HEADERS["until"]] = _date(row.until)
    for side, party_id in (("a", pairing.party_a), ("b", pairing.party_b)):
        party = dataset.party(party_id)
        is_org = isinstance(party, Organisation)
        values[AGREEMENT_EXTRA_PLACEHOLDERS[f"contact_{side}"]] = party.contact if is_org else ""
        values[AGREEMENT_EXTRA_PLACEHOLDERS[f"phone_{side}"]] = party.phone if is_org else ""
    values[AGREEMENT_EXTRA_PLACEHOLDERS["pairing_id"]] = pairing.id
    values[AGREEMENT_EXTRA_PLACEHOLDERS["signed_on"]] = (signed_on or pairing.since).isoformat()
    return {name: xml_safe(text) for name, text in values.items()}


def fill_document(document: DocumentObject, values: Mapping[str, str], elements: Iterable | None = None) -> int:
    """Fill ``elements`` (default: the whole document with headers and footers)."""
    paragraphs = _paragraph_elements(document) if elements is None else (
        p for element in elements for p in element.iter(qn("w:p")))
    return sum(fill_paragraph(p, values) for p in list(paragraphs))


def _save(document: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _safe_name(text: str, limit: int = 30) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip(" .")[:limit] or "_"


def _author(dataset: Dataset, author: str | None) -> str:
    """Who the documents are from: the user if given, else the street committee."""
    if author:
        return author
    return dataset.committees[0].name if dataset.committees else say("agreement_default_author")


def agreement_files(dataset: Dataset, pairings: Sequence[Pairing], template: bytes,
                    progress: Callable[[int, int], None] | None = None, *,
                    author: str | None = None) -> list[tuple[str, bytes]]:
    """One agreement per pairing: ``(file name, .docx bytes)``, names numbered and unique.

    ``progress(done, total)`` is called after each document (about 15 ms each). The
    file properties name the pairing, its two parties, ``author`` (the user; default the
    street committee) and now.
    """
    files = []
    by = _author(dataset, author)
    now = dt.datetime.now(dt.UTC)
    for n, pairing in enumerate(pairings, start=1):
        document = _open(template, "")
        values = agreement_values(dataset, pairing)
        fill_document(document, values)
        name_document(document, title=f"结对共建协议书 {pairing.id}", author=by, now=now,
                      subject=say("agreement_subject", party_a=values["甲方"], party_b=values["乙方"]))
        name = f"{n:03d}_{_safe_name(dataset.name_of(pairing.party_a))}_{_safe_name(dataset.name_of(pairing.party_b))}.docx"
        files.append((name, _save(document)))
        if progress is not None:
            progress(n, len(pairings))
    return files


def _starts_page(element, body) -> list:
    """Make ``element`` start a new page: ``pageBreakBefore`` on a first paragraph (no empty
    line pushed onto the next page), else a paragraph holding a page break before it."""
    if element.tag == qn("w:p"):
        Paragraph(element, None).paragraph_format.page_break_before = True
        return []
    breaker = Paragraph(body.makeelement(qn("w:p"), {}), None)
    breaker.add_run().add_break(WD_BREAK.PAGE)
    return [breaker._p]


def combined_agreements(dataset: Dataset, pairings: Iterable[Pairing], template: bytes, *,
                        author: str | None = None) -> bytes:
    """All agreements in one document, each starting on a new page.

    The template's body is copied once per pairing inside the same document, so styles,
    numbering and pictures keep working. Placeholders in headers and footers are shared
    by every page, so they are filled with blanks here (use one file per pairing for them).
    """
    document = _open(template, "")
    body = document.element.body
    section = body.find(qn("w:sectPr"))
    original = [el for el in body if el is not section]
    for el in original:
        body.remove(el)
    count = 0
    for n, pairing in enumerate(pairings):
        added = [copy.deepcopy(el) for el in original]
        if n and added:
            added = _starts_page(added[0], body) + added
        for el in added:
            if section is not None:
                section.addprevious(el)
            else:
                body.append(el)
        fill_document(document, agreement_values(dataset, pairing), added)
        count += 1
    shared = _paragraph_elements(document, body=False)  # headers and footers
    for p in list(shared):
        fill_paragraph(p, dict.fromkeys(PLACEHOLDERS, ""))
    name_document(document, title=say("agreements_title", count=count), author=_author(dataset, author),
                  subject=say("agreement_template_subject"))
    return _save(document)
