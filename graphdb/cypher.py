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

Every party node also carries the label ``Party`` (one uniqueness constraint across the
four kinds, like the embedded store's ``parties`` table). ``_seq`` on nodes and
``PAIRED`` relationships keeps the order records were first written, so a snapshot
lists them in the same order as the embedded store. The store's revision lives on one
``(:LianmengMeta {key: 'store'})`` node.
"""

from __future__ import annotations

from graphdb.graph_shape import NODE_LABELS

__all__ = [
    "NODE_LABELS",
    "PARTY_LABEL",
    "META_LABEL",
    "META_KEY",
    "RELATIONSHIP_TYPES",
    "FOREIGN_KEYS",
    "CONSTRAINTS",
    "LOCK_META",
    "FINISH_META",
    "READ_REVISION",
    "IS_EMPTY",
    "CLEAR_PARTIES",
    "CLEAR_MEETINGS",
    "DELETE_PAIRINGS",
    "MOVED_PAIRINGS",
    "ADD_CHAIRS",
    "CREATE_CHAIRS",
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
    "DROP_MEETING_PEOPLE",
    "ADD_ATTENDEES",
]

PARTY_LABEL = "Party"
META_LABEL = "LianmengMeta"
META_KEY = "store"
RELATIONSHIP_TYPES = ("UNDER", "LED_BY", "MEMBER_OF", "PAIRED", "CHAIRED", "ATTENDED", "HELD_BY")

#: table → (field, relationship type, target label): a reference field stored as a relationship
#: from the record's node to the node it names.
FOREIGN_KEYS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "committees": (),
    "subcommittees": (("parent", "UNDER", "Committee"),),
    "alliances": (("led_by", "LED_BY", "SubCommittee"),),
    "organisations": (("alliance", "MEMBER_OF", "Alliance"),),
    "meetings": (("alliance", "HELD_BY", "Alliance"),),
}


def _label(table: str) -> str:
    return NODE_LABELS[table]  # KeyError for anything outside the allow-list


def _check(*names: str) -> None:
    allowed = {*NODE_LABELS.values(), PARTY_LABEL, META_LABEL, *RELATIONSHIP_TYPES}
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
    "CREATE CONSTRAINT lianmeng_paired_id IF NOT EXISTS FOR ()-[r:PAIRED]-() REQUIRE r.id IS UNIQUE",
    f"CREATE CONSTRAINT lianmeng_meta_key IF NOT EXISTS FOR (m:{META_LABEL}) REQUIRE m.key IS UNIQUE",
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
READ_REVISION = f"OPTIONAL MATCH (m:{META_LABEL} {{key: $key}}) RETURN coalesce(m.revision, 0) AS revision"
IS_EMPTY = (
    f"RETURN NOT EXISTS {{ MATCH (:{PARTY_LABEL}) }} AND NOT EXISTS {{ MATCH (:Meeting) }} AS empty"
)

# --- clearing ----------------------------------------------------------------------------

CLEAR_PARTIES = f"MATCH (n:{PARTY_LABEL}) DETACH DELETE n"
CLEAR_MEETINGS = "MATCH (n:Meeting) DETACH DELETE n"
#: only for the test suite's per-test reset: everything, the meta node included
DELETE_ALL_FOR_TESTS = "MATCH (n) DETACH DELETE n"

# --- nodes -------------------------------------------------------------------------------


def upsert_nodes(table: str, *, fresh: bool = False) -> str:
    """MERGE one node per row by id; ``row.props`` replaces its properties, ``_seq`` is kept.

    ``fresh``: the transaction has just emptied the store (``replace_all``), so nothing can
    match and a plain CREATE does the same work without the lookups.
    """
    label = _label(table)
    key_label = PARTY_LABEL if table != "meetings" else label
    dates = " SET n.date = date(n.date)" if table == "meetings" else ""
    if fresh:
        labels = f"{key_label}:{label}" if key_label != label else label
        return f"UNWIND $rows AS row CREATE (n:{labels}) SET n = row.props SET n._seq = row.seq" + dates
    extra = f" SET n:{label}" if key_label != label else ""
    return (
        f"UNWIND $rows AS row MERGE (n:{key_label} {{id: row.id}}){extra} "
        "WITH n, row, coalesce(n._seq, row.seq) AS seq "
        "SET n = row.props SET n._seq = seq" + dates
    )


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
    if table == "meetings":
        parts.append("OPTIONAL MATCH (c:Organisation)-[:CHAIRED]->(n)")
        fields.append("chair: c.id")
    projection = "n{.*, " + ", ".join(fields) + "}" if fields else "n{.*}"
    parts.append(f"RETURN {projection} AS row ORDER BY n._seq, n.id")
    return " ".join(parts)


# --- meetings' people --------------------------------------------------------------------

DROP_MEETING_PEOPLE = (
    "UNWIND $ids AS id MATCH (n:Meeting {id: id}) "
    "OPTIONAL MATCH (n)<-[old:ATTENDED|CHAIRED]-() DELETE old"
)
ADD_ATTENDEES = (
    "UNWIND $rows AS row MATCH (n:Meeting {id: row.meeting}) MATCH (o:Organisation {id: row.organisation}) "
    "CREATE (o)-[:ATTENDED {position: row.position}]->(n)"
)
ADD_CHAIRS = (
    "UNWIND $rows AS row MATCH (n:Meeting {id: row.id}) MATCH (o:Organisation {id: row.target}) "
    "MERGE (o)-[:CHAIRED]->(n)"
)
CREATE_CHAIRS = ADD_CHAIRS.replace(" MERGE (o)", " CREATE (o)")
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
