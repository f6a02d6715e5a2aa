"""Every piece of text a person reads, Chinese first, in one place.

Code refers to messages by key; :func:`say` fills the placeholders. Labels for the
domain's enumerations live here too, so that pages, exports and the command line use
the same words.
"""

from __future__ import annotations

APP_NAME = "联盟图谱 Lianmeng"
APP_TAGLINE = "区域化党建“N区一会”联盟关系图谱"

SECTOR_LABELS: dict[str, str] = {
    "administrative": "行政区",
    "community": "社区",
    "commercial": "商区",
    "campus": "校区",
    "park": "园区",
}

SCOPE_LABELS: dict[str, str] = {
    "member": "体系内",
    "regional": "区域内体系外",
    "external": "区域外",
}

ORG_TYPE_LABELS: dict[str, str] = {
    "party_committee": "党委",
    "general_branch": "党总支",
    "branch": "党支部",
}

LEVEL_LABELS: dict[str, str] = {
    "street": "街道层面",
    "alliance": "联盟层面",
    "organisation": "组织层面",
}

LINKAGE_LABELS: dict[str, str] = {
    "small": "小联动",
    "large": "大联动",
}

KIND_LABELS: dict[str, str] = {
    "small": "小联动",
    "cross_alliance": "大联动·跨联盟",
    "regional": "大联动·区域内体系外",
    "external": "大联动·区域外",
    "alliance": "联盟层面结对",
    "street": "街道层面结对",
}

STATUS_LABELS: dict[str, str] = {
    "active": "进行中",
    "ended": "已结束",
}

MEETING_KIND_LABELS: dict[str, str] = {
    "joint": "联席会议",
    "summit": "党建峰会",
    "action_day": "统一行动日",
}

PARTY_TYPE_LABELS: dict[str, str] = {
    "committee": "街道党工委",
    "subcommittee": "二级党委",
    "alliance": "党建联盟",
    "organisation": "党组织",
}

STORE_LABELS: dict[str, str] = {
    "embedded": "内置数据库（SQLite）",
    "neo4j": "Neo4j 图数据库",
}

FIELD_LABELS: dict[str, str] = {
    "id": "编号",
    "name": "名称",
    "parent": "上级",
    "sector": "领域",
    "led_by": "牵头二级党委",
    "unified_action": "统一行动",
    "project": "共治项目",
    "scope": "范围",
    "alliance": "所属联盟",
    "type": "类型",
    "unit": "单位",
    "industry": "业态",
    "address": "地址",
    "grid": "网格",
    "member_count": "党员数",
    "contact": "联系人",
    "phone": "电话",
    "brands": "特色品牌",
    "resources": "资源清单",
    "needs": "需求清单",
    "pioneer_index": "先锋指数",
    "party_a": "甲方",
    "party_b": "乙方",
    "kind": "类型",
    "level": "层级",
    "content": "共建内容",
    "since": "开始日期",
    "until": "结束日期",
    "status": "状态",
    "date": "日期",
    "chair": "轮值主席",
    "attendees": "出席",
    "topics": "议题",
    "decisions": "决议",
    "location": "地点",
}

# Messages for people. Keys are stable identifiers; values are format strings.
MESSAGES: dict[str, str] = {
    # records
    "blank": "“{field}”不能为空：请填写{field}。",
    "bad_value": "“{field}”的值“{value}”无效：{hint}",
    "out_of_range": "“{field}”的值“{value}”超出范围：应在 {low} 到 {high} 之间。",
    "member_needs_alliance": "组织“{name}”的范围为“体系内”，但未填写所属联盟：请填写所属联盟，或把范围改为“区域内体系外”或“区域外”。",
    "non_member_with_alliance": "组织“{name}”填写了所属联盟“{alliance}”，范围却是“{scope}”：联盟成员的范围应为“体系内”。",
    "self_pair": "结对的甲方与乙方是同一方“{party}”：不能与自己结对，请改正其中一方。",
    "until_before_since": "结束日期 {until} 早于开始日期 {since}：请改正日期。",
    "ended_needs_until": "状态为“已结束”的结对须填写结束日期。",
    "meeting_needs_alliance": "联席会议须填写所属联盟。",
    # references and rules (dataset level)
    "duplicate_id": "编号“{id}”重复（{what}）：每条记录的编号必须唯一。",
    "duplicate_name": "{what}名称“{name}”重复：请改用不同的名称，或合并这两条记录。",
    "unknown_ref": "{field}“{value}”不存在：请先添加它，或改正名称/编号。",
    "unknown_party": "结对的一方“{value}”不存在：请填写已有的组织、联盟或街道党工委的名称或编号。",
    "pair_not_allowed": "“{a}”（{a_type}）与“{b}”（{b_type}）之间不能结对：{hint}",
    "kind_contradicts": "声明的结对类型“{declared}”与双方不符：按甲乙双方应为“{derived}”。",
    "duplicate_pair": "“{a}”与“{b}”之间已有一条进行中的结对（{other}）：同一对组织只保留一条进行中的结对（甲乙互换也算同一对）。",
    "chair_not_member": "轮值主席“{chair}”不是联盟“{alliance}”的成员：请选择该联盟的成员组织。",
    # pairing hints
    "hint_committee": "街道党工委只与区域内体系外或区域外单位结对（街道层面结对）。",
    "hint_alliance": "联盟只与其他联盟或区域内体系外、区域外单位结对（联盟层面结对）。",
    "hint_outside": "至少一方须是联盟成员（体系内）组织。",
    "hint_subcommittee": "二级党委不作为结对方。",
    # store
    "store_conflict": "数据已被他人修改（版本 {expected} → {actual}），请刷新后重试。",
    "store_not_empty": "目标数据库不是空的：如要覆盖，请加 --replace。",
    "write_failed": "写入失败，数据库未作任何改动：{reason}",
    # command line
    "demo_loaded": "已载入示例街道：{alliances} 个联盟、{organisations} 个组织、{pairings} 条结对、{meetings} 次会议。",
    "demo_exists": "数据库已有数据（版本 {revision}）：未载入示例。如要清空后重新载入，请加 --reset。",
    "serve_starting": "正在启动联盟图谱：http://{host}:{port}",
    # overview page
    "overview_title": "街道概览",
    "overview_store": "当前数据库：{store}（{location}），数据版本 {revision}",
    "overview_empty": "数据库是空的。",
    "overview_targets": "对照“N区一会”示范数字",
    "overview_alliances": "五个党建联盟",
    "metric_alliances": "党建联盟",
    "metric_members": "体系内组织",
    "metric_small": "小联动结对",
    "metric_large": "大联动结对",
    "metric_alliance_pairs": "联盟层面结对",
    "metric_street_pairs": "街道层面结对",
    "metric_meetings": "会议",
    "metric_brands": "特色品牌",
    "target_delta": "目标 {target}",
    "card_members": "成员组织",
    "card_small": "小联动",
    "card_large": "大联动",
    "card_action": "统一行动",
    "card_project": "共治项目",
    "card_led_by": "牵头",
    "sample_loaded_first_start": "首次启动：已自动载入示例街道。",
    # --- neo4j backend and copy (issue 3) ---
    "neo4j_unavailable": "无法连接 Neo4j（{uri}）：{reason}。请检查 Neo4j 是否已启动、地址与端口（NEO4J_URI）是否正确、网络与防火墙是否放行。",
    "neo4j_auth": "Neo4j（{uri}）拒绝登录：用户名或密码不对。请检查 NEO4J_USER 与 NEO4J_PASSWORD。",
    "neo4j_bad_uri": "Neo4j 地址“{uri}”无效：{reason}。请把 NEO4J_URI 写成 bolt://主机:7687、neo4j://主机:7687 或 neo4j+s://主机 这样的形式。",
    "neo4j_no_database": "Neo4j（{uri}）上没有名为“{database}”的数据库：请检查 NEO4J_DATABASE（社区版只有 neo4j）。",
    "copy_same_store": "来源与目标是同一个数据库（{kind}）：请用 --from 和 --to 指定两个不同的后端（embedded 或 neo4j）。",
    "copy_reading": "正在读取来源数据库：{source}（{location}）……",
    "copy_writing": "正在写入目标数据库：{target}（{location}），共 {records} 条记录，单个事务……",
    "copy_checking": "正在核对目标数据库中的条数……",
    "copy_mismatch": "复制后核对不一致：{table} 来源 {expected} 条、目标 {actual} 条。请检查目标数据库后用 --replace 重新复制。",
    "copy_done": "已复制：{counts}；目标数据版本 {revision}。",
}


def say(key: str, **values: object) -> str:
    """Return the message ``key`` with its placeholders filled.

    >>> say("self_pair", party="铜川社区党总支")
    '结对的甲方与乙方是同一方“铜川社区党总支”：不能与自己结对，请改正其中一方。'
    """
    return MESSAGES[key].format(**values)
