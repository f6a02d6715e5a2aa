"""Password hashing: argon2id (argon2-cffi). A password is never stored or logged."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["hash_password", "verify_password", "MIN_LENGTH"]

MIN_LENGTH = 8
_HASHER = PasswordHasher()  # argon2id with the library's recommended cost
# verified against when the user name is unknown, so a wrong name costs as much time
# as a wrong password and does not reveal which names exist
_DUMMY = _HASHER.hash("lianmeng-no-such-user")


def hash_password(password: str) -> str:
    """An argon2id hash (salted; ``$argon2id$…``)."""
    return _HASHER.hash(password)


def verify_password(hashed: str | None, password: str) -> bool:
    """Whether ``password`` matches ``hashed`` (``None``: no password, always false)."""
    try:
        return _HASHER.verify(hashed or _DUMMY, password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False
