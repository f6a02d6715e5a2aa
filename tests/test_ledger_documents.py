"""The chair's pack carries the quarter's activities and the project's milestones; the
年度工作报告 opens in LibreOffice with every section and its charts."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

from analysis.outcomes import outcomes
from exports.annual_report import SECTIONS, annual_report_docx
from lianmeng.cli import main
from lianmeng.dataset import Dataset
from lianmeng.ops.meetings import pack_for
from meetings.pack_docx import pack_docx
from meetings.pack_markdown import pack_markdown


def test_the_chairs_pack_shows_the_quarters_activities_and_the_milestones(sample: Dataset):
    pack = pack_for(sample, "校区", "2026Q2")
    campus = {o.id for o in sample.members_of("campus")} | {"campus"}
    ends = {p.id: {p.party_a, p.party_b} for p in sample.pairings}
    expected = [a for a in sample.activities if dt.date(2026, 4, 1) <= a.date <= dt.date(2026, 6, 30)
                and (a.alliance == "campus" or a.team == "T-care" or (a.project or "").startswith("PJ-campus")
                     or (set(a.organisations) | ends.get(a.pairing or "", set())) & campus)]
    assert len(pack.activities) == len(expected) > 10
    assert any(line.title == "关爱助学服务队集中服务" and line.date == dt.date(2026, 5, 20) for line in pack.activities)
    # on the meeting day (2026-06-16): 深化方案 done, 扩面推广 done only later (10-12), 评估 not yet due
    assert [(m.title, m.state) for m in pack.milestones] == [("深化方案", "已完成"), ("扩面推广", "未到期"),
                                                           ("第三方评估", "未到期")]
    text = "\n".join(p.text for p in Document(io.BytesIO(pack_docx(pack))).paragraphs)
    assert "本季度活动" in text and "共治项目里程碑" in text
    cells = {c.text for t in Document(io.BytesIO(pack_docx(pack))).tables for r in t.rows for c in r.cells}
    assert "关爱助学服务队集中服务" in cells and "深化方案" in cells
    markdown = pack_markdown(pack)
    assert "### 本季度活动" in markdown and "| 深化方案 | 2026-03-31 | 2026-03-25 | 已完成 |" in markdown


def test_the_annual_report_has_every_section_figure_and_project(sample: Dataset):
    data = annual_report_docx(sample, outcomes(sample, 2025))
    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h in SECTIONS] == list(SECTIONS)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "区域单位参与社区服务 3,246 人次" in text and "捐助资金 930,000 元" in text
    for project in ("网上信访联合接待大厅", "党群议事体系", "曹安路商圈诚信经营公益服务共同体", "品质教育社会资源库", "一中心一基地"):
        assert f"项目：{project}" in text
    assert "XX大学公共管理学院，得分 95" in text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/") and n.endswith(".png")]
    assert len(images) == 2
    # 2026: 园区 has no project yet, and says so
    text_2026 = "\n".join(p.text for p in Document(io.BytesIO(annual_report_docx(sample, outcomes(sample, 2026))))
                          .paragraphs)
    assert "2026 年尚未确定共治项目" in text_2026


def test_the_annual_report_carries_the_three_mechanisms_of_its_year(sample: Dataset):
    """Section 八 on the sample's 2026, made on 2026-11-30: 43 needs and 21 resources published;
    150 problems received, 145 with a verdict, 127 on time on all three deadlines (87.6 %),
    3 overdue (Q-S132, Q-S138, Q-S144); the 2026 pioneer round over 48 organisations."""
    data = annual_report_docx(sample, outcomes(sample, 2026), today=dt.date(2026, 11, 30))
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    needs = [i for i in sample.supply_demand if i.quarter.startswith("2026")]
    assert sum(i.kind.value == "need" for i in needs) == 43 and sum(i.kind.value == "resource" for i in needs) == 21
    rows = {t.rows[1].cells[0].text: [c.text for c in t.rows[1].cells] for t in document.tables
            if t.rows[0].cells[0].text == "类别"}
    assert rows["需求"][:2] == ["需求", "43"]
    assert "全年受理群众诉求 150 件；截至 2026-11-30，办结或已有结论 145 件" in text
    assert "三个时限全部按时的 127 件，按时率 87.6%；逾期未办 3 件" in text
    assert "48 个组织共收到 384 份测评" in text
    # a year without any of it says so rather than inventing figures
    text_2024 = "\n".join(p.text for p in Document(io.BytesIO(annual_report_docx(sample, outcomes(sample, 2024))))
                          .paragraphs)
    assert "全年受理群众诉求" not in text_2024 and "份测评" not in text_2024


def test_the_annual_report_is_an_office_document_naming_its_author(sample: Dataset, tmp_path: Path):
    from graphdb.guarded import GuardedStore
    from graphdb.sqlite_store import SqliteStore
    from lianmeng.access import Role, User
    from lianmeng.ops.ledger import annual_report
    from lianmeng.ops.needs import need_letter

    document = Document(io.BytesIO(annual_report_docx(sample, outcomes(sample, 2025))))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 37 and "PAGE" in section.footer._element.xml
    assert document.core_properties.title == "XX街道党工委2025年度区域化党建工作报告"
    assert document.core_properties.author == "XX街道党工委"  # nobody named: the street
    # the charts' paragraphs are not held to the body's exact line height (that clips them to one line)
    pictures = [p for p in document.paragraphs if "graphicData" in p._element.xml]
    assert len(pictures) == 2 and all(p.paragraph_format.line_spacing == 1.0 for p in pictures)
    with SqliteStore(tmp_path / "s.sqlite3") as raw:
        raw.replace_all(sample)
        planner = GuardedStore(raw, User("王规划", Role.PLANNER))
        made = Document(io.BytesIO(annual_report(planner, 2025)))
        assert made.core_properties.author == "王规划"
        assert Document(io.BytesIO(annual_report(raw, 2025))).core_properties.author == "XX街道党工委"
        item = sample.supply_demand[0]
        letter = Document(io.BytesIO(need_letter(planner, item.id, "notice")))
        assert letter.core_properties.author == "王规划" and letter.core_properties.title == f"告知书 {item.title}"


def test_report_command_writes_a_docx_and_refuses_another_suffix(data_dir: Path, tmp_path: Path, capsys):
    assert main(["demo"]) == 0
    assert main(["report", "--year", "2025", "-o", str(tmp_path / "r.docx")]) == 0
    assert "已写出 2025 年度工作报告" in capsys.readouterr().out
    assert (tmp_path / "r.docx").read_bytes()[:2] == b"PK"
    assert main(["report", "--year", "2025", "-o", str(tmp_path / "r.pdf")]) == 1
    assert ".docx" in capsys.readouterr().err


def test_activities_and_outcomes_commands(data_dir: Path, tmp_path: Path, capsys):
    import json

    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["outcomes", "--year", "2025", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["year"] == 2025 and result["street"]["volunteers"] == 3246
    assert result["street"]["previous"]["volunteers"] == 1118 and result["street"]["change"]["donated"] == 0.2917
    assert {a["id"] for a in result["alliances"]} == {"administrative", "community", "commercial", "campus", "park"}
    assert main(["activities", "--year", "2025", "--alliance", "校区", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 84 and all(r["date"].startswith("2025") for r in rows)
    assert main(["activities", "--year", "2025", "-o", str(tmp_path / "a.xlsx")]) == 0
    assert "已导出 469 条活动" in capsys.readouterr().out
    assert main(["activities", "--category", "打球"]) == 1
    assert "志愿服务" in capsys.readouterr().err


@pytest.mark.libreoffice
def test_libreoffice_opens_the_annual_report_with_every_section_and_its_charts(tmp_path: Path, sample: Dataset):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("未安装 LibreOffice（apt-get install libreoffice-writer-nogui）：跳过 LibreOffice 打开测试")
    source = tmp_path / "report.docx"
    source.write_bytes(annual_report_docx(sample, outcomes(sample, 2025)))
    result = subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=180)
    pdf = source.with_suffix(".pdf")
    assert result.returncode == 0 and pdf.read_bytes().startswith(b"%PDF"), result.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        squeezed = "".join(text.split())
        for heading in SECTIONS:
            assert "".join(heading.split()) in squeezed, heading
        assert "—1—" in squeezed and "—2—" in squeezed  # the page numbers of an office document
    if shutil.which("pdfimages"):
        listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, timeout=60).stdout
        assert len([line for line in listing.splitlines()[2:] if line.strip()]) >= 2
