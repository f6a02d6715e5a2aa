"""Who may do what: roles, users, and the rules every write is checked against.

Four roles, each including the one before it: ``viewer`` (read, export) < ``chair``
(plus meetings and rotation of their own alliance, its members and their pairings) < ``planner`` (every data table,
plans, imports) < ``admin`` (users, restore, the audit trail). The rules live here once:
:data:`ACTION_ROLE` (what a role may do, used for buttons and operations),
:data:`PAGE_ROLE` (which pages a role sees) and :func:`check_write` (which records a
write may touch). Pure: no store, no streamlit.

>>> from lianmeng.access import Role, User, can
>>> can(User(name="李明", role=Role.VIEWER), "import"), can(User(name="王芳", role=Role.PLANNER), "import")
(False, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from lianmeng.errors import LianmengError
from lianmeng.texts import ROLE_LABELS, say

__all__ = [
    "Role",
    "User",
    "PermissionDenied",
    "ACTION_ROLE",
    "PAGE_ROLE",
    "CHAIR_TABLES",
    "can",
    "require",
    "may_see_page",
    "may_edit_member",
    "check_write",
    "local_user",
    "SignInSession",
]


class Role(StrEnum):
    VIEWER = "viewer"
    CHAIR = "chair"
    PLANNER = "planner"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


@dataclass(frozen=True)
class SignInSession:
    """A signed-in browser, as the store keeps it: never the token itself, only its
    SHA-256 (``token_hash``, hex), so a copy of the store signs no one in. ``created``
    and ``expires`` are aware datetimes."""

    token_hash: str
    user: str
    created: dt.datetime
    expires: dt.datetime


@dataclass(frozen=True)
class User:
    """A person who may sign in. ``password_hash`` is an argon2 hash (``None`` for a
    user who only signs in through the identity provider); ``alliance`` is the alliance
    a chair chairs; ``email`` maps an identity-provider sign-in to this user."""

    name: str
    role: Role
    alliance: str | None = None
    email: str | None = None
    password_hash: str | None = None

    def public(self) -> dict[str, Any]:
        """What the audit trail records about a user: never the hash."""
        return {"name": self.name, "role": self.role.value, "alliance": self.alliance,
                "email": self.email, "has_password": self.password_hash is not None}


class PermissionDenied(LianmengError):
    """The signed-in person's role does not allow this; nothing was written."""


#: the least role each action needs. Pages call ``common.can(action)``; operations call
#: ``store.require(action)``. Add a line here for a new action.
ACTION_ROLE: dict[str, Role] = {
    "view": Role.VIEWER,
    "export": Role.VIEWER,
    "edit_meetings": Role.CHAIR,  # only the chair's own alliance (see check_write)
    "edit_rotation": Role.CHAIR,
    "edit_members": Role.CHAIR,  # issue 14: only the chair's own alliance's members (see check_write)
    "edit_data": Role.PLANNER,
    "apply_plan": Role.PLANNER,
    "import": Role.PLANNER,
    "replace_all": Role.PLANNER,
    "backup": Role.PLANNER,
    "restore": Role.ADMIN,
    "manage_users": Role.ADMIN,
    "audit": Role.ADMIN,
    "record_activity": Role.CHAIR,  # issue 16: only the chair's own alliance (see check_write)
    # issue 17: needs and problems of the chair's own alliance (see check_write)
    "edit_needs": Role.CHAIR,
    "edit_problems": Role.CHAIR,
    "read_problem_text": Role.CHAIR,
}

#: the least role that sees each page (by the page's url_path in app.py). A page that
#: is not listed is shown to every signed-in role (read-only pages need no line).
PAGE_ROLE: dict[str, Role] = {
    "overview": Role.VIEWER,
    "import": Role.PLANNER,
    "plan": Role.PLANNER,
    "meetings": Role.VIEWER,  # everyone reads; only chairs+ see the edit buttons
    "audit": Role.ADMIN,
    "users": Role.ADMIN,
}

#: tables a chair may write, and only records whose ``alliance`` is the chair's own
CHAIR_TABLES = ("meetings", "rotations", "rotation_exclusions", "activities",  # activities: issue 16
                "supply_demand", "resident_problems",  # issue 17
                "organisations")  # issue 14: the members of their alliance (never moved out of it)


def can(user: User, action: str) -> bool:
    """Whether ``user``'s role allows ``action`` (an unknown action is refused)."""
    needed = ACTION_ROLE.get(action)
    return needed is not None and user.role.rank >= needed.rank


def require(user: User, action: str) -> None:
    """Raise :class:`PermissionDenied` (Chinese message) unless ``user`` may ``action``."""
    if not can(user, action):
        needed = ACTION_ROLE.get(action, Role.ADMIN)
        raise PermissionDenied(say("permission_action", user=user.name, role=ROLE_LABELS[user.role],
                                   action=say(f"action_{action}") if f"action_{action}" in _ACTIONS
                                   else action, needed=ROLE_LABELS[needed]))


_ACTIONS = {f"action_{a}" for a in ACTION_ROLE}


def may_see_page(user: User, page: str) -> bool:
    return user.role.rank >= PAGE_ROLE.get(page, Role.VIEWER).rank


def may_edit_member(user: User, alliance: str | None) -> bool:
    """Whether ``user`` may edit an organisation of ``alliance`` and pair it: planners and
    admins any, a chair the members of their own alliance (pages show the edit and pair
    actions by this; the write is checked again by :func:`check_write`).

    >>> chair = User(name="商区主席", role=Role.CHAIR, alliance="commercial")
    >>> may_edit_member(chair, "commercial"), may_edit_member(chair, "campus"), may_edit_member(chair, None)
    (True, False, False)
    """
    if can(user, "edit_data"):
        return True
    return user.role is Role.CHAIR and user.alliance is not None and alliance == user.alliance


def check_write(user: User, touched: Iterable[tuple[str, str, dict | None, dict | None]],
                *, whole_store: bool, alliance_of: Callable[[str], str | None] | None = None) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` may write every touched record.

    ``touched`` holds ``(table, id, before, after)`` for each record the write names
    (rows as dicts, ``None`` where absent). ``whole_store`` is a replacement or clear.
    ``alliance_of`` maps a party to the alliance it is a member of: with it, a chair may
    write a pairing one of whose ends is a member of their alliance (before and after);
    without it, no pairing.
    """
    if user.role is Role.ADMIN or user.role is Role.PLANNER:
        return
    if user.role is Role.VIEWER or whole_store:
        require(user, "replace_all" if whole_store else "edit_data")
    for table, record_id, before, after in touched:
        rows = [r for r in (before, after) if r is not None]
        if table in CHAIR_TABLES and user.alliance and all(r.get("alliance") == user.alliance for r in rows):
            continue
        if table == "pairings" and user.alliance and alliance_of is not None and all(
                user.alliance in (alliance_of(r["party_a"]), alliance_of(r["party_b"])) for r in rows):
            continue
        raise PermissionDenied(say("permission_record", user=user.name, role=ROLE_LABELS[user.role],
                                   table=table, id=record_id, alliance=user.alliance or "—"))


def local_user() -> User:
    """The person at this computer's keyboard, for the command line and for an explorer
    without sign-in (localhost): named ``local:<OS user>`` in the audit trail, role admin —
    whoever can run the command can already read and replace the database file."""
    import getpass

    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        name = "unknown"
    return User(name=f"local:{name}", role=Role.ADMIN)
