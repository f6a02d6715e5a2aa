"""The snapshot round trip on every backend, ``lianmeng export …`` as people run it, the 导出 page."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook
from strategies import datasets
from streamlit.testing.v1 import AppTest

from graphdb.store import GraphStore
from lianmeng.cli import main
from lianmeng.cli.exports import EXPORTERS
from lianmeng.dataset import Dataset
from lianmeng.snapshot_json import dumps, loads

APP_PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "downloads.py")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dataset=datasets())
def test_snapshot_round_trip_through_the_store_is_exact(store: GraphStore, dataset: Dataset):
    store.replace_all(dataset)
    exported = dumps(store.snapshot(), revision=store.revision())
    store.clear()
    store.replace_all(loads(exported))
    assert store.snapshot().canonical() == dataset.canonical()


def test_every_export_is_registered():
    assert list(EXPORTERS) == ["pairings", "agreements", "agreement-template", "snapshot", "gexf", "graphml", "workbook"]


def test_cli_exports_read_back(data_dir: Path, tmp_path: Path, sample: Dataset, capsys):
    assert main(["demo"]) == 0
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", "snapshot", "-o", str(out / "s.json")]) == 0
    assert loads((out / "s.json").read_text(encoding="utf-8")).canonical() == sample.canonical()
    assert json.loads((out / "s.json").read_text(encoding="utf-8"))["revision"] == 1

    assert main(["export", "pairings", "-o", str(out / "p.xlsx"), "--alliance", "商区"]) == 0
    book = load_workbook(out / "p.xlsx")
    # street-level pairings never belong to an alliance: that sheet is empty and left out
    assert book.sheetnames == ["全部结对", "商区党建联盟", "联盟层面结对", "跨范围结对"]
    commercial = {"commercial"} | {o.id for o in sample.members_of("commercial")}
    assert book["商区党建联盟"].max_row - 1 == sum(
        1 for p in sample.pairings if {p.party_a, p.party_b} & commercial)

    assert main(["export", "pairings", "-o", str(out / "p.csv"), "--kind", "大联动", "--status", "进行中"]) == 0
    table = list(csv.reader(io.StringIO((out / "p.csv").read_text(encoding="utf-8-sig"))))
    assert len(table) == 1 + 84

    assert main(["export", "agreements", "-o", str(out / "agr"), "--level", "联盟层面"]) == 0
    files = sorted((out / "agr").iterdir())
    assert len(files) == 25 and files[0].name.startswith("001_")
    assert "{{" not in "\n".join(p.text for p in Document(files[0]).paragraphs)

    assert main(["export", "agreement-template", "-o", str(out / "t.docx")]) == 0
    assert main(["export", "agreements", "-o", str(out / "a.docx"), "--template", str(out / "t.docx"),
                 "--alliance", "园区", "--kind", "小联动"]) == 0
    captured = capsys.readouterr()
    assert "份结对共建协议书" in captured.out
    assert "正在生成协议书 25/25" in captured.err  # progress of the 25 separate files

    assert main(["export", "gexf", "-o", str(out / "g.gexf")]) == 0
    assert main(["export", "graphml", "-o", str(out / "g.graphml")]) == 0
    for graph in (nx.read_gexf(out / "g.gexf"), nx.read_graphml(out / "g.graphml")):
        assert graph.number_of_nodes() == 88 and graph.number_of_edges() == 183
        # the analysis measures of every organisation; the committee is not in that network
        prk02 = graph.nodes["prk-02"]
        assert prk02["centrality_betweenness"] == pytest.approx(0.142037, abs=1e-6)  # the sample's top broker
        assert {"centrality_degree", "centrality_pagerank", "centrality_closeness"} <= set(prk02)
        assert "centrality_degree" not in graph.nodes["street"]


def test_cli_refuses_bad_input_and_writes_nothing(data_dir: Path, tmp_path: Path, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["export", "pairings", "-o", str(tmp_path / "p.txt")]) == 1
    assert "扩展名" in capsys.readouterr().err
    assert main(["export", "pairings", "-o", str(tmp_path / "p.xlsx"), "--alliance", "月球"]) == 1
    assert "联盟“月球”不存在" in capsys.readouterr().err
    assert main(["export", "agreements", "-o", str(tmp_path / "d"), "--on", "1999-01-01"]) == 1
    assert "没有符合条件的结对" in capsys.readouterr().err
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"plain text")
    assert main(["export", "agreements", "-o", str(tmp_path / "a.docx"), "--template", str(bad)]) == 2
    assert "不是有效的 Word" in capsys.readouterr().err
    assert main(["export", "agreements", "-o", str(tmp_path / "a.docx"), "--template",
                 str(tmp_path / "missing.docx")]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.docx", "data"]


def test_downloads_page_offers_every_format_and_filters_change_the_count(data_dir: Path):
    at = AppTest.from_file(APP_PAGE, default_timeout=120).run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["183"]
    buttons = [b.proto.label for b in at.get("download_button")]
    assert buttons == ["结对清单（Excel）", "结对清单（CSV）", "协议书模板", "数据快照", "GEXF 图文件", "GraphML 图文件"]
    # the agreements (one page per pairing) are made on request, then offered
    at.button(key="make_agreements").click().run()
    assert not at.exception
    buttons = [b.proto.label for b in at.get("download_button")]
    assert buttons == ["结对清单（Excel）", "结对清单（CSV）", "结对共建协议书（183 页）", "协议书模板",
                       "数据快照", "GEXF 图文件", "GraphML 图文件"]
    at.selectbox(key="exports_alliance").select("商区党建联盟").run()
    assert [m.value for m in at.metric] == ["45"]
    at.selectbox(key="exports_level").select("街道层面").run()
    assert [m.value for m in at.metric] == ["0"]
    assert "结对共建协议书（0 页）" not in [b.proto.label for b in at.get("download_button")]
    assert at.info[0].value == "没有符合条件的结对，请放宽筛选条件。"


def test_docs_document_every_export_and_the_sample_sheet_counts(sample: Dataset):
    docs = Path(__file__).resolve().parent.parent / "docs"
    cli = (docs / "cli.md").read_text(encoding="utf-8")
    readme = (docs / "exports.md").read_text(encoding="utf-8")
    for name in EXPORTERS:
        assert f"### lianmeng export {name}\n" in cli, name
    counts = []
    for alliance in sample.alliances:
        mine = {alliance.id} | {o.id for o in sample.members_of(alliance.id)}
        n = sum(1 for p in sample.pairings if {p.party_a, p.party_b} & mine)
        counts.append(f"{alliance.name.removesuffix('党建联盟')} {n}")
    assert "、".join(counts) in readme.replace(", ", "、")
