"""The 工作台账 page's table and charts (issue 16): pure, records in, frames and charts out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import altair as alt
import pandas as pd

from analysis.outcomes import Outcomes
from lianmeng.dataset import Dataset
from lianmeng.ledger_records import Activity
from lianmeng.texts import ACTIVITY_CATEGORY_LABELS, LEDGER_COLUMNS, LEDGER_METRIC_LABELS, say
from views import svg_charts
from views.analysis_charts import horizontal_axis
from views.palette import BEFORE_AFTER_COLOURS, NEUTRAL_COLOUR

__all__ = ["LedgerFilter", "filtered", "activity_frame", "outcome_frame", "outcomes_chart", "outcomes_svg",
           "monthly_totals", "trend_svg"]


@dataclass(frozen=True)
class LedgerFilter:
    """What the page's filters chose (``None``: any)."""

    year: int | None = None
    alliance: str | None = None
    category: str | None = None
    organisation: str | None = None
    text: str = ""


def _credited(dataset: Dataset, activity: Activity, alliance: str) -> bool:
    if activity.alliance == alliance:
        return True
    orgs = set(activity.organisations)
    if activity.pairing:
        pairing = next((p for p in dataset.pairings if p.id == activity.pairing), None)
        if pairing is not None:
            if alliance in (pairing.party_a, pairing.party_b):
                return True
            orgs |= {pairing.party_a, pairing.party_b}
    return any(getattr(dataset.party(o), "alliance", None) == alliance for o in orgs)


def filtered(dataset: Dataset, chosen: LedgerFilter) -> list[Activity]:
    """The activities the filters keep, newest first.

    >>> filtered(Dataset(), LedgerFilter(year=2025))
    []
    """
    found = []
    for a in dataset.activities:
        if chosen.year is not None and a.date.year != chosen.year:
            continue
        if chosen.category is not None and a.category.value != chosen.category:
            continue
        if chosen.organisation is not None and chosen.organisation not in a.organisations:
            continue
        if chosen.text and chosen.text not in a.title and chosen.text not in a.place and chosen.text not in a.note:
            continue
        if chosen.alliance is not None and not _credited(dataset, a, chosen.alliance):
            continue
        found.append(a)
    return sorted(found, key=lambda a: (a.date, a.id), reverse=True)


def activity_frame(dataset: Dataset, activities: list[Activity]) -> pd.DataFrame:
    """One row per activity, Chinese column names, references as names."""
    pairings = {p.id: p for p in dataset.pairings}
    projects = {p.id: p.name for p in dataset.projects}
    days = {d.id: d.theme for d in dataset.action_days}
    teams = {t.id: t.name for t in dataset.service_teams}

    def pairing_name(pid: str | None) -> str:
        p = pairings.get(pid or "")
        return f"{dataset.name_of(p.party_a)}—{dataset.name_of(p.party_b)}" if p else (pid or "")

    rows = [{
        "date": a.date, "title": a.title, "category": ACTIVITY_CATEGORY_LABELS[a.category.value],
        "pairing": pairing_name(a.pairing), "alliance": dataset.name_of(a.alliance) if a.alliance else "",
        "project": projects.get(a.project or "", a.project or ""), "action_day": days.get(a.action_day or "", ""),
        "team": teams.get(a.team or "", ""), "organisations": "、".join(dataset.name_of(o) for o in a.organisations),
        "people_served": a.people_served, "volunteers": a.volunteers, "donated": a.donated, "place": a.place,
        "note": a.note, "id": a.id,
    } for a in activities]
    frame = pd.DataFrame(rows, columns=list(LEDGER_COLUMNS))
    return frame.rename(columns=LEDGER_COLUMNS)


def outcome_frame(result: Outcomes, scope: str) -> pd.DataFrame:
    """One row per alliance, organisation or pairing: this year's figures and the change."""
    rows = []
    for r in getattr(result, scope):
        change = r.change()
        rows.append({LEDGER_METRIC_LABELS["name"]: r.name,
                     **{LEDGER_METRIC_LABELS[m]: getattr(r.current, m) for m in
                        ("activities", "people_served", "volunteers", "donated", "projects_finished")},
                     LEDGER_METRIC_LABELS["change_activities"]: change["activities"]})
    return pd.DataFrame(rows)


def outcomes_chart(result: Outcomes, metric: str = "volunteers") -> alt.Chart:
    """Bars per alliance: ``metric`` this year beside last year."""
    rows = []
    for r in result.alliances:
        rows.append({"联盟": r.name, "年度": str(result.year), "值": getattr(r.current, metric)})
        rows.append({"联盟": r.name, "年度": str(result.year - 1), "值": getattr(r.previous, metric)})
    data = pd.DataFrame(rows, columns=["联盟", "年度", "值"])
    years = [str(result.year - 1), str(result.year)]
    return alt.Chart(data, title=say("chart_ledger_outcomes_title", metric=LEDGER_METRIC_LABELS[metric],
                                     year=result.year, previous=result.year - 1)).mark_bar().encode(
        x=alt.X("联盟:N", title=None, axis=horizontal_axis()), xOffset=alt.XOffset("年度:N", sort=years),
        y=alt.Y("值:Q", title=LEDGER_METRIC_LABELS[metric]),
        color=alt.Color("年度:N", sort=years, scale=alt.Scale(domain=years, range=list(BEFORE_AFTER_COLOURS))),
        tooltip=["联盟", "年度", "值"],
    ).properties(height=260)


def monthly_totals(dataset: Dataset, until: dt.date | None = None) -> list[tuple[str, int, int]]:
    """``(month, activities, volunteer 人次)`` per month of the ledger (``2026-03``), in order.

    >>> from lianmeng.sample import sample_street
    >>> monthly_totals(sample_street())[0][0] < monthly_totals(sample_street())[-1][0]
    True
    """
    months: dict[str, list[int]] = {}
    for a in dataset.activities:
        if until is not None and a.date > until:
            continue
        entry = months.setdefault(f"{a.date.year}-{a.date.month:02d}", [0, 0])
        entry[0] += 1
        entry[1] += a.volunteers
    return [(month, count, volunteers) for month, (count, volunteers) in sorted(months.items())]


def trend_svg(dataset: Dataset, until: dt.date | None = None, *, width: int = 480) -> str:
    """Volunteer 人次 per month over the whole ledger, as inline SVG (the overview's), ``width`` px."""
    months = monthly_totals(dataset, until)
    return svg_charts.line_chart(
        say("chart_ledger_trend_title"), [m for m, _, _ in months],
        svg_charts.Series(LEDGER_METRIC_LABELS["volunteers"], NEUTRAL_COLOUR, tuple(v for _, _, v in months)),
        width=width)


def outcomes_svg(result: Outcomes, metric: str = "volunteers", *, width: int = 480) -> str:
    """:func:`outcomes_chart` as inline SVG (the overview's), ``width`` px: per alliance,
    ``metric`` last year beside this year."""
    return svg_charts.grouped_bars(
        say("chart_ledger_outcomes_title", metric=LEDGER_METRIC_LABELS[metric], year=result.year,
            previous=result.year - 1),
        [r.name for r in result.alliances],
        [svg_charts.Series(f"{year} 年", colour, tuple(getattr(getattr(r, side), metric) for r in result.alliances))
         for year, colour, side in ((result.year - 1, BEFORE_AFTER_COLOURS[0], "previous"),
                                    (result.year, BEFORE_AFTER_COLOURS[1], "current"))], width=width)


def dormant_frame(dataset: Dataset, dormant: list | tuple) -> pd.DataFrame:
    """The dormant pairings (:class:`analysis.coverage.DormantPairing`) with their last activity."""
    from lianmeng.texts import DORMANT_COLUMNS, KIND_LABELS, say

    rows = [{DORMANT_COLUMNS["party_a"]: dataset.name_of(d.pairing.party_a),
             DORMANT_COLUMNS["party_b"]: dataset.name_of(d.pairing.party_b),
             DORMANT_COLUMNS["kind"]: KIND_LABELS[d.pairing.kind.value],
             DORMANT_COLUMNS["since"]: d.pairing.since,
             DORMANT_COLUMNS["last_activity"]: d.last_activity.isoformat() if d.last_activity else say("ledger_never")}
            for d in dormant]
    return pd.DataFrame(rows, columns=[DORMANT_COLUMNS[k] for k in ("party_a", "party_b", "kind", "since",
                                                                    "last_activity")])


def activity_columns(report: object) -> pd.DataFrame:
    """Per alliance: members paired, and paired with at least one living pairing."""
    from lianmeng.texts import DORMANT_COLUMNS

    return pd.DataFrame([{DORMANT_COLUMNS["alliance"]: a.name, DORMANT_COLUMNS["paired"]: a.paired,
                          DORMANT_COLUMNS["paired_active"]: a.paired_active}
                         for a in report.alliances],  # type: ignore[attr-defined]
                        columns=[DORMANT_COLUMNS[k] for k in ("alliance", "paired", "paired_active")])
