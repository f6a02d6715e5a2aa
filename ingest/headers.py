"""The template's sheets and columns, and matching what people typed to them.

Each sheet has Chinese and English names; each column a canonical Chinese header and
aliases. Matching folds full-width characters, spaces, ``_``/``-`` and case, so
``名 称``, ``Ｎａｍｅ`` and ``NAME`` all find 名称. Unknown sheets and headers are not
errors: :func:`suggest` names the closest known one for the warning.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Column", "SheetSpec", "SHEETS", "NOTES_SHEET", "header_key", "match_sheet", "match_column",
           "suggest"]


@dataclass(frozen=True)
class Column:
    """One column: the record field it fills, its Chinese header, accepted aliases."""

    field: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    example: object = ""


@dataclass(frozen=True)
class SheetSpec:
    key: str  # the record table: "alliances", "organisations", … "rotations", "rotation_exclusions"
    title: str  # the Chinese sheet name of the template
    aliases: tuple[str, ...]
    columns: tuple[Column, ...]

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)


_ID = ("编号", "id", "代码", "code")

SHEETS: dict[str, SheetSpec] = {
    "committees": SheetSpec("committees", "党委", ("党委", "committees", "committee", "党工委"), (
        Column("id", "编号", _ID, example=""),
        Column("name", "名称", ("名称", "name"), True, "XX街道党工委"),
        Column("level", "层级", ("层级", "level"), example="街道党工委"),
        Column("parent", "上级", ("上级", "parent", "上级党委"), example=""),
    )),
    "alliances": SheetSpec("alliances", "联盟", ("联盟", "alliances", "alliance", "党建联盟"), (
        Column("id", "编号", _ID),
        Column("name", "名称", ("名称", "name", "联盟名称"), True, "社区党建联盟"),
        Column("sector", "领域", ("领域", "sector"), True, "社区"),
        Column("led_by", "牵头二级党委", ("牵头二级党委", "led_by", "牵头", "牵头单位")),
        Column("unified_action", "统一行动", ("统一行动", "unified_action"), example="五联工作法"),
        Column("project", "共治项目", ("共治项目", "project"), example="党群议事体系"),
        Column("research_topic", "课题调研", ("课题调研", "research_topic", "课题")),
    )),
    "organisations": SheetSpec("organisations", "组织", ("组织", "organisations", "organizations",
                                                        "organisation", "organization", "党组织"), (
        Column("id", "编号", _ID),
        Column("name", "名称", ("名称", "name", "组织名称"), True, "铜川社区党总支"),
        Column("alliance", "所属联盟", ("所属联盟", "alliance", "联盟"), example="社区党建联盟"),
        Column("scope", "范围", ("范围", "scope"), example="体系内"),
        Column("type", "类型", ("类型", "type", "组织类型"), example="党总支"),
        Column("unit", "单位", ("单位", "unit")),
        Column("industry", "业态", ("业态", "industry")),
        Column("address", "地址", ("地址", "address")),
        Column("grid", "网格", ("网格", "grid")),
        Column("member_count", "党员数", ("党员数", "members", "member_count", "党员人数"), example=35),
        Column("contact", "联系人", ("联系人", "contact")),
        Column("phone", "电话", ("电话", "phone", "联系电话")),
        Column("brands", "特色品牌", ("特色品牌", "brands", "品牌"), example="四事"),
        Column("resources", "资源清单", ("资源清单", "resources", "资源"), example="活动场地；志愿者队伍"),
        Column("needs", "需求清单", ("需求清单", "needs", "需求"), example="法律咨询"),
        Column("pioneer_index", "先锋指数", ("先锋指数", "pioneer_index"), example=88.5),
    )),
    "pairings": SheetSpec("pairings", "结对", ("结对", "pairings", "pairing", "结对共建"), (
        Column("id", "编号", _ID),
        Column("party_a", "甲方", ("甲方", "party_a", "partya"), True, "铜川社区党总支"),
        Column("party_b", "乙方", ("乙方", "party_b", "partyb"), True, "XX幼儿园党支部"),
        Column("kind", "类型", ("类型", "kind", "结对类型")),
        Column("content", "共建内容", ("共建内容", "content", "内容")),
        Column("since", "开始日期", ("开始日期", "since", "start", "开始")),
        Column("until", "结束日期", ("结束日期", "until", "end", "结束")),
        Column("status", "状态", ("状态", "status")),
    )),
    "meetings": SheetSpec("meetings", "会议", ("会议", "meetings", "meeting"), (
        Column("id", "编号", _ID),
        Column("date", "日期", ("日期", "date"), True),
        Column("kind", "类型", ("类型", "kind", "会议类型"), example="联席会议"),
        Column("alliance", "联盟", ("联盟", "alliance", "所属联盟"), example="社区党建联盟"),
        Column("chair", "轮值主席", ("轮值主席", "chair", "主席")),
        Column("attendees", "出席", ("出席", "attendees", "出席单位")),
        Column("topics", "议题", ("议题", "topics")),
        Column("decisions", "决议", ("决议", "decisions")),
        Column("location", "地点", ("地点", "location")),
    )),
    "rotations": SheetSpec("rotations", "轮值安排", ("轮值安排", "rotations", "rotation", "rotation slots", "轮值",
                                                    "轮值主席安排"), (
        Column("id", "编号", _ID),
        Column("alliance", "联盟", ("联盟", "alliance", "所属联盟", "联盟名称"), True, "社区党建联盟"),
        Column("quarter", "季度", ("季度", "quarter", "轮值季度"), True, "2026Q2"),
        Column("chair", "轮值主席", ("轮值主席", "chair", "主席", "主席单位", "轮值单位"), True, "铜川社区党总支"),
        Column("pinned", "锁定", ("锁定", "pinned", "locked", "人工锁定", "固定"), example="是"),
        Column("note", "备注", ("备注", "note", "notes", "说明")),
    )),
    "rotation_exclusions": SheetSpec("rotation_exclusions", "轮值排除", (
        "轮值排除", "rotation_exclusions", "rotation exclusions", "exclusions", "exclusion", "不参加轮值"), (
        Column("id", "编号", _ID),
        Column("alliance", "联盟", ("联盟", "alliance", "所属联盟", "联盟名称"), True, "社区党建联盟"),
        Column("organisation", "组织", ("组织", "organisation", "organization", "组织名称", "党组织", "成员"), True,
               "铜川社区党总支"),
        Column("reason", "原因", ("原因", "reason", "排除原因", "理由"), True, "换届暂停"),
        Column("since", "起始季度", ("起始季度", "since", "开始季度", "起始", "from", "start")),
        Column("until", "结束季度", ("结束季度", "until", "截止季度", "结束", "to", "end")),
    )),
    # issue 13: the street's own targets; a street without this sheet is shown without verdicts
    "targets": SheetSpec("targets", "目标", ("目标", "targets", "target", "指标目标", "工作目标"), (
        Column("id", "编号", _ID),
        Column("street", "街道", ("街道", "street", "街道党工委", "党工委")),
        Column("metric", "指标", ("指标", "metric", "项目", "目标项"), True, "小联动"),
        Column("value", "目标值", ("目标值", "value", "目标", "数值", "target"), True, 38),
        Column("note", "备注", ("备注", "note", "notes", "说明")),
    )),
}
# pairings need a start date; the template example fills it in
NOTES_SHEET = ("说明", "notes", "readme")

_STRIP = re.compile(r"[\s_\-·.]+")


def header_key(text: object) -> str:
    """Fold a header or sheet name for matching.

    >>> header_key(" Ｐａｒｔｙ_A ") == header_key("party a") == "partya"
    True
    """
    folded = unicodedata.normalize("NFKC", str(text or "")).casefold()
    return _STRIP.sub("", folded).strip("()（）")


_SHEET_BY_KEY = {header_key(alias): spec for spec in SHEETS.values() for alias in (*spec.aliases, spec.title)}


def match_sheet(name: str) -> SheetSpec | None:
    """The sheet spec a sheet (or CSV file stem) names, or ``None``."""
    return _SHEET_BY_KEY.get(header_key(name))


def match_column(spec: SheetSpec, header: object) -> Column | None:
    key = header_key(header)
    for column in spec.columns:
        if key in {header_key(a) for a in (column.header, column.field, *column.aliases)}:
            return column
    return None


def suggest(text: object, choices: list[str]) -> str | None:
    """The closest of ``choices`` to ``text``, or ``None`` when nothing is close.

    >>> suggest("开始日", ["开始日期", "结束日期"])
    '开始日期'
    """
    keyed = {header_key(c): c for c in choices}
    found = difflib.get_close_matches(header_key(text), list(keyed), n=1, cutoff=0.4)
    return keyed[found[0]] if found else None
