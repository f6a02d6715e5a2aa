"""Analyses as operations on a store: snapshot, analyse, return plain results.

The command line and the pages call these; :mod:`analysis` itself stays pure. The
``*_dict`` functions turn analysis results into JSON-ready dicts keyed by English names
with organisation and alliance *names* (not ids) where people read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from analysis.centrality import MEASURES, CentralityResult, centrality
from analysis.coverage import CoverageReport, coverage
from analysis.graphs import pairing_network
from analysis.plan import Plan, plan, plan_records
from analysis.recommend import Candidate, recommend
from graphdb.store import GraphStore, RevisionConflict
from lianmeng import logs
from lianmeng.dataset import ChangeSet, Dataset
from lianmeng.errors import LianmengError
from lianmeng.ops.backups import Backup, BackupShelf
from lianmeng.records import Linkage, Organisation, Pairing
from lianmeng.settings import Settings
from lianmeng.texts import MATRIX_COLUMN_LABELS, say

__all__ = [
    "AnalysisInputError",
    "analysis_options",
    "find_organisation",
    "gaps",
    "gaps_dict",
    "centrality_ranking",
    "recommendations",
    "pairing_plan",
    "plan_dict",
    "plan_pairings",
    "apply_plan",
    "PlanApplied",
    "dataset_centrality",
]


class AnalysisInputError(LianmengError):
    """An analysis was asked about something that does not exist (message in Chinese)."""


def analysis_options(settings: Settings | None) -> dict[str, int | float]:
    """The sampling thresholds and the compiled-kernel size from ``settings`` (defaults
    without), as keyword arguments."""
    settings = settings or Settings.from_env({})
    return {
        "betweenness_exact_max": settings.betweenness_exact_max,
        "betweenness_samples": settings.betweenness_samples,
        "closeness_exact_max": settings.closeness_exact_max,
        "closeness_samples": settings.closeness_samples,
        "compiled_min": settings.compiled_min,
        "betweenness_error": settings.betweenness_error,
        "betweenness_kadabra_max": settings.betweenness_kadabra_max,
    }


def find_organisation(dataset: Dataset, name_or_id: str) -> Organisation:
    """The organisation with this name or id, or :class:`AnalysisInputError`."""
    wanted = name_or_id.strip()
    for org in dataset.organisations:
        if wanted in (org.id, org.name):
            return org
    raise AnalysisInputError(say("unknown_organisation", value=name_or_id))


# --- coverage -------------------------------------------------------------------------


def gaps_dict(report: CoverageReport) -> dict[str, Any]:
    """The coverage report as ``lianmeng gaps --json`` prints it.

    ``no_pairing`` holds every member with no organisation-level pairing in force,
    including those whose pairings have all ended; ``only_ended`` names those again.
    """
    names = report.names

    def flagged(flag: str) -> list[str]:
        return [m.name for m in report.flagged(flag)]

    column_name = {**{a: names.get(a, a) for a in report.matrix.rows}, **MATRIX_COLUMN_LABELS}
    return {
        "no_pairing": flagged("no_pairing"),
        "only_ended": flagged("only_ended"),
        "no_small": flagged("no_small"),
        "no_large": flagged("no_large"),
        "fully_covered": report.fully_covered,
        "coverage": [
            {"alliance": a.name, "id": a.id, "members": a.members, "with_small": a.with_small,
             "with_large": a.with_large, "covered": a.covered, "share_small": round(a.share_small, 4),
             "share_large": round(a.share_large, 4), "small_pairings": a.small_pairings,
             "large_pairings": a.large_pairings, "alliance_pairings": a.alliance_pairings,
             "paired": a.paired, "paired_active": a.paired_active}
            for a in report.alliances
        ],
        "targets": [{"metric": t.metric, "actual": t.actual, "target": t.target, "met": t.met}
                    for t in report.targets],
        "matrix": {
            column_name[row]: {column_name[col]: report.matrix.counts[row][col] for col in report.matrix.columns}
            for row in report.matrix.rows
        },
        "matrix_empty": [[column_name[r], column_name[c]] for r, c in report.matrix.empty],
        "no_alliance_pairing": [names.get(a, a) for a in report.without_alliance_pairing],
        "ending_soon": [
            {"id": p.id, "party_a": names.get(p.party_a, p.party_a), "party_b": names.get(p.party_b, p.party_b),
             "kind": p.kind.value, "until": p.until.isoformat() if p.until else None}
            for p in report.ending
        ],
        "ending_days": report.ending_days,
        # issue 16: pairings in force with no activity in the last dormant_months months
        "dormant": [
            {"id": d.pairing.id, "party_a": names.get(d.pairing.party_a, d.pairing.party_a),
             "party_b": names.get(d.pairing.party_b, d.pairing.party_b), "kind": d.pairing.kind.value,
             "last_activity": d.last_activity.isoformat() if d.last_activity else None}
            for d in report.dormant
        ],
        "dormant_months": report.dormant_months,
        # 共治项目: "一年以一个重大项目解决一个重要问题" — alliances with none this year
        "no_project": [names.get(a, a) for a in report.without_project],
        "project_year": report.project_year,
    }


def gaps(store: GraphStore, *, on: dt.date | None = None, today: dt.date | None = None,
         ending_days: int = 30, targets: dict[str, int] | None = None, dormant_months: int = 6) -> CoverageReport:
    """The coverage report of the store's current data."""
    return coverage(store.snapshot(), on=on, today=today, ending_days=ending_days, targets=targets,
                    dormant_months=dormant_months)


# --- centrality and recommendations -------------------------------------------------


def centrality_ranking(store: GraphStore, *, measure: str | None = None, top: int = 10,
                       settings: Settings | None = None, seed: int = 0, exact: bool = False,
                       progress: Callable[[float], None] | None = None) -> dict[str, Any]:
    """The ``top`` organisations by each measure (or only ``measure``), and per alliance.

    With ``exact``, an estimated betweenness is replaced by the exact one, cached per
    revision (:mod:`lianmeng.ops.exact_cache`; computed now, with ``progress``, if not yet).
    """
    if measure is not None and measure not in MEASURES:
        raise AnalysisInputError(say("bad_measure", value=measure, choices="、".join(MEASURES)))
    dataset = store.snapshot()
    graph = pairing_network(dataset)
    measures = MEASURES if measure is None else (measure,)
    result = centrality(graph, measures=measures, seed=seed, **analysis_options(settings))
    if exact and result.methods.get("betweenness", "exact").startswith("sampled"):
        from lianmeng.ops.exact_cache import exact_now, with_exact

        result = with_exact(result, exact_now(store, (settings or Settings.from_env()).data_dir, progress=progress)[0])
    names = {o.id: o.name for o in dataset.organisations}
    alliance_names = {a.id: a.name for a in dataset.alliances}

    def rows(pairs: list[tuple[str, float]]) -> list[dict[str, Any]]:
        return [{"id": node, "name": names.get(node, node), "score": round(score, 6),
                 "alliance": alliance_names.get(result.alliance_of.get(node) or "")} for node, score in pairs]

    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "methods": result.methods,
        "top": {m: rows(result.top(m, top)) for m in measures},
        "per_alliance": {m: {alliance_names.get(a, a): rows(pairs) for a, pairs in result.per_alliance(m, top).items()}
                         for m in measures},
    }


def _linkage(kind: str) -> Linkage:
    try:
        return Linkage(kind)
    except ValueError:
        raise AnalysisInputError(say("bad_linkage", value=kind)) from None


def recommendations(store: GraphStore, name_or_id: str, kind: str = "large", *, top: int = 10,
                    today: dt.date | None = None, dormant_months: int = 6) -> tuple[Organisation, list[Candidate]]:
    """The organisation named and its ranked candidates for ``kind`` (small or large);
    its dormant pairings of that kind come first, to revive (issue 16)."""
    from analysis.coverage import dormant_pairings

    linkage = _linkage(kind)
    dataset = store.snapshot()
    org = find_organisation(dataset, name_or_id)
    asleep = {d.pairing.id: d.last_activity for d in dormant_pairings(dataset, today or dt.date.today(), dormant_months)}
    return org, recommend(dataset, org.id, linkage, top=top, dormant=asleep)


# --- the plan ---------------------------------------------------------------------------


def pairing_plan(store: GraphStore, *, max_new: int = 2) -> Plan:
    """The pairing plan for the store's current data."""
    return plan(store.snapshot(), max_new=max_new)


def plan_dict(result: Plan) -> dict[str, Any]:
    """The plan as ``lianmeng plan --json`` prints it."""

    def summary(s: Any) -> dict[str, int | bool]:
        return {"members": s.members, "with_small": s.with_small, "with_large": s.with_large,
                "covered": s.covered, "full": s.full}

    return {
        "max_new": result.max_new,
        "new_pairings": len(result.pairings),
        "before": summary(result.before),
        "after": summary(result.after),
        "pairings": [
            {"party_a": p.name_a, "party_b": p.name_b, "party_a_id": p.party_a, "party_b_id": p.party_b,
             "kind": p.kind.value, "linkage": p.linkage, "score": p.score, "reasons": list(p.reasons)}
            for p in result.pairings
        ],
        "impossible": [{"id": i.id, "name": i.name, "linkage": i.linkage, "reason": i.reason}
                       for i in result.impossible],
    }


def plan_pairings(result: Plan, since: dt.date | None = None) -> list[Pairing]:
    """The planned pairings as records starting on ``since`` (default today)."""
    return plan_records(result, since or dt.date.today())


@dataclass(frozen=True)
class PlanApplied:
    """What :func:`apply_plan` did: revisions before and after, the backup, the pairings."""

    before: int
    revision: int
    backup: Backup | None
    pairings: tuple[Pairing, ...]


def apply_plan(store: GraphStore, result: Plan, since: dt.date | None = None, *,
               chosen: Sequence[int] | None = None, settings: Settings | None = None,
               expected_revision: int | None = None) -> PlanApplied:
    """Write the planned pairings (or the ``chosen`` rows of the plan, by index) in ONE
    transaction, labelled ``plan`` in the audit trail, after an automatic backup.

    The role is checked before the backup is taken (a viewer's attempt writes nothing,
    not even a backup). Nothing is written, and no backup taken, when no row is chosen.
    ``expected_revision`` (the revision the plan was computed at) refuses the write, with
    :class:`~graphdb.store.RevisionConflict`, if anyone wrote since: the plan is stale.
    """
    records = plan_pairings(result, since)
    if chosen is not None:
        wanted = sorted(set(chosen))
        if any(i < 0 or i >= len(records) for i in wanted):
            raise AnalysisInputError(say("plan_bad_rows", n=len(records)))
        records = [records[i] for i in wanted]
    before = store.revision()
    if not records:
        return PlanApplied(before, before, None, ())
    store.require("apply_plan")  # refused before the backup is taken
    settings = settings or Settings.from_env()
    backup = BackupShelf(settings.backup_dir, keep=settings.backup_keep).save(store, "plan")
    try:
        with store.action("plan", note=backup.name):
            revision = store.apply(ChangeSet(upserts=tuple(records)), expected_revision=expected_revision)
    except RevisionConflict:
        backup.path.unlink(missing_ok=True)  # the plan was stale: nothing was replaced
        raise
    logs.get("plan").info(say("log_plan_applied", actor=store.actor_name, count=len(records), before=before,
                              revision=revision, backup=backup.name))
    return PlanApplied(before, revision, backup, tuple(records))


def dataset_centrality(dataset: Dataset, *, settings: Settings | None = None, seed: int = 0) -> CentralityResult:
    """Every centrality measure of the pairing network of ``dataset`` (sampled above the
    thresholds in ``settings``): what the explorer sizes nodes by and the exports carry."""
    graph = pairing_network(dataset)
    return centrality(graph, measures=MEASURES, seed=seed, **analysis_options(settings))
