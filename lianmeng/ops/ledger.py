"""The ledger's operations (issue 16): record an activity, the activity table, outcomes.

Every write goes through the store's one write path (:meth:`GraphStore.upsert`:
validated with the whole dataset, one transaction, audited as 记录活动, revision bumped).
A chair may record activities of their own alliance only (the store's guard checks it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from analysis.outcomes import Outcomes, last_full_year, outcomes
from graphdb.store import GraphStore
from lianmeng.audit_view import document_author
from lianmeng.dataset import Dataset
from lianmeng.ledger_records import Activity, activity_id
from lianmeng.records import build
from lianmeng.workdays import WorkCalendar

__all__ = ["record_activity", "year_outcomes", "outcomes_dict", "new_activity", "annual_report"]


def new_activity(dataset: Dataset, data: dict[str, Any]) -> Activity:
    """An activity from a form's values, with a fresh id (raises RecordError in Chinese)."""
    owner = next((data.get(k) for k in ("pairing", "alliance", "project", "action_day", "team") if data.get(k)),
                 (data.get("organisations") or [""])[0])
    day = data.get("date")
    base = activity_id(day, str(data.get("title") or ""), owner) if isinstance(day, dt.date) else "AC-new"
    taken = {a.id for a in dataset.activities}
    record_id, n = base, 1
    while record_id in taken:
        n += 1
        record_id = f"{base}-{n}"
    return build(Activity, {**data, "id": record_id})


def record_activity(store: GraphStore, data: dict[str, Any]) -> Activity:
    """Validate and write one new activity; returns it as stored.

    Raises :class:`~lianmeng.errors.RecordError` / :class:`~lianmeng.errors.DatasetError`
    (nothing written) for bad values or unknown references, and
    :class:`~lianmeng.access.PermissionDenied` when the person may not write it.
    """
    store.require("record_activity")
    activity = new_activity(store.snapshot(), data)
    with store.action("record_activity", note=activity.title):
        store.upsert([activity])
    return activity


def year_outcomes(store: GraphStore, year: int | None = None) -> Outcomes | None:
    """The outcomes of ``year`` (default: the ledger's last full year); ``None`` without a ledger."""
    dataset = store.snapshot()
    year = year if year is not None else last_full_year(dataset)
    return None if year is None else outcomes(dataset, year)


def outcomes_dict(result: Outcomes) -> dict[str, Any]:
    """The outcomes as ``lianmeng outcomes --json`` prints them."""
    return {
        "year": result.year,
        "street": result.street.as_dict(),
        "alliances": [r.as_dict() for r in result.alliances],
        "organisations": [r.as_dict() for r in result.organisations],
        "pairings": [r.as_dict() for r in result.pairings],
    }


def annual_report(store: GraphStore, year: int, *, today: dt.date | None = None) -> bytes:
    """The 年度工作报告 of ``year`` as .docx bytes, authored by the store's signed-in person."""
    from exports.annual_report import annual_report_docx

    dataset = store.snapshot()
    return annual_report_docx(dataset, outcomes(dataset, year), author=document_author(store.actor_name),
                              calendar=WorkCalendar.from_records(dataset.calendar_days), today=today)
