"""告知书 and 认领书 of the 供需清单 (issue 17): one Word document per need or resource,
from an editable template with ``{{…}}`` placeholders (filled the way the pairing
agreement is, even where Word split a placeholder into pieces).

Placeholders: {{编号}} {{单位}} {{所属联盟}} {{类型}} {{季度}} {{标题}} {{类别}} {{说明}}
{{数量/时间}} {{联系人}} {{认领单位}} {{认领日期}} {{完成日期}} {{关闭日期}} {{备注}}.
"""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from exports import ExportError
from exports.agreement_docx import _open, _save, fill_document, placeholders_in
from exports.office_docx import (
    TITLE_FONT,
    heading_style,
    name_document,
    office_document,
    page_number_footer,
)
from exports.xml_text import xml_safe
from lianmeng.dataset import Dataset
from lianmeng.records import SupplyDemandItem
from lianmeng.streets import place_name
from lianmeng.texts import NEED_KIND_LABELS, say

__all__ = ["NEED_PLACEHOLDERS", "default_need_template", "need_document", "need_values"]

NEED_PLACEHOLDERS: tuple[str, ...] = ("编号", "单位", "所属联盟", "类型", "季度", "标题", "类别", "说明", "数量/时间",
                                      "联系人", "认领单位", "认领日期", "完成日期", "关闭日期", "备注")
#: which document: 告知书 (published) or 认领书 (claimed)
TITLES = {"notice": "供需项目告知书", "claim": "供需项目认领书"}


def default_need_template(which: str) -> bytes:
    """The shipped 告知书 (``notice``) or 认领书 (``claim``) template as .docx bytes."""
    document = office_document(Document(), body_size=16)  # A4, GB/T 9704 margins, office fonts
    heading_style(document, "Title", TITLE_FONT, 22)
    page_number_footer(document)
    title = document.add_paragraph(TITLES[which], style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("编号：{{编号}}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if which == "notice":
        document.add_paragraph("{{单位}}（{{所属联盟}}）现于 {{季度}} 发布以下{{类型}}，欢迎各成员单位认领：")
    else:
        document.add_paragraph("{{认领单位}}于 {{认领日期}} 认领{{单位}}（{{所属联盟}}）发布的 {{季度}} {{类型}}，"
                               "双方按本认领书共同落实：")
    for line in ("项目：{{标题}}", "类别：{{类别}}", "说明：{{说明}}", "数量/时间：{{数量/时间}}", "联系人：{{联系人}}"):
        document.add_paragraph(line)
    if which == "claim":
        document.add_paragraph("完成日期：{{完成日期}}　　备注：{{备注}}")
    table = document.add_table(rows=2, cols=2)
    cells = (("发布单位（盖章）：{{单位}}", "认领单位（盖章）：{{认领单位}}" if which == "claim" else "街道党工委（备案）"),
             ("日期：", "日期："))
    for r, pair in enumerate(cells):
        for c, text in enumerate(pair):
            table.cell(r, c).text = text
    return _save(document)


def need_values(dataset: Dataset, item: SupplyDemandItem) -> dict[str, str]:
    def day(value: object) -> str:
        return value.isoformat() if value else ""  # type: ignore[attr-defined]

    values = {"编号": item.id, "单位": dataset.name_of(item.organisation),
              "所属联盟": dataset.name_of(item.alliance) if item.alliance else "区域单位",
              "类型": NEED_KIND_LABELS[item.kind.value], "季度": item.quarter, "标题": item.title,
              "类别": item.category, "说明": item.description, "数量/时间": item.quantity, "联系人": item.contact,
              "认领单位": dataset.name_of(item.claimed_by) if item.claimed_by else "", "认领日期": day(item.claimed_on),
              "完成日期": day(item.fulfilled_on), "关闭日期": day(item.closed_on), "备注": item.note}
    return {k: xml_safe(v) for k, v in values.items()}


def need_document(dataset: Dataset, item: SupplyDemandItem, which: str, template: bytes | None = None,
                  *, source: str = "", author: str = "") -> bytes:
    """The filled 告知书 or 认领书; an unknown placeholder in ``template`` is refused. The
    file properties name the letter and ``author`` (the signed-in person; else the street)."""
    document = _open(template if template is not None else default_need_template(which), source)
    for name in placeholders_in(document):
        if name not in NEED_PLACEHOLDERS:
            raise ExportError(say("template_unknown_placeholder", name=name,
                                  choices="、".join("{{" + p + "}}" for p in NEED_PLACEHOLDERS)))
    fill_document(document, need_values(dataset, item))
    street = place_name(dataset)
    letter = say("need_letter_notice" if which == "notice" else "need_letter_claim")
    name_document(document, title=f"{letter} {item.title}", subject=f"{letter} {item.id}",
                  author=author or street or say("agreement_default_author"))
    return _save(document)
