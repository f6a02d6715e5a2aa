"""The organisations table and one organisation's profile, as plain data frames.

Columns are labelled in Chinese here (from :mod:`lianmeng.texts`) so the page only renders.
Every value is data, never markup: the page shows these with ``st.dataframe``, which
displays text as text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from lianmeng.dataset import Dataset
from lianmeng.records import Organisation
from lianmeng.texts import (
    FIELD_LABELS,
    KIND_LABELS,
    LEVEL_LABELS,
    MEETING_KIND_LABELS,
    ORG_TYPE_LABELS,
    ORGANISATION_TABLE_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
)

__all__ = ["OrganisationProfile", "organisation_table", "organisation_profile"]


def organisation_table(dataset: Dataset) -> pd.DataFrame:
    """One row per organisation: name, alliance, scope, type, unit, active pairings, brands,
    pioneer index, contact; the id last (the page selects by it)."""
    alliances = {a.id: a.name for a in dataset.alliances}
    active: Counter[str] = Counter()
    for p in dataset.pairings:
        if p.is_active:
            active[p.party_a] += 1
            active[p.party_b] += 1
    labels = ORGANISATION_TABLE_LABELS
    rows = [{
        labels["name"]: o.name,
        labels["alliance"]: alliances.get(o.alliance or "", ""),
        labels["scope"]: SCOPE_LABELS[o.scope.value],
        labels["type"]: ORG_TYPE_LABELS[o.type.value],
        labels["unit"]: o.unit,
        labels["pairings"]: active[o.id],
        labels["brands"]: "、".join(o.brands),
        labels["pioneer_index"]: o.pioneer_index,
        labels["contact"]: o.contact,
        labels["id"]: o.id,
    } for o in dataset.organisations]
    return pd.DataFrame(rows, columns=list(labels[k] for k in (
        "name", "alliance", "scope", "type", "unit", "pairings", "brands", "pioneer_index", "contact", "id")))


@dataclass(frozen=True)
class OrganisationProfile:
    """What the detail view shows about one organisation."""

    organisation: Organisation
    facts: pd.DataFrame  # 项目 / 内容
    pairings: pd.DataFrame
    chaired: pd.DataFrame
    attended: pd.DataFrame
    brands: tuple[str, ...]


def organisation_profile(dataset: Dataset, org_id: str) -> OrganisationProfile:
    """Alliance, scope, unit, contact, pioneer index; pairings (level, kind, content,
    dates, status) newest first; meetings chaired and attended, by date."""
    org = dataset.party(org_id)
    if not isinstance(org, Organisation):
        raise KeyError(org_id)
    f = FIELD_LABELS
    facts = [
        (f["name"], org.name),
        (f["alliance"], dataset.name_of(org.alliance) if org.alliance else "—"),
        (f["scope"], SCOPE_LABELS[org.scope.value]),
        (f["type"], ORG_TYPE_LABELS[org.type.value]),
        (f["unit"], org.unit or "—"),
        (f["industry"], org.industry or "—"),
        (f["address"], org.address or "—"),
        (f["grid"], org.grid or "—"),
        (f["member_count"], "—" if org.member_count is None else str(org.member_count)),
        (f["contact"], org.contact or "—"),
        (f["phone"], org.phone or "—"),
        (f["pioneer_index"], "—" if org.pioneer_index is None else f"{org.pioneer_index:g}"),
        (f["resources"], "、".join(org.resources) or "—"),
        (f["needs"], "、".join(org.needs) or "—"),
        (f["id"], org.id),
    ]
    mine = [p for p in dataset.pairings if org_id in (p.party_a, p.party_b)]
    mine.sort(key=lambda p: (p.since, p.id), reverse=True)
    pairings = pd.DataFrame([{
        "结对方": dataset.name_of(p.party_b if p.party_a == org_id else p.party_a),
        f["level"]: LEVEL_LABELS[p.level.value],
        f["kind"]: KIND_LABELS[p.kind.value],
        f["content"]: p.content,
        f["since"]: p.since.isoformat(),
        f["until"]: p.until.isoformat() if p.until else "",
        f["status"]: STATUS_LABELS[p.status.value],
    } for p in mine], columns=["结对方", f["level"], f["kind"], f["content"], f["since"], f["until"], f["status"]])

    def meetings(rows: list) -> pd.DataFrame:
        return pd.DataFrame([{
            f["date"]: m.date.isoformat(),
            f["type"]: MEETING_KIND_LABELS[m.kind.value],
            f["alliance"]: dataset.name_of(m.alliance) if m.alliance else "",
            f["chair"]: dataset.name_of(m.chair) if m.chair else "",
            f["topics"]: "、".join(m.topics),
            f["location"]: m.location,
        } for m in sorted(rows, key=lambda m: (m.date, m.id))],
            columns=[f["date"], f["type"], f["alliance"], f["chair"], f["topics"], f["location"]])

    chaired = [m for m in dataset.meetings if m.chair == org_id]
    attended = [m for m in dataset.meetings if org_id in m.attendees and m.chair != org_id]
    return OrganisationProfile(
        organisation=org,
        facts=pd.DataFrame(facts, columns=["项目", "内容"]),
        pairings=pairings,
        chaired=meetings(chaired),
        attended=meetings(attended),
        brands=org.brands,
    )
