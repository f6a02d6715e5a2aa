"""Agreement templates from elsewhere: nothing external survives, and size is bounded."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from export_data import small_street

from exports.agreement_docx import (
    TEMPLATE_MAX_XML,
    TemplateTooLarge,
    agreement_files,
    combined_agreements,
    read_template,
)
from exports.pairing_rows import select
from lianmeng.cli import main


def _hostile_template() -> bytes:
    document = Document()
    document.add_paragraph("甲方：{{甲方}}")
    part = document.part
    picture = part.relate_to("file:///C:/secret/logo.png", RT.IMAGE, is_external=True)
    link = part.relate_to("file://attacker.example/share/x", RT.HYPERLINK, is_external=True)
    body = document.element.body
    ns = nsdecls("w", "r", "a", "pic", "wp")
    body.append(parse_xml(
        f'<w:p {ns}><w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="p"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="p"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:link="{picture}"/></pic:blipFill><pic:spPr/></pic:pic>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r><w:r><w:t>图后文字</w:t></w:r></w:p>'))
    body.append(parse_xml(
        f'<w:p {ns}><w:hyperlink r:id="{link}"><w:r><w:t>链接文字</w:t></w:r></w:hyperlink></w:p>'))
    body.append(parse_xml(
        f'<w:p {ns}><w:fldSimple w:instr=\' INCLUDEPICTURE "http://attacker.example/a.png" \\d \'>'
        '<w:r><w:t>图片占位</w:t></w:r></w:fldSimple></w:p>'))
    body.append(parse_xml(
        f'<w:p {ns}><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> INCLUDETEXT "\\\\\\\\attacker\\\\share\\\\x.docx" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>上次的文字{{乙方}}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'))
    document.part.part_related_by(RT.SETTINGS).relate_to("file:///C:/templates/attached.dotm",
                                     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                     "attachedTemplate", is_external=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _parts(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                         if n.endswith((".xml", ".rels")))


def test_external_relationships_and_fetching_fields_are_removed():
    hostile = _hostile_template()
    assert 'TargetMode="External"' in _parts(hostile) and "INCLUDEPICTURE" in _parts(hostile)
    cleaned = read_template(hostile, source="外来模板.docx")
    dataset = small_street()
    pairing = select(dataset)[0]
    [(_, filled)] = agreement_files(dataset, [pairing], cleaned)
    for data in (cleaned, filled, combined_agreements(dataset, [pairing], hostile)):
        xml = _parts(data)
        assert 'TargetMode="External"' not in xml and "attacker" not in xml and "C:/" not in xml
        assert "INCLUDEPICTURE" not in xml and "INCLUDETEXT" not in xml and "<w:drawing" not in xml
        assert " PAGE " in xml  # fields that fetch nothing stay
    text = "\n".join(p.text for p in Document(io.BytesIO(filled)).paragraphs)
    # what the removed things showed stays as plain text, placeholders inside it are filled
    assert "图后文字" in text and "链接文字" in text and "图片占位" in text
    assert f"上次的文字{dataset.name_of(pairing.party_b)}" in text


def _oversized() -> bytes:
    document = Document()
    document.add_paragraph("{{甲方}}")
    # compresses to almost nothing, expands past the bound
    document.add_paragraph("协" * (TEMPLATE_MAX_XML // 3 + 1000))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_oversized_template_is_refused_quickly_in_chinese(tmp_path, data_dir, capsys):
    data = _oversized()
    assert len(data) < 200_000
    started = time.process_time()
    with pytest.raises(TemplateTooLarge, match="过大") as caught:
        read_template(data, source="巨大.docx")
    assert time.process_time() - started < 1.0  # refused from the zip directory, nothing parsed
    assert "巨大.docx" in str(caught.value) and "8.0 MB" in str(caught.value)
    path = tmp_path / "巨大.docx"
    path.write_bytes(data)
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["export", "agreements", "-o", str(tmp_path / "a.docx"), "--template", str(path)]) == 2
    err = capsys.readouterr().err
    assert "过大" in err and "Traceback" not in err and not (tmp_path / "a.docx").exists()
