"""The pairing rules: a pairing's level and kind follow from its two ends.

| ends                                              | kind             |
|---------------------------------------------------|------------------|
| Committee ↔ regional/external organisation        | ``street``       |
| Alliance ↔ Alliance, Alliance ↔ regional/external | ``alliance``     |
| two members of the same alliance                  | ``small``        |
| members of two different alliances                | ``cross_alliance`` |
| members of alliances of two different streets     | ``cross_street`` |
| member ↔ regional organisation                    | ``regional``     |
| member ↔ external organisation                    | ``external``     |

Every other combination is not a pairing of this model and raises
:class:`PairingRuleError`, whose message says which rule applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from lianmeng.errors import LianmengError
from lianmeng.records import PairingKind, Scope
from lianmeng.texts import PARTY_TYPE_LABELS, SCOPE_LABELS, say

__all__ = ["End", "PairingRuleError", "classify"]


class PairingRuleError(LianmengError):
    """Two ends that the model does not allow to pair."""

    def __init__(self, message: str, code: str):
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class End:
    """What the rules need to know about one end of a pairing."""

    party_type: str  # "committee" | "subcommittee" | "alliance" | "organisation"
    id: str
    name: str
    scope: Scope | None = None  # organisations only
    alliance: str | None = None  # member organisations only
    street: str | None = None  # the 街道党工委 it belongs to, when known (a district holds several)

    @property
    def label(self) -> str:
        if self.party_type == "organisation" and self.scope is not None:
            return SCOPE_LABELS[self.scope.value] + PARTY_TYPE_LABELS["organisation"]
        return PARTY_TYPE_LABELS[self.party_type]

    @property
    def is_outside(self) -> bool:
        """A regional or external organisation: not in any alliance."""
        return self.party_type == "organisation" and self.scope in (Scope.REGIONAL, Scope.EXTERNAL)

    @property
    def is_member(self) -> bool:
        return self.party_type == "organisation" and self.scope is Scope.MEMBER


def classify(a: End, b: End) -> PairingKind:
    """Return the kind of a pairing between ``a`` and ``b`` (order does not matter).

    >>> m1 = End("organisation", "o1", "甲", Scope.MEMBER, "community")
    >>> m2 = End("organisation", "o2", "乙", Scope.MEMBER, "community")
    >>> classify(m1, m2)
    <PairingKind.SMALL: 'small'>
    >>> classify(End("committee", "s", "党工委"), End("organisation", "x", "区检察院", Scope.EXTERNAL))
    <PairingKind.STREET: 'street'>
    """
    if a.id == b.id:
        raise PairingRuleError(say("self_pair", party=a.name), "self_pair")
    kind = _kind(a, b) or _kind(b, a)
    if kind is None:
        raise PairingRuleError(
            say("pair_not_allowed", a=a.name, a_type=a.label, b=b.name, b_type=b.label, hint=_hint(a, b)),
            "pair_not_allowed",
        )
    return kind


def _kind(a: End, b: End) -> PairingKind | None:
    """The kind when ``a`` is the end that decides it, or ``None``."""
    if a.party_type == "committee":
        return PairingKind.STREET if b.is_outside else None
    if a.party_type == "alliance":
        if b.party_type == "alliance" or b.is_outside:
            return PairingKind.ALLIANCE
        return None
    if a.is_member and b.party_type == "organisation":
        if b.is_member:
            if a.street and b.street and a.street != b.street:
                return PairingKind.CROSS_STREET  # two streets of one district: its own kind
            return PairingKind.SMALL if a.alliance == b.alliance else PairingKind.CROSS_ALLIANCE
        if b.scope is Scope.REGIONAL:
            return PairingKind.REGIONAL
        if b.scope is Scope.EXTERNAL:
            return PairingKind.EXTERNAL
    return None


def _hint(a: End, b: End) -> str:
    types = {a.party_type, b.party_type}
    if "subcommittee" in types:
        return say("hint_subcommittee")
    if "committee" in types:
        return say("hint_committee")
    if "alliance" in types:
        return say("hint_alliance")
    return say("hint_outside")
