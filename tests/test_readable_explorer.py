"""Issue 14 without a browser: the side panel's data, the focus layout, download names,
meeting status, audit words, percentages and the network document's safety."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest

from analysis.centrality import CentralityResult
from exports.file_names import file_name
from lianmeng.audit_view import actor_label, field_label, table_label
from lianmeng.dataset import Dataset
from lianmeng.ledger_records import Activity
from lianmeng.ops.meetings import rotation_rows
from lianmeng.records import Meeting, MeetingKind, Organisation, Pairing, PairingKind, Scope
from lianmeng.sample import sample_street
from meetings.pack import build_pack
from views.explorer import explorer_view
from views.layout import dataset_layout, focus_layout
from views.network import NetworkFilter, pairing_graph, select
from views.panel import competition_ranks, panel_entries

SAMPLE = sample_street()
XSS = "<img src=x onerror=alert(1)>"


def test_competition_ranks_share_ties():
    assert competition_ranks({"a": 3, "b": 5, "c": 3, "d": 1}) == {"b": 1, "a": 2, "c": 2, "d": 4}


def test_panel_of_a_member_has_profile_pairings_ranks_and_recommendations():
    org = next(o for o in SAMPLE.organisations if o.id == "biz-03")
    result = CentralityResult({"degree": {"biz-03": 0.5, "x": 0.9, "y": 0.5}}, {"degree": "exact"})
    entries = panel_entries(SAMPLE, centrality=result, only=["biz-03"])
    entry = entries["biz-03"]
    assert list(entries) == ["biz-03"]
    assert entry["name"] == org.name and entry["org"] == "biz-03"
    assert dict(entry["facts"])["所属联盟"] == "商区党建联盟"
    assert entry["brands"] == list(org.brands)
    mine = [p for p in SAMPLE.pairings if "biz-03" in (p.party_a, p.party_b)]
    assert len(entry["pairings"]) == len(mine)
    # in force first, newest first
    statuses = [p["status"] for p in entry["pairings"]]
    assert statuses == sorted(statuses, key=lambda s: s != "进行中")
    assert entry["ranks"] == [{"measure": "度中心性", "rank": 2, "total": 3}]  # tied with y


def test_each_pairing_in_the_panel_carries_its_last_activity():
    """Two activities under one pairing, none under the other: the later date, and nothing."""
    a, b, c = (Organisation(id=i, name=i.upper(), scope=Scope.REGIONAL) for i in ("a", "b", "c"))
    busy = Pairing(id="busy", party_a="a", party_b="b", kind=PairingKind.REGIONAL, since=dt.date(2024, 1, 1))
    quiet = Pairing(id="quiet", party_a="a", party_b="c", kind=PairingKind.REGIONAL, since=dt.date(2023, 1, 1))
    acts = [Activity(id="x1", date=dt.date(2026, 3, 1), title="t", pairing="busy"),
            Activity(id="x2", date=dt.date(2026, 5, 1), title="t", pairing="busy"),
            Activity(id="x3", date=dt.date(2026, 6, 1), title="t", organisations=("a",))]  # under no pairing
    dataset = Dataset(organisations=(a, b, c), pairings=(busy, quiet), activities=acts)
    entry = panel_entries(dataset, only=["a"], dormant={"quiet"})["a"]
    assert [(p["partner"], p["last"], p["dormant"]) for p in entry["pairings"]] == [
        ("B", "2026-05-01", False), ("C", "", True)]


def test_focus_layout_is_deterministic_and_puts_members_inside_partners():
    members = [o.id for o in SAMPLE.members_of("commercial")]
    selection = select(SAMPLE, NetworkFilter(alliances=frozenset({"commercial"})))
    partners = [(pid, "g") for pid in selection.parties if pid not in members and pid != "commercial"]
    edges = [(p.party_a, p.party_b) for p in selection.pairings]
    first = focus_layout("commercial", members, partners, edges)
    assert first == focus_layout("commercial", list(reversed(members)), list(reversed(partners)), edges)
    radius = {pid: (x * x + y * y) ** 0.5 for pid, (x, y) in first.items()}
    assert first["commercial"] == (0.0, 0.0)
    assert max(radius[m] for m in members) < min(radius[p] for p, _ in partners)
    # members do not touch: at least the spacing apart, room for their labels
    points = [first[m] for m in members]
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
                  for i, a in enumerate(points) for b in points[i + 1:])
    assert closest >= 100


def test_the_street_layout_is_the_same_on_every_run():
    assert dataset_layout(SAMPLE) == dataset_layout(sample_street())


def _payload(html: str) -> dict:
    raw = re.search(r'<script id="lm-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    return json.loads(raw)


def test_network_document_carries_panels_as_escaped_json_and_hides_street_lines():
    hostile = SAMPLE
    selection = select(hostile)
    panels = panel_entries(hostile)
    panels["adm-01"] = {**panels["adm-01"], "name": XSS}
    view = explorer_view(hostile, selection, pairing_graph(selection), dataset_layout(hostile), detail_max=10_000,
                         panels=panels)
    assert XSS not in view.html and "<img" not in view.html.split("<script")[0]
    payload = _payload(view.html)
    assert payload["panels"]["adm-01"]["name"] == XSS  # JSON-escaped in the page, the text itself when read
    street = [e for e in payload["edges"] if e.get("lmStreet")]
    assert len(street) == 32 and 'id="lm-street"' in view.html
    assert {n["lmKind"] for n in payload["nodes"]} == {"organisation", "alliance", "committee"}


def test_a_focused_alliance_gets_its_own_layout_with_large_members():
    selection = select(SAMPLE, NetworkFilter(alliances=frozenset({"commercial"})))
    view = explorer_view(SAMPLE, selection, pairing_graph(selection), dataset_layout(SAMPLE), detail_max=10_000,
                         focus_alliance="commercial")
    nodes = {n["id"]: n for n in _payload(view.html)["nodes"]}
    assert (nodes["commercial"]["x"], nodes["commercial"]["y"]) == (0.0, 0.0)
    members = [o.id for o in SAMPLE.members_of("commercial")]
    others = [n for pid, n in nodes.items() if pid not in members and n["lmKind"] == "organisation"]
    assert min(nodes[m]["size"] for m in members) > max(n["size"] for n in others) / 1.5 - 1e-9
    assert _payload(view.html)["labelAll"] is True


def test_download_names_say_what_they_hold():
    assert file_name("结对清单", ["商区", None, None, "进行中"], dt.date(2026, 11, 30), "xlsx") \
        == "结对清单-商区-进行中-2026-11-30.xlsx"


def _with_meeting_on(day: dt.date):
    meeting = Meeting(id="M-x", kind=MeetingKind.JOINT, date=day, alliance="campus", chair="edu-01",
                      attendees=("edu-01",))
    return SAMPLE.__class__(**{**{f: getattr(SAMPLE, f) for f in SAMPLE.__dataclass_fields__},
                               "meetings": (*[m for m in SAMPLE.meetings if not (m.alliance == "campus"
                                                                                 and m.date.year == 2027)],
                                            meeting)})


@pytest.mark.parametrize(("today", "source", "held"), [
    (dt.date(2027, 2, 28), "scheduled", False),  # recorded for 2027-03-10, not yet held
    (dt.date(2027, 3, 10), "held", True),  # held on the day
    (dt.date(2027, 3, 11), "held", True),
])
def test_a_meeting_dated_after_today_is_planned_not_held(today, source, held):
    dataset = _with_meeting_on(dt.date(2027, 3, 10))
    [row] = rotation_rows(dataset, "campus", ["2027Q1"], today=today)
    assert row["source"] == source
    pack = build_pack(dataset, "campus", "2027Q1", chair_id="edu-01", meeting_date=dt.date(2027, 3, 10),
                      today=today)
    assert pack.held is held


def test_the_sample_2026q4_meeting_is_planned_on_2026_11_30():
    # the case the issue reports: 2026-12-10 recorded, looked at on 2026-11-30
    rows = rotation_rows(SAMPLE, "administrative", ["2026Q4"], today=dt.date(2026, 11, 30))
    dates = [m.date for m in SAMPLE.meetings if m.alliance == "administrative" and m.quarter == "2026Q4"]
    assert dates == [dt.date(2026, 12, 10)]
    assert rows[0]["source"] == "scheduled"


def test_audit_words():
    assert actor_label("local:root") == "本机用户（root）"
    assert actor_label("system") == "系统" and actor_label("王主任") == "王主任"
    assert table_label("organisations") == "组织" and table_label("users") == "用户"
    assert field_label("party_a") == "甲方" and field_label("role") == "角色"


def test_rates_become_percentages_and_key_columns_wide():
    from lianmeng.web.tables import readable

    shown, config = readable(pd.DataFrame({"联盟": ["甲"], "大联动覆盖率": [0.8333], "理由": ["很长的理由"]}))
    assert shown["大联动覆盖率"].tolist() == [83.33]
    assert config["大联动覆盖率"]["type_config"]["format"] == "%.0f%%"
    assert config["理由"]["width"] == "large"
