"""Coverage flags, per-alliance figures, targets, the matrix and ending pairings."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from analysis_fixtures import small_street

from analysis.coverage import coverage, ending_within, linkage_matrix, member_coverage
from lianmeng.records import Target

FLAGS = {
    "no_pairing": ["x4", "z1"],
    "only_ended": ["x4"],
    "no_small": ["x3", "x4", "z1"],
    "no_large": ["x4", "y2", "z1"],
}


@pytest.mark.parametrize("flag, expected", FLAGS.items())
def test_member_flags(flag, expected):
    report = coverage(small_street(), today=dt.date(2026, 1, 1))
    assert [m.id for m in report.flagged(flag)] == expected


def test_member_counts():
    counts = {m.id: (m.small, m.large, m.ended) for m in member_coverage(small_street())}
    assert counts == {"x1": (1, 1, 0), "x2": (1, 1, 0), "x3": (0, 1, 1), "x4": (0, 0, 1),
                      "y1": (1, 1, 0), "y2": (1, 0, 0), "z1": (0, 0, 0)}


def test_flags_as_of_a_past_day():
    # on 2024-03-01 only x3–x4 was running; the other pairings had not started
    members = {m.id: m for m in member_coverage(small_street(), on=dt.date(2024, 3, 1))}
    assert not members["x3"].no_small and not members["x4"].no_small
    assert members["x1"].no_pairing and not members["x1"].only_ended  # nothing had started yet


def test_alliance_coverage():
    report = coverage(small_street(), today=dt.date(2026, 1, 1))
    x, y, z = report.alliances
    assert (x.members, x.with_small, x.with_large, x.covered) == (4, 2, 3, 2)
    assert (x.share_small, x.share_large) == (0.5, 0.75)
    assert (x.small_pairings, x.large_pairings, x.alliance_pairings) == (1, 3, 1)
    assert (y.members, y.with_small, y.with_large, y.small_pairings, y.large_pairings) == (2, 2, 1, 1, 1)
    assert (z.members, z.with_small, z.share_small, z.alliance_pairings) == (1, 0, 0.0, 0)
    assert report.without_alliance_pairing == ("Z",)
    assert not report.fully_covered


def test_targets_come_from_the_street_and_are_editable():
    # a street without targets: figures without verdicts, never a false "not met" (issue 13)
    report = coverage(small_street(), today=dt.date(2026, 1, 1))
    assert {t.metric: (t.target, t.met) for t in report.targets}["large"] == (None, None)
    own = dataclasses.replace(small_street(), targets=(Target(metric="large", value=3, id=""),))
    rows = {t.metric: (t.actual, t.target, t.met) for t in coverage(own, today=dt.date(2026, 1, 1)).targets}
    assert rows["large"] == (3, 3, True) and rows["small"] == (2, None, None)
    edited = coverage(small_street(), today=dt.date(2026, 1, 1), targets={"small": 2, "large": 4})
    assert [(t.metric, t.actual, t.target, t.met) for t in edited.targets] == [
        ("small", 2, 2, True), ("large", 3, 4, False)]


def test_matrix_of_large_linkages_with_outside_columns():
    m = linkage_matrix(small_street())
    assert m.columns == ("X", "Y", "Z", "regional", "external")
    assert m.counts == {
        "X": {"X": None, "Y": 1, "Z": 0, "regional": 1, "external": 1},
        "Y": {"X": 1, "Y": None, "Z": 0, "regional": 0, "external": 0},
        "Z": {"X": 0, "Y": 0, "Z": None, "regional": 0, "external": 0},
    }
    assert m.empty == (("X", "Z"), ("Y", "Z"), ("Y", "regional"), ("Y", "external"),
                       ("Z", "regional"), ("Z", "external"))


@pytest.mark.parametrize("today, days, expected", [
    (dt.date(2026, 1, 1), 30, ["x1-y1"]),
    (dt.date(2026, 1, 1), 19, ["x1-y1"]),  # ends on the 20th: 19 days ahead
    (dt.date(2026, 1, 1), 18, []),
    (dt.date(2026, 1, 20), 0, ["x1-y1"]),  # the end day itself
    (dt.date(2026, 1, 21), 30, []),  # already over
])
def test_pairings_ending_within_n_days(today, days, expected):
    assert [p.id for p in ending_within(small_street(), today, days)] == expected


def test_sample_street_flags_are_exactly_the_organisations_left_out(sample):
    from lianmeng.sample import LARGE_ONLY, ONLY_ENDED, SMALL_ONLY, UNPAIRED

    report = coverage(sample, today=dt.date(2026, 1, 1))
    names = {flag: {m.name for m in report.flagged(flag)} for flag in FLAGS}
    assert names["no_pairing"] == set(UNPAIRED + ONLY_ENDED)
    assert names["only_ended"] == set(ONLY_ENDED)
    assert names["no_small"] == set(UNPAIRED + ONLY_ENDED + LARGE_ONLY)
    assert names["no_large"] == set(UNPAIRED + ONLY_ENDED + SMALL_ONLY)
    assert report.matrix.empty == (("campus", "park"),)
