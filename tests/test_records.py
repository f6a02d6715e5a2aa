"""Records validate with Chinese messages that name the field and the value."""

from __future__ import annotations

import pytest

from lianmeng.dataset import Dataset
from lianmeng.errors import RecordError
from lianmeng.records import Alliance, Meeting, Organisation, build


def test_missing_name_names_the_field():
    with pytest.raises(RecordError) as caught:
        build(Organisation, {"id": "o1", "scope": "regional"}, index=3)
    [problem] = caught.value.problems
    assert (problem.table, problem.index, problem.field, problem.code) == ("organisations", 3, "name", "blank")
    assert problem.message == "“名称”不能为空：请填写名称。"


def test_pioneer_index_out_of_range_names_value_and_range():
    with pytest.raises(RecordError) as caught:
        build(Organisation, {"id": "o1", "name": "甲", "scope": "regional", "pioneer_index": 120})
    [problem] = caught.value.problems
    assert problem.value == "120"
    assert problem.message == "“先锋指数”的值“120”超出范围：应在 0 到 100 之间。"


def test_member_without_alliance_says_what_to_do():
    with pytest.raises(RecordError, match="未填写所属联盟：请填写所属联盟"):
        build(Organisation, {"id": "o1", "name": "铜川社区党总支", "scope": "member"})


def test_unknown_enum_value_lists_the_choices():
    with pytest.raises(RecordError) as caught:
        build(Organisation, {"id": "o1", "name": "甲", "scope": "planet"})
    assert "“范围”的值“planet”无效" in str(caught.value)
    assert "member" in str(caught.value)


def test_unknown_field_is_refused():
    with pytest.raises(RecordError, match="未知字段"):
        build(Alliance, {"id": "a", "name": "联盟", "sector": "park", "colour": "red"})


def test_joint_meeting_needs_an_alliance_and_a_member_chair():
    with pytest.raises(RecordError, match="联席会议须填写所属联盟"):
        build(Meeting, {"id": "m", "kind": "joint", "date": "2026-03-10"})
    dataset = Dataset(
        alliances=[Alliance(id="a1", name="社区联盟", sector="community"),
                   Alliance(id="a2", name="商区联盟", sector="commercial")],
        organisations=[Organisation(id="o1", name="铜川", alliance="a1"), Organisation(id="o2", name="轻纺", alliance="a2")],
        meetings=[Meeting(id="m", date="2026-03-10", alliance="a1", chair="o2")],
    )
    [problem] = dataset.problems()
    assert (problem.code, problem.field, problem.value) == ("chair_not_member", "chair", "o2")
    assert "轻纺" in problem.message and "社区联盟" in problem.message


def test_lists_are_trimmed_and_blank_items_dropped():
    org = Organisation(id="o", name="甲", scope="regional", brands=[" 心桥驿站 ", "", "  "])
    assert org.brands == ("心桥驿站",)


def test_duplicate_ids_across_party_tables_and_duplicate_names():
    dataset = Dataset(
        alliances=[Alliance(id="x", name="联盟", sector="park")],
        organisations=[Organisation(id="x", name="甲", alliance="x"), Organisation(id="y", name="甲", alliance="x")],
    )
    codes = sorted((p.code, p.table, p.index) for p in dataset.problems())
    assert codes == [("duplicate_id", "organisations", 0), ("duplicate_name", "organisations", 1)]


def test_quarter_of_a_meeting():
    assert Meeting(id="m", kind="summit", date="2026-11-18").quarter == "2026Q4"
    assert Meeting(id="m", kind="summit", date="2026-01-01").quarter == "2026Q1"
