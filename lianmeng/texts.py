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
    # rotation (issue 7)
    "quarter": "季度",
    "pinned": "锁定",
    "note": "备注",
    "organisation": "组织",
    "reason": "原因",
}

#: headings and column names of the chair's meeting pack (issue 7)
PACK_LABELS: dict[str, str] = {
    "title": "联席会议材料包",
    "chair": "轮值主席",
    "date": "会议日期",
    "held": "已召开",
    "planned": "计划",
    "location": "会议地点",
    "tbd": "待定",
    "deadline": "议题报送截止",
    "last_meeting": "上次会议",
    "members": "成员单位及联系人",
    "org": "组织",
    "unit": "单位",
    "contact": "联系人",
    "phone": "电话",
    "brand": "特色品牌",
    "changes": "上次会议以来的结对变化",
    "started": "新建结对",
    "ended": "结束结对",
    "party_a": "甲方",
    "party_b": "乙方",
    "kind": "类型",
    "content": "共建内容",
    "since": "开始日期",
    "until": "结束日期",
    "gaps": "尚缺小联动或大联动的成员及推荐结对对象",
    "missing": "尚缺",
    "recommended": "推荐结对对象",
    "work": "共治项目与统一行动",
    "project": "共治项目",
    "action": "统一行动",
    "research": "课题调研",
    "brands": "特色品牌",
    "attendance": "出席情况",
    "quarter": "季度",
    "present": "出席/应到",
    "attended": "出席/会议数",
    "absentees": "连续两次缺席",
    "decisions": "上次会议决议",
    "minutes": "会议纪要模板",
    "none": "（无）",
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
    # --- meetings (issue 7) ---
    "bad_quarter": "季度“{value}”格式不对：请写成 2026Q1 这样的季度（年份 + Q + 1～4）。",
    "exclusion_until_before_since": "排除的结束季度 {until} 早于开始季度 {since}：请改正季度。",
    "duplicate_slot": "联盟“{alliance}”在 {quarter} 已有一条轮值安排：每个联盟每季度只有一位轮值主席。",
    "excluded_not_member": "“{organisation}”不是联盟“{alliance}”的成员，无需排除：请选择该联盟的成员组织。",
    "unknown_alliance": "找不到联盟“{value}”：请填写联盟的名称、编号或领域（如“校区”）。现有联盟：{choices}。",
    "calendar_name": "联盟图谱·会议日历",
    "calendar_joint": "{alliance}{label}（轮值主席：{chair}）",
    "calendar_planned_prefix": "【计划】",
    "calendar_planned": "按轮值安排计划的联席会议；议题请于 {deadline} 前报送轮值主席单位。",
    "bad_span": "季度范围“{value}”格式不对：请写成 2026Q1..2027Q2（起始季度不晚于结束季度）。",
    "need_year_or_span": "请用 --year 指定年份，或用 --span 指定季度范围（如 2026Q1..2027Q2）。",
    "pack_bad_suffix": "无法输出“{value}”：会议材料包只能保存为 .docx（Word）或 .md（Markdown），请改用这两种扩展名。",
    "pack_written": "已生成会议材料包：{path}",
    "calendar_written": "已生成会议日历：{path}（{count} 个会议）",
    "cannot_write": "无法写入 {path}：{reason}。请检查目录是否存在、是否有写权限。",
    "meetings_title": "会议",
    "meetings_alliance": "联盟",
    "meetings_year": "年份",
    "meetings_rotation": "轮值主席安排",
    "meetings_rotation_help": "改选某季度的主席即锁定该季度，其余季度不变（至多与被换下的季度互换）。已召开的季度以会议记录为准。",
    "meetings_exclusions": "不参加轮值的成员（须写明原因）",
    "meetings_save_rotation": "保存轮值安排",
    "meetings_saved": "已保存（数据版本 {revision}）。",
    "meetings_list": "本年度会议",
    "meetings_form": "记录或修改会议",
    "meetings_pick": "选择会议",
    "meetings_new": "（新会议）",
    "meetings_kind": "会议类型",
    "meetings_lines_help": "每行一项",
    "meetings_save_meeting": "保存会议",
    "meetings_meeting_saved": "已保存会议 {id}。",
    "meetings_attendance": "出席情况",
    "meetings_alliance_rate": "本联盟出席率",
    "meetings_absent": "连续两次未出席联席会议：{names}",
    "meetings_no_absent": "没有连续两次缺席的成员。",
    "meetings_pack": "轮值主席会议材料包",
    "meetings_quarter": "季度",
    "meetings_download_docx": "下载 Word（.docx）",
    "meetings_download_md": "下载 Markdown（.md）",
    "meetings_calendar": "全年会议日历",
    "meetings_download_ics": "下载日历（.ics，{count} 个会议）",
    "meetings_no_alliance": "还没有联盟：请先导入数据或载入示例街道。",
    "meetings_rate_axis": "出席率",
    # --- exports (issue 8) ---
    "export_unknown_alliance": "联盟“{value}”不存在：请填写联盟的名称、编号或领域（可选：{choices}）。",
    "export_unknown_choice": "{field}“{value}”无效：可选值为 {choices}。",
    "export_bad_date": "日期“{value}”无效：请写成 2026-03-01 这样的日期。",
    "export_bad_suffix": "输出文件“{path}”的扩展名应为 {suffixes}：请改正文件名。",
    "export_written": "已导出 {what}：{path}",
    "export_written_count": "已导出 {count} 份{what}：{path}",
    "export_nothing": "没有符合条件的结对：未生成任何文件。请放宽筛选条件。",
    "export_unwritable": "无法写入“{path}”：{reason}。请检查目录是否存在、是否有写权限。",
    "template_unreadable": "协议书模板“{path}”无法读取：{reason}。请选择由“导出协议书模板”得到或在 Word 中另存的 .docx 文件。",
    "template_unknown_placeholder": "协议书模板中的占位符“{{{{{name}}}}}”无法识别：可用的占位符有 {choices}。请改正模板后重试。",
    "agreement_open_end": "长期有效",
    "exports_title": "导出",
    "exports_intro": "按条件筛选结对，下载 Excel、CSV、协议书；或导出全部数据（快照）与供分析用的图文件。",
    "exports_all": "全部",
    "exports_on_date": "只看某日有效的结对",
    "exports_rows": "符合条件的结对（条）",
    "exports_lists": "结对清单",
    "exports_agreements": "结对共建协议书",
    "exports_dataset": "全部数据与图文件",
    "exports_no_rows": "没有符合条件的结对，请放宽筛选条件。",
    "export_progress": "正在生成协议书 {done}/{total}",
    "exports_xlsx": "结对清单（Excel）",
    "exports_csv": "结对清单（CSV）",
    "exports_agreements_button": "结对共建协议书（{count} 页）",
    # --- import (issue 4) ---
    "import_unknown_sheet": "未知的工作表“{name}”，已忽略。{hint}",
    "import_unknown_header": "未知的列“{header}”，已忽略。{hint}",
    "import_suggest": "是否指“{suggestion}”？",
    "import_known_sheets": "模板的工作表为：{names}。",
    "import_duplicate_header": "列“{header}”出现了两次：只读取第一列。",
    "import_missing_column": "缺少必填列“{header}”：请在第 1 行加上这一列（可参照模板）。",
    "import_no_sheets": "文件中没有可导入的工作表：请按模板命名工作表（{names}），或把 CSV 文件命名为“组织.csv”等。",
    "import_bad_cell": "“{field}”的值“{value}”无法识别：{hint}",
    "import_unknown_party": "{field}“{value}”不存在：请填写已有的组织、联盟或街道党工委的名称或编号（可在本文件中一并添加）。",
    "import_unknown_alliance": "所属联盟“{value}”不存在：请填写联盟的名称、领域或编号，或先在“联盟”表中添加它。",
    "import_unknown_ref": "{field}“{value}”不存在：请填写已有{what}的名称或编号。",
    "import_ambiguous": "{field}“{value}”可指多个对象（{ids}）：请改填编号。",
    "import_duplicate_row": "{what}“{name}”在本文件中出现了两次（另见第 {other} 行）：请删除或合并重复的行。",
    "import_reversed_pair": "“{a}”与“{b}”的结对在第 {other} 行已有（甲乙互换也算同一对，开始日期相同）：请删除重复的行。",
    "import_small_across": "声明为“小联动”，但“{a}”（{a_alliance}）与“{b}”（{b_alliance}）不在同一联盟：小联动只在同一联盟的成员之间；请改为“大联动”，或留空由程序判断。",
    "import_large_inside": "声明为“大联动”，但“{a}”与“{b}”同属“{alliance}”：同一联盟成员之间是“小联动”；请改为“小联动”，或留空由程序判断。",
    "import_kind_contradicts": "声明的结对类型“{declared}”与双方不符：按甲乙双方应为“{derived}”；请改正或留空由程序判断。",
    "import_kind_unknown": "结对类型可填：小联动、大联动、联盟层面、街道层面（或留空由程序判断）。",
    "import_until_before_since": "结束日期 {until} 早于开始日期 {since}：请改正日期。",
    "import_ended_needs_until": "状态为“已结束”的结对须填写结束日期：请补上结束日期，或把状态改为“进行中”。",
    "import_member_needs_alliance": "组织“{name}”的范围为“体系内”，但未填写所属联盟：请填写所属联盟，或把范围改为“区域内体系外”或“区域外”。",
    "import_non_member_with_alliance": "组织“{name}”填写了所属联盟，范围却是“{scope}”：联盟成员的范围应为“体系内”（或留空）。",
    "import_meeting_needs_alliance": "联席会议须填写联盟：请填写联盟名称、领域或编号。",
    "import_chair_not_member": "轮值主席“{chair}”不是联盟“{alliance}”的成员：请选择该联盟的成员组织。",
    "import_one_committee": "二级党委须填写上级街道党工委：本文件与数据库中没有唯一的街道党工委可作默认。",
    "import_existing_record": "（数据库中已有的记录 {id}）",
    "import_progress_read": "正在读取文件……",
    "import_progress_validate": "正在校验“{sheet}”……",
    "import_progress_rules": "正在检查结对规则与引用……",
    "import_progress_preview": "正在比对数据库……",
    "import_progress_apply": "正在写入数据库……",
    "import_invalid": "发现 {count} 处错误，未写入任何数据：",
    "import_valid_dry_run": "校验通过（试运行，未写入）。",
    "import_applied": "导入完成：数据版本 {before} → {after}；导入前的备份：{backup}",
    "import_nothing_to_do": "数据与数据库完全一致，没有需要写入的改动。",
    "import_change_line": "{sheet}：新增 {new}，修改 {changed}，不变 {unchanged}，删除 {removed}",
    "import_error_line": "{sheet} 第 {row} 行 “{column}”：{message}",
    "import_warning_line": "提示：{sheet} {message}",
    "write_file_failed": "无法写入文件“{path}”：{reason}。请检查路径和权限。",
    "template_written": "已写出模板：{path}",
    "workbook_written": "已导出工作簿：{path}（{rows} 行数据）",
    "restore_listed": "{name}  版本 {revision}  {reason}  {created}",
    "restore_none": "还没有备份：每次导入前会自动备份。",
    "restore_done": "已恢复备份 {name}：数据版本 {revision}。恢复前的数据已备份为 {before}。",
    "restore_needs_name": "请指定要恢复的备份名称，或用 --list 查看可用的备份。",
    "snapshot_row": "第 {row} 条",
    # import page
    "import_title": "导入数据",
    "import_intro": "按模板填写后上传：.xlsx 工作簿、.csv 文件（UTF-8 或 GBK）或 .zip 压缩包。先校验并预览改动，确认后一次写入；任何错误都不会写入数据。",
    "import_download_template": "下载模板（.xlsx）",
    "import_upload": "选择要导入的文件",
    "import_replace": "以文件替换全部数据（未出现在文件中的记录将被删除）",
    "import_check": "校验并预览",
    "import_errors_title": "错误（未写入任何数据）",
    "import_errors_download": "下载错误清单（.xlsx）",
    "import_warnings_title": "提示",
    "import_preview_title": "预览改动",
    "import_apply": "确认导入",
    "import_no_file": "请先选择文件。",
    "import_stale": "数据库在预览后已被修改：请重新校验。",
    "col_sheet": "工作表",
    "col_row": "行",
    "col_column": "列",
    "col_value": "值",
    "col_message": "说明",
    "col_new": "新增",
    "col_changed": "修改",
    "col_unchanged": "不变",
    "col_removed": "删除",
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
    # --- import: rotations ---
    "import_quarter_hint": "请写成 2026Q1、2026q1、2026-Q1 或 2026年第1季度（季度为 1～4）。",
    "import_pinned_hint": "请填写 是 或 否（也可填 true/false、1/0）。",
    "import_duplicate_slot": "联盟“{alliance}”在 {quarter} 的轮值安排在本文件中出现了两次（另见第 {other} 行）：每个联盟每季度只有一位轮值主席，请删除或合并重复的行。",
    "import_duplicate_exclusion": "组织“{organisation}”在联盟“{alliance}”的轮值排除在本文件中出现了两次（另见第 {other} 行）：请合并为一行，或为其中一行填写不同的编号。",
    "import_rotation_needs_alliance": "轮值安排须填写联盟：请填写联盟的名称、领域或编号。",
    "import_rotation_needs_quarter": "轮值安排须填写季度：请写成 2026Q1 这样的季度。",
    "import_rotation_needs_chair": "轮值安排须填写轮值主席：请填写该联盟成员组织的名称或编号。",
    "import_exclusion_needs_alliance": "轮值排除须填写联盟：请填写联盟的名称、领域或编号。",
    "import_exclusion_needs_organisation": "轮值排除须填写组织：请填写该联盟成员组织的名称或编号。",
    "import_exclusion_needs_reason": "组织“{organisation}”的轮值排除未写原因：请在“原因”列写明为何不参加轮值（如“换届暂停”）。",
    "import_excluded_not_member": "“{organisation}”不是联盟“{alliance}”的成员，无需排除：请选择该联盟的成员组织。",
    "import_quarter_until_before_since": "结束季度 {until} 早于起始季度 {since}：请改正季度（不限期可留空）。",
}

#: the record tables as people call them (import preview, errors of snapshots)
TABLE_LABELS: dict[str, str] = {
    "committees": "街道党工委",
    "subcommittees": "二级党委",
    "alliances": "联盟",
    "organisations": "组织",
    "pairings": "结对",
    "meetings": "会议",
    "rotations": "轮值安排",
    "rotation_exclusions": "轮值排除",
}


# --- exports (issue 8) ---
#: column key → the header of pairing lists (Excel, CSV) and the agreement placeholder name
PAIRING_HEADERS: dict[str, str] = {
    "party_a": "甲方",
    "alliance_a": "甲方所属联盟",
    "party_b": "乙方",
    "alliance_b": "乙方所属联盟",
    "level": "层级",
    "kind": "类型",
    "content": "共建内容",
    "since": "开始日期",
    "until": "结束日期",
    "status": "状态",
}

#: the summary sheets of the pairing workbook (besides one sheet per alliance)
EXPORT_SHEET_LABELS: dict[str, str] = {
    "all": "全部结对",
    "alliance": "联盟层面结对",
    "street": "街道层面结对",
    "cross_scope": "跨范围结对",
}

#: placeholders of the agreement template beyond PAIRING_HEADERS, key → placeholder name
AGREEMENT_EXTRA_PLACEHOLDERS: dict[str, str] = {
    "contact_a": "甲方联系人",
    "phone_a": "甲方电话",
    "contact_b": "乙方联系人",
    "phone_b": "乙方电话",
    "pairing_id": "结对编号",
    "signed_on": "签订日期",
}

#: file names the 导出 page offers for download
EXPORT_FILE_NAMES: dict[str, str] = {
    "xlsx": "结对清单.xlsx",
    "csv": "结对清单.csv",
    "agreements": "结对共建协议书.docx",
    "agreement_template": "结对共建协议书模板.docx",
    "snapshot": "联盟图谱快照.json",
    "gexf": "结对网络.gexf",
    "graphml": "结对网络.graphml",
}

#: what each export is called in messages
EXPORT_WHAT: dict[str, str] = {
    "pairings": "结对清单",
    "agreements": "结对共建协议书",
    "agreement_template": "协议书模板",
    "snapshot": "数据快照",
    "gexf": "GEXF 图文件",
    "graphml": "GraphML 图文件",
}

#: column titles of the 会议 page's tables (issue 7)
MEETINGS_COLUMNS: dict[str, str] = {
    "quarter": "季度",
    "chair": "轮值主席",
    "pinned": "锁定",
    "note": "备注",
    "source": "来源",
    "warnings": "提示",
    "organisation": "组织",
    "reason": "原因",
    "since": "起始季度",
    "until": "结束季度",
    "date": "日期",
    "kind": "类型",
    "attendees": "出席",
    "topics": "议题",
    "decisions": "决议",
    "location": "地点",
    "rate": "出席率",
    "attended": "出席次数",
    "expected": "会议次数",
    "id": "编号",
}

#: where a rotation slot's chair comes from (issue 7)
ROTATION_SOURCE_LABELS: dict[str, str] = {
    "planned": "按轮值计划",
    "pinned": "人工锁定",
    "saved": "已保存",
    "held": "已召开",
    "none": "无",
}

#: warnings a rotation plan may carry (issue 7)
ROTATION_WARNING_LABELS: dict[str, str] = {
    "consecutive": "与上一季度为同一轮值主席",
    "no_eligible": "没有可轮值的成员",
    "pin_excluded": "锁定的主席已被排除或不是成员",
}


def say(key: str, **values: object) -> str:
    """Return the message ``key`` with its placeholders filled.

    >>> say("self_pair", party="铜川社区党总支")
    '结对的甲方与乙方是同一方“铜川社区党总支”：不能与自己结对，请改正其中一方。'
    """
    return MESSAGES[key].format(**values)
