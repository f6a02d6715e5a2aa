"""Hypothesis strategies for valid records and whole datasets (shared by the tests)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from lianmeng.dataset import Dataset
from lianmeng.ledger_records import ActionDay
from lianmeng.pairing_rules import PairingRuleError, classify
from lianmeng.records import (
    Alliance,
    Committee,
    Meeting,
    MeetingKind,
    Organisation,
    OrgType,
    Pairing,
    PairingStatus,
    RotationExclusion,
    RotationSlot,
    Scope,
    SubCommittee,
)

# Text people type: Chinese, quotes, backslashes, Cypher/SQL-looking strings, emoji.
_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs"),
    exclude_characters="\x00",
)
TRICKY = ("'}) DETACH DELETE n //", "O'Brien \"引号\" \\反斜杠\\", "🎉党建联盟🚩", "<img src=x onerror=alert(1)>",
          "x" * 500, "Robert'); DROP TABLE organisations;--")
text = st.one_of(st.text(_ALPHABET, max_size=30).map(str.strip), st.sampled_from(TRICKY))
name = st.one_of(st.text(_ALPHABET, min_size=1, max_size=20).map(str.strip).filter(bool), st.sampled_from(TRICKY))
items = st.lists(name, max_size=4).map(tuple)
dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))
quarters = st.builds(lambda y, q: f"{y}Q{q}", st.integers(2020, 2030), st.integers(1, 4))


@st.composite
def datasets(draw, max_orgs: int = 12) -> Dataset:
    """A valid dataset with every record type and every field exercised."""
    committee = Committee(id="C-" + draw(st.text("abc123", min_size=1, max_size=4)), name=draw(name))
    n_subs = draw(st.integers(1, 3))
    subs = [SubCommittee(id=f"S{i}", name=f"{draw(name)}#{i}", parent=committee.id) for i in range(n_subs)]
    n_alliances = draw(st.integers(1, 4))
    alliances = [
        Alliance(id=f"A{i}", name=f"{draw(name)}#{i}", sector=draw(st.sampled_from(
            ["administrative", "community", "commercial", "campus", "park", "新领域"])),
            led_by=draw(st.one_of(st.none(), st.sampled_from([s.id for s in subs]))),
            unified_action=draw(text), project=draw(text), research_topic=draw(text))
        for i in range(n_alliances)
    ]
    orgs = []
    for i in range(draw(st.integers(2, max_orgs))):
        scope = draw(st.sampled_from(list(Scope)))
        orgs.append(Organisation(
            id=f"O{i}", name=f"{draw(name)}#{i}", scope=scope,
            alliance=draw(st.sampled_from([a.id for a in alliances])) if scope is Scope.MEMBER else None,
            type=draw(st.sampled_from(list(OrgType))), unit=draw(text), industry=draw(text),
            address=draw(text), grid=draw(text),
            member_count=draw(st.one_of(st.none(), st.integers(0, 5000))),
            contact=draw(text), phone=draw(text), brands=draw(items), resources=draw(items), needs=draw(items),
            pioneer_index=draw(st.one_of(st.none(), st.floats(0, 100, allow_nan=False).map(lambda f: round(f, 2)))),
        ))
    base = Dataset(committees=[committee], subcommittees=subs, alliances=alliances, organisations=orgs)
    parties = [committee.id] + [a.id for a in alliances] + [o.id for o in orgs]
    pairings, seen = [], set()
    for _ in range(draw(st.integers(0, 20))):
        a, b = draw(st.sampled_from(parties)), draw(st.sampled_from(parties))
        try:
            kind = classify(base.end(a), base.end(b))
        except PairingRuleError:
            continue
        key = tuple(sorted((a, b)))
        if key in seen:
            continue
        seen.add(key)
        since = draw(dates)
        until = draw(st.one_of(st.none(), dates.filter(lambda d, s=since: d >= s)))
        status = PairingStatus.ENDED if until is not None and draw(st.booleans()) else PairingStatus.ACTIVE
        pairings.append(Pairing(party_a=a, party_b=b, kind=kind, content=draw(text), since=since,
                                until=until, status=status))
    meetings, action_days = [], []
    for i in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(list(MeetingKind)))
        alliance = draw(st.sampled_from(alliances)) if kind is MeetingKind.JOINT else None
        members = [o.id for o in orgs if alliance and o.alliance == alliance.id]
        chair = draw(st.sampled_from(members)) if members and draw(st.booleans()) else None
        day = draw(dates)
        if kind is MeetingKind.ACTION_DAY:  # its 统一行动日 record (issue 16)
            action_days.append(ActionDay(id=f"D-M{i}", date=day, theme=draw(name), places=draw(items)))
        meetings.append(Meeting(
            id=f"M{i}", kind=kind, date=day, alliance=alliance.id if alliance else None, chair=chair,
            attendees=tuple(draw(st.lists(st.sampled_from([o.id for o in orgs]), max_size=5, unique=True))),
            topics=draw(items), decisions=draw(items), location=draw(text),
            action_day=f"D-M{i}" if kind is MeetingKind.ACTION_DAY else None,
        ))
    rotations, exclusions = [], []
    for alliance in alliances:
        members = [o.id for o in orgs if o.alliance == alliance.id]
        if not members:
            continue
        for quarter in draw(st.lists(quarters, max_size=3, unique=True)):
            rotations.append(RotationSlot(alliance=alliance.id, quarter=quarter, chair=draw(st.sampled_from(members)),
                                          pinned=draw(st.booleans()), note=draw(text)))
        for org in draw(st.lists(st.sampled_from(members), max_size=2, unique=True)):
            span = sorted(draw(st.lists(st.one_of(st.none(), quarters), min_size=2, max_size=2)),
                          key=lambda q: q or "")
            exclusions.append(RotationExclusion(alliance=alliance.id, organisation=org, reason=draw(name),
                                                since=span[0], until=span[1]))
    return Dataset(committees=[committee], subcommittees=subs, alliances=alliances, organisations=orgs,
                   pairings=pairings, meetings=meetings, rotations=rotations,
                   rotation_exclusions=exclusions, action_days=action_days).validated()


# --- the work inside the pairings (issue 16) --------------------------------------------------

money = st.one_of(st.integers(0, 2_000_000).map(float), st.integers(0, 10_000_000).map(lambda c: c / 100))


@st.composite
def ledger_datasets(draw, max_orgs: int = 8) -> Dataset:
    """:func:`datasets` plus action days, service teams, projects (milestones, notes) and activities."""
    from lianmeng.ledger_records import (
        ActionDay,
        Activity,
        ActivityCategory,
        Milestone,
        ProgressNote,
        Project,
        ProjectStatus,
        ServiceTeam,
    )

    base = draw(datasets(max_orgs=max_orgs))
    org_ids = [o.id for o in base.organisations]
    alliance_ids = [a.id for a in base.alliances]
    orgs = st.lists(st.sampled_from(org_ids), max_size=3, unique=True).map(tuple)
    maybe = lambda values: st.one_of(st.none(), st.sampled_from(values)) if values else st.none()  # noqa: E731
    days = [ActionDay(id=f"D{i}", date=draw(dates), theme=draw(name), places=draw(items))
            for i in range(draw(st.integers(0, 3)))]
    teams = [ServiceTeam(id=f"T{i}", name=f"{draw(name)}#{i}", alliance=draw(maybe(alliance_ids)),
                         leader=draw(maybe(org_ids)), members=draw(orgs), specialities=draw(items))
             for i in range(draw(st.integers(0, 3)))]
    projects = []
    for i in range(draw(st.integers(0, 3))):
        start = draw(st.one_of(st.none(), dates))
        later = dates.filter(lambda d, s=start: s is None or d >= s)
        status = draw(st.sampled_from(list(ProjectStatus)))
        score = draw(st.floats(0, 100, allow_nan=False).map(lambda f: round(f, 1)))
        projects.append(Project(
            id=f"PJ{i}", name=draw(name), year=draw(st.integers(2015, 2035)), alliance=draw(st.sampled_from(alliance_ids)),
            problem=draw(text), lead=draw(maybe(org_ids)), partners=draw(orgs), start=start, status=status,
            budget=draw(st.one_of(st.none(), money)), raised=draw(st.one_of(st.none(), money)),
            evaluator=draw(text),
            score=score if status is ProjectStatus.EVALUATED or draw(st.booleans()) else None, comments=draw(text),
            milestones=tuple(Milestone(title=draw(name), due=draw(st.one_of(st.none(), dates)),
                                       done=draw(st.one_of(st.none(), later)))
                             for _ in range(draw(st.integers(0, 3)))),
            progress=tuple(ProgressNote(quarter=draw(quarters), text=draw(name))
                           for _ in range(draw(st.integers(0, 2))))))
    pairing_ids = [p.id for p in base.pairings]
    activities = []
    for i in range(draw(st.integers(0, 6))):
        links = {"pairing": draw(maybe(pairing_ids)), "alliance": draw(maybe(alliance_ids)),
                 "project": draw(maybe([p.id for p in projects])), "action_day": draw(maybe([d.id for d in (*base.action_days, *days)])),
                 "team": draw(maybe([t.id for t in teams]))}
        involved = draw(orgs)
        if not any(links.values()) and not involved:
            involved = (org_ids[0],)
        activities.append(Activity(
            id=f"AC{i}", date=draw(dates), title=draw(name), category=draw(st.sampled_from(list(ActivityCategory))),
            organisations=involved, people_served=draw(st.integers(0, 5000)), volunteers=draw(st.integers(0, 500)),
            donated=draw(money), place=draw(text), note=draw(text), **links))
    tables = {name: records for name, records in base.tables()}
    tables.update(action_days=(*base.action_days, *days), service_teams=teams, projects=projects,
                  activities=activities)
    return Dataset(**tables).validated()
