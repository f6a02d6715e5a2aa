"""The chair's meeting pack as Markdown (for the page preview and for pasting anywhere).

Every piece of user text goes through :func:`escape_markdown`: Markdown's punctuation is
backslash-escaped (so a ``|`` cannot break a table, a ``<`` cannot open HTML) and line
breaks inside a cell become spaces.
"""

from __future__ import annotations

import re

from exports.xml_text import without_controls
from lianmeng.texts import PACK_LABELS as L
from meetings.pack import MeetingPack

__all__ = ["escape_markdown", "pack_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LEADING = re.compile(r"^([#+\-=])")


def escape_markdown(text: object) -> str:
    r"""Escape text for inline Markdown and table cells.

    >>> escape_markdown("A|B *c* <x> 021-5504")
    'A\\|B \\*c\\* \\<x\\> 021-5504'
    >>> escape_markdown("# 标题")
    '\\# 标题'
    """
    flat = " ".join(without_controls(str(text)).splitlines()).strip()
    escaped = _SPECIAL.sub(r"\\\1", flat)
    # a leading "#" or "-" would start a heading or a list where the text stands alone
    return _LEADING.sub(r"\\\1", escaped)


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    if not rows:
        return [L["none"], ""]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(escape_markdown(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _bullets(items: list[str] | tuple[str, ...]) -> list[str]:
    return [*(f"- {escape_markdown(i)}" for i in items), ""] if items else [L["none"], ""]


def pack_markdown(pack: MeetingPack) -> str:
    """The pack as one Markdown document."""
    e = escape_markdown
    status = L["held"] if pack.held else L["planned"]
    out = [
        f"# {e(pack.alliance)} {e(pack.quarter)} {L['title']}",
        "",
        f"- **{L['chair']}**：{e(pack.chair)}"
        + (f"（{e(pack.chair_contact)} {e(pack.chair_phone)}）" if pack.chair_contact or pack.chair_phone else ""),
        f"- **{L['date']}**：{pack.meeting_date.isoformat()}（{status}）",
        f"- **{L['location']}**：{e(pack.location) or L['tbd']}",
        f"- **{L['deadline']}**：{pack.agenda_deadline.isoformat()}",
        f"- **{L['last_meeting']}**：{pack.last_meeting_date.isoformat() if pack.last_meeting_date else L['none']}",
        "",
        f"## 1. {L['members']}",
        "",
        *_table([L["org"], L["unit"], L["contact"], L["phone"], L["brand"]],
                [[m.name, m.unit, m.contact, m.phone, "、".join(m.brands)] for m in pack.members]),
        f"## 2. {L['changes']}",
        "",
        f"### {L['started']}",
        "",
        *_table([L["party_a"], L["party_b"], L["kind"], L["content"], L["since"]],
                [[p.party_a, p.party_b, p.kind, p.content, p.since.isoformat()] for p in pack.pairings_started]),
        f"### {L['ended']}",
        "",
        *_table([L["party_a"], L["party_b"], L["kind"], L["content"], L["until"]],
                [[p.party_a, p.party_b, p.kind, p.content, p.until.isoformat() if p.until else ""]
                 for p in pack.pairings_ended]),
        f"## 3. {L['gaps']}",
        "",
        *_table([L["org"], L["missing"], L["recommended"]],
                [[g.name, "、".join(g.missing),
                  "；".join(f"{n}（{s:.2f}：{'、'.join(r)}）" for n, s, r in g.recommendations) or L["none"]]
                 for g in pack.gaps]),
        f"## 4. {L['work']}",
        "",
        f"- **{L['project']}**：{e(pack.project)}",
        *(f"  - {e(n)}" for n in pack.project_notes),
        f"- **{L['action']}**：{e(pack.unified_action)}",
        *(f"  - {d.isoformat()}：{e('；'.join(t))}" for d, t in pack.action_days),
        f"- **{L['research']}**：{e(pack.research_topic)}",
        "",
        f"### {L['quarter_activities']}",  # issue 16
        "",
        *_table([L["activity_date"], L["activity_title"], L["activity_category"], L["activity_orgs"],
                 L["activity_served"], L["activity_volunteers"], L["activity_donated"]],
                [[a.date.isoformat(), a.title, a.category, a.organisations, str(a.people_served), str(a.volunteers),
                  f"{a.donated:,.0f}"] for a in pack.activities]),
        f"### {L['milestones']}",
        "",
        *_table([L["milestone"], L["milestone_due"], L["milestone_done_on"], L["milestone_state"]],
                [[m.title, m.due.isoformat() if m.due else "", m.done.isoformat() if m.done else "", m.state]
                 for m in pack.milestones]),
        f"## 5. {L['brands']}",
        "",
        *_table([L["org"], L["brand"]], [list(b) for b in pack.brands]),
        f"## 6. {L['attendance']}",
        "",
        *_table([L["quarter"], L["date"], L["chair"], L["present"]],
                [[a.quarter, a.date.isoformat(), a.chair, f"{a.present}/{a.expected}"] for a in pack.attendance]),
        *_table([L["org"], L["attended"]], [[n, f"{a}/{x}"] for n, a, x in pack.member_attendance]),
        f"**{L['absentees']}**：{'、'.join(e(n) for n in pack.absentees) or L['none']}",
        "",
        f"## 7. {L['decisions']}",
        "",
        *_bullets(pack.last_decisions),
        f"## 8. {L['minutes']}",
        "",
    ]
    for section in pack.minutes_template:
        out += [f"### {e(section.heading)}", ""]
        out += [line for text in section.lines for line in (e(text), "")]
        if section.table_columns:
            out += ["| " + " | ".join(section.table_columns) + " |", "|" + "---|" * len(section.table_columns),
                    *(["|" + "   |" * len(section.table_columns)] * section.blank_rows), ""]
    m = pack.mechanisms
    if m is not None:  # issue 17
        out += [f"## 9. {L['mechanisms']}（{L['as_of']} {m.on.isoformat()}）", "", f"### {L['open_needs']}", "",
                *_table([L["need_title"], L["org"], L["need_kind"], L["quarter"]], [list(n) for n in m.open_needs]),
                f"### {L['overdue']}", "",
                *_table([L["problem"], L["org"], L["received"], L["clear_due"], L["solve_due"]],
                        [list(o) for o in m.overdue]),
                f"### {L['ranking']} {e(m.round_title)}", "",
                *_table([L["rank"], L["org"], L["index"], L["responses"], L["alert"]],
                        [[str(r), n, f"{x:.1f}", str(c), "⚠" if a else ""] for r, n, x, c, a in m.ranking])]
    return "\n".join(out).rstrip() + "\n"
