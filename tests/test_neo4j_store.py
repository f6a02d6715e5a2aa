"""What only the Neo4j backend has: its graph shape, its schema, and how it fails.

Runs against the session's real Neo4j (``store``-like fixtures from conftest) and, for
the server-going-away cases, against a second real server that the test stops itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_pages import APP
from conftest import empty_neo4j
from streamlit.testing.v1 import AppTest

from graphdb.neo4j_server import free_port
from graphdb.neo4j_store import Neo4jStore
from graphdb.store import StoreError, StoreUnavailable
from lianmeng.cli import main
from lianmeng.dataset import ChangeSet, Dataset
from lianmeng.records import (
    Organisation,
    Pairing,
    PairingKind,
    RotationExclusion,
    RotationSlot,
    Scope,
)

SECRET = "s3cret-never-shown"


@pytest.fixture
def neo(neo4j_session_store) -> Neo4jStore:
    return empty_neo4j(neo4j_session_store)


def _one(store: Neo4jStore, query: str, **params):
    with store.driver.session(database=store.database) as session:
        return [record.data() for record in session.run(query, **params)]


# --- the graph shape -----------------------------------------------------------------------

pytestmark_neo4j = pytest.mark.neo4j


@pytestmark_neo4j
def test_the_sample_as_a_graph(neo: Neo4jStore, sample: Dataset):
    neo.replace_all(sample)
    counts = {row["t"]: row["n"] for row in _one(neo, "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n")}
    attendances = sum(len(m.attendees) for m in sample.meetings)
    records = sum(sample.counts().values())
    ledger = {  # issue 16: single references of the ledger are relationships (lists stay properties)
        "FOR_ALLIANCE": sum(1 for t in ("service_teams", "projects", "activities", "rotations", "rotation_exclusions")
                            for r in sample.table(t) if r.alliance),
        "UNDER_PROJECT": sum(1 for a in sample.activities if a.project),
        "ON_DAY": sum(1 for a in sample.activities if a.action_day),
        "BY_TEAM": sum(1 for a in sample.activities if a.team),
        "LEADS": sum(1 for t in sample.service_teams if t.leader) + sum(1 for p in sample.projects if p.lead),
    }
    assert all(ledger.values())  # the sample has every kind
    assert counts == {
        **ledger,
        "UNDER": len(sample.subcommittees),
        "LED_BY": sum(1 for a in sample.alliances if a.led_by),
        "MEMBER_OF": 48,
        "PAIRED": len(sample.pairings),
        "HELD_BY": sum(1 for m in sample.meetings if m.alliance),
        "CHAIRED": sum(1 for m in sample.meetings if m.chair),
        "ATTENDED": attendances,
        "AUDIT_ITEM": records,  # the one audit entry of the replacement names every record
        # issue 17: needs and problems point at their organisations, responses at round and organisation
        "PUBLISHED_BY": len(sample.supply_demand),
        "CLAIMED_BY": sum(1 for i in sample.supply_demand if i.claimed_by),
        "RESPONSIBLE": len(sample.resident_problems),
        "IN_ROUND": len(sample.pioneer_responses),
        "ABOUT": len(sample.pioneer_responses),
    }
    labels = {row["l"]: row["n"] for row in _one(neo, "MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS n")}
    assert labels["Organisation"] == 82 and labels["Alliance"] == 5 and labels["LianmengMeta"] == 1
    assert labels["LianmengAudit"] == 1 and labels["LianmengAuditItem"] == records
    assert labels["Party"] == 1 + len(sample.subcommittees) + 5 + 82
    # direction and properties of one pairing, and its level
    pairing = sample.pairings[0]
    [row] = _one(neo, "MATCH (a)-[r:PAIRED {id: $id}]->(b) RETURN a.id AS a, b.id AS b, r.level AS level, "
                      "r.kind AS kind, toString(r.since) AS since", id=pairing.id)
    assert row == {"a": pairing.party_a, "b": pairing.party_b, "level": pairing.level.value,
                   "kind": pairing.kind.value, "since": pairing.since.isoformat()}
    # the README's example query: members of an alliance with their pairings
    alliance = sample.alliances[0]
    rows = _one(neo, "MATCH (o:Organisation)-[:MEMBER_OF]->(:Alliance {id: $id}) "
                     "RETURN count(o) AS n", id=alliance.id)
    assert rows == [{"n": len(sample.members_of(alliance.id))}]


def _with_rotation(sample: Dataset) -> Dataset:
    """The sample plus two rotation slots and one exclusion in its first alliance."""
    alliance = sample.alliances[0]
    members = [o.id for o in sample.members_of(alliance.id)]
    return Dataset(**{**{t: r for t, r in sample.tables()},
                      "rotations": [RotationSlot(alliance=alliance.id, quarter="2026Q1", chair=members[0],
                                                 pinned=True, note="书记指定"),
                                    RotationSlot(alliance=alliance.id, quarter="2026Q2", chair=members[1])],
                      "rotation_exclusions": [RotationExclusion(alliance=alliance.id, organisation=members[2],
                                                                reason="改制中", since="2026Q1")]}).validated()


@pytestmark_neo4j
def test_rotation_slots_and_exclusions_as_a_graph(neo: Neo4jStore, sample: Dataset):
    data = _with_rotation(sample)
    neo.replace_all(data)
    alliance = data.alliances[0]
    first, second = data.rotations
    [exclusion] = data.rotation_exclusions
    rows = _one(neo, "MATCH (o:Organisation)-[:CHAIRS]->(s:RotationSlot)-[:FOR_ALLIANCE]->(a:Alliance) "
                     "RETURN o.id AS chair, s.id AS id, s.quarter AS quarter, s.pinned AS pinned, a.id AS alliance "
                     "ORDER BY s.quarter")
    assert rows == [{"chair": s.chair, "id": s.id, "quarter": s.quarter, "pinned": s.pinned, "alliance": alliance.id}
                    for s in (first, second)]
    rows = _one(neo, "MATCH (o:Organisation)-[:EXCLUDED_BY]->(x:RotationExclusion)-[:FOR_ALLIANCE]->(a:Alliance) "
                     "RETURN o.id AS o, x.reason AS reason, x.since AS since, x.until AS until, a.id AS a")
    assert rows == [{"o": exclusion.organisation, "reason": "改制中", "since": "2026Q1", "until": None,
                     "a": alliance.id}]
    assert neo.snapshot() == data

    # a new chair moves the CHAIRS relationship; a removed slot takes its node and links along
    members = [o.id for o in data.members_of(alliance.id)]
    neo.upsert([first.model_copy(update={"chair": members[3], "pinned": False})])
    neo.delete("rotations", [second.id])
    rows = _one(neo, "MATCH (o)-[:CHAIRS]->(s:RotationSlot) RETURN o.id AS chair, s.id AS id, s.pinned AS pinned")
    assert rows == [{"chair": members[3], "id": first.id, "pinned": False}]
    assert _one(neo, "MATCH (s:RotationSlot) RETURN count(s) AS n") == [{"n": 1}]
    assert neo.snapshot().rotations == (first.model_copy(update={"chair": members[3], "pinned": False}),)


@pytestmark_neo4j
def test_clear_and_replace_leave_the_trail_and_users_untouched(neo: Neo4jStore, sample: Dataset):
    """Append-only, checked on the raw graph: every audit node and property written before
    a clear and a replacement is still there, unchanged, afterwards; the users too."""
    from lianmeng.access import Role, User

    neo.save_user(User("甲", Role.PLANNER, password_hash="$argon2id$h"))
    neo.replace_all(_with_rotation(sample))
    trail = "MATCH (a:LianmengAudit) OPTIONAL MATCH (a)-[:AUDIT_ITEM]->(i) " \
            "RETURN a{.*} AS a, i{.*} AS i ORDER BY a.seq, i.position"
    before = _one(neo, trail)
    assert len(before) == 1 + sum(_with_rotation(sample).counts().values())
    neo.clear()
    neo.replace_all(sample)
    after = _one(neo, trail)
    assert after[:len(before)] == before
    assert [r["a"]["seq"] for r in after[len(before):]][:1] == [3]
    assert _one(neo, "MATCH (u:LianmengUser) RETURN u.name AS name, u.role AS role") == [{"name": "甲", "role": "planner"}]
    assert _one(neo, "MATCH (n:RotationSlot) RETURN count(n) AS n") == [{"n": 0}]


@pytestmark_neo4j
def test_attendee_order_is_kept_by_position(neo: Neo4jStore, sample: Dataset):
    neo.replace_all(sample)
    meeting = next(m for m in sample.meetings if len(m.attendees) >= 3)
    rows = _one(neo, "MATCH (o)-[a:ATTENDED]->(:Meeting {id: $id}) RETURN o.id AS o ORDER BY a.position",
                id=meeting.id)
    assert [r["o"] for r in rows] == list(meeting.attendees)


@pytestmark_neo4j
def test_constraints_are_created_once_and_reconnecting_is_harmless(neo4j_server_uri: str, neo: Neo4jStore):
    again = Neo4jStore.connect(neo4j_server_uri, database=neo.database)
    try:
        again.ensure_schema()
        names = {r["name"] for r in _one(again, "SHOW CONSTRAINTS YIELD name RETURN name")}
    finally:
        again.close()
    assert {"lianmeng_party_id", "lianmeng_organisation_id", "lianmeng_alliance_id", "lianmeng_committee_id",
            "lianmeng_subcommittee_id", "lianmeng_meeting_id", "lianmeng_paired_id", "lianmeng_meta_key",
            "lianmeng_rotationslot_id", "lianmeng_rotationexclusion_id", "lianmeng_audit_seq",
            "lianmeng_user_name"} <= names


@pytestmark_neo4j
def test_a_database_error_midway_rolls_back_everything(neo: Neo4jStore, sample: Dataset):
    """Two pairings with one id but different ends break the PAIRED id constraint after the
    store has already been cleared and organisations written: nothing of it may remain."""
    neo.replace_all(sample)
    before, revision = neo.snapshot(), neo.revision()
    orgs = sample.organisations
    first = Pairing(id="P-dup", party_a=orgs[0].id, party_b=orgs[1].id, kind=PairingKind.SMALL, since="2026-01-01")
    clash = first.model_copy(update={"party_b": orgs[2].id})
    extra = Organisation(id="only-in-failed-write", name="失败写入中的单位", scope=Scope.EXTERNAL)
    with pytest.raises(StoreError, match="写入失败"):
        neo._commit(ChangeSet(upserts=(*orgs, extra, first, clash)), expected_revision=revision, clear=True)
    assert neo.revision() == revision
    assert neo.snapshot() == before


@pytestmark_neo4j
def test_two_processes_worth_of_drivers_write_at_once(neo4j_server_uri: str, neo: Neo4jStore, sample: Dataset):
    import threading

    neo.replace_all(sample)
    stores = [Neo4jStore.connect(neo4j_server_uri, database=neo.database) for _ in range(2)]
    errors: list[BaseException] = []

    def write(store: Neo4jStore, i: int) -> None:
        try:
            for j in range(3):
                store.upsert([Organisation(id=f"d{i}-{j}", name=f"驱动{i}写入{j}", scope=Scope.EXTERNAL)])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s, i)) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert errors == []
    assert neo.revision() == 1 + 6
    assert {f"d{i}-{j}" for i in range(2) for j in range(3)} <= {o.id for o in neo.snapshot().organisations}


# --- failure: down, unreachable, wrong database -----------------------------------------------


def test_closed_port_gives_one_clear_message():
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore.connect(uri, password=SECRET)
    message = str(caught.value)
    assert message.startswith("无法连接 Neo4j") and uri in message and "NEO4J_URI" in message
    assert SECRET not in message


def test_a_uri_that_is_not_one():
    with pytest.raises(StoreUnavailable, match="NEO4J_URI"):
        Neo4jStore.connect("http://127.0.0.1:7474")


def test_cli_with_neo4j_down_exits_3_without_traceback(monkeypatch, capsys):
    uri = f"neo4j://127.0.0.1:{free_port()}"
    monkeypatch.setenv("LIANMENG_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    assert main(["stats"]) == 3
    err = capsys.readouterr().err
    assert uri in err and "无法连接 Neo4j" in err
    assert "Traceback" not in err and SECRET not in err
    assert len(err.strip().splitlines()) == 1
    assert main(["stats", "--json"]) == 3  # the same, as JSON on standard output
    out = capsys.readouterr().out
    assert json.loads(out)["error"]["code"] == 3 and uri in out and SECRET not in out


def test_app_with_neo4j_down_shows_the_message(monkeypatch, tmp_path):
    uri = f"bolt://127.0.0.1:{free_port()}"
    monkeypatch.setenv("LIANMENG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LIANMENG_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", uri)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert uri in at.error[0].value and "无法连接 Neo4j" in at.error[0].value


@pytestmark_neo4j
def test_missing_database_is_named(neo4j_server_uri: str):
    with pytest.raises(StoreUnavailable, match="NEO4J_DATABASE"):
        Neo4jStore.connect(neo4j_server_uri, database="nosuchdb")


@pytestmark_neo4j
def test_server_going_away_mid_session(tmp_path, sample: Dataset, monkeypatch):
    """A store and the app both connected; the server stops; every call says so in words;
    the server comes back on the same port and the same store works again."""
    from graphdb.neo4j_server import Neo4jServer, tools_available

    ok, reason = tools_available()
    if not ok:
        pytest.skip(reason)
    server = Neo4jServer(tmp_path / "neo4j")
    server.start()
    try:
        store = Neo4jStore.connect(server.uri, max_transaction_retry_time=2.0)
        store.replace_all(sample)
        monkeypatch.setenv("LIANMENG_DATA_DIR", str(tmp_path / "data"))
        monkeypatch.setenv("LIANMENG_STORE", "neo4j")
        monkeypatch.setenv("NEO4J_URI", server.uri)
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert not at.exception and not at.error
        assert {m.label: m.value for m in at.metric}["党建联盟"] == "5"

        server.stop()
        for call in (store.revision, store.snapshot, store.is_empty,
                     lambda: store.upsert([Organisation(id="x", name="新单位", scope=Scope.EXTERNAL)])):
            with pytest.raises(StoreUnavailable, match=server.uri.replace(".", r"\.")):
                call()
        at.run()
        assert not at.exception
        assert "无法连接 Neo4j" in at.error[0].value

        server.start()
        assert store.snapshot().canonical() == sample.canonical()
        store.close()
    finally:
        server.stop()
    assert not server.running


@pytestmark_neo4j
def test_the_documented_queries_give_the_known_answers(neo: Neo4jStore, sample: Dataset):
    import re

    readme = (Path(__file__).resolve().parent.parent / "docs" / "neo4j.md").read_text(encoding="utf-8")
    members, no_small, matrix, _dormant, _cross = re.findall(r"```cypher\n(.*?)```", readme, flags=re.S)
    neo.replace_all(sample)

    commercial = next(a for a in sample.alliances if a.name == "商区党建联盟")
    rows = _one(neo, members)
    assert sorted(r["组织"] for r in rows) == sorted(o.name for o in sample.members_of(commercial.id))

    small_ends = {end for p in sample.pairings if p.is_active and p.kind is PairingKind.SMALL
                  for end in (p.party_a, p.party_b)}
    expected = {o.name for o in sample.organisations if o.scope is Scope.MEMBER and o.id not in small_ends}
    assert {r["组织"] for r in _one(neo, no_small)} == expected and expected

    cross = [p for p in sample.pairings if p.is_active and p.kind is PairingKind.CROSS_ALLIANCE]
    assert sum(r["结对数"] for r in _one(neo, matrix)) == len(cross)


@pytestmark_neo4j
def test_the_documented_dormant_pairings_query_agrees_with_gaps(neo: Neo4jStore, sample: Dataset):
    """The 休眠结对 query gives exactly :func:`analysis.coverage.dormant_pairings`' answer, in
    its order, on a day with dormant pairings (14 on 2026-11-30, 12 of them with an old
    activity) and on one without."""
    import datetime as dt
    import re

    from analysis.coverage import dormant_pairings

    readme = (Path(__file__).resolve().parent.parent / "docs" / "neo4j.md").read_text(encoding="utf-8")
    query = re.findall(r"```cypher\n(.*?)```", readme, flags=re.S)[3]
    neo.replace_all(sample)
    for day, count in ((dt.date(2026, 11, 30), 14), (dt.date(2026, 2, 28), 0)):
        expected = [(sample.name_of(d.pairing.party_a), sample.name_of(d.pairing.party_b), d.last_activity)
                    for d in dormant_pairings(sample, day, 6)]
        rows = _one(neo, query, today=day)
        got = [(r["甲方"], r["乙方"], r["最近活动"].to_native() if r["最近活动"] else None) for r in rows]
        assert got == expected and len(got) == count


@pytestmark_neo4j
def test_the_documented_cross_street_query_counts_the_district(neo: Neo4jStore, tmp_path: Path):
    """On a district of three streets with two cross-street pairings (东—西 and 南—西) the
    street × street query gives one row each, as the district overview counts them."""
    import re

    from test_district import DISTRICT, _folder

    from ingest.readers import read_paths
    from ingest.validate import validate
    from lianmeng.ops.street import district

    files = dict(DISTRICT)
    files["结对.csv"] += "南一党支部,西二党支部,2024-05-01\n"
    dataset = validate(read_paths([_folder(tmp_path / "d", files)]), Dataset()).dataset
    assert dataset is not None
    neo.replace_all(dataset)
    readme = (Path(__file__).resolve().parent.parent / "docs" / "neo4j.md").read_text(encoding="utf-8")
    query = re.findall(r"```cypher\n(.*?)```", readme, flags=re.S)[4]
    rows = _one(neo, query)
    assert rows == [{"街道甲": "东街道党工委", "街道乙": "西街道党工委", "结对数": 1},
                    {"街道甲": "南街道党工委", "街道乙": "西街道党工委", "结对数": 1}]
    assert sum(r["结对数"] for r in rows) == district(dataset)["cross_street"] == 2


@pytestmark_neo4j
def test_reading_an_empty_store_logs_no_server_notices(neo: Neo4jStore, caplog):
    """An empty store (or one without rotations) reads relationship types no record has
    yet: the server's "does not exist" notices must not reach the terminal via logging."""
    import logging

    with caplog.at_level(logging.INFO, logger="neo4j"):
        assert neo.snapshot() == Dataset() and neo.audit_entries() == [] and neo.users() == []
    assert [r.getMessage()[:60] for r in caplog.records if "notification" in r.getMessage()] == []


# --- empty values absent, names indexed (issue 18) -------------------------------------------

PARTY_NAME_LABELS = ("Party", "Committee", "SubCommittee", "Alliance", "Organisation")


@pytestmark_neo4j
def test_empty_values_are_absent_so_is_null_finds_them(neo: Neo4jStore, sample: Dataset):
    neo.replace_all(sample)
    without_contact = sorted(o.name for o in sample.organisations if not o.contact)
    assert len(without_contact) == 34
    rows = _one(neo, "MATCH (o:Organisation) WHERE o.contact IS NULL RETURN o.name AS name ORDER BY name")
    assert [r["name"] for r in rows] == without_contact
    without_brands = sum(1 for o in sample.organisations if not o.brands)
    assert _one(neo, "MATCH (o:Organisation) WHERE o.brands IS NULL RETURN count(o) AS n") == [{"n": without_brands}]
    # nowhere an empty text or an empty list: not on nodes, not on pairings
    empty = "WHERE any(k IN keys(x) WHERE x[k] = '' OR x[k] = [])"
    assert _one(neo, f"MATCH (x) {empty} RETURN count(x) AS n") == [{"n": 0}]
    assert _one(neo, f"MATCH ()-[x]->() {empty} RETURN count(x) AS n") == [{"n": 0}]
    open_ended = sum(1 for p in sample.pairings if p.until is None)
    assert _one(neo, "MATCH ()-[r:PAIRED]->() WHERE r.until IS NULL RETURN count(r) AS n") == [{"n": open_ended}]
    # and the snapshot still round-trips exactly, blanks and empty lists included
    assert neo.snapshot().canonical() == sample.canonical()
    org = next(o for o in sample.organisations if o.contact and o.brands)
    neo.upsert([org.model_copy(update={"contact": "", "brands": ()})])
    [row] = _one(neo, "MATCH (o:Organisation {id: $id}) RETURN o.contact AS contact, o.brands AS brands", id=org.id)
    assert row == {"contact": None, "brands": None}
    assert neo.snapshot().party(org.id).contact == "" and neo.snapshot().party(org.id).brands == ()


@pytestmark_neo4j
def test_every_party_label_has_a_name_index_the_browser_lookup_uses(neo: Neo4jStore, sample: Dataset):
    neo.replace_all(sample)
    indexes = _one(neo, "SHOW INDEXES YIELD name, labelsOrTypes, properties, state "
                        "WHERE properties = ['name'] RETURN name, labelsOrTypes[0] AS label, state")
    by_label = {r["label"]: r for r in indexes}
    assert set(PARTY_NAME_LABELS) <= set(by_label)
    assert by_label["Organisation"]["name"] == "lianmeng_organisation_name"
    name = sample.organisations[0].name
    with neo.driver.session(database=neo.database) as session:
        plan = session.run("EXPLAIN MATCH (o:Organisation {name: $name}) RETURN o", name=name).consume().plan
    assert "NodeIndexSeek" in str(plan)
