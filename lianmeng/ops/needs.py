"""The 供需清单 board's operations: publish, claim, fulfil, close; a pairing from a claim;
import of the 供需 / 诉求 / 先锋指数 sheets.

Every write goes through the store's one write path (validated, one transaction,
audited, role-checked: planners, and the chair of the publishing organisation's
alliance). A claim on a closed need is refused in Chinese and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from analysis.needs import board, matches, unpaired_claim
from graphdb.store import GraphStore
from ingest.mechanisms import MechanismImport, parse
from ingest.readers import read_bytes, read_paths
from lianmeng.audit_view import document_author
from lianmeng.dataset import Dataset
from lianmeng.errors import LianmengError
from lianmeng.records import (
    NeedKind,
    NeedStatus,
    Organisation,
    Pairing,
    SupplyDemandItem,
    build,
    quarter_of,
)
from lianmeng.texts import KIND_LABELS, NEED_KIND_LABELS, NEED_STATUS_LABELS, say

__all__ = ["NeedError", "find_organisation", "publish", "claim", "fulfil", "close", "pair_from_claim",
           "board_view", "import_sheets", "item_dict", "need_letter"]


class NeedError(LianmengError):
    """A need or resource cannot be changed this way; nothing was written."""


def find_organisation(dataset: Dataset, ref: str) -> Organisation:
    """An organisation by id or exact name (spaces trimmed)."""
    ref = ref.strip()
    for org in dataset.organisations:
        if ref in (org.id, org.name):
            return org
    raise NeedError(say("unknown_organisation_ref", value=ref))


def _item(dataset: Dataset, item_id: str) -> SupplyDemandItem:
    found = next((i for i in dataset.supply_demand if i.id == item_id.strip()), None)
    if found is None:
        raise NeedError(say("need_not_found", id=item_id))
    return found


def item_dict(dataset: Dataset, item: SupplyDemandItem, today: dt.date) -> dict[str, object]:
    status = item.status_on(today).value
    return {"id": item.id, "organisation": dataset.name_of(item.organisation), "alliance": item.alliance,
            "kind": item.kind.value, "kind_label": NEED_KIND_LABELS[item.kind.value], "quarter": item.quarter,
            "title": item.title, "category": item.category, "description": item.description,
            "quantity": item.quantity, "contact": item.contact,
            "claimed_by": dataset.name_of(item.claimed_by) if item.claimed_by else None,
            "claimed_on": item.claimed_on.isoformat() if item.claimed_on else None,
            "fulfilled_on": item.fulfilled_on.isoformat() if item.fulfilled_on else None,
            "closed_on": item.closed_on.isoformat() if item.closed_on else None, "note": item.note,
            "status": status, "status_label": NEED_STATUS_LABELS[status]}


def publish(store: GraphStore, *, organisation: str, title: str, kind: str = "need", quarter: str | None = None,
            category: str = "", description: str = "", quantity: str = "", contact: str = "",
            on: dt.date | None = None) -> SupplyDemandItem:
    """告知书: publish a need or resource of ``organisation`` for ``quarter`` (default: ``on``'s)."""
    store.require("edit_needs")
    dataset = store.snapshot()
    org = find_organisation(dataset, organisation)
    quarter = (quarter or quarter_of(on or dt.date.today())).strip().upper()
    digest = hashlib.sha1(f"{org.id}\x1f{quarter}\x1f{title.strip()}".encode()).hexdigest()[:10]
    item = build(SupplyDemandItem, {"id": f"N-{digest}", "organisation": org.id, "alliance": org.alliance,
                                    "kind": NeedKind(kind).value, "quarter": quarter, "title": title,
                                    "category": category, "description": description, "quantity": quantity,
                                    "contact": contact or org.contact})
    with store.action("publish_need", note=item.title):
        store.upsert([item])
    return item


def claim(store: GraphStore, item_id: str, by: str, on: dt.date) -> SupplyDemandItem:
    """认领书: ``by`` claims the item on ``on``. Refused when closed or already claimed."""
    store.require("edit_needs")
    dataset = store.snapshot()
    item = _item(dataset, item_id)
    if item.closed_on is not None or item.status_on(on) is NeedStatus.CLOSED:
        raise NeedError(say("need_closed_claim", title=item.title))
    if item.claimed_by:
        raise NeedError(say("need_already_claimed", title=item.title, by=dataset.name_of(item.claimed_by)))
    claimant = find_organisation(dataset, by)
    updated = build(SupplyDemandItem, {**item.model_dump(), "claimed_by": claimant.id, "claimed_on": on})
    with store.action("claim_need", note=item.title):
        store.upsert([updated])
    return updated


def fulfil(store: GraphStore, item_id: str, on: dt.date, note: str = "") -> SupplyDemandItem:
    store.require("edit_needs")
    item = _item(store.snapshot(), item_id)
    if not item.claimed_by:
        raise NeedError(say("need_not_claimed", title=item.title))
    if item.closed_on is not None:
        raise NeedError(say("need_closed_claim", title=item.title))
    updated = build(SupplyDemandItem, {**item.model_dump(), "fulfilled_on": on, "note": note or item.note})
    with store.action("fulfil_need", note=item.title):
        store.upsert([updated])
    return updated


def close(store: GraphStore, item_id: str, on: dt.date, note: str = "") -> SupplyDemandItem:
    store.require("edit_needs")
    item = _item(store.snapshot(), item_id)
    updated = build(SupplyDemandItem, {**item.model_dump(), "closed_on": on, "note": note or item.note})
    with store.action("close_need", note=item.title):
        store.upsert([updated])
    return updated


def suggested_pairing(dataset: Dataset, item: SupplyDemandItem, on: dt.date) -> Pairing | None:
    """The pairing a claim between two units not yet paired suggests, else ``None``."""
    kind = unpaired_claim(dataset, item, on)
    if kind is None or item.claimed_by is None:
        return None
    return Pairing(party_a=item.organisation, party_b=item.claimed_by, kind=kind,
                   content=say("need_pairing_content", title=item.title), since=on)


def pair_from_claim(store: GraphStore, item_id: str, on: dt.date) -> Pairing:
    """Create the suggested pairing through the store's write path (planners)."""
    store.require("edit_data")
    dataset = store.snapshot()
    item = _item(dataset, item_id)
    pairing = suggested_pairing(dataset, item, on)
    if pairing is None:
        raise NeedError(say("pairing_not_suggested", a=dataset.name_of(item.organisation),
                            b=dataset.name_of(item.claimed_by) if item.claimed_by else "—"))
    with store.action("pair_from_claim", note=item.title):
        store.upsert([pairing])
    return pairing


def board_view(store: GraphStore, today: dt.date, *, alliance: str | None = None) -> dict[str, object]:
    """The board as plain data: items by status, and for each open need its matches."""
    dataset = store.snapshot()
    found = matches(dataset, today)
    by_status = board(dataset, today)
    items = {i.id: i for i in dataset.supply_demand}
    out: dict[str, object] = {"on": today.isoformat()}
    for status, rows in by_status.items():
        out[status] = [item_dict(dataset, i, today) for i in rows if alliance is None or i.alliance == alliance]
    out["matches"] = {need: [{"resource": m.resource, "title": items[m.resource].title,
                              "organisation": dataset.name_of(items[m.resource].organisation),
                              "score": m.score, "reasons": list(m.reasons)} for m in ms]
                      for need, ms in found.items()}
    out["suggested_pairings"] = []
    seen: set[tuple[str, str]] = set()
    for item in by_status["claimed"] + by_status["fulfilled"]:
        pairing = suggested_pairing(dataset, item, today)
        if pairing is not None and pairing.pair_key not in seen:  # one suggestion per pair of units
            seen.add(pairing.pair_key)
            out["suggested_pairings"].append({"item": item.id, "a": dataset.name_of(pairing.party_a),
                                              "b": dataset.name_of(pairing.party_b),
                                              "kind": KIND_LABELS[pairing.kind.value]})
    return out


def need_letter(store: GraphStore, item_id: str, which: str, template: bytes | None = None) -> bytes:
    """告知书 (``notice``) or 认领书 (``claim``) of one item as .docx bytes."""
    from exports.need_docx import need_document

    dataset = store.snapshot()
    item = _item(dataset, item_id)
    if which == "claim" and not item.claimed_by:
        raise NeedError(say("need_not_claimed", title=item.title))
    return need_document(dataset, item, which, template, author=document_author(store.actor_name))


def import_sheets(store: GraphStore, paths: list[str | Path] | None = None, *,
                  upload: tuple[str, bytes] | None = None, dry_run: bool = False) -> MechanismImport:
    """Import the 供需, 诉求 and 先锋指数 sheets of files (or one upload) in one transaction;
    with any error nothing is written (the result carries every error)."""
    store.require("import")
    sheets = read_bytes(*upload) if upload else read_paths(paths or [])
    result = parse(sheets, store.snapshot())
    if result.ok and not dry_run and result.records:
        with store.action("import", note="供需/诉求/先锋指数"):
            store.upsert(result.records)
    return result
