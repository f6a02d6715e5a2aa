"""Yearly outcomes of the work inside the pairings (成效): roll-ups with year-over-year change.

Per street, alliance, organisation and pairing, for one year and the year before:
activities, people served (服务群众人次), volunteer 人次, money donated (元) and projects
finished (共治项目 of that year with status 已完成 or 已评估).

Who is credited with an activity:

* the **street** counts every activity once;
* an **alliance** counts it once if the activity names it, or names a project or service
  team of it, or involves one of its members (a participating organisation or an end of
  the activity's pairing) or the alliance itself as a pairing end — a cross-alliance
  activity counts for both alliances;
* an **organisation** counts it once if it takes part (listed, or an end of the pairing);
* a **pairing** counts the activities recorded under it.

Each credited party gets the activity's full figures (so alliances' sums may exceed the
street's). The activities are turned once into a columnar :class:`ActivityTable`
(NumPy arrays; build it once per data revision), from which a year's roll-up is a few
``bincount`` calls: well under a second for 500,000 activities.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from lianmeng.dataset import Dataset
from lianmeng.ledger_records import ProjectStatus

__all__ = ["street_summary", "Figures", "OutcomeRow", "ScopeRows", "Outcomes", "ActivityTable", "activity_table", "outcomes", "last_full_year",
           "METRICS", "FINISHED"]

METRICS = ("activities", "people_served", "volunteers", "donated", "projects_finished")
FINISHED = (ProjectStatus.DONE, ProjectStatus.EVALUATED)


@dataclass(frozen=True)
class Figures:
    """One party's figures for one year."""

    activities: int = 0
    people_served: int = 0
    volunteers: int = 0
    donated: float = 0.0
    projects_finished: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return {m: getattr(self, m) for m in METRICS}


@dataclass(frozen=True)
class OutcomeRow:
    """A party's figures this year and last year.

    >>> row = OutcomeRow("street", "s", "街道", Figures(activities=12), Figures(activities=10))
    >>> row.change()["activities"]
    0.2
    >>> row.change()["volunteers"] is None  # nothing last year: no ratio
    True
    """

    scope: str  # street, alliance, organisation, pairing
    id: str
    name: str
    current: Figures
    previous: Figures

    def change(self) -> dict[str, float | None]:
        """Relative change per metric (0.2 = +20 %); ``None`` when last year's figure is 0."""
        out: dict[str, float | None] = {}
        for m in METRICS:
            before, now = getattr(self.previous, m), getattr(self.current, m)
            out[m] = round((now - before) / before, 4) if before else None
        return out

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, **self.current.as_dict(),
                "previous": self.previous.as_dict(), "change": self.change()}


class ScopeRows(Sequence[OutcomeRow]):
    """One scope's rows (alliances, organisations or pairings), built on demand from the
    roll-up's arrays: a city has 100,000 pairings, and most callers want a few rows.

    Iterate it, index it, or ask for :meth:`most_active` / :meth:`least_active`.
    """

    def __init__(self, scope: str, ids: tuple[str, ...], name_of: Callable[[str], str],
                 now: dict[str, np.ndarray], before: dict[str, np.ndarray]) -> None:
        self.scope, self.ids, self._name_of, self._now, self._before = scope, ids, name_of, now, before

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return OutcomeRow(self.scope, self.ids[i], self._name_of(self.ids[i]), _figures(self._now, i),
                          _figures(self._before, i))

    def _order(self, keep: np.ndarray, descending: bool) -> list[int]:
        sign = -1 if descending else 1
        idx = np.nonzero(keep)[0]
        rank = {party: r for r, party in enumerate(sorted(self.ids[i] for i in idx))}
        id_rank = np.array([rank[self.ids[i]] for i in idx], dtype=np.int64)
        order = np.lexsort((id_rank, sign * self._now["people_served"][idx], sign * self._now["activities"][idx]))
        return [int(idx[k]) for k in order]

    def most_active(self, n: int = 5, among: set[str] | None = None) -> list[OutcomeRow]:
        """The ``n`` most active by activities, then 人次, then id; only those with an activity."""
        keep = self._now["activities"] > 0
        if among is not None:
            keep &= np.array([party in among for party in self.ids], dtype=bool)
        return [self[i] for i in self._order(keep, True)[:n]]

    def least_active(self, n: int = 5, among: set[str] | None = None) -> list[OutcomeRow]:
        """The ``n`` least active, those with no activity at all first."""
        keep = np.ones(len(self.ids), dtype=bool)
        if among is not None:
            keep &= np.array([party in among for party in self.ids], dtype=bool)
        return [self[i] for i in self._order(keep, False)[:n]]


@dataclass(frozen=True)
class Outcomes:
    """A year's outcomes: the street, then every alliance, organisation and pairing."""

    year: int
    street: OutcomeRow
    alliances: ScopeRows
    organisations: ScopeRows
    pairings: ScopeRows

    def most_active(self, scope: str, n: int = 5) -> list[OutcomeRow]:
        """The ``n`` most active of ``scope`` (organisations or pairings) by activities, then 人次."""
        return getattr(self, scope).most_active(n)

    def least_active(self, scope: str, n: int = 5) -> list[OutcomeRow]:
        """The ``n`` least active of ``scope``, those with no activity at all first."""
        return getattr(self, scope).least_active(n)


@dataclass(frozen=True)
class ActivityTable:
    """Activities as columns: one row per activity, and exploded (activity, party) credits."""

    years: np.ndarray  # int32, per activity
    served: np.ndarray  # int64
    volunteers: np.ndarray  # int64
    donated: np.ndarray  # float64
    pairing: np.ndarray  # int32 code into pairing_ids, -1 when none
    alliance_rows: np.ndarray  # int64 activity index, one per (activity, alliance) credit
    alliance_codes: np.ndarray  # int32 code into alliance_ids
    org_rows: np.ndarray
    org_codes: np.ndarray
    alliance_ids: tuple[str, ...]
    org_ids: tuple[str, ...]
    pairing_ids: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.years)


def activity_table(dataset: Dataset) -> ActivityTable:
    """The columnar form of ``dataset.activities`` (one pass over the records)."""
    alliance_ids = tuple(a.id for a in dataset.alliances)
    org_ids = tuple(o.id for o in dataset.organisations)
    pairing_ids = tuple(p.id for p in dataset.pairings)
    a_code = {a: i for i, a in enumerate(alliance_ids)}
    o_code = {o: i for i, o in enumerate(org_ids)}
    p_code = {p: i for i, p in enumerate(pairing_ids)}
    alliance_of_org = {o.id: a_code.get(o.alliance) for o in dataset.organisations if o.alliance}
    alliance_of_project = {p.id: a_code.get(p.alliance) for p in dataset.projects}
    alliance_of_team = {t.id: a_code.get(t.alliance) for t in dataset.service_teams if t.alliance}
    ends = {p.id: (p.party_a, p.party_b) for p in dataset.pairings}
    is_org = {o.id for o in dataset.organisations}
    n = len(dataset.activities)
    years = np.empty(n, dtype=np.int32)
    served = np.empty(n, dtype=np.int64)
    volunteers = np.empty(n, dtype=np.int64)
    donated = np.empty(n, dtype=np.float64)
    pairing = np.full(n, -1, dtype=np.int32)
    a_rows: list[int] = []
    a_codes: list[int] = []
    o_rows: list[int] = []
    o_codes: list[int] = []
    for i, act in enumerate(dataset.activities):
        years[i] = act.date.year
        served[i] = act.people_served
        volunteers[i] = act.volunteers
        donated[i] = act.donated
        orgs = set(act.organisations)
        alliances = set()
        if act.pairing is not None:
            pairing[i] = p_code.get(act.pairing, -1)
            for end in ends.get(act.pairing, ()):
                if end in is_org:
                    orgs.add(end)
                elif end in a_code:
                    alliances.add(a_code[end])
        if act.alliance is not None:
            alliances.add(a_code.get(act.alliance))
        if act.project is not None:
            alliances.add(alliance_of_project.get(act.project))
        if act.team is not None:
            alliances.add(alliance_of_team.get(act.team))
        for org in orgs:
            code = o_code.get(org)
            if code is not None:
                o_rows.append(i)
                o_codes.append(code)
            alliances.add(alliance_of_org.get(org))
        alliances.discard(None)
        for code in alliances:
            a_rows.append(i)
            a_codes.append(code)
    return ActivityTable(
        years=years, served=served, volunteers=volunteers, donated=donated, pairing=pairing,
        alliance_rows=np.asarray(a_rows, dtype=np.int64), alliance_codes=np.asarray(a_codes, dtype=np.int32),
        org_rows=np.asarray(o_rows, dtype=np.int64), org_codes=np.asarray(o_codes, dtype=np.int32),
        alliance_ids=alliance_ids, org_ids=org_ids, pairing_ids=pairing_ids)


def last_full_year(dataset: Dataset) -> int | None:
    """The last calendar year the ledger has seen to its end: the year before the latest
    activity's (or that year itself if the latest activity is on 31 December).

    >>> import datetime as dt
    >>> from lianmeng.ledger_records import Activity
    >>> acts = [Activity(id="a", date=dt.date(2026, 3, 1), title="x", alliance="A")]
    >>> last_full_year(Dataset(activities=acts))
    2025
    >>> last_full_year(Dataset()) is None
    True
    """
    if not dataset.activities:
        return None
    latest = max(a.date for a in dataset.activities)
    return latest.year if (latest.month, latest.day) == (12, 31) else latest.year - 1


def _sums(table: ActivityTable, year: int, rows: np.ndarray | None, codes: np.ndarray | None,
          size: int) -> dict[str, np.ndarray]:
    """Per-code sums of the metrics for ``year``; ``rows is None`` means the pairing column."""
    if rows is None:
        mask = (table.years == year) & (table.pairing >= 0)
        idx = np.nonzero(mask)[0]
        keys = table.pairing[idx]
    else:
        sel = table.years[rows] == year
        idx = rows[sel]
        keys = codes[sel]  # type: ignore[index]
    return {
        "activities": np.bincount(keys, minlength=size),
        "people_served": np.bincount(keys, weights=table.served[idx], minlength=size),
        "volunteers": np.bincount(keys, weights=table.volunteers[idx], minlength=size),
        "donated": np.bincount(keys, weights=table.donated[idx], minlength=size),
    }


def _figures(sums: dict[str, np.ndarray], i: int) -> Figures:
    return Figures(activities=int(sums["activities"][i]), people_served=int(round(sums["people_served"][i])),
                   volunteers=int(round(sums["volunteers"][i])), donated=round(float(sums["donated"][i]), 2),
                   projects_finished=int(sums["projects_finished"][i]))


class _Names:
    """A party's or pairing's name (picklable, so that a page may cache the outcomes)."""

    def __init__(self, dataset: Dataset) -> None:
        self.names = {**{c.id: c.name for c in dataset.committees}, **{a.id: a.name for a in dataset.alliances},
                      **{o.id: o.name for o in dataset.organisations}}
        self.ends = {p.id: (p.party_a, p.party_b) for p in dataset.pairings}

    def __call__(self, party: str) -> str:
        ends = self.ends.get(party)
        if ends is not None:
            return f"{self.names.get(ends[0], ends[0])}—{self.names.get(ends[1], ends[1])}"
        return self.names.get(party, party)


def outcomes(dataset: Dataset, year: int, table: ActivityTable | None = None) -> Outcomes:
    """The outcomes of ``year`` and their change from ``year - 1``.

    Parameters
    ----------
    dataset : Dataset
    year : int
    table : ActivityTable, optional
        :func:`activity_table` of ``dataset``, when the caller keeps one (per revision).
    """
    table = table if table is not None else activity_table(dataset)
    finished: dict[tuple[str, int], int] = {}
    for project in dataset.projects:
        if project.status in FINISHED:
            for key in (("", project.year), (project.alliance, project.year),
                        *(((o, project.year)) for o in {project.lead, *project.partners} if o)):
                finished[key] = finished.get(key, 0) + 1

    def street(y: int) -> Figures:
        mask = table.years == y
        return Figures(activities=int(mask.sum()), people_served=int(table.served[mask].sum()),
                       volunteers=int(table.volunteers[mask].sum()),
                       donated=round(float(table.donated[mask].sum()), 2), projects_finished=finished.get(("", y), 0))

    name_of = _Names(dataset)

    rows: dict[str, ScopeRows] = {}
    for scope, ids, rws, codes in (("alliances", table.alliance_ids, table.alliance_rows, table.alliance_codes),
                                   ("organisations", table.org_ids, table.org_rows, table.org_codes),
                                   ("pairings", table.pairing_ids, None, None)):
        now = _sums(table, year, rws, codes, len(ids))
        before = _sums(table, year - 1, rws, codes, len(ids))
        index = {party: i for i, party in enumerate(ids)} if finished and scope != "pairings" else {}
        for sums, y in ((now, year), (before, year - 1)):
            done = np.zeros(len(ids), dtype=np.int64)
            for (party, when), n in finished.items():
                if when == y and party in index:
                    done[index[party]] = n
            sums["projects_finished"] = done
        rows[scope] = ScopeRows(scope[:-1], ids, name_of, now, before)
    return Outcomes(
        year=year,
        street=OutcomeRow("street", dataset.committees[0].id if dataset.committees else "", dataset.committees[0].name
                          if dataset.committees else "", street(year), street(year - 1)),
        alliances=rows["alliances"], organisations=rows["organisations"], pairings=rows["pairings"])


def street_summary(dataset: Dataset, year: int | None = None) -> dict[str, object] | None:
    """The street's outcomes of ``year`` (default :func:`last_full_year`) as plain JSON data:
    ``year``, the five figures and ``change`` from the year before; ``None`` with no ledger."""
    year = year if year is not None else last_full_year(dataset)
    if year is None:
        return None
    row = outcomes(dataset, year).street
    return {"year": year, **row.current.as_dict(), "change": row.change()}
