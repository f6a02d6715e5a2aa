"""先锋指数 rounds: create a round, import a survey sheet (one row per resident response),
the aggregated ranking per alliance with the confidence band, year-over-year change and
alerts below the street's threshold. Writes through the store's write path (planners)."""

from __future__ import annotations

from pathlib import Path

from analysis import pioneer
from graphdb.store import GraphStore
from ingest.mechanisms import MechanismImport
from lianmeng.dataset import Dataset
from lianmeng.ops.needs import import_sheets
from lianmeng.records import PioneerRound, build

__all__ = ["add_round", "import_survey", "ranking_view"]


def add_round(store: GraphStore, *, period: str, questions: list[str], weights: list[float] | None = None,
              scale_min: float = 0, scale_max: float = 10, threshold: float = 80, title: str = "") -> PioneerRound:
    store.require("edit_data")
    round_ = build(PioneerRound, {"period": period, "title": title or f"{period} 先锋指数测评",
                                  "questions": questions, "weights": weights or [], "scale_min": scale_min,
                                  "scale_max": scale_max, "threshold": threshold})
    with store.action("pioneer_round", note=round_.period):
        store.upsert([round_])
    return round_


def import_survey(store: GraphStore, paths: list[str | Path] | None = None, *,
                  upload: tuple[str, bytes] | None = None, dry_run: bool = False) -> MechanismImport:
    """Import 先锋指数 survey sheets (and any 供需/诉求 sheets beside them): all or nothing."""
    return import_sheets(store, paths, upload=upload, dry_run=dry_run)


def ranking_view(dataset: Dataset, round_id: str | None = None, alliance: str | None = None) -> dict[str, object]:
    """The round (latest with responses by default) and its rows, best first per alliance."""
    round_ = next((r for r in dataset.pioneer_rounds if r.id == round_id), None) if round_id \
        else pioneer.latest_round(dataset)
    rows = pioneer.aggregate(dataset, round_.id) if round_ else []
    if alliance:
        rows = [r for r in rows if r.alliance == alliance]
    return {"round": round_.model_dump(mode="json") if round_ else None,
            "rows": [{**r.as_dict(), "alliance_name": dataset.name_of(r.alliance) if r.alliance else ""}
                     for r in rows],
            "alerts": [r.name for r in rows if r.alert]}
