"""The chair rotation (轮值主席制): who chairs an alliance's joint meeting in each quarter.

Pure: member ids, past chairs, exclusions and pins in; a :class:`RotationPlan` out.

The rule, exactly
-----------------
1. **Eligible** members are the alliance's members in their given order, minus the
   excluded ones (each exclusion carries a reason, reported in the plan).
2. **The queue** orders the eligible members by (times chaired in the history, the
   quarter they last chaired — never first —, their position among the members). So
   those who chaired least often, then least recently, go first.
3. **The last chair is not the next**: if the queue's head chaired the most recent
   history quarter and there are at least two eligible members, the first two of the
   queue swap places.
4. **The plan** is the queue repeated: quarter ``i`` of the span gets ``queue[i % n]``.
   Every eligible member therefore chairs once before anyone chairs twice, and with
   ``n ≥ 2`` nobody chairs two quarters running (the queue's tail differs from its head).
5. **Pins** (a chair a person fixed, or a meeting already held) are applied in quarter
   order, each inside its *cycle* — the ``n`` quarters ``⌊i/n⌋·n … ⌊i/n⌋·n+n-1``. Pinning
   quarter ``k`` to ``X``: if ``X`` is planned for another, unpinned quarter ``j`` of the
   same cycle, ``k`` and ``j`` swap chairs; otherwise (``X`` is not in that cycle, or
   only in pinned quarters) ``k`` simply takes ``X`` and the chair it displaces skips
   this cycle. Nothing else moves: changing one quarter changes at most that quarter
   and the quarter it swapped with.

A pin may break rule 4 (for instance the same chair two quarters running across a
cycle boundary); the plan then carries a ``consecutive`` warning for that quarter
rather than silently moving other chairs.

>>> plan = plan_rotation(["a", "b", "c"], ["2026Q1", "2026Q2", "2026Q3", "2026Q4"],
...                      history={"2025Q4": "a"})
>>> [s.chair for s in plan.slots]
['b', 'c', 'a', 'b']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Slot", "RotationPlan", "rotation_queue", "plan_rotation", "SOURCES"]

#: where a slot's chair comes from
SOURCES = ("planned", "pinned", "saved", "held", "none")


@dataclass(frozen=True)
class Slot:
    """One quarter of a plan. ``swapped_with`` names the pinned quarter whose chair was
    moved here (rule 5), else ``None``."""

    quarter: str
    chair: str | None
    source: str = "planned"
    swapped_with: str | None = None


@dataclass(frozen=True)
class RotationPlan:
    """The chairs for a span of quarters, the queue behind them, exclusions and warnings.

    ``warnings`` are ``(code, quarter)`` pairs: ``consecutive`` (same chair as the quarter
    before), ``no_eligible`` (nobody may chair), ``pin_excluded`` (a pin names an
    excluded or unknown organisation).
    """

    slots: tuple[Slot, ...]
    queue: tuple[str, ...]
    excluded: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[tuple[str, str], ...] = ()
    last_chair: str | None = None

    def chairs(self) -> dict[str, str | None]:
        return {slot.quarter: slot.chair for slot in self.slots}

    def swapped_quarters(self) -> set[str]:
        """Quarters moved by a pin: the pinned ones that swapped, and their partners."""
        moved = {s.quarter for s in self.slots if s.swapped_with}
        return moved | {s.swapped_with for s in self.slots if s.swapped_with}


def rotation_queue(members: Sequence[str], history: Mapping[str, str] | None = None,
                   excluded: Mapping[str, str] | None = None) -> list[str]:
    """The eligible members in rotation order (rules 1–3).

    >>> rotation_queue(["a", "b", "c"], {"2025Q3": "b", "2025Q4": "c"})
    ['a', 'b', 'c']
    >>> rotation_queue(["a", "b", "c"], {"2025Q3": "a", "2025Q4": "c"}, {"b": "已撤销"})
    ['a', 'c']
    """
    history = dict(history or {})
    excluded = excluded or {}
    eligible = [m for i, m in enumerate(dict.fromkeys(members)) if m not in excluded]
    position = {m: i for i, m in enumerate(eligible)}
    count = dict.fromkeys(eligible, 0)
    last: dict[str, str] = {}
    for quarter in sorted(history):
        chair = history[quarter]
        if chair in count:
            count[chair] += 1
            last[chair] = quarter
    queue = sorted(eligible, key=lambda m: (count[m], last.get(m, ""), position[m]))
    latest = history[max(history)] if history else None
    if len(queue) >= 2 and queue[0] == latest:
        queue[0], queue[1] = queue[1], queue[0]
    return queue


def plan_rotation(
    members: Sequence[str],
    quarters: Sequence[str],
    *,
    history: Mapping[str, str] | None = None,
    excluded: Mapping[str, str] | None = None,
    pins: Mapping[str, str] | None = None,
    held: Mapping[str, str] | None = None,
) -> RotationPlan:
    """Plan the chairs for ``quarters`` (consecutive, in order).

    Parameters
    ----------
    members : the alliance's member organisation ids, in a stable order.
    quarters : the span, e.g. ``["2026Q1", …, "2026Q4"]``.
    history : quarter → chair of past meetings; only quarters before the span count.
    excluded : organisation → reason; left out of the queue.
    pins : quarter → chair a person fixed (rule 5).
    held : quarter → chair of meetings already held in the span; treated as pins and
        winning over them.
    """
    quarters = list(quarters)
    start = quarters[0] if quarters else ""
    past = {q: c for q, c in (history or {}).items() if q < start and c}
    excluded = dict(excluded or {})
    queue = rotation_queue(members, past, excluded)
    n = len(queue)
    chairs: list[str | None] = [queue[i % n] if n else None for i in range(len(quarters))]
    sources = ["planned" if n else "none"] * len(quarters)
    swapped: list[str | None] = [None] * len(quarters)
    fixed = {**{q: c for q, c in (pins or {}).items() if c}, **{q: c for q, c in (held or {}).items() if c}}
    held_quarters = set(held or {})
    locked: set[int] = set()
    warnings: list[tuple[str, str]] = []
    eligible = set(queue)
    for k, quarter in enumerate(quarters):
        if quarter not in fixed:
            continue
        chair = fixed[quarter]
        if chair not in eligible and quarter not in held_quarters:
            warnings.append(("pin_excluded", quarter))
        if chairs[k] != chair and n:
            cycle = range((k // n) * n, min((k // n + 1) * n, len(quarters)))
            partner = next((j for j in cycle if j != k and j not in locked and chairs[j] == chair), None)
            if partner is not None:
                chairs[partner] = chairs[k]
                swapped[partner] = quarter
                swapped[k] = quarters[partner]
        chairs[k] = chair
        sources[k] = "held" if quarter in held_quarters else "pinned"
        locked.add(k)
    latest = past[max(past)] if past else None
    previous = latest
    for k, quarter in enumerate(quarters):
        if chairs[k] is None:
            warnings.append(("no_eligible", quarter))
        elif n >= 2 and chairs[k] == previous:
            warnings.append(("consecutive", quarter))
        previous = chairs[k]
    slots = tuple(Slot(q, chairs[k], sources[k], swapped[k]) for k, q in enumerate(quarters))
    return RotationPlan(slots=slots, queue=tuple(queue), excluded=excluded, warnings=tuple(warnings),
                        last_chair=latest)
