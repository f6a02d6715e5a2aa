"""Sign-in sessions in the store: the contract on every backend (embedded and a real Neo4j)."""

from __future__ import annotations

import datetime as dt

import pytest

from graphdb.store import GraphStore
from lianmeng.access import SignInSession
from lianmeng.ops import users
from lianmeng.ops.sessions import end_session, session_user, start_session, token_hash

PASSWORD = "long-enough-pw"
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def people(store: GraphStore) -> GraphStore:
    users.add_user(store, "甲", "planner", PASSWORD)
    users.add_user(store, "乙", "viewer", PASSWORD)
    return store


def test_a_session_round_trips_and_only_its_hash_is_stored(people: GraphStore):
    token = start_session(people, people.user("甲"), 30, now=T0)
    assert len(token) >= 43
    stored = people.find_session(token_hash(token))
    assert stored == SignInSession(token_hash(token), "甲", T0, T0 + dt.timedelta(minutes=30))
    assert people.find_session(token) is None  # the token itself is not a key
    assert session_user(people, token, now=T0 + dt.timedelta(minutes=29)).name == "甲"


def test_expiry_unknown_and_forged_tokens(people: GraphStore):
    token = start_session(people, people.user("甲"), 30, now=T0)
    assert session_user(people, token, now=T0 + dt.timedelta(minutes=30)) is None
    assert session_user(people, token[:-1] + ("A" if token[-1] != "A" else "B"), now=T0) is None
    assert session_user(people, "", now=T0) is None and session_user(people, None, now=T0) is None
    assert session_user(people, "x" * 10_000, now=T0) is None
    # the next sign-in clears sessions that have expired, anyone's
    start_session(people, people.user("乙"), 30, now=T0 + dt.timedelta(minutes=31))
    assert people.find_session(token_hash(token)) is None


def test_sign_out_ends_one_session_only(people: GraphStore):
    first = start_session(people, people.user("甲"), 30, now=T0)
    second = start_session(people, people.user("甲"), 30, now=T0)
    assert end_session(people, first) is True
    assert end_session(people, first) is False
    assert session_user(people, first, now=T0) is None
    assert session_user(people, second, now=T0).name == "甲"


def test_a_new_password_ends_every_session_of_that_user(people: GraphStore):
    mine = start_session(people, people.user("甲"), 30, now=T0)
    other = start_session(people, people.user("乙"), 30, now=T0)
    users.set_password(people, "甲", "another-long-pw")
    assert session_user(people, mine, now=T0) is None
    assert session_user(people, other, now=T0).name == "乙"
    # a role change alone keeps the session, and the new role shows at once
    fresh = start_session(people, people.user("甲"), 30, now=T0)
    user = people.user("甲")
    people.save_user(type(user)(user.name, users.Role.ADMIN, None, None, user.password_hash))
    assert session_user(people, fresh, now=T0).role is users.Role.ADMIN


def test_removing_a_user_ends_their_sessions(people: GraphStore):
    token = start_session(people, people.user("乙"), 30, now=T0)
    users.remove_user(people, "乙")
    assert people.find_session(token_hash(token)) is None
    assert session_user(people, token, now=T0) is None


def test_sessions_are_not_data(people: GraphStore):
    revision, entries = people.revision(), len(people.audit_entries())
    token = start_session(people, people.user("甲"), 30, now=T0)
    end_session(people, token)
    assert people.revision() == revision and len(people.audit_entries()) == entries
    people.clear()
    token = start_session(people, people.user("甲"), 30, now=T0)
    people.clear()  # clearing the data signs no one out
    assert session_user(people, token, now=T0).name == "甲"


def test_end_sessions_needs_a_condition(people: GraphStore):
    with pytest.raises(ValueError):
        people.end_sessions()
