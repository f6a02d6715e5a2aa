"""Agreements: templates read back with python-docx, placeholders filled even when split."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from export_data import TRICKY, small_street

from exports import ExportError
from exports.agreement_docx import (
    PLACEHOLDERS,
    TemplateUnreadable,
    agreement_files,
    agreement_values,
    combined_agreements,
    default_agreement_template,
    fill_document,
    placeholders_in,
    read_template,
)
from exports.office_docx import BODY_FONT, HEADING_FONT, TITLE_FONT
from exports.pairing_rows import select
from lianmeng.dataset import ChangeSet, replace_record


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def all_text(document) -> str:
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    return body + "\n" + cells


def east_asian(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia"))


def test_default_template_uses_every_placeholder_real_styles_and_chinese_fonts():
    document = open_docx(default_agreement_template())
    assert set(placeholders_in(document)) == set(PLACEHOLDERS)
    assert document.paragraphs[0].style.name == "Title" and document.paragraphs[0].text == "结对共建协议书"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、共建内容", "二、共建期限", "三、双方责任", "四、其他"]
    assert east_asian(document.styles["Normal"]) == BODY_FONT
    assert east_asian(document.styles["Heading 1"]) == HEADING_FONT
    assert east_asian(document.styles["Title"]) == TITLE_FONT


def test_one_agreement_filled_with_known_content():
    dataset = small_street()
    p1 = next(p for p in dataset.pairings if p.id == "p1")
    [(name, data)] = agreement_files(dataset, [p1], default_agreement_template())
    assert name == "001_一号党支部_二号党支部 _&_.docx"
    text = all_text(open_docx(data))
    assert "{{" not in text and "}}" not in text
    for expected in ("甲方：一号党支部", "乙方：二号党支部 <&>", "所属联盟：甲联盟", "联系人：张三", "021-1111",
                     f"联系人：{TRICKY}", TRICKY, "自 2026-01-01 起至 长期有效 止。当前状态：进行中。",
                     "编号：p1", "组织层面“小联动”", "日期：2026-01-01"):
        assert expected in text, expected


def test_a_placeholder_split_across_runs_is_filled_and_keeps_the_first_runs_format():
    document = Document()
    paragraph = document.add_paragraph()
    first = paragraph.add_run("甲方：{{甲")
    first.bold = True
    paragraph.add_run("")
    paragraph.add_run("方}}，乙方：{")
    paragraph.add_run("{乙方}")
    paragraph.add_run("}。{{共建内容}}")
    values = {"甲方": "一号<&>", "乙方": "二号🎉", "共建内容": "共建"}
    assert fill_document(document, values) == 3
    assert paragraph.text == "甲方：一号<&>，乙方：二号🎉。共建"
    assert paragraph.runs[0].text == "甲方：一号<&>" and paragraph.runs[0].bold
    buffer = io.BytesIO()
    document.save(buffer)
    assert open_docx(buffer.getvalue()).paragraphs[0].text == "甲方：一号<&>，乙方：二号🎉。共建"


def test_values_that_look_like_placeholders_are_not_filled_again():
    document = Document()
    paragraph = document.add_paragraph("{{共建内容}}-{{甲方}}")
    fill_document(document, {"共建内容": "{{甲方}}", "甲方": "A"})
    assert paragraph.text == "{{甲方}}-A"


def test_edited_template_with_a_split_placeholder_and_a_header(tmp_path):
    template = Document()
    template.sections[0].header.is_linked_to_previous = False
    template.sections[0].header.paragraphs[0].text = "协议 {{结对编号}}"
    paragraph = template.add_paragraph()
    paragraph.add_run("{{")
    paragraph.add_run("乙方")
    paragraph.add_run("}} 与 {{甲方}}")
    buffer = io.BytesIO()
    template.save(buffer)
    data = read_template(buffer.getvalue())
    dataset = small_street()
    p5 = next(p for p in dataset.pairings if p.id == "p5")
    [(_, filled)] = agreement_files(dataset, [p5], data)
    document = open_docx(filled)
    assert document.paragraphs[0].text == "乙联盟 与 甲联盟"
    assert document.sections[0].header.paragraphs[0].text == "协议 p5"


def test_one_page_per_pairing_in_a_single_file():
    dataset = small_street()
    pairings = select(dataset)
    document = open_docx(combined_agreements(dataset, pairings, default_agreement_template()))
    titles = [p for p in document.paragraphs if p.text == "结对共建协议书"]
    assert len(titles) == len(pairings) == 7
    # each agreement after the first starts with a title set to break the page before it,
    # so no empty line is pushed onto the new page
    starts = [p for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert [p.text for p in starts] == ["结对共建协议书"] * 6
    assert not document.element.body.xpath(".//w:br[@w:type='page']")
    text = all_text(document)
    assert "{{" not in text
    numbers = [p.text for p in document.paragraphs if p.text.startswith("编号：")]
    assert numbers == [f"编号：{p.id}" for p in pairings]
    assert len(document.tables) == 2 * 7  # the parties and the signatures
    assert document.core_properties.title == "结对共建协议书（7 份）"
    assert document.core_properties.author == "测试街道党工委"


def test_unknown_placeholder_and_unreadable_template_are_refused():
    template = Document()
    template.add_paragraph("{{甲方}} {{丙方}}")
    buffer = io.BytesIO()
    template.save(buffer)
    with pytest.raises(ExportError, match="丙方") as caught:
        read_template(buffer.getvalue())
    assert "{{甲方}}" in str(caught.value)
    with pytest.raises(TemplateUnreadable, match="不是有效的 Word"):
        read_template(b"not a zip", source="坏模板.docx")


def test_values_for_organisations_without_contacts_are_blank():
    dataset = small_street()
    p4 = next(p for p in dataset.pairings if p.id == "p4")
    values = agreement_values(dataset, p4)
    assert values["甲方联系人"] == "" and values["乙方电话"] == ""
    assert values["甲方所属联盟"] == "乙联盟" and values["乙方所属联盟"] == ""
    assert values["类型"] == "大联动·区域外" and values["结束日期"] == "长期有效"


def test_control_characters_are_dropped_from_agreements():
    dataset = small_street()
    p4 = next(p for p in dataset.pairings if p.id == "p4")
    rung = replace_record(p4, content="区\x07外合作")
    bell = dataset.with_changes(ChangeSet(upserts=[rung]))
    [(_, data)] = agreement_files(bell, [rung], default_agreement_template())
    assert "区外合作" in all_text(open_docx(data))
