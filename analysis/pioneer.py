"""先锋指数: survey responses aggregated per organisation, ranked per alliance, compared
year over year, with alerts below the street's threshold.

Each response (one resident, one organisation) becomes one index on 0–100 (the round's
weighted mean, scaled: :meth:`~lianmeng.records.PioneerRound.index_of`). Per organisation:
the number of responses ``n``, the mean, the sample standard deviation and a 95 %
confidence band ``mean ± 1.96·sd/√n`` (a single response has no band: ``sd`` 0). Pure.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass

from lianmeng.dataset import Dataset
from lianmeng.records import PioneerRound

__all__ = ["OrgIndex", "aggregate", "latest_round", "previous_round", "ranking", "index_by_org"]

Z95 = 1.96


@dataclass(frozen=True)
class OrgIndex:
    organisation: str
    name: str
    alliance: str | None
    n: int
    mean: float
    sd: float
    low: float
    high: float
    rank_in_alliance: int = 0
    change: float | None = None  # against the previous round of the same kind
    alert: bool = False  # below the round's threshold

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _stats(values: list[float]) -> tuple[float, float, float, float]:
    """Mean, sample sd and the 95 % band.

    >>> _stats([80.0, 90.0, 100.0])
    (90.0, 10.0, 78.684, 101.316)
    """
    n = len(values)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
    half = Z95 * sd / math.sqrt(n)
    return round(mean, 3), round(sd, 3), round(mean - half, 3), round(mean + half, 3)


def _period_key(round_: PioneerRound) -> tuple[int, str]:
    return (round_.year, round_.period[4:])


def latest_round(dataset: Dataset) -> PioneerRound | None:
    rounds = [r for r in dataset.pioneer_rounds if any(x.round == r.id for x in dataset.pioneer_responses)]
    return max(rounds, key=_period_key, default=None)


def previous_round(dataset: Dataset, round_: PioneerRound) -> PioneerRound | None:
    """The round one year before (``2026`` → ``2025``, ``2026H1`` → ``2025H1``)."""
    wanted = f"{round_.year - 1}{round_.period[4:]}"
    return next((r for r in dataset.pioneer_rounds if r.period == wanted), None)


def _means(dataset: Dataset, round_: PioneerRound) -> dict[str, list[float]]:
    values: dict[str, list[float]] = defaultdict(list)
    for response in dataset.pioneer_responses:
        if response.round == round_.id:
            values[response.organisation].append(round_.index_of(response.scores))
    return values


def aggregate(dataset: Dataset, round_id: str | None = None) -> list[OrgIndex]:
    """Every organisation with responses in the round (the latest by default), best first
    within each alliance (alliances in dataset order, outside units last)."""
    round_ = next((r for r in dataset.pioneer_rounds if r.id == round_id), None) if round_id \
        else latest_round(dataset)
    if round_ is None:
        return []
    before = previous_round(dataset, round_)
    old = {k: _stats(v)[0] for k, v in _means(dataset, before).items()} if before else {}
    orgs = {o.id: o for o in dataset.organisations}
    rows: list[OrgIndex] = []
    for org_id, values in _means(dataset, round_).items():
        org = orgs.get(org_id)
        mean, sd, low, high = _stats(values)
        rows.append(OrgIndex(org_id, org.name if org else org_id, org.alliance if org else None, len(values),
                             mean, sd, low, high,
                             change=round(mean - old[org_id], 3) if org_id in old else None,
                             alert=mean < round_.threshold))
    order = {a.id: i for i, a in enumerate(dataset.alliances)}
    rows.sort(key=lambda r: (order.get(r.alliance or "", len(order)), -r.mean, r.organisation))
    ranked, rank, last = [], 0, None
    for row in rows:
        rank = 1 if row.alliance != last else rank + 1
        last = row.alliance
        ranked.append(OrgIndex(**{**row.as_dict(), "rank_in_alliance": rank}))
    return ranked


def ranking(dataset: Dataset, alliance_id: str, round_id: str | None = None) -> list[OrgIndex]:
    """One alliance's members, best first."""
    return [r for r in aggregate(dataset, round_id) if r.alliance == alliance_id]


def index_by_org(dataset: Dataset) -> dict[str, float]:
    """The latest round's mean index per organisation (empty without responses)."""
    return {r.organisation: r.mean for r in aggregate(dataset)}
