"""A district of streets in one store (issue 13): committees nest 区委 → 街道党工委 → 二级党委
→ 联盟; a committee's 上级 is kept (unknown or circular refused with the row named); a
pairing between members of two streets is its own kind 跨街道; the sidebar offers the
streets and 全区, and the district overview puts the streets side by side."""

from __future__ import annotations

import json
from pathlib import Path

from app_pages import APP
from streamlit.testing.v1 import AppTest
from test_cli import run_cli

from graphdb.sqlite_store import SqliteStore
from lianmeng.records import PairingKind
from lianmeng.streets import place_name, scoped, streets
from lianmeng.texts import count_words

DISTRICT = {
    "党委.csv": "名称,层级,上级\nXX区委,区委,\n东街道党工委,街道党工委,XX区委\n西街道党工委,街道党工委,XX区委\n"
               "南街道党工委,街道党工委,XX区委\n东社区党委,二级党委,东街道党工委\n西社区党委,二级党委,西街道党工委\n"
               "南社区党委,二级党委,南街道党工委\n",
    "联盟.csv": "名称,领域,牵头二级党委\n东社区党建联盟,社区,东社区党委\n西社区党建联盟,社区,西社区党委\n"
               "南社区党建联盟,社区,南社区党委\n",
    "组织.csv": "名称,所属联盟,类型\n东一党支部,东社区党建联盟,联合党支部\n东二党支部,东社区党建联盟,党组\n"
               "西一党支部,西社区党建联盟,党支部\n西二党支部,西社区党建联盟,党支部\n南一党支部,南社区党建联盟,党支部\n"
               "",
    "结对.csv": "甲方,乙方,开始日期\n东一党支部,东二党支部,2024-03-01\n东一党支部,西一党支部,2024-03-01\n"
               "西一党支部,西二党支部,2024-03-01\n",
}


def _folder(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def test_three_streets_under_one_district_import_with_a_cross_street_pairing(tmp_path: Path, data_dir: Path):
    result = run_cli("import", str(_folder(tmp_path / "district", DISTRICT)), "--json")
    assert result.returncode == 0, result.stdout
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        dataset = store.snapshot()
    by_name = {c.name: c for c in dataset.committees}
    assert by_name["东街道党工委"].parent == by_name["XX区委"].id  # the 上级 is kept
    assert [c.name for c in streets(dataset)] == ["东街道党工委", "南街道党工委", "西街道党工委"]
    kinds = {(dataset.name_of(p.party_a), dataset.name_of(p.party_b)): p.kind for p in dataset.pairings}
    assert kinds[("东一党支部", "西一党支部")] is PairingKind.CROSS_STREET
    assert kinds[("东一党支部", "东二党支部")] is PairingKind.SMALL
    types = {o.name: o.type.value for o in dataset.organisations}
    assert types["东一党支部"] == "joint_branch" and types["东二党支部"] == "party_group"
    east = scoped(dataset, by_name["东街道党工委"].id)
    assert {o.name for o in east.organisations} == {"东一党支部", "东二党支部", "西一党支部"}
    # what documents and the replace-all confirmation call the data: the district, or the one street
    assert place_name(dataset) == "XX区委" and place_name(east) == "东街道党工委"

    at = AppTest.from_file(APP, default_timeout=60).run()  # the overview is the default page
    assert not at.exception
    street = at.selectbox(key="lm_street")
    assert street.options == ["全区", "东街道党工委", "南街道党工委", "西街道党工委"]
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == ["东街道党工委", "南街道党工委", "西街道党工委"]
    assert list(table["跨街道结对"]) == [1, 0, 1] and list(table["体系内组织"]) == [2, 1, 2]
    assert any("跨街道结对 1 对" in c.value for c in at.caption)
    # the heading counts the alliances there are (the sample street's says 五个)
    heading = f"{count_words(len(dataset.alliances))}个党建联盟"
    assert len(dataset.alliances) != 5 and heading in [s.value for s in at.subheader]
    street.set_value(by_name["南街道党工委"].id).run()
    assert not at.exception
    members = next(m for m in at.metric if m.label == "体系内组织")
    assert members.value == "1"
    east = AppTest.from_file(APP, default_timeout=60)
    east.session_state["lm_street"] = by_name["东街道党工委"].id
    east.run()
    assert not east.exception
    members = next(m for m in east.metric if m.label == "体系内组织")
    assert members.value == "2"  # 西一党支部, its cross-street partner, is not counted as 东's member


def test_an_unknown_or_circular_parent_is_refused_with_its_row(tmp_path: Path, data_dir: Path):
    unknown = {"党委.csv": "名称,层级,上级\n东街道党工委,街道党工委,不存在的区委\n"}
    result = run_cli("import", str(_folder(tmp_path / "unknown", unknown)), "--json")
    assert result.returncode == 1
    error = json.loads(result.stdout)["errors"][0]
    assert (error["sheet"], error["row"], error["column"], error["value"]) == ("党委", 2, "上级", "不存在的区委")
    circular = {"党委.csv": "名称,层级,上级\n甲区委,街道党工委,乙区委\n乙区委,街道党工委,甲区委\n"}
    result = run_cli("import", str(_folder(tmp_path / "circular", circular)), "--json")
    assert result.returncode == 1
    errors = json.loads(result.stdout)["errors"]
    assert {e["row"] for e in errors} == {2, 3} and all("循环" in e["message"] for e in errors)


def test_a_district_round_trips_on_the_store(store, tmp_path: Path):
    from ingest.readers import read_paths
    from ingest.validate import validate
    from lianmeng.dataset import Dataset

    district = validate(read_paths([_folder(tmp_path / "d", DISTRICT)]), Dataset()).dataset
    assert district is not None
    store.replace_all(district)
    back = store.snapshot()
    assert back.canonical() == district.canonical()
    assert sum(p.kind is PairingKind.CROSS_STREET for p in back.pairings) == 1
    assert {c.parent for c in back.committees} - {None} == {next(c.id for c in back.committees if c.name == "XX区委")}
