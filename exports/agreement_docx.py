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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from exports import ExportError
from exports.pairing_rows import to_row
from exports.xml_text import xml_safe
from lianmeng.dataset import Dataset
from lianmeng.records import Organisation, Pairing
from lianmeng.texts import AGREEMENT_EXTRA_PLACEHOLDERS, PAIRING_HEADERS, say

__all__ = ["PLACEHOLDERS", "BODY_FONT", "HEADING_FONT", "TemplateUnreadable", "default_agreement_template",
           "read_template", "agreement_values", "fill_paragraph", "fill_document", "agreement_files",
           "combined_agreements", "placeholders_in"]

#: every placeholder name a template may use (without the braces)
PLACEHOLDERS: tuple[str, ...] = (*PAIRING_HEADERS.values(), *AGREEMENT_EXTRA_PLACEHOLDERS.values())
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
# runs directly in a paragraph, and those inside hyperlinks, tracked insertions, smart tags
_RUNS = "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r"


class TemplateUnreadable(ExportError):
    """The template is not a .docx file python-docx can open."""


# --- the default template -----------------------------------------------------------------


def _east_asian(font_owner, name: str) -> None:
    """Set the Latin and the East Asian font: Word uses w:eastAsia for Chinese text."""
    font_owner.font.name = name
    r_pr = font_owner.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:  # pragma: no cover - font.name has just created it
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    r_fonts.set(qn("w:eastAsia"), name)


def _style_fonts(document: DocumentObject) -> None:
    normal = document.styles["Normal"]
    _east_asian(normal, BODY_FONT)
    normal.font.size = Pt(14)
    for name, size in (("Title", 22), ("Heading 1", 16)):
        style = document.styles[name]
        _east_asian(style, HEADING_FONT)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.bold = True


def default_agreement_template() -> bytes:
    """The shipped template, as .docx bytes; offices may save it, edit it and pass it back.

    Headings use Word's own ``Title`` and ``Heading 1`` styles (黑体), the body ``Normal``
    (仿宋); every placeholder of :data:`PLACEHOLDERS` appears at least once.
    """
    document = Document()
    _style_fonts(document)
    title = document.add_paragraph("结对共建协议书", style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number = document.add_paragraph("编号：{{结对编号}}")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for side in ("甲方", "乙方"):
        document.add_paragraph(f"{side}：{{{{{side}}}}}")
        document.add_paragraph(f"所属联盟：{{{{{side}所属联盟}}}}")
        document.add_paragraph(f"联系人：{{{{{side}联系人}}}}　联系电话：{{{{{side}电话}}}}")
    document.add_paragraph(
        "为深化区域化党建“N区一会”工作，推动资源共享、优势互补、共驻共建，经双方协商，"
        "自愿结成{{层级}}“{{类型}}”结对共建关系，订立本协议。")
    document.add_paragraph("一、共建内容", style="Heading 1")
    document.add_paragraph("{{共建内容}}")
    document.add_paragraph("二、共建期限", style="Heading 1")
    document.add_paragraph("自 {{开始日期}} 起至 {{结束日期}} 止。当前状态：{{状态}}。")
    document.add_paragraph("三、双方责任", style="Heading 1")
    for line in (
        "1. 双方各确定一名联系人，每季度至少沟通一次共建进展，参加所属联盟的联席会议。",
        "2. 双方按照资源清单、需求清单、责任清单互通有无，共同开展组织生活、志愿服务和为民办实事项目。",
        "3. 群众反映的问题做到“一、三、十五工作日”：当天回应、三个工作日内明确答复、十五个工作日内基本解决。",
        "4. 协议期满前一个月，双方共同总结共建成效，商定是否续签。",
    ):
        document.add_paragraph(line)
    document.add_paragraph("四、其他", style="Heading 1")
    document.add_paragraph("本协议一式三份，甲乙双方各执一份，报街道党工委备案一份，自双方签字盖章之日起生效。")
    table = document.add_table(rows=3, cols=2)
    cells = (("甲方（盖章）：{{甲方}}", "乙方（盖章）：{{乙方}}"),
             ("负责人签字：", "负责人签字："),
             ("日期：{{签订日期}}", "日期：{{签订日期}}"))
    for r, pair in enumerate(cells):
        for c, text in enumerate(pair):
            table.cell(r, c).text = text
    return _save(document)


# --- reading and filling ----------------------------------------------------------------


def _open(data: bytes, source: str) -> DocumentObject:
    try:
        return Document(io.BytesIO(data))
    except Exception:  # zip, XML and python-docx's own errors all mean the same to a person
        raise TemplateUnreadable(say("template_unreadable", path=source or "模板",
                                     reason="不是有效的 Word（.docx）文件")) from None


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

    Raises :class:`TemplateUnreadable` if it is not a .docx, :class:`~exports.ExportError`
    naming the first unknown placeholder and the known ones.
    """
    if data is None:
        return default_agreement_template()
    document = _open(data, source)
    for name in placeholders_in(document):
        if name not in PLACEHOLDERS:
            raise ExportError(say("template_unknown_placeholder", name=name,
                                  choices="、".join("{{" + p + "}}" for p in PLACEHOLDERS)))
    return data


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


def agreement_files(dataset: Dataset, pairings: Sequence[Pairing], template: bytes,
                    progress: Callable[[int, int], None] | None = None) -> list[tuple[str, bytes]]:
    """One agreement per pairing: ``(file name, .docx bytes)``, names numbered and unique.

    ``progress(done, total)`` is called after each document (about 15 ms each).
    """
    files = []
    for n, pairing in enumerate(pairings, start=1):
        document = _open(template, "")
        fill_document(document, agreement_values(dataset, pairing))
        name = f"{n:03d}_{_safe_name(dataset.name_of(pairing.party_a))}_{_safe_name(dataset.name_of(pairing.party_b))}.docx"
        files.append((name, _save(document)))
        if progress is not None:
            progress(n, len(pairings))
    return files


def combined_agreements(dataset: Dataset, pairings: Iterable[Pairing], template: bytes) -> bytes:
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
    for n, pairing in enumerate(pairings):
        added = []
        if n:
            breaker = Paragraph(body.makeelement(qn("w:p"), {}), None)
            breaker.add_run().add_break(WD_BREAK.PAGE)
            added.append(breaker._p)
        added += [copy.deepcopy(el) for el in original]
        for el in added:
            if section is not None:
                section.addprevious(el)
            else:
                body.append(el)
        fill_document(document, agreement_values(dataset, pairing), added)
    shared = _paragraph_elements(document, body=False)  # headers and footers
    for p in list(shared):
        fill_paragraph(p, dict.fromkeys(PLACEHOLDERS, ""))
    return _save(document)
