"""Which pairings a list shows, and how each reads: pure selection, no I/O.

A pairing *belongs to* an alliance when one of its two ends is the alliance itself or a
member organisation of it. So a small-linkage pairing belongs to one alliance, a
cross-alliance pairing to both of its alliances (it is listed on both sheets), an
alliance-level pairing between two alliances to both, and a street-level pairing to none.

*Cross-scope* pairings are the organisation-level pairings that leave the system: a member
organisation with a regional (区域内体系外) or an external (区域外) unit — the kinds
``regional`` and ``external``. Cross-alliance pairings stay inside the system and are not
cross-scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields

from exports import ExportError
from lianmeng.dataset import Dataset
from lianmeng.records import (
    LARGE_KINDS,
    Alliance,
    Organisation,
    Pairing,
    PairingKind,
    PairingLevel,
    PairingStatus,
)
from lianmeng.texts import (
    EXPORT_SHEET_LABELS,
    FIELD_LABELS,
    KIND_LABELS,
    LEVEL_LABELS,
    LINKAGE_LABELS,
    PAIRING_HEADERS,
    SECTOR_LABELS,
    STATUS_LABELS,
    say,
)

__all__ = ["PairingFilter", "EVERYTHING", "PairingRow", "Sheet", "CROSS_SCOPE_KINDS", "resolve_alliance", "parse_filter",
           "alliance_of", "belongs_to", "select", "to_row", "rows", "workbook_sheets", "COLUMNS"]

#: organisation-level kinds that cross the system's boundary (member ↔ regional/external)
CROSS_SCOPE_KINDS = (PairingKind.REGIONAL, PairingKind.EXTERNAL)
#: column keys in the order of the headers
COLUMNS = tuple(PAIRING_HEADERS)
_KIND_ORDER = {kind: i for i, kind in enumerate(PairingKind)}


@dataclass(frozen=True)
class PairingFilter:
    """What a list keeps; ``None`` keeps everything. ``kinds`` is a set of kinds."""

    alliance: str | None = None
    level: PairingLevel | None = None
    kinds: frozenset[PairingKind] | None = None
    status: PairingStatus | None = None
    on: dt.date | None = None


#: the filter that keeps every pairing
EVERYTHING = PairingFilter()


@dataclass(frozen=True)
class PairingRow:
    """One pairing as a list shows it; field order is the column order."""

    party_a: str
    alliance_a: str
    party_b: str
    alliance_b: str
    level: str
    kind: str
    content: str
    since: dt.date
    until: dt.date | None
    status: str

    def values(self) -> tuple[object, ...]:
        return (self.party_a, self.alliance_a, self.party_b, self.alliance_b, self.level, self.kind,
                self.content, self.since, self.until, self.status)


assert tuple(f.name for f in fields(PairingRow)) == COLUMNS  # headers and rows agree


@dataclass(frozen=True)
class Sheet:
    """A titled group of pairings (a sheet of the workbook)."""

    title: str
    pairings: tuple[Pairing, ...]


def resolve_alliance(dataset: Dataset, value: str) -> str:
    """The id of the alliance named ``value`` by id, name, sector id or sector label.

    >>> from lianmeng.sample import sample_street
    >>> resolve_alliance(sample_street(), "商区")
    'commercial'
    """
    text = value.strip()
    for alliance in dataset.alliances:
        sector_label = SECTOR_LABELS.get(alliance.sector, alliance.sector)
        if text in (alliance.id, alliance.name, alliance.sector, sector_label):
            return alliance.id
    choices = "、".join(a.name for a in dataset.alliances) or "（无）"
    raise ExportError(say("export_unknown_alliance", value=value, choices=choices))


def _choice(field: str, value: str, labels: dict[str, str]) -> str:
    text = value.strip()
    for key, label in labels.items():
        if text in (key, label):
            return key
    choices = "、".join(f"{label}（{key}）" for key, label in labels.items())
    raise ExportError(say("export_unknown_choice", field=FIELD_LABELS.get(field, field), value=value,
                          choices=choices))


def parse_filter(dataset: Dataset, *, alliance: str | None = None, level: str | None = None,
                 kind: str | None = None, status: str | None = None, on: str | dt.date | None = None
                 ) -> PairingFilter:
    """Turn what a person typed (ids or Chinese labels) into a :class:`PairingFilter`.

    ``kind`` may also be a linkage (``large`` / 大联动 keeps the three large kinds).
    Raises :class:`~exports.ExportError` naming the bad value and the choices.
    """
    kinds: frozenset[PairingKind] | None = None
    if kind:
        key = _choice("kind", kind, {**KIND_LABELS, "large": LINKAGE_LABELS["large"]})
        kinds = frozenset(LARGE_KINDS) if key == "large" else frozenset({PairingKind(key)})
    day: dt.date | None
    if isinstance(on, str) and on.strip():
        try:
            day = dt.date.fromisoformat(on.strip())
        except ValueError:
            raise ExportError(say("export_bad_date", value=on)) from None
    else:
        day = on if isinstance(on, dt.date) else None
    return PairingFilter(
        alliance=resolve_alliance(dataset, alliance) if alliance else None,
        level=PairingLevel(_choice("level", level, LEVEL_LABELS)) if level else None,
        kinds=kinds,
        status=PairingStatus(_choice("status", status, STATUS_LABELS)) if status else None,
        on=day,
    )


def alliance_of(dataset: Dataset, party_id: str) -> str | None:
    """The alliance a party counts for: its own id for an alliance, its alliance for a
    member organisation, ``None`` for the committee and units outside the system."""
    party = dataset.party(party_id)
    if isinstance(party, Alliance):
        return party.id
    if isinstance(party, Organisation):
        return party.alliance
    return None


def belongs_to(dataset: Dataset, pairing: Pairing, alliance_id: str) -> bool:
    """Whether one end of ``pairing`` is the alliance or one of its members."""
    return alliance_id in (alliance_of(dataset, pairing.party_a), alliance_of(dataset, pairing.party_b))


def select(dataset: Dataset, chosen: PairingFilter = EVERYTHING) -> list[Pairing]:
    """The pairings ``chosen`` keeps, ordered by level, kind, start date and names."""
    kept = [
        p for p in dataset.pairings
        if (chosen.alliance is None or belongs_to(dataset, p, chosen.alliance))
        and (chosen.level is None or p.level is chosen.level)
        and (chosen.kinds is None or p.kind in chosen.kinds)
        and (chosen.status is None or p.status is chosen.status)
        and (chosen.on is None or p.active_on(chosen.on))
    ]
    return sorted(kept, key=lambda p: (_KIND_ORDER[p.kind], p.since, dataset.name_of(p.party_a),
                                       dataset.name_of(p.party_b), p.id))


def to_row(dataset: Dataset, pairing: Pairing) -> PairingRow:
    """How ``pairing`` reads in a list: names and labels instead of ids and codes."""
    return PairingRow(
        party_a=dataset.name_of(pairing.party_a),
        alliance_a=dataset.name_of(alliance_of(dataset, pairing.party_a)),
        party_b=dataset.name_of(pairing.party_b),
        alliance_b=dataset.name_of(alliance_of(dataset, pairing.party_b)),
        level=LEVEL_LABELS[pairing.level.value],
        kind=KIND_LABELS[pairing.kind.value],
        content=pairing.content,
        since=pairing.since,
        until=pairing.until,
        status=STATUS_LABELS[pairing.status.value],
    )


def rows(dataset: Dataset, pairings: Iterable[Pairing]) -> list[PairingRow]:
    return [to_row(dataset, p) for p in pairings]


def workbook_sheets(dataset: Dataset, chosen: PairingFilter = EVERYTHING) -> list[Sheet]:
    """The sheets of the pairing workbook, in order.

    全部结对 (every selected pairing once), then one sheet per alliance (every alliance, or
    only the filtered one) with the selected pairings that belong to it, then the summary
    sheets 联盟层面结对, 街道层面结对 and 跨范围结对. Titles are not yet made valid for
    Excel; the writer does that.
    """
    kept = select(dataset, chosen)
    sheets = [Sheet(EXPORT_SHEET_LABELS["all"], tuple(kept))]
    # one pass over the pairings, not one per alliance: a city has a hundred alliances
    by_alliance: dict[str, list[Pairing]] = {a.id: [] for a in dataset.alliances}
    for p in kept:
        for alliance_id in {alliance_of(dataset, p.party_a), alliance_of(dataset, p.party_b)}:
            if alliance_id in by_alliance:
                by_alliance[alliance_id].append(p)
    for alliance in dataset.alliances:
        if chosen.alliance in (None, alliance.id):
            sheets.append(Sheet(alliance.name, tuple(by_alliance[alliance.id])))
    sheets.append(Sheet(EXPORT_SHEET_LABELS["alliance"],
                        tuple(p for p in kept if p.level is PairingLevel.ALLIANCE)))
    sheets.append(Sheet(EXPORT_SHEET_LABELS["street"], tuple(p for p in kept if p.level is PairingLevel.STREET)))
    sheets.append(Sheet(EXPORT_SHEET_LABELS["cross_scope"], tuple(p for p in kept if p.kind in CROSS_SCOPE_KINDS)))
    return sheets
