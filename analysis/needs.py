"""The 供需清单 board: open needs beside the resources that could meet them, with reasons.

A resource matches a need when another organisation publishes it. Its score adds the
pairing score of the two organisations (:class:`analysis.recommend.PairingContext`, the
same scoring and reasons as the pairing recommendations) to what the items share:

============================================  =====
part                                          score
============================================  =====
same category                                 3
titles or descriptions share two characters   1
a weak unit helped by a strong one (先锋指数)  1
============================================  =====

"Weak" and "strong" are the latest pioneer-index round: the needing unit below the
round's threshold and the resource's unit at or above it (以强带弱; the reason says so).
Ties are broken by id, so the same data always gives the same list. Pure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from analysis import pioneer
from analysis.recommend import PairingContext, pair_kind, similar_industry
from lianmeng.dataset import Dataset
from lianmeng.records import Linkage, NeedKind, NeedStatus, PairingKind, SupplyDemandItem
from lianmeng.texts import KIND_LABELS, say

__all__ = ["Match", "matches", "board", "unpaired_claim"]


@dataclass(frozen=True)
class Match:
    need: str
    resource: str
    score: float
    reasons: tuple[str, ...]


def _similar(a: SupplyDemandItem, b: SupplyDemandItem) -> bool:
    return similar_industry(a.title, b.title) > 0 or similar_industry(a.description, b.description) > 0


def matches(dataset: Dataset, today: dt.date, *, top: int = 3,
            context: PairingContext | None = None) -> dict[str, list[Match]]:
    """For every need open on ``today``: its best ``top`` open resources, best first."""
    open_items = [i for i in dataset.supply_demand if i.status_on(today) is NeedStatus.OPEN]
    needs = [i for i in open_items if i.kind is NeedKind.NEED]
    resources = [i for i in open_items if i.kind is NeedKind.RESOURCE]
    if not needs or not resources:
        return {n.id: [] for n in needs}
    context = context or PairingContext(dataset, today)
    latest = pioneer.latest_round(dataset)
    index = pioneer.index_by_org(dataset)
    found: dict[str, list[Match]] = {}
    for need in needs:
        scored = []
        for res in resources:
            if res.organisation == need.organisation:
                continue
            score, reasons = 0.0, []
            if need.category and need.category == res.category:
                score += 3
                reasons.append(say("reason_same_category", category=need.category))
            if _similar(need, res):
                score += 1
                reasons.append(say("reason_similar_title", need=need.title, resource=res.title))
            a, b = context.orgs.get(need.organisation), context.orgs.get(res.organisation)
            if a and b:
                kind = pair_kind(a, b)
                if context.paired(a.id, b.id):
                    reasons.append(say("reason_already_paired"))
                elif kind is not None:
                    linkage = Linkage.SMALL if kind is PairingKind.SMALL else Linkage.LARGE
                    part, why = context.score(a, b, linkage)
                    score += part
                    reasons.append(say("reason_not_yet_paired", kind=KIND_LABELS[kind.value]))
                    reasons.extend(why)
            if latest and need.organisation in index and res.organisation in index \
                    and index[need.organisation] < latest.threshold <= index[res.organisation]:
                score += 1
                reasons.append(say("reason_weak_strong", weak=dataset.name_of(need.organisation),
                                   weak_index=f"{index[need.organisation]:.1f}",
                                   strong=dataset.name_of(res.organisation),
                                   strong_index=f"{index[res.organisation]:.1f}"))
            scored.append(Match(need.id, res.id, round(score, 6), tuple(reasons)))
        scored.sort(key=lambda m: (-m.score, m.resource))
        found[need.id] = scored[:top]
    return found


def board(dataset: Dataset, today: dt.date) -> dict[str, list[SupplyDemandItem]]:
    """The items by their status on ``today``: open / claimed / fulfilled / closed / lapsed."""
    out: dict[str, list[SupplyDemandItem]] = {s.value: [] for s in NeedStatus}
    for item in sorted(dataset.supply_demand, key=lambda i: (i.quarter, i.id)):
        out[item.status_on(today).value].append(item)
    return out


def unpaired_claim(dataset: Dataset, item: SupplyDemandItem, on: dt.date) -> PairingKind | None:
    """The kind of pairing a claim would found — the claimant and the publisher are not
    paired (in force on ``on``) and may pair — else ``None``."""
    if not item.claimed_by:
        return None
    orgs = {o.id: o for o in dataset.organisations}
    a, b = orgs.get(item.organisation), orgs.get(item.claimed_by)
    if a is None or b is None:
        return None
    key = tuple(sorted((a.id, b.id)))
    if any(p.pair_key == key and p.active_on(on) for p in dataset.pairings):
        return None
    return pair_kind(a, b)
