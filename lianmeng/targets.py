"""The seed's figures as targets (示范数字): what the overview and coverage compare with."""

from __future__ import annotations

#: metric key → target, from the fifth article of the seed text
SEED_TARGETS: dict[str, int] = {
    "alliances": 5,
    "members": 48,
    "small": 38,
    "large": 84,
    "alliance": 25,
    "street": 30,
    "brands": 50,
}
