"""The chair's meeting pack: content from the store, Word and Markdown writers, LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn

from analysis.recommend import recommend
from graphdb.store import GraphStore
from lianmeng.dataset import Dataset, replace_record
from lianmeng.ops.meetings import missing_linkages, pack_for, recommended_partners
from lianmeng.records import Pairing, PairingKind, PairingStatus
from meetings.pack import AGENDA_LEAD_DAYS
from meetings.pack_docx import pack_docx
from meetings.pack_markdown import pack_markdown

NEW_PAIR = Pairing(party_a="edu-08", party_b="edu-07", kind=PairingKind.SMALL, content="社区学校与少年宫共办暑托班",
                   since=dt.date(2026, 5, 1))


@pytest.fixture
def edited(store: GraphStore, sample: Dataset) -> Dataset:
    """The sample with one pairing started and one ended between campus's Q1 and Q2 meetings."""
    store.replace_all(sample)
    ending = next(p for p in sample.pairings
                  if p.is_active and p.kind is PairingKind.SMALL and "edu-03" in (p.party_a, p.party_b))
    store.upsert([NEW_PAIR, replace_record(ending, status=PairingStatus.ENDED, until=dt.date(2026, 4, 1))])
    return store.snapshot()


def ending_pair(dataset: Dataset) -> Pairing:
    return next(p for p in dataset.pairings if p.until == dt.date(2026, 4, 1))


def test_pack_content_matches_the_store(edited: Dataset):
    pack = pack_for(edited, "校区", "2026Q2")
    held = next(m for m in edited.meetings if m.id == "M-campus-2026Q2")
    assert (pack.chair_id, pack.chair) == (held.chair, "XX实验幼儿园党支部")
    assert pack.held and pack.meeting_date == dt.date(2026, 6, 16) == held.date
    assert pack.agenda_deadline == dt.date(2026, 6, 1) == held.date - dt.timedelta(days=AGENDA_LEAD_DAYS)
    assert pack.last_meeting_date == dt.date(2026, 3, 16)
    assert [m.name for m in pack.members] == [o.name for o in edited.members_of("campus")]
    assert [(m.contact, m.phone) for m in pack.members] == [(o.contact, o.phone) for o in edited.members_of("campus")]
    started = {(p.party_a, p.party_b, p.since) for p in pack.pairings_started}
    assert started == {
        ("XX社区学校党支部", "XX少年宫党支部", dt.date(2026, 5, 1)),  # the one we added
        ("兴业银行XX支行党支部", "XX实验幼儿园党支部", dt.date(2026, 3, 28)),  # from the sample
        ("校区党建联盟", "园区党建联盟", dt.date(2026, 4, 9)),
    }
    assert [p.id for p in pack.pairings_ended] == [ending_pair(edited).id]
    # 社区学校 now has a small linkage; 少年宫 (small only) and 社区学校 still lack a large one
    assert [(g.name, g.missing) for g in pack.gaps] == [("XX少年宫党支部", ("大联动",)),
                                                          ("XX社区学校党支部", ("大联动",))]
    assert pack.last_decisions == next(m for m in edited.meetings if m.id == "M-campus-2026Q1").decisions
    assert [(a.quarter, a.present, a.expected) for a in pack.attendance] == [("2026Q1", 8, 8)]
    assert pack.project == "品质教育社会资源库" and pack.unified_action == "三优三名"
    assert len(pack.brands) == sum(len(o.brands) for o in edited.members_of("campus"))
    assert [d for d, _ in pack.action_days] == [dt.date(2026, 5, 20), dt.date(2026, 10, 20)]
    assert pack.next_chair == "XX社区学校党支部"  # who chaired 2026Q3


def test_a_planned_quarter_uses_the_rotation_and_flags_absentees(sample: Dataset):
    pack = pack_for(sample, "community", "2027Q1")
    assert not pack.held
    assert pack.chair == "新郁社区党总支"
    assert pack.meeting_date == dt.date(2027, 3, 12) and pack.agenda_deadline == dt.date(2027, 2, 25)
    assert pack.absentees == ("东新社区党支部",)
    assert pack.last_decisions == next(m for m in sample.meetings if m.id == "M-community-2026Q4").decisions


def test_missing_linkages_come_from_the_coverage_analysis(sample: Dataset):
    # the sample leaves edu-07 without a large linkage and edu-08 with neither (lianmeng/sample.py)
    assert missing_linkages(sample, "campus") == {"edu-07": {"large"}, "edu-08": {"small", "large"}}


def test_the_pack_recommends_the_analysis_top_partners(sample: Dataset):
    recs = recommended_partners(sample, {"edu-07": {"large"}, "edu-08": {"small", "large"}})
    # edu-07 lacks only a large linkage: the top three large candidates, in order
    assert [(n, s) for n, s, _ in recs["edu-07"]] == [(c.name, c.score) for c in recommend(sample, "edu-07", "large",
                                                                                          top=3)]
    assert [n for n, _, _ in recs["edu-07"]] == ["新业坊文创园党支部", "智慧谷产业园党支部", "社区文化活动中心党支部"]
    # edu-08 lacks both: best small, best large, second small; the first reason names the linkage.
    # edu-08 is strong in the 2026 先锋指数 round (85.6) and the two small partners weak (幼儿园 59.4,
    # 职业技术学校 below 75 too): each gets 1 for 以强带弱 (the 少年宫, 76.6, does not)
    assert [(n, s, r[0]) for n, s, r in recs["edu-08"]] == [
        ("XX实验幼儿园党支部", 3.2, "小联动"), ("智慧谷产业园党支部", 6.0, "大联动"),
        ("XX职业技术学校党支部", 2.166667, "小联动")]
    assert any("以强带弱" in reason and "（85.6）" in reason for reason in recs["edu-08"][0][2])
    pack = pack_for(sample, "campus", "2026Q2")
    assert {g.id: [n for n, _, _ in g.recommendations] for g in pack.gaps} == {
        "edu-07": ["新业坊文创园党支部", "智慧谷产业园党支部", "社区文化活动中心党支部"],
        "edu-08": ["XX实验幼儿园党支部", "智慧谷产业园党支部", "XX职业技术学校党支部"]}
    assert "智慧谷产业园党支部（6.00：大联动、" in pack_markdown(pack)


def test_given_recommendations_are_laid_out(sample: Dataset):
    recs = {"edu-08": [("XX少年宫党支部", 0.91, ["同为校区", "资源互补"]), ("B", 0.5, ["x"]), ("C", 0.4, []),
                       ("D", 0.1, [])]}
    pack = pack_for(sample, "campus", "2026Q2", recommendations=recs)
    gap = next(g for g in pack.gaps if g.id == "edu-08")
    assert gap.missing == ("小联动", "大联动")
    assert gap.recommendations == (("XX少年宫党支部", 0.91, ("同为校区", "资源互补")), ("B", 0.5, ("x",)),
                                   ("C", 0.4, ()))
    assert "XX少年宫党支部（0.91：同为校区、资源互补）" in pack_markdown(pack)


def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_word_pack_opens_with_real_styles_and_chinese_fonts(edited: Dataset):
    pack = pack_for(edited, "校区", "2026Q2")
    document = Document(io.BytesIO(pack_docx(pack)))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2"} <= styles
    assert document.tables and {t.style.name for t in document.tables} == {"Table Grid"}
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    heading = document.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert heading.get(qn("w:eastAsia")) == "黑体"
    text = _docx_text(document)
    for needle in ["XX实验幼儿园党支部", "2026-06-16", "2026-06-01", "社区学校与少年宫共办暑托班",
                   *(o.name for o in edited.members_of("campus")), *(o.contact for o in edited.members_of("campus"))]:
        assert needle in text, needle
    members_table = document.tables[0]
    assert [c.text for c in members_table.rows[0].cells] == ["组织", "单位", "联系人", "电话", "特色品牌"]
    assert len(members_table.rows) == 1 + len(edited.members_of("campus"))


def test_markdown_escapes_user_text_in_tables(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    org = next(o for o in sample.organisations if o.id == "edu-01")
    store.upsert([replace_record(org, contact="张|强 <b>*", brands=("送教|进市场",))])
    text = pack_markdown(pack_for(store.snapshot(), "campus", "2026Q2"))
    row = next(line for line in text.splitlines() if line.startswith("| XX幼儿园党支部 |"))
    assert "张\\|强 \\<b\\>\\*" in row
    # five columns: six unescaped pipes
    assert row.replace("\\|", "").count("|") == 6
    assert "<b>" not in text


def _converted(tmp_path, name: str, data: bytes):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("未安装 LibreOffice（apt-get install libreoffice-writer-nogui）：跳过 LibreOffice 打开测试")
    source = tmp_path / name
    source.write_bytes(data)
    result = subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=180)
    return result, source.with_suffix(".pdf")


@pytest.mark.libreoffice
def test_libreoffice_renders_the_sample_pack(tmp_path, sample: Dataset):
    pack = pack_for(sample, "校区", "2026Q2")
    result, pdf = _converted(tmp_path, "pack.docx", pack_docx(pack))
    assert result.returncode == 0, result.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        assert "实验幼儿园党支部" in text and "联席会议材料包" in text  # pdftotext spaces "XX 实验"
