"""The 活动 sheet's check remembers what a cell value parses or resolves to (bench/ledger.py):
a value refused on one row is refused, and reported, on every row that has it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest import ledger_sheets
from ingest.readers import RawSheet
from ingest.validate import Validation, validate
from lianmeng.dataset import Dataset
from lianmeng.ledger_records import ActionDay, Project
from lianmeng.records import Organisation, Pairing
from lianmeng.sample import sample_street

HEADER = ["日期", "活动名称", "类别", "结对", "参与组织", "服务群众人次"]


def _sheet(rows: list[list[object]]) -> RawSheet:
    return RawSheet("活动", "test", HEADER, [(i + 2, cells) for i, cells in enumerate(rows)])


def test_the_same_bad_cells_are_reported_on_every_row(sample: Dataset):
    a, b = sample.organisations[0].name, sample.organisations[1].name
    good = ["2026-03-01", "走访", "志愿服务", "", f"{a}；{b}", 5]
    rows = [["2026-13-01", "甲", "志愿服务", "", a, 1], good,
            ["2026-13-01", "乙", "舞蹈", "", "没有这个组织", -1],
            ["2026-13-01", "丙", "舞蹈", "", "没有这个组织", -1]]
    result = validate([_sheet(rows)], sample)
    found = [(e.row, e.column, e.value) for e in result.errors]
    assert found == [(2, "日期", "2026-13-01"),
                     (4, "日期", "2026-13-01"), (4, "类别", "舞蹈"), (4, "参与组织", "没有这个组织"),
                     (4, "服务群众人次", "-1"),
                     (5, "日期", "2026-13-01"), (5, "类别", "舞蹈"), (5, "参与组织", "没有这个组织"),
                     (5, "服务群众人次", "-1")]
    by_row = {e.row: [x.message for x in result.errors if x.row == e.row] for e in result.errors}
    assert by_row[4] == by_row[5]  # the same words, row after row


def test_a_name_resolves_again_once_the_file_adds_a_party_of_that_name(sample: Dataset):
    # the 组织 sheet comes first in the check; its new organisation is found by the 活动 rows
    org = RawSheet("组织", "test", ["名称", "范围"], [(2, ["新来的单位", "区域外"])])
    rows = [["2026-03-01", "走访", "志愿服务", "", "新来的单位", 5]]
    result = validate([org, _sheet(rows)], sample)
    assert result.errors == []
    activity = next(iter(result.dataset.activities[-1:]))
    assert activity.title == "走访" and len(activity.organisations) == 1


# --- the remembered answers agree with every cell checked row by row ----------------------

FULL_HEADER = ["编号", "日期", "活动名称", "类别", "结对", "联盟", "共治项目", "统一行动日", "服务队", "参与组织",
               "服务群众人次", "志愿者人次", "捐助金额（元）", "地点", "备注"]


@pytest.fixture(scope="module")
def crowded() -> Dataset:
    """The sample street plus names that need the row to decide: an ended pairing between
    the ends of an active one, two projects and two action days of one name, two
    organisations of one name."""
    sample = sample_street()
    old = Pairing(id="P-old", party_a="adm-02", party_b="adm-01", kind="small", content="早年结对",
                  since=dt.date(2020, 1, 1), until=dt.date(2023, 12, 31), status="ended")
    projects = [Project(id=f"PJ-same-{year}", name="同名项目", year=year, alliance="community") for year in (2025, 2026)]
    days = [ActionDay(id=f"D-same-{i}", date=day, theme="同主题")
            for i, day in enumerate((dt.date(2024, 3, 1), dt.date(2024, 9, 1)))]
    twins = [Organisation(id=f"dup-{i}", name="重名党支部", scope="regional") for i in (1, 2)]
    tables = dict(sample.tables())
    tables["pairings"] += (old,)
    tables["projects"] += tuple(projects)
    tables["action_days"] += tuple(days)
    tables["organisations"] += tuple(twins)
    return Dataset(**tables)


def _both_ways(sheet: RawSheet, base: Dataset, monkeypatch: pytest.MonkeyPatch) -> tuple[Validation, Validation]:
    remembered = validate([sheet], base)
    with monkeypatch.context() as patch:
        patch.setattr(ledger_sheets, "_REMEMBER", False)
        row_by_row = validate([sheet], base)
    return remembered, row_by_row


def _same(remembered: Validation, row_by_row: Validation) -> None:
    assert remembered.errors == row_by_row.errors
    assert remembered.warnings == row_by_row.warnings
    assert remembered.file_ids == row_by_row.file_ids
    assert (remembered.dataset is None) == (row_by_row.dataset is None)
    if remembered.dataset is not None:
        mine, theirs = remembered.dataset.activities, row_by_row.dataset.activities
        assert mine == theirs
        # remembered rows are built field by field (FieldByField), row by row ones validated
        # whole: the same fields in the same order, of the same types all the way down
        assert [(a.model_fields_set, list(a.__dict__), _kinds(tuple(a.__dict__.values()))) for a in mine] == \
            [(a.model_fields_set, list(a.__dict__), _kinds(tuple(a.__dict__.values()))) for a in theirs]


def _kinds(value: object) -> object:
    """A value's types all the way down (a StrEnum member equals its text: compare types too)."""
    return tuple(_kinds(v) for v in value) if isinstance(value, tuple) else type(value)


def _sheet_of(rows: list[list[object]], header: list[str] = FULL_HEADER) -> RawSheet:
    return RawSheet("活动", "test", header, [(i + 2, cells) for i, cells in enumerate(rows)])


PAIR = "街道机关党总支—XX市场监督管理所党支部"
GOOD = [  # each row good, several only with the row's date
    ["", "2022-06-01", "旧结对活动", "志愿服务", PAIR, "", "", "", "", "", 5, 1, 0, "", ""],
    ["", "2025-06-01", "新结对活动", "志愿", "XX市场监督管理所党支部 / 街道机关党总支", "", "", "", "", "", 5, 1, 0, "", ""],
    ["", "2025-03-01", "同名项目2025", "共建", "", "", "同名项目", "", "", "", 5, 1, "1,000", "", ""],
    ["", "2026-03-01", "同名项目2026", "共建", "", "", "同名项目", "", "", "", 5, 1, 100.5, "", ""],
    ["", "45352", "按序号的日期", "volunteer", "", "community", "PJ-community-2025", "D-2025H1", "T-law",
     "街道机关党总支；adm-02", "５", 2.0, 0, "活动室", "备注"],
]
BAD = [
    ["", "2019-06-01", "两个结对都不在期", "志愿服务", PAIR, "", "", "", "", "", 5, 1, 0, "", ""],
    ["", "2024-01-01", "同主题行动", "志愿服务", "", "", "", "同主题", "", "", 5, 1, 0, "", ""],
    ["", "2024-01-02", "重名组织", "志愿服务", "", "", "", "", "", "重名党支部", 5, 1, 0, "", ""],
    ["", "2026-13-01", "坏日期", "跳舞", "", "社区", "", "", "法律服务队", "查无此组织", -1, "abc", -5, "", ""],
    ["", "2026-13-01", "坏日期", "跳舞", "", "社区", "", "", "法律服务队", "查无此组织", -1, "abc", -5, "", ""],
    ["", "", "", "志愿服务", "", "火星联盟", "没有的项目", "2024-01-01", "没有的队", "", 5.0, True, 1e10, "", ""],
    ["", "2026-03-02", "没有归属", "志愿服务", "", "", "", "", "", "", 1, 1, 0, "", ""],
    ["", "2026-03-05", " ", "志愿服务", "", "社区", "", "", "", "", 1, 1, 0, "", ""],
    ["", "2026-03-06", "大额捐助", "捐赠", "", "社区", "", "", "", "", 1, 1, 1e10, "", ""],
    ["AC-X", "2026-03-03", "同一编号", "志愿服务", "", "社区党建联盟", "", "", "", "", 1, 1, 0, "", ""],
    ["AC-X", "2026-03-04", "同一编号", "志愿服务", "", "社区党建联盟", "", "", "", "", 1, 1, 0, "", ""],
]


def test_good_rows_give_the_same_records_either_way(crowded: Dataset, monkeypatch: pytest.MonkeyPatch):
    remembered, row_by_row = _both_ways(_sheet_of(GOOD), crowded, monkeypatch)
    _same(remembered, row_by_row)
    assert remembered.errors == []
    made = remembered.dataset.activities[-len(GOOD):]
    assert [(a.date, a.pairing, a.project, a.donated) for a in made] == [
        (dt.date(2022, 6, 1), "P-old", None, 0.0),
        (dt.date(2025, 6, 1), "P-54c0a6b6bdfe", None, 0.0),
        (dt.date(2025, 3, 1), None, "PJ-same-2025", 1000.0),
        (dt.date(2026, 3, 1), None, "PJ-same-2026", 100.5),
        (dt.date(2024, 3, 1), None, "PJ-community-2025", 0.0)]
    last = made[-1]
    assert (last.alliance, last.action_day, last.team, last.organisations, last.people_served, last.volunteers,
            last.category.value, last.place, last.note) == ("community", "D-2025H1", "T-law", ("adm-01", "adm-02"),
                                                             5, 2, "volunteer", "活动室", "备注")
    assert last.model_fields_set == {"id", "date", "title", "category", "pairing", "alliance", "project",
                                     "action_day", "team", "organisations", "place", "note", "people_served",
                                     "volunteers", "donated"}


def test_a_mixed_sheet_gives_the_same_messages_either_way(crowded: Dataset, monkeypatch: pytest.MonkeyPatch):
    rows = [row for pair in zip(GOOD, BAD[:len(GOOD)], strict=True) for row in pair] + BAD[len(GOOD):]
    remembered, row_by_row = _both_ways(_sheet_of(rows), crowded, monkeypatch)
    _same(remembered, row_by_row)
    bad_row = [("日期", "2026-13-01", "bad_value"), ("类别", "跳舞", "bad_value"),
               ("参与组织", "查无此组织", "unknown_ref"), ("服务群众人次", "-1", "negative"),
               ("志愿者人次", "abc", "bad_value"), ("捐助金额（元）", "-5", "negative")]
    assert [(e.row, e.column, e.value, e.code) for e in remembered.errors] == [
        (3, "结对", PAIR, "ambiguous"), (5, "统一行动日", "同主题", "ambiguous"),
        (7, "参与组织", "重名党支部", "ambiguous"),
        *[(9, *error) for error in bad_row], *[(11, *error) for error in bad_row],  # each row that has them
        (12, "日期", "", "blank"), (12, "联盟", "火星联盟", "unknown_alliance"),
        (12, "共治项目", "没有的项目", "unknown_ref"), (12, "统一行动日", "2024-01-01", "unknown_ref"),
        (12, "服务队", "没有的队", "unknown_ref"), (12, "志愿者人次", "True", "bad_value"),
        (13, "", "", "rule"), (14, "活动名称", "", "blank"), (15, "捐助金额（元）", "10000000000", "out_of_range"),
        (17, "编号", "AC-X", "duplicate_row")]
    messages = {(e.row, e.column): e.message for e in remembered.errors}
    assert "（P-54c0a6b6bdfe、P-old）" in messages[(3, "结对")]
    assert messages[(9, "类别")] == messages[(11, "类别")] and "志愿服务" in messages[(9, "类别")]
    assert "另见第 16 行" in messages[(17, "编号")]


#: what offices type in each column, good and bad (1, 1.0 and TRUE are different cells)
CELLS: dict[str, list[object]] = {
    "编号": ["", None, "AC-X", "AC-Y", " AC-X "],
    "日期": ["2026-03-05", "2025/5/20", "2026年3月5日", "2022-06-01", "2019-06-01", "2024-01-01", 45352, 45352.0,
           "45352", dt.datetime(2025, 5, 20), dt.date(2022, 6, 1), "", None, "2026-13-01", "明天", True, 12],
    "活动名称": ["走访", "走访", "义诊", " 带空格 ", "", "x" * 300, 7],
    "类别": ["志愿服务", "志愿", "volunteer", "捐赠", "", None, "跳舞", 3],
    "结对": [PAIR, "XX市场监督管理所党支部 / 街道机关党总支", "P-54c0a6b6bdfe", "P-old", "街道机关党总支—不存在",
           "甲乙丙", "", None, "P-nope", "街道机关党总支—重名党支部"],
    "联盟": ["社区党建联盟", "社区", "community", "火星联盟", "", None],
    "共治项目": ["PJ-community-2025", "党群议事体系", "同名项目", "没有的项目", "", None],
    "统一行动日": ["D-2025H1", "2025-05-20", "同主题", "2024-01-01", "", None],
    "服务队": ["法律服务队", "T-law", "没有的队", "", None],
    "参与组织": ["街道机关党总支；adm-02", "adm-01", "查无此组织", "重名党支部", '["adm-01", "adm-02"]', "", None],
    "服务群众人次": [0, 5, 5.0, "5", "５", -1, 2.5, "abc", True, None, "", 10**7],
    "志愿者人次": [1, 1.0, True, None, -3],
    "捐助金额（元）": [0, 100.5, "1,000", -5, "x", 1e10, None, False],
    "地点": ["活动室", "", "控制\x07字符"],
    "备注": ["", "第一行\r\n第二行\x1b"],
}
OPTIONAL = [h for h in FULL_HEADER if h not in ("日期", "活动名称")]


@st.composite
def activity_sheets(draw) -> RawSheet:
    header = ["日期", "活动名称", *draw(st.lists(st.sampled_from(OPTIONAL), unique=True))]
    rows = draw(st.lists(st.tuples(*(st.sampled_from(CELLS[h]) for h in header)), min_size=1, max_size=25))
    cut = draw(st.integers(1, len(header)))  # some rows shorter than the header
    return _sheet_of([list(row) if i % 3 else list(row)[:cut] for i, row in enumerate(rows)], header)


@settings(max_examples=80, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(sheet=activity_sheets())
def test_remembered_answers_agree_with_the_row_by_row_check(crowded: Dataset, monkeypatch: pytest.MonkeyPatch,
                                                           sheet: RawSheet):
    _same(*_both_ways(sheet, crowded, monkeypatch))


@settings(max_examples=500, deadline=None, database=None)
@example(raw="甲--乙—丙")
@example(raw="甲 —乙")
@example(raw="甲　—乙")
@example(raw="—甲—乙")
@given(raw=st.lists(st.sampled_from(["甲", "乙丙", "a1", "(一)", " ", "　", "\t", "—", "/", "－", "-", "--", " - "]),
                    min_size=1, max_size=7).map("".join).map(str.strip).filter(bool))
def test_a_pairing_text_splits_as_the_separators_say(raw: str):
    # "甲方—乙方" as the exporter writes it is split without the pattern: the same parts
    separators = ledger_sheets._PAIR_SEPARATOR
    assert ledger_sheets._pair_parts(raw) == [p for p in separators.split(raw) if p]


def test_two_activity_sheets_of_other_columns_are_checked_alike(crowded: Dataset, monkeypatch: pytest.MonkeyPatch):
    # two files' 活动 sheets: a column one lacks is blank on its rows, and each row still has its own number
    first = _sheet_of([row[:6] for row in GOOD + BAD[:4]], FULL_HEADER[:6])
    second = RawSheet("活动", "other", ["活动名称", "日期", "联盟", "服务群众人次"],
                      [(2, ["走访", "2026-03-01", "社区", 5]), (3, ["走访", "2026-13-01", "火星联盟", -1])])
    remembered = validate([first, second], crowded)
    with monkeypatch.context() as patch:
        patch.setattr(ledger_sheets, "_REMEMBER", False)
        row_by_row = validate([first, second], crowded)
    _same(remembered, row_by_row)
    assert [(e.row, e.column, e.value) for e in remembered.errors if e.value in ("火星联盟", "-1")] == \
        [(3, "联盟", "火星联盟"), (3, "服务群众人次", "-1")]
