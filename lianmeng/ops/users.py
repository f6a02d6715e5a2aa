"""User operations shared by ``lianmeng user`` and the explorer's sign-in.

Adding, removing and changing a password go through the store (audited as action
``"user"``, the hash never recorded) and need the ``manage_users`` permission when the
store is bound to a person. :func:`sign_in` checks a password with a per-name
:class:`SignInThrottle` that slows repeated failures down.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from graphdb.store import GraphStore
from lianmeng import logs
from lianmeng.access import Role, User
from lianmeng.errors import LianmengError
from lianmeng.passwords import MIN_LENGTH, hash_password, verify_password
from lianmeng.texts import say

__all__ = ["UserError", "SignInRefused", "SignInThrottle", "add_user", "remove_user",
           "set_password", "list_users", "sign_in", "user_for_email", "check_password_pair"]

_NAME = re.compile(r"^\S{1,64}$")

_log = logs.get("access")


class UserError(LianmengError):
    """A user operation was refused; nothing was written."""


class SignInRefused(LianmengError):
    """Wrong name or password, or too many recent failures (the message says which)."""


def check_password_pair(first: str | None, second: str | None) -> str:
    """The password typed twice; refused when missing, different or too short."""
    if not first:
        raise UserError(say("password_missing"))
    if first != second:
        raise UserError(say("password_mismatch"))
    if len(first) < MIN_LENGTH:
        raise UserError(say("password_too_short", min=MIN_LENGTH))
    return first


def _checked(store: GraphStore, name: str, role: str, alliance: str | None) -> Role:
    if not _NAME.match(name or ""):
        raise UserError(say("user_bad_name", name=name))
    try:
        parsed = Role(role)
    except ValueError:
        raise UserError(say("user_bad_role", role=role)) from None
    if parsed is Role.CHAIR and not alliance:
        raise UserError(say("user_chair_needs_alliance"))
    if parsed is not Role.CHAIR and alliance:
        raise UserError(say("user_alliance_only_chair"))
    if alliance:
        known = [a.id for a in store.snapshot().alliances]
        if alliance not in known:
            raise UserError(say("user_unknown_alliance", alliance=alliance, known="、".join(known) or "—"))
    return parsed


def add_user(store: GraphStore, name: str, role: str, password: str | None, *,
             alliance: str | None = None, email: str | None = None) -> User:
    """Add a user; ``password`` may be ``None`` for a user who signs in through OIDC only."""
    store.require("manage_users")
    parsed = _checked(store, name, role, alliance)
    if store.user(name) is not None:
        raise UserError(say("user_exists", name=name))
    user = User(name=name, role=parsed, alliance=alliance, email=(email or "").strip().lower() or None,
                password_hash=hash_password(password) if password else None)
    store.save_user(user)
    return user


def remove_user(store: GraphStore, name: str, *, version: int | None = None) -> None:
    """Remove a user; ``version`` (the user's version when the form loaded) refuses the
    removal of someone another admin changed since, naming who and when."""
    store.require("manage_users")
    users = store.users()
    target = next((u for u in users if u.name == name), None)
    if target is None:
        raise UserError(say("user_missing", name=name))
    if target.role is Role.ADMIN and sum(u.role is Role.ADMIN for u in users) == 1 and len(users) > 1:
        # with other users left, removing the last admin would lock everyone out of admin work
        raise UserError(say("user_last_admin", name=name))
    store.remove_user(name, expected_version=version)


def set_password(store: GraphStore, name: str, password: str, *, version: int | None = None) -> None:
    store.require("manage_users")
    user = store.user(name)
    if user is None:
        raise UserError(say("user_missing", name=name))
    store.save_user(User(user.name, user.role, user.alliance, user.email, hash_password(password)),
                    note="password changed", expected_version=version)


def list_users(store: GraphStore) -> list[dict]:
    """Every user without the hash."""
    store.require("manage_users")
    return [u.public() for u in store.users()]


def user_for_email(store: GraphStore, email: str | None) -> User | None:
    """The user an identity-provider sign-in maps to (e-mail, case-insensitive)."""
    wanted = (email or "").strip().lower()
    return next((u for u in store.users() if wanted and u.email == wanted), None)


@dataclass
class SignInThrottle:
    """Failed sign-ins per user name, kept in this process.

    After ``n`` failures in a row a name is locked for ``min(base * 2**(n-1), cap)``
    seconds; attempts while locked are refused without checking the password. Kept in
    the process (not the store) so that guessing cannot make the server write to the
    database; a restart forgets the counts, which argon2's cost per guess makes acceptable.
    """

    base_s: float = 1.0
    cap_s: float = 300.0
    #: failures in a row allowed before the first lock (0 for a name; more for an address,
    #: which a whole office may share behind one gateway)
    free: int = 0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, tuple[int, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_s(self, name: str) -> float:
        """Seconds before ``name`` may try again (0 when it may now)."""
        with self._lock:
            count, until = self._failures.get(name, (0, 0.0))
        return max(0.0, until - self.clock()) if count > self.free else 0.0

    def failed(self, name: str) -> None:
        with self._lock:
            count = self._failures.get(name, (0, 0.0))[0] + 1
            locked = count - self.free
            until = self.clock() + min(self.base_s * 2 ** (locked - 1), self.cap_s) if locked > 0 else 0.0
            self._failures[name] = (count, until)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name, None)


def sign_in(store: GraphStore, name: str, password: str, throttle: SignInThrottle, *,
            address: str | None = None, address_throttle: SignInThrottle | None = None) -> User:
    """The user ``name`` if ``password`` is theirs; raises :class:`SignInRefused`.

    Failures are counted per name in ``throttle`` and, when given, per client
    ``address`` in ``address_throttle``: guessing many names from one machine is slowed
    down as well as guessing one name from many.
    """
    name = (name or "").strip()
    wait = throttle.wait_s(name)
    if wait > 0:
        _log.warning(say("log_signin_throttled", name=name, seconds=int(wait + 0.999)))
        raise SignInRefused(say("signin_wait", seconds=int(wait + 0.999)))
    by_address = address_throttle is not None and address is not None
    if by_address:
        wait = address_throttle.wait_s(address)  # type: ignore[union-attr, arg-type]
        if wait > 0:
            _log.warning(say("log_signin_throttled_address", address=address, seconds=int(wait + 0.999)))
            raise SignInRefused(say("session_wait_address", seconds=int(wait + 0.999)))
    user = store.user(name) if name else None
    if not verify_password(user.password_hash if user else None, password or ""):
        throttle.failed(name)
        if by_address:
            address_throttle.failed(address)  # type: ignore[union-attr, arg-type]
        _log.warning(say("log_signin_failed", name=name))
        raise SignInRefused(say("signin_failed"))
    throttle.succeeded(name)
    if by_address:
        address_throttle.succeeded(address)  # type: ignore[union-attr, arg-type]
    _log.info(say("log_signin", name=name))
    return user  # type: ignore[return-value]
