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
        # issue 16: a 统一行动日 meeting's day (the 行动日 sheet's 编号, date or theme)
        Column("action_day", "统一行动日", ("统一行动日", "action_day", "action day", "行动日")),
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
# --- the work inside the pairings (issue 16): 行动日, 服务队, 项目 (+ 里程碑, 项目进展), 活动 ---
# A project's milestones and quarterly notes are embedded in its record; the workbook gives
# them sheets of their own (one row each), keyed "milestones" and "project_progress".
SHEETS.update({
    "action_days": SheetSpec("action_days", "行动日", ("行动日", "统一行动日", "action_days", "action days",
                                                      "actiondays"), (
        Column("id", "编号", _ID),
        Column("date", "日期", ("日期", "date", "行动日期"), True, "2026-05-20"),
        Column("theme", "主题", ("主题", "theme", "行动主题"), True, "上半年统一行动日"),
        Column("places", "地点", ("地点", "places", "服务地点"), example="曹安路商圈；各居民区活动室"),
    )),
    "service_teams": SheetSpec("service_teams", "服务队", ("服务队", "联动服务队", "service_teams", "teams"), (
        Column("id", "编号", _ID),
        Column("name", "队名", ("队名", "name", "名称", "服务队名称"), True, "法律服务队"),
        Column("alliance", "所属联盟", ("所属联盟", "alliance", "联盟"), example="社区党建联盟"),
        Column("leader", "队长单位", ("队长单位", "leader", "牵头单位"), example="铜川社区党总支"),
        Column("members", "成员单位", ("成员单位", "members", "成员")),
        Column("specialities", "服务专长", ("服务专长", "specialities", "专长"), example="法律咨询；矛盾调解"),
    )),
    "projects": SheetSpec("projects", "项目", ("项目", "共治项目", "projects", "project"), (
        Column("id", "编号", _ID),
        Column("name", "项目名称", ("项目名称", "name", "名称", "项目"), True, "党群议事体系"),
        Column("year", "年度", ("年度", "year", "年份"), True, 2026),
        Column("alliance", "联盟", ("联盟", "alliance", "所属联盟"), True, "社区党建联盟"),
        Column("problem", "聚焦问题", ("聚焦问题", "problem", "问题")),
        Column("lead", "牵头单位", ("牵头单位", "lead", "牵头")),
        Column("partners", "合作单位", ("合作单位", "partners")),
        Column("start", "启动日期", ("启动日期", "start", "开始日期")),
        Column("status", "状态", ("状态", "status"), example="推进中"),
        Column("budget", "预算（元）", ("预算（元）", "预算", "budget")),
        Column("raised", "筹集资金（元）", ("筹集资金（元）", "筹集资金", "raised")),
        Column("evaluator", "评估单位", ("评估单位", "evaluator")),
        Column("score", "评估得分", ("评估得分", "score", "得分")),
        Column("comments", "评估意见", ("评估意见", "comments")),
    )),
    "milestones": SheetSpec("milestones", "里程碑", ("里程碑", "milestones", "项目里程碑"), (
        Column("project", "项目", ("项目", "project", "项目名称", "项目编号"), True, "党群议事体系"),
        Column("title", "里程碑", ("里程碑", "title", "milestone", "名称"), True, "调研立项"),
        Column("due", "计划完成日期", ("计划完成日期", "due", "截止日期")),
        Column("done", "实际完成日期", ("实际完成日期", "done", "完成日期")),
    )),
    "project_progress": SheetSpec("project_progress", "项目进展", ("项目进展", "project_progress", "progress",
                                                                  "季度进展"), (
        Column("project", "项目", ("项目", "project", "项目名称", "项目编号"), True, "党群议事体系"),
        Column("quarter", "季度", ("季度", "quarter"), True, "2026Q1"),
        Column("text", "进展", ("进展", "text", "进展情况"), True, "完成需求调研"),
    )),
    "activities": SheetSpec("activities", "活动", ("活动", "活动台账", "activities", "activity", "台账"), (
        Column("id", "编号", _ID),
        Column("date", "日期", ("日期", "date", "活动日期"), True, "2026-03-05"),
        Column("title", "活动名称", ("活动名称", "title", "名称", "活动"), True, "法律咨询进社区"),
        Column("category", "类别", ("类别", "category", "活动类别"), example="志愿服务"),
        Column("pairing", "结对", ("结对", "pairing", "所属结对", "结对编号")),
        Column("alliance", "联盟", ("联盟", "alliance", "所属联盟")),
        Column("project", "共治项目", ("共治项目", "project", "项目")),
        Column("action_day", "统一行动日", ("统一行动日", "action_day", "行动日")),
        Column("team", "服务队", ("服务队", "team", "联动服务队")),
        Column("organisations", "参与组织", ("参与组织", "organisations", "organizations", "参与单位")),
        Column("people_served", "服务群众人次", ("服务群众人次", "people_served", "服务人次")),
        Column("volunteers", "志愿者人次", ("志愿者人次", "volunteers", "志愿者")),
        Column("donated", "捐助金额（元）", ("捐助金额（元）", "捐助金额", "donated", "捐赠金额")),
        Column("place", "地点", ("地点", "place")),
        Column("note", "备注", ("备注", "note")),
    )),
})
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
