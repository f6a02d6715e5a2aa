"""Checking a change as far as it reaches (:meth:`Dataset.problems_after`) finds exactly
what checking the whole result finds: the same problems, in the same order."""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lianmeng.dataset import TABLES, ChangeSet
from lianmeng.errors import DatasetError
from lianmeng.sample import sample_street

STREET = sample_street()
_TABLES = [name for name, records in STREET.tables() if records]
#: ids and names to draw from: every id of the street (so a new record can clash with one
#: of another table), names of parties (duplicate names), and ids nobody has
_POOL = sorted({r.id for _, records in STREET.tables() for r in records}
               | {getattr(r, "name", "") for t in ("alliances", "organisations", "subcommittees")
                  for r in STREET.table(t)} | {"nobody", "NEW-1", "NEW-2"} - {""})


def _text_fields(model: type) -> dict[str, str]:
    """The fields a change may set to another id or name: ``{field: "one" | "many" | enum}``."""
    found: dict[str, str] = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        args = typing.get_args(annotation)
        if annotation is str or (isinstance(annotation, types.UnionType) and str in args):
            found[name] = "one"
        elif typing.get_origin(annotation) is tuple and args and args[0] is str:
            found[name] = "many"
        elif isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            found[name] = "enum"
    return found


@st.composite
def _value(draw, model: type, field: str, how: str):
    if how == "enum":
        return draw(st.sampled_from(list(model.model_fields[field].annotation)))
    if how == "many":
        return tuple(draw(st.lists(st.sampled_from(_POOL), max_size=3)))
    return draw(st.sampled_from(_POOL))


@st.composite
def _record(draw, table: str):
    """A street record of ``table`` with up to three fields set from the pool."""
    record = draw(st.sampled_from(STREET.table(table)))
    model = TABLES[table]
    fields = _text_fields(model)
    update = {}
    for field in draw(st.lists(st.sampled_from(sorted(fields)), max_size=3, unique=True)):
        if field != "id":
            update[field] = draw(_value(model, field, fields[field]))
    if table == "pairings" and draw(st.booleans()):  # two pairings of one pair starting the same day
        update["since"] = draw(st.sampled_from([dt.date(2024, 1, 1), STREET.pairings[0].since]))
    return record.model_copy(update=update)


@st.composite
def change_sets(draw) -> ChangeSet:
    upserts, deletes = [], []
    for _ in range(draw(st.integers(1, 6))):
        table = draw(st.sampled_from(_TABLES))
        kind = draw(st.sampled_from(["edit", "new", "delete"]))
        if kind == "delete":
            record_id = draw(st.one_of(st.sampled_from([r.id for r in STREET.table(table)]), st.sampled_from(_POOL)))
            deletes.append((table, record_id))
            continue
        record = draw(_record(table))
        if kind == "new":
            record = record.model_copy(update={"id": draw(st.sampled_from(_POOL))})
        upserts.append(record)
    return ChangeSet(upserts=tuple(upserts), deletes=tuple(deletes))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(change_sets())
def test_incremental_validation_finds_what_full_validation_finds(changes: ChangeSet) -> None:
    full_after = STREET.with_changes(changes)
    after, found = STREET.problems_after(changes)
    assert after == full_after
    assert found == full_after.problems()


@pytest.mark.parametrize(("changes", "codes"), [
    # an organisation removed: its pairings, activities, answers… refer to nothing
    (ChangeSet(deletes=(("organisations", "adm-01"),)),
     {"unknown_party", "unknown_organisation", "unknown_ref"}),
    # a committee that takes an organisation's id hides it from everything that names it
    (ChangeSet(upserts=(STREET.committees[0].model_copy(update={"id": "com-01"}),)),
     {"duplicate_id", "unknown_organisation", "unknown_ref"}),
    # an activity naming a pairing that does not exist
    (ChangeSet(upserts=(STREET.activities[0].model_copy(update={"id": "AC-new", "pairing": "nobody"}),)),
     {"unknown_pairing"}),
])
def test_known_refusals(changes: ChangeSet, codes: set[str]) -> None:
    after, found = STREET.problems_after(changes)
    assert found == after.problems()
    assert codes <= {p.code for p in found}
    with pytest.raises(DatasetError) as refused:
        STREET.validated_after(changes)
    assert str(refused.value) == str(DatasetError(after.problems()))


def test_a_valid_change_touches_only_what_it_names() -> None:
    new = STREET.activities[0].model_copy(update={"id": "AC-new", "title": "新活动"})
    after = STREET.validated_after(ChangeSet(upserts=(new,)))
    assert after.activities[-1] == new and len(after.activities) == len(STREET.activities) + 1
    assert after.pairings is STREET.pairings  # untouched tables are shared, not copied


def test_what_a_narrowed_check_found_is_what_comparing_again_finds(sample):
    """An import's preview and its audit items come from the check's narrowing (one pass):
    the same counts, ids and items, in the same order, as comparing the records again."""
    from ingest.preview import preview, preview_checked
    from lianmeng.audit import changed_items, checked_items
    from lianmeng.dataset import ChangeSet

    orgs, pairings, activities = sample.organisations, sample.pairings, sample.activities
    upserts = (
        *orgs[:3],  # unchanged
        orgs[7].model_copy(update={"phone": "110"}), orgs[3].model_copy(update={"contact": "新联系人"}),
        activities[10].model_copy(update={"people_served": 999}), *activities[:4],
        activities[0].model_copy(update={"id": "AC-new-2", "title": "新活动乙"}),
        pairings[2].model_copy(update={"content": "新内容"}),
        activities[1].model_copy(update={"id": "AC-new-1", "title": "新活动甲"}),
        orgs[0].model_copy(update={"id": "new-org", "name": "新单位"}),
    )
    checked = sample.check(ChangeSet(upserts=upserts))
    assert checked.ok
    narrowed = checked.narrowed()
    assert narrowed is checked.narrowed() and narrowed.after is checked.after
    assert [r.id for r in narrowed.changes.upserts] == [
        orgs[7].id, orgs[3].id, activities[10].id, "AC-new-2", pairings[2].id, "AC-new-1", "new-org"]
    keys = [(r.table, r.id) for r in narrowed.changes.upserts]
    items = checked_items(narrowed)
    assert items == changed_items(sample, checked.after, keys)
    assert [(i.table, i.record_id, i.change) for i in items][:3] == [
        ("organisations", orgs[3].id, "changed"), ("organisations", orgs[7].id, "changed"),
        ("organisations", "new-org", "added")]
    file_ids: dict[str, set[str]] = {}
    for record in upserts:
        file_ids.setdefault(record.table, set()).add(record.id)
    fast, slow = preview_checked(checked, file_ids), preview(sample, checked.after, file_ids, replace=False)
    assert fast.as_dict() == slow.as_dict() and fast.tables == slow.tables
    assert fast.as_dict()["organisations"] == {"new": 1, "changed": 2, "unchanged": 3, "removed": 0}
    assert sorted(r.id for r in fast.upserts) == sorted(r.id for r in slow.upserts)
    # an id written twice: nothing narrowed, nothing told — both fall back to comparing
    twice = sample.check(ChangeSet(upserts=(orgs[7], orgs[7].model_copy(update={"phone": "120"}))))
    assert twice.narrowed() is twice and checked_items(twice) is None and preview_checked(twice, {}) is None
