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

ROLE_LABELS: dict[str, str] = {
    "viewer": "查看者",
    "chair": "轮值主席",
    "planner": "规划员",
    "admin": "管理员",
}

AUDIT_ACTION_LABELS: dict[str, str] = {
    "edit": "编辑",
    "import": "导入",
    "plan": "应用方案",
    "restore": "恢复",
    "user": "用户管理",
    "demo": "载入示例",
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
    # --- access, audit, sign-in, backups (issue 9) ---
    "permission_action": "{user}（{role}）无权{action}：需要“{needed}”或更高的角色。请联系管理员。",
    "permission_record": "{user}（{role}）无权修改 {table} 中的“{id}”：轮值主席只能修改本联盟（{alliance}）的会议与轮值安排。未作任何改动。",
    "action_view": "查看数据",
    "action_export": "导出",
    "action_edit_meetings": "编辑会议",
    "action_edit_rotation": "编辑轮值安排",
    "action_edit_data": "修改组织与结对",
    "action_apply_plan": "应用结对方案",
    "action_import": "导入数据",
    "action_replace_all": "整体替换数据",
    "action_backup": "备份",
    "action_restore": "从备份恢复",
    "action_manage_users": "管理用户",
    "action_audit": "查看审计记录",
    "edit_conflict": "{what}“{id}”在您打开之后已被 {actor} 于 {at} 修改（{action}）：您的修改未保存。请刷新页面查看最新内容后再改。",
    "user_bad_name": "用户名“{name}”无效：请使用 1–64 个字符，不含空格。",
    "user_bad_role": "角色“{role}”无效：请填写 viewer、chair、planner 或 admin。",
    "user_chair_needs_alliance": "轮值主席（chair）须用 --alliance 指定所主持的联盟编号。",
    "user_alliance_only_chair": "只有轮值主席（chair）才指定联盟：请去掉 --alliance，或把角色改为 chair。",
    "user_unknown_alliance": "联盟“{alliance}”不存在：请填写已有联盟的编号（{known}）。",
    "user_exists": "用户“{name}”已存在：如要改密码，请用 lianmeng user passwd {name}。",
    "user_missing": "用户“{name}”不存在：请用 lianmeng user list 查看已有用户。",
    "user_added": "已添加用户“{name}”（{role}）。",
    "user_removed": "已删除用户“{name}”。",
    "user_password_set": "已为“{name}”设置新密码。",
    "user_last_admin": "“{name}”是最后一位管理员：请先添加另一位管理员再删除。",
    "password_prompt": "密码：",
    "password_again": "再输入一次：",
    "password_mismatch": "两次输入的密码不一致：未作任何改动，请重新输入。",
    "password_too_short": "密码太短：至少 {min} 个字符。未作任何改动。",
    "password_missing": "没有读到密码：请在标准输入中给出两行相同的密码。",
    "signin_title": "登录联盟图谱",
    "signin_name": "用户名",
    "signin_password": "密码",
    "signin_submit": "登录",
    "signin_failed": "用户名或密码不正确。",
    "signin_wait": "登录失败次数过多：请 {seconds} 秒后再试。",
    "signin_expired": "登录已过期，请重新登录。",
    "signin_oidc_button": "使用单位统一身份登录",
    "signin_oidc_unknown": "您的账号 {email} 尚未开通联盟图谱：请联系管理员用 lianmeng user add 添加（--email {email}）。",
    "signed_in_as": "已登录：{name}（{role}）",
    "sign_out": "退出登录",
    "auth_off_banner": "未开启登录：这台电脑上的任何人都能查看并修改全部数据。多人使用时请设置 LIANMENG_AUTH=on 并添加用户。",
    "auth_needs_user": "浏览器界面将在 {host} 上对其他电脑开放，必须登录，但还没有任何用户：请先运行 lianmeng user add 姓名 --role admin 添加管理员，再启动。",
    "audit_title": "审计",
    "audit_caption": "每一次写入都记录在此：谁、何时、做了什么、改前改后。记录只增不改。",
    "audit_since": "起始日期",
    "audit_until": "截止日期（含）",
    "audit_actor": "操作人",
    "audit_action": "操作",
    "audit_table": "数据表",
    "audit_all": "全部",
    "audit_none": "没有符合条件的记录。",
    "audit_count": "共 {n} 次写入，{items} 条记录变更。",
    "audit_before": "修改前",
    "audit_after": "修改后",
    "audit_per_day": "每日写入次数",
    "backup_saved": "已备份：{name}（数据版本 {revision}）",
    "backup_none": "还没有备份。",
    "restore_done": "已从备份 {name} 恢复（数据版本 {revision}）；恢复前的状态已备份为 {before}。",
    "audit_bad_date": "日期“{value}”无效：请按 YYYY-MM-DD 填写，例如 2026-11-30。",
    "users_title": "用户",
    "users_caption": "谁可以登录、以什么角色。每次变更都记入审计（密码只保存哈希，从不记录）。",
    "users_add": "添加用户",
    "users_role": "角色",
    "users_alliance": "所主持的联盟（仅轮值主席）",
    "users_email": "单位统一身份邮箱（可不填）",
    "users_password_again": "再输入一次密码",
    "users_remove": "删除用户",
    "users_remove_button": "删除",
    "users_none": "—",
}


def say(key: str, **values: object) -> str:
    """Return the message ``key`` with its placeholders filled.

    >>> say("self_pair", party="铜川社区党总支")
    '结对的甲方与乙方是同一方“铜川社区党总支”：不能与自己结对，请改正其中一方。'
    """
    return MESSAGES[key].format(**values)
