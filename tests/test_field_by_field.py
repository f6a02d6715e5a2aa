"""lianmeng.records.FieldByField: a record built from values each checked as its field is the
record validation makes of the same input — the same values of the same types, the same
fields set — and an input validation refuses is refused field by field too (or by the
model's after-validators when the record is built)."""

from __future__ import annotations

import datetime as dt
import enum
import typing

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from lianmeng.dataset import TABLES
from lianmeng.errors import RecordError
from lianmeng.ledger_records import Activity, Project
from lianmeng.records import FieldByField, build

#: raw cell-like values: blanks, spaces, text, numbers as text and as numbers, dates, booleans
_RAW = st.one_of(
    st.none(), st.just(""), st.just("  "), st.text(" \t\u3000abc甲乙0123-.", max_size=8),
    st.integers(-3, 10**13), st.floats(allow_nan=True, allow_infinity=True, width=32), st.booleans(),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)), st.sampled_from(["2026-03-01", "volunteer", "joint", "x"]),
    st.lists(st.sampled_from(["a", " b ", "", "  ", "o-1"]), max_size=3).map(tuple),
)

#: values each field takes, so that most drawn records are whole and get compared
_GOOD = {"category": st.sampled_from(["volunteer", "joint", "other"]), "people_served": st.integers(0, 10**6),
         "volunteers": st.integers(0, 10**6), "donated": st.one_of(st.integers(0, 10**6), st.floats(0, 1e6)),
         "organisations": st.lists(st.sampled_from(["o-1", " o-2 ", ""]), max_size=3).map(tuple)}


def _kinds(value: object) -> object:
    """A value's types all the way down (StrEnum members equal their text: compare types too)."""
    if isinstance(value, tuple):
        return ("tuple", tuple(_kinds(v) for v in value))
    return type(value)


def _same_record(mine: object, theirs: object) -> None:
    assert mine == theirs
    assert list(mine.__dict__) == list(theirs.__dict__)
    assert {k: _kinds(v) for k, v in mine.__dict__.items()} == {k: _kinds(v) for k, v in theirs.__dict__.items()}
    assert mine.model_fields_set == theirs.model_fields_set
    assert hash(mine) == hash(theirs) and mine.model_dump(mode="json") == theirs.model_dump(mode="json")


def _compare(model: type, data: dict[str, object]) -> None:
    by_field = FieldByField(model)
    try:
        whole = build(model, data)
    except RecordError:
        whole = None
    try:
        values = {name: by_field.value(name, value) for name, value in data.items()}
    except ValidationError:
        assert whole is None, f"refused field by field, taken whole: {data}"
        return
    try:
        built = by_field.build(values)
    except ValueError:
        assert whole is None, f"refused when built, taken whole: {data}"
        return
    assert whole is not None, f"taken field by field, refused whole: {data}"
    _same_record(built, whole)
    event("built and compared")


_FIELDS = {"id": st.sampled_from([" AC-1 ", "AC-2"]), "date": st.one_of(st.dates(), st.just("2026-03-01")),
           "title": st.sampled_from([" 走访 ", "法律咨询", "a"]), "pairing": st.sampled_from(["P-1", " P-2", "", None]),
           "alliance": st.sampled_from(["community", "", None]), "project": st.sampled_from(["PJ-1", " "]),
           "action_day": st.sampled_from(["D-1", None]), "team": st.sampled_from(["T-law", ""]),
           "place": st.sampled_from(["活动室", " ", ""]), "note": st.sampled_from(["", "备注 "]), **_GOOD}


@st.composite
def _activity_inputs(draw) -> dict[str, object]:
    """A whole activity's input (some fields left out), with a few fields replaced by raw
    values that may be refused."""
    optional = [n for n in _FIELDS if n not in ("id", "date", "title")]
    data = {n: draw(_FIELDS[n]) for n in ("id", "date", "title")}
    for name in draw(st.lists(st.sampled_from(optional), unique=True)):
        data[name] = draw(_FIELDS[name])
    for name in draw(st.lists(st.sampled_from(list(_FIELDS)), max_size=2, unique=True)):
        data[name] = draw(_RAW)
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_activity_inputs())
def test_an_activity_built_field_by_field_is_the_validated_one(data: dict[str, object]):
    _compare(Activity, data)


def test_known_answers():
    by_field = FieldByField(Activity)
    assert by_field.value("category", "joint") is Activity.model_fields["category"].annotation("joint")
    assert by_field.value("pairing", "  ") is None and by_field.value("pairing", " P-1 ") == "P-1"
    assert by_field.value("organisations", [" a", "", "b "]) == ("a", "b")
    assert type(by_field.value("donated", 5)) is float
    with pytest.raises(ValidationError):
        by_field.value("people_served", -1)
    with pytest.raises(ValidationError):
        by_field.value("title", "  ")
    owner_less = {"id": "AC-1", "date": dt.date(2026, 3, 1), "title": "走访"}
    with pytest.raises(ValueError):  # the model's after-validator: an activity belongs somewhere
        by_field.build({k: by_field.value(k, v) for k, v in owner_less.items()})
    with pytest.raises(RecordError):
        build(Activity, owner_less)
    record = by_field.build({"id": "AC-1", "date": dt.date(2026, 3, 1), "title": "走访", "pairing": "P-1"})
    _same_record(record, build(Activity, {"id": "AC-1", "date": "2026-03-01", "title": "走访", "pairing": "P-1"}))
    with pytest.raises(TypeError):  # a required field left out
        by_field.build({"id": "AC-1", "title": "走访", "pairing": "P-1"})


def _sample_value(annotation: object) -> object:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    base = typing.get_origin(annotation)
    if base is tuple:
        return ()
    if args and base is not tuple:
        return _sample_value(args[0])
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return next(iter(annotation)).value
    return {str: " x ", int: 3, float: 2.5, bool: True, dt.date: "2026-03-01"}.get(annotation)


@pytest.mark.parametrize("model", [m for m in TABLES.values()], ids=lambda m: m.__name__)
def test_every_model_is_built_alike_or_refused_up_front(model: type, sample):
    """Every table's model either refuses to be built field by field (its check is more
    than its fields') or builds the stored records exactly as validation does."""
    try:
        by_field = FieldByField(model)
    except TypeError:
        return
    for record in sample.table(model.table)[:50]:
        raw = record.model_dump(mode="json")
        values = {name: by_field.value(name, value) for name, value in raw.items()}
        _same_record(by_field.build(values), build(model, raw))


def test_a_project_with_nested_milestones_is_built_alike(sample):
    project = next(p for p in sample.projects if p.milestones)
    raw = project.model_dump(mode="json")
    by_field = FieldByField(Project)
    _same_record(by_field.build({k: by_field.value(k, v) for k, v in raw.items()}), project)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text(st.sampled_from(" \t\n\x1c\x1f\x85\xa0\u1680\u2000\u200b\u2028\u3000\ufeffa甲")),
                 st.text(st.sampled_from(["a", "甲", " ", "\ud800", "\udfff", "\U0001f600"]), max_size=4),
                 st.text(min_size=199, max_size=202)))
def test_a_text_field_takes_trimmed_text_as_validation_does(text: str):
    """The short way for text fields (lengths only) agrees with the field's validation
    for any string: Unicode spaces, control characters, lone surrogates, lengths at the limits."""
    by_field = FieldByField(Activity)
    for name in ("id", "title", "place"):
        assert by_field._check[name].__name__ == "plain"  # the short way is in place for these fields
        try:
            expected = build(Activity, {"id": "AC-1", "date": "2026-03-01", "title": "走访", "pairing": "P-1",
                                        name: text}).__dict__[name]
        except RecordError:
            expected = None
        try:
            got = by_field.value(name, text)
        except ValidationError:
            got = None
        assert got == expected and type(got) is type(expected)


def test_the_short_way_for_text_is_taken_only_where_lengths_are_the_only_rules():
    """A text field with a pattern, or in a model whose configuration limits every string or
    does not trim, is checked by its one-field model every time."""
    from typing import ClassVar

    from pydantic import ConfigDict, Field

    from lianmeng.records import Record

    class Patterned(Record):
        table: ClassVar[str] = "test"
        code: str = Field(pattern=r"^[A-Z]+$")

    class Limited(Record):
        model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True, str_max_length=3)
        table: ClassVar[str] = "test"
        name: str = ""

    class Untrimmed(Record):
        model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)
        table: ClassVar[str] = "test"
        name: str = ""

    def short(model: type, name: str) -> bool:
        return getattr(FieldByField(model)._check[name], "__name__", "") == "plain"

    assert short(Activity, "title") and short(Activity, "id")
    assert not short(Patterned, "code") and not short(Limited, "name") and not short(Untrimmed, "name")
    with pytest.raises(ValidationError):
        FieldByField(Limited).value("name", "四个字啊")
    with pytest.raises(ValidationError):
        FieldByField(Patterned).value("code", "abc")
