"""The street's headline figures, counted from a dataset (active pairings only)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from lianmeng.dataset import Dataset
from lianmeng.records import PairingLevel, Scope

__all__ = ["street_stats", "brand_count"]


def street_stats(dataset: Dataset) -> dict[str, Any]:
    """The figures of ``lianmeng stats --json``, in exactly its keys.

    >>> street_stats(Dataset())["pairings"]
    {'small': 0, 'large': 0, 'alliance': 0, 'street': 0}
    """
    scopes = Counter(org.scope for org in dataset.organisations)
    groups: Counter[str] = Counter()
    for pairing in dataset.pairings:
        if not pairing.is_active:
            continue
        if pairing.level is PairingLevel.ORGANISATION:
            groups[pairing.linkage.value] += 1  # type: ignore[union-attr]
        else:
            groups[pairing.level.value] += 1
    return {
        "alliances": len(dataset.alliances),
        "organisations": {scope.value: scopes[scope] for scope in Scope},
        "pairings": {key: groups[key] for key in ("small", "large", "alliance", "street")},
        "meetings": len(dataset.meetings),
    }


def brand_count(dataset: Dataset) -> int:
    """Feature brands run by member organisations (特色品牌)."""
    return sum(len(org.brands) for org in dataset.organisations if org.scope is Scope.MEMBER)
