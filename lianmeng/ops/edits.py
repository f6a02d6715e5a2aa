"""Edits from the explorer's forms: each one call, one validated transaction through the
store's one write path (:meth:`GraphStore.apply`): one audit entry with before/after, the
revision bumped, and — with the versions the form loaded — a stale save refused with
:class:`~graphdb.store.EditConflict` (who changed the record, and when).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from graphdb.store import GraphStore
from ingest.headers import SHEETS
from ingest.normalise import fold, join_items
from ingest.readers import RawSheet
from ingest.validate import Validation, validate
from lianmeng.dataset import WHAT, ChangeSet, Dataset
from lianmeng.errors import LianmengError
from lianmeng.pairing_rules import PairingRuleError, classify
from lianmeng.records import Record
from lianmeng.targets import target_records
from lianmeng.texts import KIND_LABELS, say

__all__ = ["save_targets", "target_versions", "FormRefused", "Saved", "save_organisation", "save_pairing",
           "end_pairing", "pairing_kind_preview", "look_alike_names", "save_alliance", "save_committee"]


def target_versions(store: GraphStore, ids: list[str]) -> dict[tuple[str, str], int]:
    """``{("targets", id): version}`` for the form to hand back on save."""
    return {("targets", i): store.record_version("targets", i) for i in ids}


def save_targets(store: GraphStore, values: Mapping[str, int | None], *, versions: Mapping[str, int],
                 street: str | None = None) -> int | None:
    """Set the street's targets (metric → value; ``None`` removes that target).

    ``versions`` maps each target id the form showed to the version it loaded (0 for a
    target that did not exist): a target another person changed since is refused with
    :class:`~graphdb.store.EditConflict`. Returns the new revision, or ``None`` when
    nothing changed. Audited as ``targets``.
    """
    store.require("edit_data")
    current = {t.id: t for t in store.snapshot().targets}
    keep, drop = target_records(dict(values), street)
    upserts = tuple(t for t in keep if current.get(t.id) != t)
    deletes = tuple(("targets", i) for i in drop if i in current)
    changes = ChangeSet(upserts=upserts, deletes=deletes)
    if changes.is_empty():
        return None
    touched = [t.id for t in upserts] + [i for _, i in deletes]
    expected = {("targets", i): versions.get(i, 0) for i in touched}
    with store.action("targets"):
        return store.apply(changes, expected_versions=expected)


# --- organisations and pairings: the import's own rules, one row at a time ------------------
#
# A form's values become ONE row of the import's sheet (组织 or 结对) and go through
# ingest.validate — the same rules, the same Chinese messages, never a second copy — and
# the result through the store's one write path with the versions the form loaded.


class FormRefused(LianmengError):
    """A form's values break a rule; ``fields`` maps a field to its messages. Nothing written."""

    def __init__(self, fields: dict[str, list[str]]):
        self.fields = fields
        super().__init__("；".join(m for messages in fields.values() for m in messages))


@dataclass(frozen=True)
class Saved:
    """What a form's save did: the record's id, the new revision and any warnings."""

    id: str
    revision: int
    warnings: tuple[str, ...] = ()


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return join_items(tuple(str(v) for v in value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _check_row(base: Dataset, table: str, values: Mapping[str, object]) -> Validation:
    spec = SHEETS[table]
    fields = [c.field for c in spec.columns if c.field in values]
    sheet = RawSheet(spec.title, "form", [spec.column(f).header for f in fields],
                     [(2, [_cell(values[f]) for f in fields])])
    return validate([sheet], base)


def _refuse(table: str, validation: Validation) -> FormRefused:
    spec = SHEETS[table]
    by_header = {c.header: c.field for c in spec.columns}
    fields: dict[str, list[str]] = {}
    for problem in validation.errors:
        fields.setdefault(by_header.get(problem.column, ""), []).append(problem.message)
    return FormRefused(fields)


def look_alike_names(dataset: Dataset, name: str, *, table: str = "organisations",
                     own_id: str | None = None) -> list[str]:
    """Other names that differ from ``name`` only by full-width characters, spaces or case
    (matched folded, stored as typed): worth a warning, not a refusal."""
    key = fold(name)
    return [r.name for r in dataset.table(table)
            if r.id != own_id and r.name != name.strip() and fold(r.name) == key]


def _exact(dataset: Dataset, name: str, own_id: str | None) -> Record | None:
    return next((o for o in dataset.organisations if o.name == name.strip() and o.id != own_id), None)


def save_organisation(store: GraphStore, values: Mapping[str, object], *, version: int | None = None) -> Saved:
    """Add (no ``id``) or edit (``id``, with the ``version`` the form loaded) an organisation.

    ``values`` are the 组织 sheet's fields (name, alliance, scope, type, unit, …, brands,
    resources, needs as lists or text). A move to another alliance re-derives the kinds of
    its pairings in the same transaction. Raises :class:`FormRefused` with the import's
    messages by field, :class:`~graphdb.store.EditConflict` when someone saved it since.
    """
    store.require("edit_members")  # a chair: their alliance's members only (the write checks)
    base = store.snapshot()
    values = dict(values)
    own = str(values.get("id") or "").strip() or None
    name = str(values.get("name") or "").strip()
    if own is None:
        if name and _exact(base, name, None) is not None:
            raise FormRefused({"name": [say("duplicate_name", what="组织", name=name)]})
        values["id"] = "O-" + hashlib.sha1(name.encode()).hexdigest()[:10]  # as typed: look-alikes stay apart
    record_id = str(values["id"])
    # the organisation's pairings are re-derived after it changes: leave them out of the check
    # (and, for the check only, the activities recorded under them, which would otherwise
    # name a pairing that is not there)
    mine = [p for p in base.pairings if record_id in (p.party_a, p.party_b)]
    ids = {p.id for p in mine}
    under = [("activities", a.id) for a in base.activities if a.pairing in ids]
    # needs and problems keep a copy of their organisation's alliance: they follow a move
    copies = [(table, r) for table in ("supply_demand", "resident_problems")
              for r in base.table(table) if r.organisation == record_id]
    without = base.with_changes(ChangeSet(deletes=tuple(("pairings", p.id) for p in mine) + tuple(under)
                                          + tuple((table, r.id) for table, r in copies)))
    validation = _check_row(without, "organisations", values)
    if not validation.ok or validation.dataset is None:
        raise _refuse("organisations", validation)
    merged = validation.dataset
    record = next(o for o in merged.organisations if o.id == record_id)
    upserts: list[Record] = [record] if base.party(record_id) != record else []
    for pairing in mine:
        ends = [merged.end(pairing.party_a), merged.end(pairing.party_b)]
        try:
            kind = classify(ends[0], ends[1])  # type: ignore[arg-type]
        except PairingRuleError as exc:
            raise FormRefused({"scope": [str(exc)]}) from None
        if kind is not pairing.kind:
            upserts.append(pairing.model_copy(update={"kind": kind}))
    upserts += [r.model_copy(update={"alliance": record.alliance}) for _, r in copies if r.alliance != record.alliance]
    warnings = tuple(say("form_look_alike", name=record.name, other=other)
                     for other in look_alike_names(base, record.name, own_id=record_id))
    if not upserts:
        return Saved(record_id, store.revision(), warnings)
    expected = {("organisations", record_id): version} if own is not None and version is not None else {}
    if own is None:
        expected = {("organisations", record_id): 0}  # a new record: nobody else may have made it
    revision = store.apply(ChangeSet(upserts=tuple(upserts)), expected_versions=expected)
    return Saved(record_id, revision, warnings)


def pairing_kind_preview(dataset: Dataset, party_a: str, party_b: str) -> tuple[str | None, str | None]:
    """The kind a pairing of the two ends would be, as its label (“大联动·跨联盟”), or the
    rule's message why they cannot pair: ``(label, None)`` or ``(None, message)``."""
    a, b = dataset.end(party_a), dataset.end(party_b)
    if a is None or b is None:
        return None, None
    try:
        return KIND_LABELS[classify(a, b).value], None
    except PairingRuleError as exc:
        return None, str(exc)


def save_pairing(store: GraphStore, values: Mapping[str, object], *, version: int | None = None) -> Saved:
    """Add a pairing (no ``id``) or edit one (``id``: content, dates, status) through the
    结对 sheet's rules: kind derived from the ends (a declared 小联动/大联动 must agree, with
    the import's message), dates checked, an ended pairing needs its end date."""
    store.require("edit_members")  # a chair: pairings of their alliance's members only
    base = store.snapshot()
    validation = _check_row(base, "pairings", dict(values))
    if not validation.ok or validation.dataset is None:
        raise _refuse("pairings", validation)
    new_ids = validation.file_ids.get("pairings", set())
    record_id = next(iter(new_ids))
    record = next(p for p in validation.dataset.pairings if p.id == record_id)
    existed = any(p.id == record_id for p in base.pairings)
    if existed and next(p for p in base.pairings if p.id == record_id) == record:
        return Saved(record_id, store.revision())
    if existed and not values.get("id"):  # the same two ends and start date again
        raise FormRefused({"party_b": [say("duplicate_pair", a=base.name_of(record.party_a),
                                           b=base.name_of(record.party_b), other=record_id)]})
    expected = {("pairings", record_id): version if existed and version is not None else 0}
    if existed and version is None:
        expected = {}
    revision = store.apply(ChangeSet(upserts=(record,)), expected_versions=expected)
    return Saved(record_id, revision)


def end_pairing(store: GraphStore, pairing_id: str, until: dt.date | None, *, version: int | None = None) -> Saved:
    """End a pairing on ``until`` (required), keeping it as history (status 已结束)."""
    pairing = next((p for p in store.snapshot().pairings if p.id == pairing_id), None)
    if pairing is None:
        raise FormRefused({"id": [say("unknown_ref", field="编号", value=pairing_id)]})
    return save_pairing(store, {"id": pairing.id, "party_a": pairing.party_a, "party_b": pairing.party_b,
                                "content": pairing.content, "since": pairing.since, "until": until,
                                "status": "已结束"}, version=version)


def _save_named(store: GraphStore, sheet: str, table: str, values: Mapping[str, object],
                version: int | None) -> Saved:
    """Add or edit one alliance or committee through its import sheet's rules."""
    store.require("edit_data")
    base = store.snapshot()
    values = dict(values)
    own = str(values.get("id") or "").strip() or None
    name = str(values.get("name") or "").strip()
    if own is None and any(getattr(r, "name", None) == name for r in base.table(table)):
        raise FormRefused({"name": [say("duplicate_name", what=WHAT[table], name=name)]})
    validation = _check_row(base, sheet, values)
    if not validation.ok or validation.dataset is None:
        raise _refuse(sheet, validation)
    record_id = own or next(iter(validation.file_ids.get(table, set())), None)
    if record_id is None:  # the row became another kind of record (e.g. 层级 changed)
        raise FormRefused({"level": [say("unknown_ref", field="层级", value=values.get("level", ""))]})
    record = next(r for r in validation.dataset.table(table) if r.id == record_id)
    warnings = tuple(say("form_look_alike", name=record.name, other=other)
                     for other in look_alike_names(base, record.name, table=table, own_id=record_id))
    if base.party(record_id) == record:
        return Saved(record_id, store.revision(), warnings)
    expected = {(table, record_id): 0 if own is None else version} if own is None or version is not None else {}
    revision = store.apply(ChangeSet(upserts=(record,)), expected_versions=expected)
    return Saved(record_id, revision, warnings)


def save_alliance(store: GraphStore, values: Mapping[str, object], *, version: int | None = None) -> Saved:
    """Add (no ``id``) or edit an alliance: 名称, 领域, 牵头二级党委, 统一行动, 共治项目, 课题调研."""
    return _save_named(store, "alliances", "alliances", values, version)


def save_committee(store: GraphStore, values: Mapping[str, object], *, version: int | None = None) -> Saved:
    """Add or edit a committee (层级 区委 / 街道党工委, with 上级) or a sub-committee (层级 二级党委)."""
    level = str(values.get("level") or "")
    table = "subcommittees" if level in ("二级党委", "subcommittee") else "committees"
    return _save_named(store, "committees", table, values, version)
