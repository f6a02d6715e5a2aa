"""The audit trail for people and scripts: JSON documents, one-line summaries, tables.

Pure: takes :class:`~lianmeng.audit.AuditEntry` values, returns plain data.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from lianmeng.audit import AuditEntry
from lianmeng.dataset import WHAT
from lianmeng.texts import (
    AUDIT_ACTION_LABELS,
    AUDIT_FIELD_LABELS,
    AUDIT_TABLE_LABELS,
    FIELD_LABELS,
    say,
)

__all__ = ["entry_json", "entry_line", "entry_rows", "item_rows", "per_day", "actor_label", "document_author", "table_label"]

_CHANGE = {"added": "新增", "removed": "删除", "changed": "修改"}


def entry_json(entry: AuditEntry) -> dict[str, Any]:
    """What ``lianmeng audit --json`` prints for one entry."""
    return {
        "seq": entry.seq,
        "revision": entry.revision,
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "note": entry.note,
        "items": [{"table": i.table, "id": i.record_id, "change": i.change,
                   "before": i.before, "after": i.after} for i in entry.items],
    }


def _summary(entry: AuditEntry) -> str:
    counts = Counter((i.table, i.change) for i in entry.items)
    parts = [f"{_CHANGE[change]}{WHAT.get(table, '用户' if table == 'users' else table)} {n}"
             for (table, change), n in sorted(counts.items())]
    return "，".join(parts) or "无记录变化"


def entry_line(entry: AuditEntry) -> str:
    """``2026-11-30 13:40:02  张三  导入  修改组织 3，新增结对 2`` (local time)."""
    action = AUDIT_ACTION_LABELS.get(entry.action, entry.action)
    note = f"（{entry.note}）" if entry.note else ""
    return f"{entry.at.astimezone():%Y-%m-%d %H:%M:%S}\t{entry.actor}\t{action}{note}\t{_summary(entry)}"


def actor_label(actor: str) -> str:
    """Who did it, as a person reads it: a user's name; ``系统`` for the system's own
    writes; ``本机用户（root）`` for someone at the server's keyboard (sign-in off, the CLI).

    >>> actor_label("王主任"), actor_label("system"), actor_label("local:root")
    ('王主任', '系统', '本机用户（root）')
    """
    if not actor or actor in {"system", "—"}:
        return say("audit_system")
    if actor.startswith("local:"):
        return say("audit_local_user", name=actor.removeprefix("local:") or "—")
    return actor


def document_author(actor: str) -> str:
    """The author a document made by ``actor`` names in its file properties: the signed-in
    person's name; empty for the system and for someone at the server's keyboard (the
    document then names its street or chair).

    >>> document_author("王主任"), document_author("system"), document_author("local:root")
    ('王主任', '', '')
    """
    if not actor or actor in {"system", "—"} or actor.startswith("local:"):
        return ""
    return actor


def table_label(table: str) -> str:
    """A stored table's Chinese name (``organisations`` → 组织)."""
    return AUDIT_TABLE_LABELS.get(table, WHAT.get(table, table))


def field_label(field: str) -> str:
    """A stored field's Chinese name (``party_a`` → 甲方); unknown fields as they are."""
    return AUDIT_FIELD_LABELS.get(field) or FIELD_LABELS.get(field, field)


def entry_rows(entries: list[AuditEntry]) -> list[dict[str, Any]]:
    """One row per entry for the audit page's table."""
    return [{"序号": e.seq, "时间": f"{e.at.astimezone():%Y-%m-%d %H:%M:%S}", "操作人": actor_label(e.actor),
             "操作": AUDIT_ACTION_LABELS.get(e.action, e.action), "说明": e.note,
             "数据版本": e.revision, "变更": _summary(e)} for e in entries]


def item_rows(entry: AuditEntry) -> list[dict[str, Any]]:
    """One row per changed field of one entry: field, before, after."""
    rows = []
    for item in entry.items:
        before, after = item.before or {}, item.after or {}
        for key in sorted(set(before) | set(after)):
            if item.change == "changed" and before.get(key) == after.get(key):
                continue
            rows.append({"数据表": table_label(item.table), "编号": item.record_id, "变更": _CHANGE[item.change],
                         "字段": field_label(key), "修改前": _plain(before.get(key)),
                         "修改后": _plain(after.get(key))})
    return rows


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def per_day(entries: list[AuditEntry]) -> dict[str, int]:
    """Writes per local day, oldest first (the page's chart)."""
    counts = Counter(f"{e.at.astimezone():%Y-%m-%d}" for e in entries)
    return dict(sorted(counts.items()))
