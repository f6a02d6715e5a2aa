"""Every Cypher statement the Neo4j backend runs, in one place.

Values always travel as parameters (``$rows``, ``$ids``, ``$key`` …). Labels and
relationship types cannot be parameters in Cypher, so the few statements that vary by
label are built here, once, from the fixed allow-lists :data:`NODE_LABELS` and
:data:`RELATIONSHIP_TYPES`; nothing a user typed ever reaches a statement's text.

Graph shape (see the README)::

    (:Organisation)-[:MEMBER_OF]->(:Alliance)-[:LED_BY]->(:SubCommittee)-[:UNDER]->(:Committee)
    (a)-[:PAIRED {id, kind, level, content, since, until, status}]->(b)   # a, b: any party
    (:Meeting)-[:HELD_BY]->(:Alliance)
    (:Organisation)-[:CHAIRED]->(:Meeting)
    (:Organisation)-[:ATTENDED {position}]->(:Meeting)
    (:RotationSlot {id, quarter, pinned, note})-[:FOR_ALLIANCE]->(:Alliance)
    (:Organisation)-[:CHAIRS]->(:RotationSlot)
    (:RotationExclusion {id, reason, since, until})-[:FOR_ALLIANCE]->(:Alliance)
    (:Organisation)-[:EXCLUDED_BY]->(:RotationExclusion)
    (:StreetTarget {id, metric, value, street, note})      # the street's own targets
    (:CalendarDay {id, date, workday, note})                                  # issue 17
    (:SupplyDemandItem {…})-[:PUBLISHED_BY]->(:Organisation), -[:CLAIMED_BY]->(:Organisation)
    (:ResidentProblem {…})-[:RESPONSIBLE]->(:Organisation)
    (:PioneerRound {…}); (:PioneerResponse {…})-[:IN_ROUND]->(:PioneerRound), -[:ABOUT]->(:Organisation)

Every party node also carries the label ``Party`` (one uniqueness constraint across the
four kinds, like the embedded store's ``parties`` table); every party label has an index
on ``name``. A field with no value — ``None``, an empty text, an empty list — is not
stored at all, so ``IS NULL`` finds it. ``_seq`` on nodes and
``PAIRED`` relationships keeps the order records were first written, so a snapshot
lists them in the same order as the embedded store. The store's revision lives on one
``(:LianmengMeta {key: 'store'})`` node.

Outside the dataset, and never touched by a clear or a replacement (nothing here updates
or deletes them)::

    (:LianmengAudit {seq, revision, at, actor, action, note})
        -[:AUDIT_ITEM]->(:LianmengAuditItem {position, tbl, record_id, before, after})
    (:LianmengUser {name, role, alliance, email, password_hash})

``before``/``after`` are the record's JSON text (absent for an addition/removal).
"""

from __future__ import annotations

from graphdb.graph_shape import NODE_LABELS as _GRAPH_LABELS

__all__ = [
    "NODE_LABELS",
    "PARTY_LABEL",
    "META_LABEL",
    "META_KEY",
    "RELATIONSHIP_TYPES",
    "FOREIGN_KEYS",
    "CONSTRAINTS",
    "AUDIT_LABEL",
    "AUDIT_ITEM_LABEL",
    "USER_LABEL",
    "DATE_FIELDS",
    "INCOMING_KEYS",
    "LOCK_META",
    "FINISH_META",
    "UNLOCK_META",
    "READ_REVISION",
    "IS_EMPTY",
    "CLEAR_PARTIES",
    "CLEAR_RECORDS",
    "DELETE_PAIRINGS",
    "MOVED_PAIRINGS",
    "UPSERT_PAIRINGS",
    "CREATE_PAIRINGS",
    "READ_PAIRINGS",
    "READ_ATTENDEES",
    "DELETE_ALL_FOR_TESTS",
    "upsert_nodes",
    "delete_nodes",
    "drop_links",
    "add_links",
    "create_links",
    "read_nodes",
    "drop_incoming",
    "add_incoming",
    "DROP_ATTENDEES",
    "ADD_ATTENDEES",
    "APPEND_AUDIT",
    "APPEND_AUDIT_ITEMS",
    "audit_heads",
    "READ_AUDIT_ITEMS",
    "READ_USERS",
    "SAVE_USER",
    "REMOVE_USER",
    "SESSION_LABEL",
    "END_USER_SESSIONS",
    "END_SESSIONS",
    "FIND_SESSION",
    "SAVE_SESSION",
]

#: table → label of every record node the store writes: the graph of the analyses
#: (:data:`graphdb.graph_shape.NODE_LABELS`) plus the saved rotation, which the analyses
#: do not draw
NODE_LABELS: dict[str, str] = {**_GRAPH_LABELS, "rotations": "RotationSlot",
                               "rotation_exclusions": "RotationExclusion", "targets": "StreetTarget"}
# issue 16: the work inside the pairings. An activity's pairing is a property (a pairing is a
# relationship, which a relationship cannot point at); its other references are relationships;
# lists of organisations are list properties; a project's milestones and progress notes are
# JSON text properties (lists of maps are not property values).
NODE_LABELS.update({"action_days": "ActionDay", "service_teams": "ServiceTeam", "projects": "Project",
                    "activities": "Activity"})
#: table → fields stored as Cypher ``date`` values
DATE_FIELDS: dict[str, tuple[str, ...]] = {"meetings": ("date",), "action_days": ("date",),
                                           "projects": ("start",), "activities": ("date",)}
NODE_LABELS.update({"calendar_days": "CalendarDay", "supply_demand": "SupplyDemandItem",  # issue 17
                    "resident_problems": "ResidentProblem", "pioneer_rounds": "PioneerRound",
                    "pioneer_responses": "PioneerResponse"})
PARTY_LABEL = "Party"
META_LABEL = "LianmengMeta"
META_KEY = "store"
#: the audit trail and the users: labels of their own, so no statement about the
#: dataset (which all name dataset labels) can reach them
AUDIT_LABEL = "LianmengAudit"
AUDIT_ITEM_LABEL = "LianmengAuditItem"
USER_LABEL = "LianmengUser"
SESSION_LABEL = "LianmengSession"
RELATIONSHIP_TYPES = ("UNDER", "LED_BY", "MEMBER_OF", "PAIRED", "CHAIRED", "ATTENDED", "HELD_BY",
                      "FOR_ALLIANCE", "CHAIRS", "EXCLUDED_BY", "AUDIT_ITEM",
                      "LEADS", "UNDER_PROJECT", "ON_DAY", "BY_TEAM",
                      # issue 17
                      "PUBLISHED_BY", "CLAIMED_BY", "RESPONSIBLE", "IN_ROUND", "ABOUT")

#: table → (field, relationship type, target label): a reference field stored as a relationship
#: from the record's node to the node it names.
FOREIGN_KEYS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "committees": (("parent", "UNDER", "Committee"),),  # a street's committee under its 区委
    "subcommittees": (("parent", "UNDER", "Committee"),),
    "alliances": (("led_by", "LED_BY", "SubCommittee"),),
    "organisations": (("alliance", "MEMBER_OF", "Alliance"),),
    "meetings": (("alliance", "HELD_BY", "Alliance"),),
    "rotations": (("alliance", "FOR_ALLIANCE", "Alliance"),),
    "rotation_exclusions": (("alliance", "FOR_ALLIANCE", "Alliance"),),
    "targets": (),  # the street (a committee id) stays a property: blank means the store's one street
    # issue 16
    "action_days": (),
    "service_teams": (("alliance", "FOR_ALLIANCE", "Alliance"),),
    "projects": (("alliance", "FOR_ALLIANCE", "Alliance"),),
    "activities": (("alliance", "FOR_ALLIANCE", "Alliance"), ("project", "UNDER_PROJECT", "Project"),
                   ("action_day", "ON_DAY", "ActionDay"), ("team", "BY_TEAM", "ServiceTeam")),
    # issue 17: the alliance of a need or a problem is a copy of its organisation's, kept
    # as a property; the organisations are relationships
    "calendar_days": (),
    "supply_demand": (("organisation", "PUBLISHED_BY", "Organisation"), ("claimed_by", "CLAIMED_BY", "Organisation")),
    "resident_problems": (("organisation", "RESPONSIBLE", "Organisation"),),
    "pioneer_rounds": (),
    "pioneer_responses": (("round", "IN_ROUND", "PioneerRound"), ("organisation", "ABOUT", "Organisation")),
}
#: table → (field, relationship type, source label): a reference field stored as a
#: relationship from the node it names TO the record's node (an organisation chairs,
#: is excluded); read back the same way.
INCOMING_KEYS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "meetings": (("chair", "CHAIRED", "Organisation"),),
    "rotations": (("chair", "CHAIRS", "Organisation"),),
    "rotation_exclusions": (("organisation", "EXCLUDED_BY", "Organisation"),),
    "service_teams": (("leader", "LEADS", "Organisation"),),  # issue 16
    "projects": (("lead", "LEADS", "Organisation"),),
}


def _label(table: str) -> str:
    return NODE_LABELS[table]  # KeyError for anything outside the allow-list


def _check(*names: str) -> None:
    allowed = {*NODE_LABELS.values(), PARTY_LABEL, META_LABEL, AUDIT_LABEL, AUDIT_ITEM_LABEL, USER_LABEL,
               SESSION_LABEL,
               *RELATIONSHIP_TYPES}
    for name in names:
        if name not in allowed:
            raise ValueError(f"not an allowed label or relationship type: {name!r}")


# --- schema ------------------------------------------------------------------------------

CONSTRAINTS: tuple[str, ...] = (
    f"CREATE CONSTRAINT lianmeng_party_id IF NOT EXISTS FOR (n:{PARTY_LABEL}) REQUIRE n.id IS UNIQUE",
    *(
        f"CREATE CONSTRAINT lianmeng_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in NODE_LABELS.values()
    ),
    # people in the Neo4j Browser look parties up by name: MATCH (o:Organisation {name: '…'})
    *(
        f"CREATE INDEX lianmeng_{label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)"
        for label in (PARTY_LABEL, *sorted(_GRAPH_LABELS[t] for t in
                                           ("committees", "subcommittees", "alliances", "organisations")))
    ),
    "CREATE CONSTRAINT lianmeng_paired_id IF NOT EXISTS FOR ()-[r:PAIRED]-() REQUIRE r.id IS UNIQUE",
    # a pairing's activities (its last activity, dormant pairings): the pairing is a property
    "CREATE INDEX lianmeng_activity_pairing IF NOT EXISTS FOR (x:Activity) ON (x.pairing)",
    f"CREATE CONSTRAINT lianmeng_meta_key IF NOT EXISTS FOR (m:{META_LABEL}) REQUIRE m.key IS UNIQUE",
    f"CREATE CONSTRAINT lianmeng_audit_seq IF NOT EXISTS FOR (a:{AUDIT_LABEL}) REQUIRE a.seq IS UNIQUE",
    f"CREATE INDEX lianmeng_audit_at IF NOT EXISTS FOR (a:{AUDIT_LABEL}) ON (a.at)",
    # a record's versions (last_change) start from its items: (table, id) finds them
    f"CREATE INDEX lianmeng_audit_item_record IF NOT EXISTS FOR (i:{AUDIT_ITEM_LABEL}) ON (i.tbl, i.record_id)",
    f"CREATE INDEX lianmeng_audit_item_table IF NOT EXISTS FOR (i:{AUDIT_ITEM_LABEL}) ON (i.tbl)",
    f"CREATE CONSTRAINT lianmeng_user_name IF NOT EXISTS FOR (u:{USER_LABEL}) REQUIRE u.name IS UNIQUE",
    f"CREATE CONSTRAINT lianmeng_session_hash IF NOT EXISTS FOR (s:{SESSION_LABEL}) REQUIRE s.token_hash IS UNIQUE",
    f"CREATE INDEX lianmeng_session_user IF NOT EXISTS FOR (s:{SESSION_LABEL}) ON (s.user)",
)

# --- the revision ------------------------------------------------------------------------

#: Taken FIRST in every write: setting a property write-locks the meta node, so concurrent
#: writers queue here and each one then reads the revision its predecessor committed.
LOCK_META = (
    f"MERGE (m:{META_LABEL} {{key: $key}}) ON CREATE SET m.revision = 0, m.seq = 0 "
    "SET m._lock = true "
    "RETURN m.revision AS revision, coalesce(m.seq, 0) AS seq"
)
FINISH_META = (
    f"MATCH (m:{META_LABEL} {{key: $key}}) "
    "SET m.revision = m.revision + 1, m.seq = $seq REMOVE m._lock "
    "RETURN m.revision AS revision"
)
#: releases the lock of a write that leaves the revision as it is (a user change)
UNLOCK_META = f"MATCH (m:{META_LABEL} {{key: $key}}) REMOVE m._lock"
READ_REVISION = f"OPTIONAL MATCH (m:{META_LABEL} {{key: $key}}) RETURN coalesce(m.revision, 0) AS revision"
IS_EMPTY = (
    f"RETURN NOT EXISTS {{ MATCH (:{PARTY_LABEL}) }} AND NOT EXISTS {{ MATCH (:Meeting) }} "
    "AND NOT EXISTS { MATCH (:RotationSlot) } AND NOT EXISTS { MATCH (:RotationExclusion) } "
    "AND NOT EXISTS { MATCH (:StreetTarget) } AND NOT EXISTS { MATCH (:ActionDay) } "
    "AND NOT EXISTS { MATCH (:ServiceTeam) } "
    "AND NOT EXISTS { MATCH (:Project) } AND NOT EXISTS { MATCH (:Activity) } "
    # issue 17
    "AND NOT EXISTS { MATCH (:CalendarDay) } AND NOT EXISTS { MATCH (:SupplyDemandItem) } "
    "AND NOT EXISTS { MATCH (:ResidentProblem) } AND NOT EXISTS { MATCH (:PioneerRound) } "
    "AND NOT EXISTS { MATCH (:PioneerResponse) } AS empty"
)

# --- clearing ----------------------------------------------------------------------------

CLEAR_PARTIES = f"MATCH (n:{PARTY_LABEL}) DETACH DELETE n"
#: the record nodes that are not parties; each statement names its dataset label, so the
#: audit trail and the users are out of reach
CLEAR_RECORDS = tuple(f"MATCH (n:{NODE_LABELS[t]}) DETACH DELETE n"
                      for t in ("pioneer_responses", "pioneer_rounds", "resident_problems", "supply_demand",
                                "calendar_days",  # issue 17
                                "activities", "projects", "service_teams", "action_days",  # issue 16
                                "targets", "rotation_exclusions", "rotations", "meetings"))
#: only for the test suite's per-test reset and the benchmark: everything, the meta node,
#: the audit trail and the users included
DELETE_ALL_FOR_TESTS = "MATCH (n) DETACH DELETE n"

# --- nodes -------------------------------------------------------------------------------


def upsert_nodes(table: str, *, fresh: bool = False) -> str:
    """MERGE one node per row by id; ``row.props`` replaces its properties, ``_seq`` is kept.

    ``fresh``: the transaction has just emptied the store (``replace_all``), so nothing can
    match and a plain CREATE does the same work without the lookups.
    """
    label = _label(table)
    key_label = PARTY_LABEL if label in _PARTY_LABELS else label
    dates = "".join(f" SET n.{f} = date(n.{f})" for f in DATE_FIELDS.get(table, ()))
    if fresh:
        labels = f"{key_label}:{label}" if key_label != label else label
        return f"UNWIND $rows AS row CREATE (n:{labels}) SET n = row.props SET n._seq = row.seq" + dates
    extra = f" SET n:{label}" if key_label != label else ""
    return (
        f"UNWIND $rows AS row MERGE (n:{key_label} {{id: row.id}}){extra} "
        "WITH n, row, coalesce(n._seq, row.seq) AS seq "
        "SET n = row.props SET n._seq = seq" + dates
    )


_PARTY_LABELS = frozenset(_GRAPH_LABELS[t] for t in ("committees", "subcommittees", "alliances", "organisations"))


def delete_nodes(table: str) -> str:
    return f"UNWIND $ids AS id MATCH (n:{_label(table)} {{id: id}}) DETACH DELETE n"


def drop_links(table: str, rel_type: str) -> str:
    """Remove the outgoing ``rel_type`` relationships of the rows' nodes (before re-linking)."""
    label = _label(table)
    _check(rel_type)
    return f"UNWIND $ids AS id MATCH (n:{label} {{id: id}})-[old:{rel_type}]->() DELETE old"


def add_links(table: str, rel_type: str, target_label: str) -> str:
    label = _label(table)
    _check(rel_type, target_label)
    return (
        f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) MATCH (t:{target_label} {{id: row.target}}) "
        f"MERGE (n)-[:{rel_type}]->(t)"
    )


def create_links(table: str, rel_type: str, target_label: str) -> str:
    """:func:`add_links` for a freshly emptied store: nothing to merge with."""
    return add_links(table, rel_type, target_label).replace(" MERGE (n)", " CREATE (n)")


def read_nodes(table: str) -> str:
    """Every node of ``table`` with its reference fields read back from its relationships."""
    label = _label(table)
    links = FOREIGN_KEYS[table]
    parts = [f"MATCH (n:{label})"]
    fields = []
    for i, (field, rel_type, target_label) in enumerate(links):
        _check(rel_type, target_label)
        parts.append(f"OPTIONAL MATCH (n)-[:{rel_type}]->(t{i}:{target_label})")
        fields.append(f"{field}: t{i}.id")
    for i, (field, rel_type, source_label) in enumerate(INCOMING_KEYS.get(table, ())):
        _check(rel_type, source_label)
        parts.append(f"OPTIONAL MATCH (s{i}:{source_label})-[:{rel_type}]->(n)")
        fields.append(f"{field}: s{i}.id")
    projection = "n{.*, " + ", ".join(fields) + "}" if fields else "n{.*}"
    parts.append(f"RETURN {projection} AS row ORDER BY n._seq, n.id")
    return " ".join(parts)


def drop_incoming(table: str, rel_type: str) -> str:
    """Remove the incoming ``rel_type`` relationships of the rows' nodes (before re-linking)."""
    label = _label(table)
    _check(rel_type)
    return f"UNWIND $ids AS id MATCH (n:{label} {{id: id}})<-[old:{rel_type}]-() DELETE old"


def add_incoming(table: str, rel_type: str, source_label: str, *, fresh: bool = False) -> str:
    """Link ``(source {id: row.target})-[rel_type]->(n {id: row.id})``; CREATE when ``fresh``."""
    label = _label(table)
    _check(rel_type, source_label)
    verb = "CREATE" if fresh else "MERGE"
    return (
        f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) MATCH (s:{source_label} {{id: row.target}}) "
        f"{verb} (s)-[:{rel_type}]->(n)"
    )


# --- meetings' attendees -----------------------------------------------------------------

DROP_ATTENDEES = (
    "UNWIND $ids AS id MATCH (n:Meeting {id: id}) "
    "OPTIONAL MATCH (n)<-[old:ATTENDED]-() DELETE old"
)
ADD_ATTENDEES = (
    "UNWIND $rows AS row MATCH (n:Meeting {id: row.meeting}) MATCH (o:Organisation {id: row.organisation}) "
    "CREATE (o)-[:ATTENDED {position: row.position}]->(n)"
)
READ_ATTENDEES = (
    "MATCH (o:Organisation)-[a:ATTENDED]->(n:Meeting) "
    "RETURN n.id AS meeting, o.id AS organisation ORDER BY n.id, a.position"
)

# --- pairings ----------------------------------------------------------------------------

DELETE_PAIRINGS = "UNWIND $ids AS id MATCH ()-[r:PAIRED {id: id}]->() USING INDEX SEEK r:PAIRED(id) DELETE r"
#: a pairing whose ends changed is removed first (DELETE_PAIRINGS), so MERGE finds or makes
#: the one relationship between the two ends
UPSERT_PAIRINGS = (
    f"UNWIND $rows AS row MATCH (a:{PARTY_LABEL} {{id: row.party_a}}) MATCH (b:{PARTY_LABEL} {{id: row.party_b}}) "
    "MERGE (a)-[r:PAIRED {id: row.id}]->(b) "
    "WITH r, row, coalesce(r._seq, row.seq) AS seq "
    "SET r = row.props SET r._seq = seq, r.since = date(row.props.since), r.until = date(row.props.until)"
)
#: :data:`UPSERT_PAIRINGS` for a freshly emptied store
CREATE_PAIRINGS = (
    f"UNWIND $rows AS row MATCH (a:{PARTY_LABEL} {{id: row.party_a}}) MATCH (b:{PARTY_LABEL} {{id: row.party_b}}) "
    "CREATE (a)-[r:PAIRED]->(b) "
    "SET r = row.props SET r._seq = row.seq, r.since = date(row.props.since), r.until = date(row.props.until)"
)
#: the ids of pairings in ``$rows`` whose stored ends differ from the new ones
MOVED_PAIRINGS = (
    # the hint keeps the planner on an index SEEK: left alone it scanned the whole index per row
    "UNWIND $rows AS row MATCH ()-[r:PAIRED {id: row.id}]->() USING INDEX SEEK r:PAIRED(id) WITH r, row "
    "WHERE startNode(r).id <> row.party_a OR endNode(r).id <> row.party_b DELETE r"
)
READ_PAIRINGS = (
    "MATCH (a)-[r:PAIRED]->(b) "
    "RETURN r{.*, party_a: a.id, party_b: b.id} AS row ORDER BY r._seq, r.id"
)

# --- the audit trail (append-only: only CREATE and MATCH … RETURN below) -------------------

#: run after LOCK_META (so entries are numbered one writer at a time): takes the next audit
#: number from the meta node and creates the entry's head (a null $note leaves ``note`` absent)
APPEND_AUDIT = (
    f"MATCH (m:{META_LABEL} {{key: $key}}) "
    "SET m.audit_seq = coalesce(m.audit_seq, 0) + 1 "
    f"CREATE (a:{AUDIT_LABEL} {{seq: m.audit_seq, revision: $revision, at: $at, actor: $actor, "
    "action: $action, note: $note}) "
    "RETURN a.seq AS seq"
)
APPEND_AUDIT_ITEMS = (
    f"MATCH (a:{AUDIT_LABEL} {{seq: $seq}}) UNWIND $rows AS row "
    f"CREATE (a)-[:AUDIT_ITEM]->(i:{AUDIT_ITEM_LABEL}) SET i = row"
)


def audit_heads(*, since: bool, until: bool, actor: bool, action: bool, table: bool, record_id: bool,
                limit: bool) -> str:
    """The entries' heads, newest first; each flag adds one fixed filter on its parameter
    (``$since``, ``$until``, ``$actor``, ``$action``, ``$table``, ``$record_id``, ``$limit``)."""
    if table:
        item = "{tbl: $table, record_id: $record_id}" if record_id else "{tbl: $table}"
        # start from the items' index, then the entries that hold them, each once
        parts = [f"MATCH (i:{AUDIT_ITEM_LABEL} {item})<-[:AUDIT_ITEM]-(a:{AUDIT_LABEL}) WITH DISTINCT a"]
    else:
        parts = [f"MATCH (a:{AUDIT_LABEL})"]
    where = [cond for flag, cond in ((since, "a.at >= $since"), (until, "a.at < $until"),
                                     (actor, "a.actor = $actor"), (action, "a.action = $action")) if flag]
    if where:
        parts.append("WHERE " + " AND ".join(where))
    parts.append("RETURN a{.*} AS head ORDER BY a.seq DESC")
    if limit:
        parts.append("LIMIT $limit")
    return " ".join(parts)


READ_AUDIT_ITEMS = (
    f"UNWIND $seqs AS s MATCH (a:{AUDIT_LABEL} {{seq: s}})-[:AUDIT_ITEM]->(i:{AUDIT_ITEM_LABEL}) "
    "RETURN a.seq AS seq, i{.*} AS item ORDER BY a.seq, i.position"
)

# --- users -------------------------------------------------------------------------------

READ_USERS = f"MATCH (u:{USER_LABEL}) RETURN u{{.*}} AS user"
#: ``$props`` replaces every property (an absent alliance/email/hash is removed)
SAVE_USER = f"MERGE (u:{USER_LABEL} {{name: $name}}) SET u = $props"
REMOVE_USER = f"MATCH (u:{USER_LABEL} {{name: $name}}) DELETE u"

# --- sign-in sessions (issue 15): not data, outside the revision and the audit trail ------

SAVE_SESSION = (f"CREATE (s:{SESSION_LABEL} {{token_hash: $token_hash, user: $user, "
                "created: $created, expires: $expires})")
FIND_SESSION = f"MATCH (s:{SESSION_LABEL} {{token_hash: $token_hash}}) RETURN s{{.*}} AS session"
#: each condition is skipped when its parameter is null; the caller passes at least one
END_SESSIONS = (
    f"MATCH (s:{SESSION_LABEL}) WHERE ($token_hash IS NULL OR s.token_hash = $token_hash) "
    "AND ($user IS NULL OR s.user = $user) AND ($expired_at IS NULL OR s.expires <= $expired_at) "
    "DELETE s RETURN count(*) AS ended"
)
END_USER_SESSIONS = f"MATCH (s:{SESSION_LABEL} {{user: $name}}) DELETE s"
