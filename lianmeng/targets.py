"""The street's own targets (目标): read from the dataset, never assumed.

Targets are records (:class:`lianmeng.records.Target`): seven street figures and each
member's minimum linkages. The sample street carries the seed's figures
(:data:`SEED_TARGETS`); a street that has none is shown without verdicts — never a false
"not met".
"""

from __future__ import annotations

from lianmeng.dataset import Dataset
from lianmeng.records import MEMBER_METRICS, STREET_METRICS, Target, TargetMetric

__all__ = ["SEED_TARGETS", "SEED_MEMBER_TARGETS", "DEFAULT_MEMBER_TARGETS", "seed_targets", "street_targets",
           "member_targets", "has_targets", "target_records"]

#: metric key → target, from the fifth article of the seed text (the sample street's targets)
SEED_TARGETS: dict[str, int] = {
    "alliances": 5,
    "members": 48,
    "small": 38,
    "large": 84,
    "alliance": 25,
    "street": 30,
    "brands": 50,
}
#: each member at least one small and one large linkage ("全覆盖")
SEED_MEMBER_TARGETS: dict[str, int] = {"member_small": 1, "member_large": 1}
#: what a member needs when the street has set no member targets
DEFAULT_MEMBER_TARGETS = SEED_MEMBER_TARGETS


def seed_targets() -> tuple[Target, ...]:
    """The seed's figures as target records (the sample street's)."""
    return tuple(Target(metric=TargetMetric(k), value=v, id="")  # id derived from the metric
                 for k, v in {**SEED_TARGETS, **SEED_MEMBER_TARGETS}.items())


def _mine(dataset: Dataset, street: str | None) -> list[Target]:
    if street is None:
        return [t for t in dataset.targets if t.street is None or len(dataset.committees) <= 1]
    return [t for t in dataset.targets if t.street == street]


def has_targets(dataset: Dataset, street: str | None = None) -> bool:
    return any(t.metric in STREET_METRICS for t in _mine(dataset, street))


def street_targets(dataset: Dataset, street: str | None = None) -> dict[str, int | None]:
    """Metric → target for the seven street figures; ``None`` where none is set.

    >>> street_targets(Dataset())["small"] is None
    True
    """
    found = {t.metric.value: t.value for t in _mine(dataset, street) if t.metric in STREET_METRICS}
    return {m.value: found.get(m.value) for m in STREET_METRICS}


def member_targets(dataset: Dataset, street: str | None = None) -> dict[str, int]:
    """``{"member_small": n, "member_large": m}``: the street's, else one of each."""
    found = {t.metric.value: t.value for t in _mine(dataset, street) if t.metric in MEMBER_METRICS}
    return {**DEFAULT_MEMBER_TARGETS, **found}


def target_records(values: dict[str, int | None], street: str | None = None) -> tuple[list[Target], list[str]]:
    """The records that set ``values`` (metric → value, ``None`` = no target): records to
    write, and the ids of targets to remove."""
    keep, drop = [], []
    for metric, value in values.items():
        if value is None:
            drop.append(Target(metric=TargetMetric(metric), value=0, street=street, id="").id)
        else:
            keep.append(Target(metric=TargetMetric(metric), value=int(value), street=street, id=""))
    return keep, drop
