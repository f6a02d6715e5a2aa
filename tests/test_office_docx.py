"""Word documents in the Chinese office style: A4, GB/T 9704 margins, explicit fonts and no
theme font, page numbers, file properties, tables fitted to content; LibreOffice counts pages."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from docx import Document
from docx.oxml.ns import qn
from export_data import small_street
from office_files import docx_fonts, page_texts, pdf_pages, to_pdf

from exports.agreement_docx import agreement_files, combined_agreements, default_agreement_template
from exports.office_docx import (
    BODY_FONT,
    HEADING_FONT,
    LATIN_FONT,
    SUBHEADING_FONT,
    TITLE_FONT,
    fit_table,
)
from exports.pairing_rows import select
from lianmeng.dataset import Dataset
from lianmeng.ops.meetings import pack_for
from meetings.pack_docx import pack_docx

OFFICE_FONTS = {TITLE_FONT, HEADING_FONT, BODY_FONT, SUBHEADING_FONT, LATIN_FONT, "宋体"}
A4_POINTS = (595.3, 841.9)


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def the_pack(sample_dataset) -> bytes:
    return pack_docx(pack_for(sample_dataset, "校区", "2026Q2"), author="张三")


@pytest.fixture(scope="module")
def sample_dataset() -> Dataset:
    from lianmeng.sample import sample_street

    return sample_street()


@pytest.mark.parametrize("which", ["agreement", "agreements", "pack"])
def test_fonts_are_the_office_fonts_and_no_theme_font_is_left(which: str, sample_dataset: Dataset, the_pack: bytes):
    dataset = small_street()
    data = {"agreement": lambda: agreement_files(dataset, select(dataset)[:1], default_agreement_template())[0][1],
            "agreements": lambda: combined_agreements(dataset, select(dataset), default_agreement_template()),
            "pack": lambda: the_pack}[which]()
    fonts, themes, langs = docx_fonts(data)
    assert fonts <= OFFICE_FONTS, fonts - OFFICE_FONTS
    assert {TITLE_FONT, BODY_FONT, HEADING_FONT} <= fonts
    assert themes == [] and langs == []  # no asciiTheme/eastAsiaTheme, no themeFontLang ja-JP
    document = open_docx(data)
    # the fallbacks sit in the font table, where Word looks for a missing font's substitute
    table = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable").blob.decode()
    assert f'<w:font w:name="{TITLE_FONT}"><w:altName w:val="黑体"/>' in table
    assert f'<w:font w:name="{BODY_FONT}"><w:altName w:val="仿宋"/>' in table and "ＭＳ" not in table
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


@pytest.mark.parametrize("which", ["agreement", "pack"])
def test_a4_with_the_standard_margins_and_page_numbers(which: str, the_pack: bytes):
    data = default_agreement_template() if which == "agreement" else the_pack
    section = open_docx(data).sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.05)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [m.mm for m in margins] == pytest.approx([37, 35, 28, 26], abs=0.05)
    footer = section.footer._element
    assert " PAGE " in "".join(footer.itertext()) and footer.xpath(".//w:fldChar[@w:fldCharType='begin']")


def test_agreement_body_and_title_sizes(sample_dataset: Dataset):
    document = open_docx(default_agreement_template())
    assert document.styles["Normal"].font.size.pt == 14  # 四号: 三号 does not fit one page
    assert document.styles["Title"].font.size.pt == 22  # 二号
    pack = open_docx(pack_docx(pack_for(sample_dataset, "校区", "2026Q2")))
    assert pack.styles["Normal"].font.size.pt == 16  # 三号


def test_file_properties_name_the_document_the_author_and_now(the_pack: bytes):
    dataset = small_street()
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    p1 = next(p for p in dataset.pairings if p.id == "p1")
    [(_, data)] = agreement_files(dataset, [p1], default_agreement_template(), author="李四")
    props = open_docx(data).core_properties
    assert props.title == "结对共建协议书 p1" and props.author == "李四" and props.language == "zh-CN"
    assert props.subject == "一号党支部 与 二号党支部 <&> 结对共建"
    assert before <= props.created.replace(tzinfo=dt.UTC) <= dt.datetime.now(dt.UTC)
    [(_, by_street)] = agreement_files(dataset, [p1], default_agreement_template())
    assert open_docx(by_street).core_properties.author == "测试街道党工委"
    pack = open_docx(the_pack).core_properties
    assert pack.title == "校区党建联盟 2026Q2 联席会议材料包" and pack.author == "张三"
    assert pack.subject == "校区党建联盟 联席会议材料" and pack.created.year >= 2026


def test_pack_tables_fit_their_content_and_repeat_the_header(the_pack: bytes):
    members = open_docx(the_pack).tables[0]
    assert [c.text for c in members.rows[0].cells] == ["组织", "单位", "联系人", "电话", "特色品牌"]
    grid = [int(c.get(qn("w:w"))) / 20 for c in members._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) == pytest.approx((210 - 28 - 26) / 25.4 * 72, abs=1)  # the type area
    # the phone number (13 Latin characters at 12 pt) fits on one line; the names column is wider
    assert grid[3] >= 13 * 0.6 * 12 and grid[0] > grid[2]
    assert members.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in members.rows)


@pytest.mark.parametrize(("rows", "expected"), [
    # everything fits: each column its longest line plus an equal share of the spare room
    ([["甲" * 10, "1"]], "fits"),
    # too long: a 13-character phone number keeps its width, the long text takes the rest
    ([["电话", "说明"], ["021-5484-6333", "长" * 100]], "shares"),
])
def test_fit_table_widths(rows, expected):
    document = Document()
    table = document.add_table(rows=len(rows), cols=2)
    fit_table(table, rows, width_pt=400, size=10)
    grid = [int(c.get(qn("w:w"))) / 20 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) == pytest.approx(400, abs=0.2)
    pad = 2 * 0.19 * 72 / 2.54
    if expected == "fits":
        spare = (400 - (100 + pad) - (40 + pad)) / 2
        assert grid == pytest.approx([100 + pad + spare, 40 + pad + spare], abs=0.1)
    else:
        assert grid[0] == pytest.approx(13 * 6 + pad, abs=0.1)


@pytest.mark.libreoffice
def test_libreoffice_prints_one_a4_page_per_agreement(tmp_path, sample_dataset: Dataset):
    pairings = select(sample_dataset)
    assert len(pairings) == 183
    started = time.process_time()
    data = combined_agreements(sample_dataset, pairings, default_agreement_template())
    assert time.process_time() - started < 10
    pdf = to_pdf(tmp_path, "agreements.docx", data)
    pages, size = pdf_pages(pdf)
    assert pages == len(pairings) and size == pytest.approx(A4_POINTS, abs=0.5)
    texts = page_texts(pdf)
    assert len(texts) == pages
    for n, (text, pairing) in enumerate(zip(texts, pairings, strict=True), start=1):
        # title, number and the whole signature block on the same page
        assert text.count("结对共建协议书") == 1 and pairing.id in text, n
        assert "乙方（盖章）" in text and text.count("负责人签字") == 2 and "日期：" in text, n


@pytest.mark.libreoffice
def test_libreoffice_prints_a_single_agreement_and_the_pack_on_a4(tmp_path, the_pack: bytes):
    dataset = small_street()
    [(_, one)] = agreement_files(dataset, select(dataset)[:1], default_agreement_template())
    assert pdf_pages(to_pdf(tmp_path, "one.docx", one)) == (1, pytest.approx(A4_POINTS, abs=0.5))
    pages, size = pdf_pages(to_pdf(tmp_path, "pack.docx", the_pack))
    assert pages >= 2 and size == pytest.approx(A4_POINTS, abs=0.5)
