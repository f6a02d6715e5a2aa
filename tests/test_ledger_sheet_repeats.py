"""The 活动 sheet's check remembers what a cell value parses or resolves to (bench/ledger.py):
a value refused on one row is refused, and reported, on every row that has it."""

from __future__ import annotations

from ingest.readers import RawSheet
from ingest.validate import validate
from lianmeng.dataset import Dataset

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
