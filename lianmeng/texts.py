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
    # rotation
    "quarter": "季度",
    "pinned": "锁定",
    "note": "备注",
    "organisation": "组织",
    "reason": "原因",
}

#: headings and column names of the chair's meeting pack
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
    "copy": "跨库复制",
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
    "overview_alliances": "{count}个党建联盟",
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
    # --- meetings ---
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
    # --- exports ---
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
    "exports_agreements_make": "生成结对共建协议书（{count} 页）",
    "exports_agreements_making": "正在生成 {count} 页协议书……",
    # --- import ---
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
    # --- access, audit, sign-in, backups ---
    "permission_action": "{user}（{role}）无权{action}：需要“{needed}”或更高的角色。请联系管理员。",
    "permission_record": "{user}（{role}）无权修改 {table} 中的“{id}”：轮值主席只能修改本联盟（{alliance}）的会议、轮值安排、成员组织及其结对。未作任何改动。",
    "action_view": "查看数据",
    "action_export": "导出",
    "action_edit_meetings": "编辑会议",
    "action_edit_rotation": "编辑轮值安排",
    "action_edit_data": "修改组织与结对",
    "action_edit_members": "修改本联盟成员组织及其结对",
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
    # --- explorer: network page ---
    "net_tip_unit": "单位：{unit}",
    "net_tip_alliance": "联盟：{alliance}",
    "net_tip_pairings": "结对：{count} 条",
    "net_tip_brands": "品牌：{brands}",
    "net_tip_members": "成员组织：{count} 个",
    "net_tip_small": "联盟内小联动：{count} 条",
    "net_size_by": "节点大小：{measure}",
    "net_edge_count": "{a} — {b}：{count} 条结对",
    "net_filter_alliances": "联盟",
    "net_filter_kinds": "结对类型",
    "net_filter_scopes": "范围",
    "net_filter_date": "在此日期进行中的结对",
    "net_filter_any_date": "包括已结束的结对",
    "net_size_measure": "节点大小按",
    "net_search": "查找组织（名称或拼音首字母，如 tc）",
    "net_search_pick": "选中的组织",
    "net_search_none": "没有找到“{query}”：请换个名称或拼音首字母再试。",
    "net_steps": "显示几步以内的结对关系",
    "net_chain_heading": "两个组织之间最短的结对链",
    "net_chain_from": "从",
    "net_chain_to": "到",
    "net_chain_none": "“{a}”与“{b}”之间在当前筛选下没有结对链。",
    "net_chain_found": "共 {steps} 步：",
    "net_chain_step_from": "一方",
    "net_chain_step_to": "另一方",
    "net_chain_step_kind": "结对类型",
    "net_chain_step_content": "共建内容",
    "net_aggregate_notice": "当前选择有 {count} 个节点，超过 {limit} 个：先显示联盟总览图（连线粗细 = 结对数）。选择一个联盟可展开看其成员。",
    "net_drill": "展开联盟",
    "net_drill_none": "（总览）",
    "net_counts": "显示 {nodes} 个节点、{edges} 条结对",
    "net_download": "下载当前视图（HTML，可离线打开）",
    "net_empty": "当前筛选下没有可显示的组织：请放宽筛选条件。",
    # --- explorer: organisations page ---
    "org_title": "组织",
    "org_search": "查找组织（名称或拼音首字母）",
    "org_count": "共 {shown} / {total} 个组织",
    "org_pick": "查看组织详情",
    "org_facts": "基本情况",
    "org_pairings": "结对（含历史）",
    "org_chaired": "担任轮值主席的会议",
    "org_attended": "出席的会议",
    "org_brands": "特色品牌",
    "org_none": "无",
    "org_empty": "数据库中还没有组织。",
    # --- analyses ---
    "reason_same_alliance": "同属{alliance}",
    "reason_same_industry": "同为“{industry}”行业",
    "reason_similar_industry": "行业相近（“{mine}”与“{theirs}”）",
    "reason_needs_met": "对方的资源“{items}”可满足本组织的需求",
    "reason_needs_given": "本组织的资源“{items}”可满足对方的需求",
    "reason_new_alliance_pair": "{a}与{b}之间尚无大联动",
    "reason_outside_unit": "{scope}单位，拓展体系外资源",
    "reason_load": "对方现有结对仅 {n} 对，负担较轻",
    "reason_partner_needs_small": "对方也尚无小联动，一次结对补齐两家",
    "reason_partner_needs_large": "对方也尚无大联动，一次结对补齐两家",
    "reason_disconnected": "连接网络中互不相通的两部分",
    "reason_distant": "双方在结对网络中相距 {d} 步以上，可拉近网络",
    "impossible_single_member": "“{alliance}”只有 {n} 家成员组织，无法开展小联动：请先吸收新成员，或并入其他联盟。",
    "impossible_no_partner": "没有可结对的{linkage}对象：可选对象都已与其结对，或新增结对已达上限（每家 {k} 对）。",
    "impossible_capacity": "该组织在本计划中已新增 {n} 对结对，达到每家最多 {k} 对的上限：请提高上限（同时缺小联动和大联动的组织至少需要 2）。",
    "impossible_no_alliance": "组织没有所属联盟，不参与覆盖计划。",
    "plan_content": "结对计划：{linkage}（{reasons}）",
    "unknown_organisation": "找不到组织“{value}”：请填写已有组织的名称或编号。",
    "bad_linkage": "结对类型“{value}”无效：请填写 small（小联动）或 large（大联动）。",
    "bad_measure": "指标“{value}”无效：可选 {choices}。",
    "gaps_heading_no_pairing": "没有任何进行中结对的成员组织",
    "gaps_heading_only_ended": "其中结对均已结束的",
    "gaps_heading_no_small": "尚无小联动的成员组织",
    "gaps_heading_no_large": "尚无大联动的成员组织",
    "gaps_heading_matrix_empty": "尚无大联动的联盟组合",
    "gaps_heading_no_alliance_pairing": "尚无联盟层面结对的联盟",
    "gaps_heading_ending": "{days} 天内到期的结对",
    "plan_summary": "新增 {n} 对结对；覆盖（小联动且大联动）：{before} → {after} / {members} 家成员组织。",
    "plan_impossible": "无法覆盖：{name}（{linkage}）：{reason}",
    "report_progress": "正在计算：{step}",
    # --- import: what a cell may hold (said after the value a cell could not use) ---
    "hint_committee_level": "请填写“街道党工委”或“二级党委”。",
    "hint_scope": "可填 体系内、区域内体系外、区域外（或 member、regional、external）。",
    "hint_org_type": "可填 党委、党总支、党支部。",
    "hint_status": "可填 进行中、已结束（或 active、ended）。",
    "hint_meeting_kind": "可填 联席会议、党建峰会、统一行动日。",
    # --- the command line's own words (argparse) ---
    "cli_usage_prefix": "用法：",
    "cli_positionals": "参数",
    "cli_options": "选项",
    "cli_commands": "命令",
    "cli_help": "显示本帮助并退出 / show this help",
    "cli_version": "显示版本号并退出 / show the version",
    "cli_usage_error": "{prog}：命令行有误：{message}（加 -h 查看用法）",
    "cli_error_required": "缺少必填参数 {names}",
    "cli_error_choice": "参数 {name} 的值 {value} 无效，可选：{choices}",
    "cli_error_type": "参数 {name} 的值 {value} 不是有效的{kind}",
    "cli_error_one_value": "参数 {name} 需要一个值",
    "cli_error_unknown": "无法识别的参数 {names}",
    # --- log lines (data directory logs/lianmeng.log; never a password) ---
    "log_signin": "登录成功：{name}",
    "log_signin_failed": "登录失败：用户名“{name}”",
    "log_signin_throttled": "登录被暂缓：用户名“{name}”连续失败，{seconds} 秒后可再试",
    "log_signin_throttled_address": "登录被暂缓：地址 {address} 连续失败，{seconds} 秒后可再试",
    "log_import": "导入完成：{actor}，修订号 {before} → {revision}，{replace}，备份 {backup}",
    "log_import_replace": "替换全部数据",
    "log_import_merge": "合并导入",
    "log_plan_applied": "应用结对方案：{actor}，新增 {count} 对，修订号 {before} → {revision}，备份 {backup}",
    "log_restore": "恢复备份：{actor} 恢复 {name}，恢复前已备份为 {before}，修订号 {revision}",
    "log_store_error": "数据库错误：{message}",
    "log_slow_analysis": "分析较慢：{nodes} 个组织、{edges} 对结对用时 {seconds:.1f} 秒",
    # --- neo4j backend and copy ---
    "neo4j_unavailable": "无法连接 Neo4j（{uri}）：{reason}。请检查 Neo4j 是否已启动、地址与端口（NEO4J_URI）是否正确、网络与防火墙是否放行。",
    "neo4j_auth": "Neo4j（{uri}）拒绝登录：用户名或密码不对（或没有设置密码）。请检查 NEO4J_USER 与 NEO4J_PASSWORD 是否与服务器上的账号一致。",
    "neo4j_bad_uri": "Neo4j 地址“{uri}”无效：{reason}。请把 NEO4J_URI 写成 bolt://主机:7687、neo4j://主机:7687 或 neo4j+s://主机 这样的形式。",
    "neo4j_no_database": "Neo4j（{uri}）上没有名为“{database}”的数据库：请检查 NEO4J_DATABASE（社区版只有 neo4j）。",
    "copy_same_store": "来源与目标是同一个数据库（{kind}）：请用 --from 和 --to 指定两个不同的后端（embedded 或 neo4j）。",
    "copy_reading": "正在读取来源数据库：{source}（{location}）……",
    "copy_writing": "正在写入目标数据库：{target}（{location}），共 {records} 条记录，单个事务……",
    "copy_checking": "正在核对目标数据库中的条数……",
    "copy_mismatch": "复制后核对不一致：{table} 来源 {expected} 条、目标 {actual} 条。请检查目标数据库后用 --replace 重新复制。",
    "copy_done": "已复制：{counts}；目标数据版本 {revision}。",
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
    # --- coverage and structure pages, wiring ---
    "plan_bad_rows": "所选的计划行不存在：计划共有 {n} 行，请重新选择。",
    "analysis_running": "正在计算结构分析……",
    "analysis_done": "结构分析已完成（{seconds:.2f} 秒），本数据版本内不再重算。",
    "coverage_title": "覆盖",
    "coverage_ending_days": "即将到期：天数",
    "coverage_alliances": "各联盟覆盖情况",
    "coverage_targets": "街道数字与目标",
    "coverage_gaps": "覆盖缺口",
    "coverage_matrix": "联盟之间的大联动",
    "coverage_matrix_note": "格中数字为进行中的大联动数；红色“无”为尚无大联动的组合（共 {empty} 个），灰色“—”为同一联盟。",
    "coverage_alliance": "联盟",
    "coverage_recommend": "推荐结对对象",
    "coverage_pick_org": "成员组织（尚未全覆盖的排在前面）",
    "coverage_top": "推荐个数",
    "coverage_recommend_small": "{name}：小联动推荐",
    "coverage_recommend_large": "{name}：大联动推荐",
    "coverage_no_candidates": "没有可推荐的对象。",
    "coverage_plan": "全覆盖结对计划",
    "coverage_max_new": "每家最多新增结对",
    "coverage_metric_with_small": "有小联动的成员组织",
    "coverage_metric_with_large": "有大联动的成员组织",
    "coverage_metric_covered": "两种都有的成员组织",
    "coverage_impossible": "有 {n} 项无法由计划覆盖，原因如下：",
    "coverage_plan_nothing": "无需新增结对。",
    "coverage_plan_rows": "要应用的计划行（默认全部）",
    "coverage_apply": "应用所选的 {n} 对结对（一次写入，先自动备份）",
    "coverage_applied": "已新增 {n} 对结对，数据版本 {rev}；写入前的备份：{backup}。",
    "coverage_apply_needs_planner": "应用结对计划需要规划员或管理员角色。",
    "structure_title": "结构",
    "structure_summary": "结对网络：{nodes} 个组织，{edges} 条进行中的组织层面结对，{components} 个连通部分（计算用时 {seconds:.2f} 秒）。",
    "structure_centrality": "中心性排名",
    "structure_measure": "指标",
    "structure_top": "显示前几名",
    "structure_sampled": "组织较多，{measure}为抽样估计（{method}），排名可能与精确值略有出入。",
    "structure_table": "排名表",
    "structure_per_alliance": "联盟内排名",
    "structure_brokers": "桥梁组织",
    "structure_brokers_note": "结对跨到其他联盟最多的组织；参与系数越接近 1，结对在各联盟之间分布越均匀。",
    "structure_fragile": "关键节点与关键结对",
    "structure_articulation": "关键组织（去掉后网络断开）",
    "structure_bridges": "关键结对（去掉后网络断开）",
    "structure_components": "连通部分",
    "structure_components_note": "最大的连通部分有 {largest} 个组织；没有任何结对的组织 {isolates} 个。",
    "structure_communities": "结对形成的社群与正式联盟",
    "structure_community_count": "发现的社群数",
    "structure_alliance_modularity": "联盟划分的模块度",
    "structure_adjusted_rand": "调整兰德指数",
    "structure_nmi": "归一化互信息",
    "structure_communities_note": "社群由 Louvain 算法（固定种子）从结对中发现，其模块度为 {modularity:.3f}；调整兰德指数与归一化互信息越接近 1，社群与正式联盟越一致。",
    "org_ranks": "中心性排名",
    # --- explorer: search and filters ---
    "net_focus_filtered": "“{name}”不在当前筛选条件下的网络中：请放宽联盟、结对类型、范围或日期筛选后再看它的结对关系。",
    # --- neo4j auth ---
    "neo4j_auth_locked": "Neo4j（{uri}）因连续多次登录失败，暂时锁定了这个用户：请检查 NEO4J_USER 与 NEO4J_PASSWORD 是否与服务器上的账号一致，改正后等几秒（服务器默认锁定 5 秒）再试。",
}

#: names of the centrality measures, for tables and charts
MEASURE_LABELS: dict[str, str] = {
    "degree": "度中心性",
    "betweenness": "中介中心性",
    "pagerank": "PageRank",
    "closeness": "接近中心性",
}

#: columns of the large-linkage matrix beyond the alliances
MATRIX_COLUMN_LABELS: dict[str, str] = {
    "regional": "区域内体系外",
    "external": "区域外",
}

#: the record tables as people call them (import preview, errors of snapshots)
#: what a reference cell names, in the import's "not found" messages
REFERENCE_LABELS: dict[str, str] = {
    "committee": "街道党工委",
    "subcommittee": "二级党委",
    "alliance": "联盟",
    "organisation": "组织",
    "party": "结对方",
}

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


# --- exports ---
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

#: column titles of the 会议 page's tables
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

#: where a rotation slot's chair comes from
ROTATION_SOURCE_LABELS: dict[str, str] = {
    "planned": "按轮值计划",
    "pinned": "人工锁定",
    "saved": "已保存",
    "held": "已召开",
    "none": "无",
}

#: warnings a rotation plan may carry
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

def count_words(n: int) -> str:
    """A count as a heading writes it: 一 to 十 in words (两 for 2), larger ones in figures.

    >>> [count_words(n) for n in (1, 2, 5, 10, 12)]
    ['一', '两', '五', '十', '12 ']
    """
    return "一两三四五六七八九十"[n - 1] if 1 <= n <= 10 else f"{n} "


# --- explorer: network and organisations pages ---
NETWORK_LABELS: dict[str, str] = {
    "title": "网络图",
    "aggregate_title": "联盟总览图",
    "committee": "街道党工委",
    "legend_alliances": "党建联盟",
    "legend_scopes": "体系外单位",
    "legend_kinds": "结对类型",
    "degree": "度数（结对数）",
}

ORGANISATION_TABLE_LABELS: dict[str, str] = {
    "name": "名称",
    "alliance": "所属联盟",
    "scope": "范围",
    "type": "类型",
    "unit": "单位",
    "pairings": "进行中结对",
    "brands": "特色品牌",
    "pioneer_index": "先锋指数",
    "contact": "联系人",
    "phone": "电话",
    "id": "编号",
}


# --- coverage and structure pages ---
#: column labels of the analysis tables and charts
ANALYSIS_COLUMNS: dict[str, str] = {
    "alliance": "联盟",
    "members": "成员组织",
    "with_small": "有小联动",
    "with_large": "有大联动",
    "covered": "两种都有",
    "share_small": "小联动覆盖率",
    "share_large": "大联动覆盖率",
    "small_pairings": "小联动数",
    "large_pairings": "大联动数",
    "alliance_pairings": "联盟层面结对数",
    "metric": "指标",
    "actual": "现有",
    "target": "目标",
    "met": "达到",
    "yes": "是",
    "no": "否",
    "organisation": "组织",
    "small": "小联动",
    "large": "大联动",
    "ended": "已结束",
    "id": "编号",
    "diagonal": "—",
    "empty_cell": "无",
    "count": "大联动数",
    "partner_group": "对方",
    "party_a": "甲方",
    "party_b": "乙方",
    "kind": "类型",
    "until": "结束日期",
    "content": "共建内容",
    "rank": "名次",
    "partner": "推荐对象",
    "alliance_or_scope": "所属联盟/范围",
    "score": "得分",
    "reasons": "理由",
    "row": "行",
    "linkage": "联动",
    "reason": "原因",
    "before": "计划前",
    "after": "计划后",
    "figure": "指标",
    "share": "覆盖率",
    "measure": "指标",
    "rank_of": "排名",
    "rank_text": "第 {k} / {n} 名",
    "method": "计算方式",
    "exact": "精确",
    "sampled": "抽样",
    "reach": "跨到的其他联盟数",
    "reached": "跨到的联盟",
    "participation": "参与系数",
    "degree": "结对数",
    "component": "连通部分",
    "size": "组织数",
    "members_list": "组织",
    "outside": "体系外",
    "community": "社群",
    "community_n": "社群 {n}",
}

#: the headline figures compared with targets
TARGET_LABELS: dict[str, str] = {
    "alliances": "党建联盟",
    "members": "成员组织",
    "small": "小联动",
    "large": "大联动",
    "alliance": "联盟层面结对",
    "street": "街道层面结对",
    "brands": "特色品牌",
}

#: the member flags of the coverage page, in the order shown
GAP_LABELS: dict[str, str] = {
    "no_pairing": "没有进行中结对",
    "only_ended": "结对均已结束",
    "no_small": "尚无小联动",
    "no_large": "尚无大联动",
}

#: the analysis report's steps as the progress bar names them
REPORT_STEP_LABELS: dict[str, str] = {
    "graph": "结对网络",
    "degree": "度中心性",
    "betweenness": "中介中心性",
    "pagerank": "PageRank",
    "closeness": "接近中心性",
    "brokers": "桥梁组织",
    "structure": "关键节点与连通部分",
    "communities": "社群发现",
    "coverage": "覆盖",
    "plan": "结对计划",
    "done": "完成",
}

# --- safe reading: bounded, clean import (issues 15 and 18) ---
MESSAGES.update({
    "safe_file_too_big": "文件“{file}”有 {size}，超过导入上限 {cap} MB（设置 LIANMENG_IMPORT_MAX_FILE_MB）：请拆成几个文件分别导入，或请管理员调高上限。",
    "safe_out_of_memory": "读取文件“{file}”时内存不足：文件过大或已损坏，请检查文件或拆成几个文件导入。",
    "safe_damaged": "无法读取文件“{file}”：文件已损坏（{reason}）。请用 Excel 或 WPS 打开后另存为 .xlsx（或重新导出 CSV）再导入。",
    "safe_damaged_sheet": "无法读取文件“{file}”的工作表“{sheet}”：内容已损坏。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。",
    "safe_not_zip": "无法打开{what}“{file}”：文件已损坏或不是 {kind} 格式。{hint}",
    "safe_hint_book": "请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。",
    "safe_hint_zip": "请重新压缩后再导入。",
    "safe_too_many_members": "文件“{file}”中有 {count} 个成员文件，超过上限 {cap}（设置 LIANMENG_IMPORT_MAX_MEMBERS）：请只放入按模板填写的文件。",
    "safe_encrypted": "文件“{file}”中的“{member}”设有密码（已加密）：请解除密码后重新压缩再导入。",
    "safe_encrypted_book": "工作簿“{file}”设有打开密码：请在 Excel 或 WPS 中取消密码、另存后再导入。",
    "safe_method": "文件“{file}”中的“{member}”使用了不支持的压缩方式（编号 {method}）：请用系统自带的“压缩”功能或 Excel/WPS 重新保存。",
    "safe_member_too_big": "文件“{file}”中的“{member}”解压后超过 {cap} MB（设置 LIANMENG_IMPORT_MAX_MEMBER_MB），已停止读取：请检查文件，或拆成几个文件导入。",
    "safe_total_too_big": "文件“{file}”解压后合计 {size}，超过上限 {cap} MB（设置 LIANMENG_IMPORT_MAX_MEMBER_MB），已停止读取：请拆成几个文件分别导入。",
    "safe_ratio": "文件“{file}”中的“{member}”压缩比约 {ratio} 倍，超过上限 {cap} 倍（设置 LIANMENG_IMPORT_MAX_RATIO），疑似“压缩炸弹”，已停止读取：请检查文件来源。",
    "safe_bad_member": "文件“{file}”中的“{member}”已损坏（校验失败或数据不完整）：请重新保存或重新压缩后再导入。",
    "safe_too_many_rows": "文件“{file}”的工作表“{sheet}”有 {count} 行数据，超过上限 {cap} 行（设置 LIANMENG_IMPORT_MAX_ROWS）：请拆成几个文件分别导入。",
    "safe_cell_too_long": "文件“{file}”的工作表“{sheet}”第 {row} 行有一个单元格长 {length} 个字符，超过上限 {cap}（设置 LIANMENG_IMPORT_MAX_CELL）：请删减该单元格的内容。",
    "safe_bad_csv": "文件“{file}”第 {row} 行不是有效的 CSV（引号不成对或含有空字符）：请用 Excel 另存为 CSV 后再导入。",
    "safe_control_refused": "“{field}”含有控制字符 {shown}（常由复制粘贴带入）：名称、编号与引用中不允许，请删去后重新导入。",
    "safe_control_stripped": "“{field}”含有控制字符 {shown}，已删去（制表符与换行保留）。",
    "safe_hidden_sheet": "工作表“{sheet}”是隐藏的，仍已读取：请确认其中的数据确应导入。",
    "safe_hidden_sheet_refused": "工作表“{sheet}”是隐藏的：按设置 LIANMENG_IMPORT_HIDDEN=refuse 不导入隐藏的内容，请取消隐藏或删除该表后再导入。",
    "safe_hidden_rows": "工作表“{sheet}”的第 {rows} 行是隐藏的，仍已读取：请确认这些行确应导入。",
    "safe_hidden_rows_refused": "工作表“{sheet}”的第 {rows} 行是隐藏的：按设置 LIANMENG_IMPORT_HIDDEN=refuse 不导入隐藏的内容，请取消隐藏或删除这些行后再导入。",
    "safe_snapshot_too_deep": "快照文件嵌套层数过多（超过 {cap} 层），不是导出的快照：请选择由“导出快照”生成的 JSON 文件。",
    "safe_snapshot_long_number": "快照文件含有一个 {digits} 位的数字，超过 {cap} 位，不是导出的快照：请选择由“导出快照”生成的 JSON 文件。",
    "safe_snapshot_constant": "快照文件含有 {value}，不是有效的数字：请选择由“导出快照”生成的 JSON 文件。",
    "safe_snapshot_too_big": "快照文件“{file}”有 {size}，超过导入上限 {cap} MB（设置 LIANMENG_IMPORT_MAX_FILE_MB）。",
    "safe_snapshot_record": "{table}第 {index} 条记录（{record}）的“{field}”含有控制字符 {shown}：名称、编号与引用中不允许，请删去后重新导入。",
    "safe_snapshot_stripped": "{table}第 {index} 条记录（{record}）的“{field}”含有控制字符 {shown}，已删去。",
})
# --- office files: Word, Excel, calendar and graph files as offices keep them ---
MESSAGES.update({
    "agreement_template_subject": "区域化党建结对共建协议书",
    "agreement_default_author": "联盟图谱",
    "agreement_subject": "{party_a} 与 {party_b} 结对共建",
    "agreements_title": "结对共建协议书（{count} 份）",
    "pack_subject": "{alliance} 联席会议材料",
    "template_too_large": "协议书模板“{path}”过大（{size}）：模板最多 {limit}，请删去大图片或多余内容后另存再试。",
    "calendar_alliance_name": "{alliance}·会议日历",
})

#: the Excel footer: page number and the day the file was written (&P, &N and &D are Excel's codes)
EXCEL_FOOTER = "第 &P 页，共 &N 页"
EXCEL_FOOTER_DATE = "导出日期：&D"

#: data-validation prompts of the import template (title ≤ 32, text ≤ 255 characters)
TEMPLATE_PROMPT_TITLE = "请从下拉列表中选择"
TEMPLATE_PROMPT = "可选：{choices}。也可留空。"
TEMPLATE_PROMPT_REQUIRED = "可选：{choices}。"
TEMPLATE_ERROR_TITLE = "不在可选范围内"
TEMPLATE_ERROR = "只能填写：{choices}。"
# --- analysis kernels: the estimate, the exact betweenness cached per revision ---
MESSAGES.update({
    "exact_progress": "精确中介中心性计算中：已完成 {done:.0%}",
    "structure_estimate": "估算：组织较多，{measure}先显示{method}的估算值。{quality}精确结果正在后台计算（已完成 {done:.0%}），算完后本页改用精确值。",
    "structure_estimate_quality_kadabra": "在 2 万个组织的城市网络上实测，估算的前 50 名有 76%–88% 与精确结果相同，全体排名的 Spearman 相关约 0.99。",
    "structure_estimate_quality_sampled": "抽样源点越多，估算越接近精确值。",
    "structure_exact_ready": "精确：{measure}已换成精确结果（数据版本 {revision}，后台计算用时 {seconds:.1f} 秒）。",
    "structure_exact_failed": "精确中介中心性的后台计算失败（{error}），本页继续显示估算值；可在命令行运行 lianmeng centrality --exact 重试。",
    "structure_exact_refresh": "刷新，查看精确结果是否已就绪",
    "structure_communities_compare": "社群由{method}从结对中发现（{count} 个，模块度 {modularity:.3f}，联盟划分为 {alliance_modularity:.3f}）：调整兰德指数 {ari:.3f} 与归一化互信息 {nmi:.3f} 越接近 1，说明结对形成的社群越贴合正式联盟，下表每行是一个社群、每列是一个联盟，数字为落在其中的组织数。",
})

#: the community methods as the 结构 page names them
COMMUNITY_METHOD_LABELS: dict[str, str] = {
    "louvain networkx": "Louvain 算法（NetworkX，固定种子）",
    "igraph Leiden": "Leiden 算法（igraph，优化模块度，固定种子的多次运行中取最好的一次）",
}

# --- readable explorer: graph panel, words, meetings tabs, downloads ---
#: the network document's own controls and side panel (passed into the page as data)
NETWORK_UI: dict[str, str] = {
    "search": "在图中查找组织（名称或拼音首字母）",
    "street_lines": "显示街道层面结对线",
    "close": "关闭",
    "alliance": "所属联盟",
    "scope": "范围",
    "unit": "单位",
    "contact": "联系人",
    "phone": "电话",
    "brands": "特色品牌",
    "pairings": "结对",
    "ranks": "中心性排名",
    "recommend": "推荐结对对象",
    "members": "成员组织",
    "none": "无",
    "open_org": "在“组织”页查看",
    "edit_org": "编辑该组织",
    "pair_org": "为其新增结对",
    "last_activity": "最近活动：{date}",
    "no_activity": "最近活动：暂无记录",
    "dormant": "休眠",
    "rank_text": "第 {rank} / {total} 名",
    "score_text": "得分 {score}",
    "no_match": "没有找到“{query}”",
    "matches": "找到 {count} 个",
    "hint": "点击节点查看详情；滚轮缩放，放大后显示全部名称",
    "frame_title": "结对网络图",
}

#: the alliance focus control of the network page: "all" and one option per sector
NETWORK_FOCUS_ALL = "全部"

#: audit tables: what each stored table is called
AUDIT_TABLE_LABELS: dict[str, str] = {
    "committees": "街道党工委",
    "subcommittees": "二级党委",
    "alliances": "联盟",
    "organisations": "组织",
    "pairings": "结对",
    "meetings": "会议",
    "rotations": "轮值安排",
    "rotation_exclusions": "轮值排除",
    "users": "用户",
    "meta": "数据库信息",
}

#: meeting status on the 会议 page
MEETING_STATUS_LABELS: dict[str, str] = {
    "held": "已召开",
    "planned": "计划",
}

MESSAGES.update({
    "net_focus_alliance": "聚焦联盟",
    "net_more_filters": "更多筛选（结对类型、范围、日期、节点大小）",
    "net_panel_hint": "点击图中的节点，在右侧查看该组织的概况、结对、中心性排名与推荐结对对象；悬停高亮其结对方。",
    "overview_about": "关于",
    "overview_delta_words": "较目标 {delta}",
    "overview_delta_equal": "与目标持平",
    "overview_target_caption": "每项下方为与目标（{target}）之差",
    "uploader_drop": "将文件拖到这里",
    "uploader_limit": "每个文件不超过 200 MB，可选 xlsx、csv、zip",
    "uploader_browse": "选择文件",
    "empty_table": "（无）",
    "audit_system": "系统",
    "audit_detail_pick": "查看明细（序号）",
    "meetings_tab_rotation": "轮值安排",
    "meetings_tab_records": "会议记录",
    "meetings_tab_pack": "材料包与日历",
    "meetings_tab_attendance": "出席情况",
    "meetings_view_only": "你的角色（{role}）只能查看；修改轮值安排、登记会议需由{allowed}操作。",
    "meetings_status_col": "状态",
    "meetings_rate_title": "各成员组织出席率",
    "meetings_alliance_rate_title": "各联盟联席会议出席率",
    "meetings_calendar_alliance": "下载本联盟日历（{alliance}，.ics，{count} 个会议）",
    "meetings_calendar_all": "下载全部联盟日历（.ics，{count} 个会议）",
    "help_betweenness": "中介中心性：一个组织有多少次处在另外两个组织之间的最短结对链上——越高，越像“桥梁”。",
    "help_pagerank": "PageRank：与重要的组织结对，自己也更重要——综合看结对的数量和对方的分量。",
    "help_modularity": "模块度：按联盟分组时，结对有多少集中在组内（-0.5 到 1，越高表示联盟内部越紧密）。",
    "help_adjusted_rand": "调整兰德指数：自动发现的社群与正式联盟有多一致（1 完全一致，0 与随机分组无异）。",
    "help_nmi": "归一化互信息：知道一个组织所属的社群，能在多大程度上推断它所属的联盟（0 到 1）。",
    "chart_ranking_title": "{measure}排名（前 {top} 名）",
    "chart_ledger_outcomes_title": "各联盟{metric}：{year} 年与 {previous} 年",
    "chart_ledger_trend_title": "每月志愿者人次",
    "chart_coverage_title": "各联盟小联动、大联动覆盖率",
    "chart_matrix_title": "联盟之间的大联动（空白格为尚无结对）",
    "chart_before_after_title": "结对方案实施前后：各项成员组织数",
    "chart_alliance_pairings_title": "各联盟进行中的小联动与大联动（结对数）",
    "chart_audit_title": "每日写入次数",
    "chart_import_title": "导入改动条数",
})
MESSAGES.update({
    "chart_outside": "联盟外单位",
})

#: stored fields the audit shows that the import sheets do not have
AUDIT_FIELD_LABELS: dict[str, str] = {
    "role": "角色",
    "email": "电子邮箱",
    "password_hash": "密码（已加密）",
    "created": "创建时间",
    "alliance_id": "所属联盟",
    "party_type": "党组织类别",
    "subcommittee": "二级党委",
    "kind": "类型",
    "excluded": "排除",
    "revision": "数据版本",
    "has_password": "已设密码",
}
MESSAGES.update({
    "audit_local_user": "本机用户（{name}）",
})

#: the 用户 page's table
USER_COLUMNS: dict[str, str] = {
    "name": "用户名",
    "role": "角色",
    "alliance": "所属联盟",
    "email": "电子邮箱",
    "created": "创建时间",
    "has_password": "已设密码",
}

#: a rotation slot whose meeting is recorded but dated after today
ROTATION_SOURCE_LABELS.update({"scheduled": "计划（已排期）"})
MESSAGES.update({
    "meetings_allowed_roles": "{alliance}的轮值主席、规划员或管理员",
})

# --- append-only audit, backups, exit codes, redaction, sessions ---

MESSAGES.update({
    "backup_reason_too_long": "备份原因太长（{length} 个字符）：最多 {max} 个字符，请写得简短些，例如 --reason nightly。",
    "backup_not_a_database": "不是可读的备份数据库文件（{detail}）",
    "backup_unwritable": "无法写入备份目录“{path}”：{reason}。请检查数据目录（LIANMENG_DATA_DIR）是否存在、可写、磁盘是否已满。",
    "backup_ambiguous": "有 {count} 个备份的名称以“{name}”开头，无法确定恢复哪一个：\n{candidates}\n请写出更长的开头或完整名称（lianmeng restore --list 列出全部）。",
    "backup_ambiguous_more": "\n  ……另有 {count} 个",
    "session_expired_or_revoked": "登录已失效（已退出、已过期或密码已更改），请重新登录。",
    "session_signin_needed": "请先登录联盟图谱。",
    "session_csrf_refused": "登录表单已过期或不是从本站打开的：请刷新登录页后重试。",
    "session_wait_address": "本机地址登录失败次数过多：请 {seconds} 秒后再试。",
    "session_signed_out": "已退出登录。",
    "restore_unreadable": "备份“{name}”无法读取，未作任何恢复：{reason}。请选择另一份备份（lianmeng restore --list）。",
})

# --- the street's own targets, edit forms, no lost updates ---------------------
FIELD_LABELS.update({
    "metric": "指标",
    "value": "目标值",
    "street": "街道",
    "research_topic": "课题调研",
})
TABLE_LABELS.update({"targets": "目标", "users": "用户"})
KIND_LABELS.update({"cross_street": "跨街道"})
ORG_TYPE_LABELS.update({"party_group": "党组", "joint_branch": "联合党支部"})
AUDIT_ACTION_LABELS.update({"targets": "设定目标"})
TARGET_LABELS.update({
    "member_small": "每个成员的小联动",
    "member_large": "每个成员的大联动",
})
MESSAGES.update({
    "overview_own_targets": "对照本街道的目标",
    "overview_no_targets": "本街道尚未设定目标：数字照常显示，不作“达标/未达标”判断。可在下方设定目标，或在导入表格的“目标”工作表中填写。",
    "targets_form": "设定目标",
    "targets_form_help": "留空表示不设该项目标（不作判断）。",
    "targets_save": "保存目标",
    "targets_saved": "目标已保存（版本 {revision}）。",
    "targets_unchanged": "目标没有改动。",
    "target_member_caption": "每个成员组织至少 {small} 个小联动、{large} 个大联动。",
    "import_unknown_metric": "未知的指标“{value}”：可填 {names}。",
    "import_target_needs_metric": "“指标”不能为空：请填写 {names} 之一。",
    "import_target_needs_value": "“目标值”不能为空：请填写 0 或以上的整数；不设目标请删除这一行。",
    "duplicate_target": "同一街道的“{metric}”目标出现了两次：请只保留一行。",
    "edit_heading": "修改数据",
    "edit_tab_org": "编辑本组织",
    "edit_tab_new": "新增组织",
    "edit_tab_pair": "新增结对",
    "edit_tab_end": "修改或结束结对",
    "edit_save_org": "保存组织",
    "edit_add_org": "新增组织",
    "edit_saved": "已保存（版本 {revision}）。",
    "edit_no_alliance": "（不属于联盟）",
    "edit_list_help": "每行一项",
    "edit_partner": "结对对象（乙方）",
    "edit_declared": "声明类型（可不选，由程序判断）",
    "edit_declared_auto": "由程序判断",
    "edit_kind_preview": "结对类型：{kind}",
    "edit_save_pair": "保存结对",
    "edit_end_pick": "要结束的结对",
    "edit_end_until": "结束日期（必填）",
    "edit_end_button": "结束结对",
    "edit_no_active": "本组织没有进行中的结对。",
    "edit_needs_planner": "修改数据需要“规划”或“管理员”角色（轮值主席可修改本联盟的成员组织及其结对）。",
    "edit_needs_own_alliance": "轮值主席只能修改本联盟（{alliance}）的成员组织及其结对。",
    "committee_cycle": "党委“{name}”的上级形成了循环（{chain}）：请改正“上级”，使上级关系最终到达区委或街道党工委。",
    "street_all": "全区",
    "street_pick": "街道",
    "district_title": "全区各街道",
    "district_cross_street": "跨街道结对",
    "district_caption": "全区共 {streets} 个街道；跨街道结对 {cross} 对（进行中）。",
    "replace_deletes": "以文件替换全部数据将删除以下记录（共 {total} 条），此操作会先自动备份：",
    "replace_deletes_line": "{table}：删除 {count} 条（{names}{more}）",
    "replace_confirm": "请输入街道名称“{street}”以确认替换",
    "replace_confirm_wrong": "输入的名称与“{street}”不一致：请输入街道名称后再应用。",
    "restore_heading": "备份与恢复",
    "restore_caption": "每次导入、应用方案、恢复之前都会自动备份。恢复会先备份当前状态，并记入审计。",
    "restore_pick": "要恢复的备份",
    "restore_confirm": "我确认用此备份替换当前全部数据",
    "restore_button": "恢复此备份",
    "restore_done": "已恢复备份 {name}（数据版本 {revision}）；恢复前的状态已备份为 {before}。",
    "restore_none": "还没有备份。",
    "col_backup_time": "时间",
    "col_backup_reason": "原因",
    "col_backup_revision": "数据版本",
    "col_backup_actor": "操作人",
    "col_backup_counts": "条数",
    "plan_confirm_title": "确认应用结对方案",
    "plan_confirm_body": "将一次新增 {n} 对结对（应用前自动备份，可恢复）：",
    "plan_confirm_button": "确认应用",
    "net_edit_selected": "编辑此组织（结对、结束结对）",
    "structure_form": "联盟与党委",
    "structure_alliance_pick": "编辑联盟",
    "structure_committee_pick": "编辑党委",
    "structure_new": "（新增）",
    "structure_save_alliance": "保存联盟",
    "structure_save_committee": "保存党委",
    "edit_pair_content": "修改结对内容与日期",
    "edit_pair_save": "保存结对内容",
    "form_look_alike": "注意：“{name}”与已有的“{other}”只差全角/半角字符或空格，是否同一个组织？（已按您输入的保存）",
    "import_applying": "校验通过，正在备份并写入（版本 {revision}）……",
    "backup_moved": "备份时数据正在被修改（版本 {expected} → {actual}）：没有保留这份备份。请稍后重试。",
    "import_changed_meanwhile": "数据在您检查之后已被他人修改（版本 {expected} → {actual}）：本次导入没有写入任何内容。请重新运行导入命令（会按最新数据重新校验）。",
})

# --- the work inside the pairings: activities, projects, action days, service teams ---

ACTIVITY_CATEGORY_LABELS: dict[str, str] = {
    "volunteer": "志愿服务",
    "joint": "共建活动",
    "consultation": "议事协商",
    "study": "学习培训",
    "visit": "走访慰问",
    "donation": "捐赠",
    "other": "其他",
}

PROJECT_STATUS_LABELS: dict[str, str] = {
    "proposed": "立项",
    "in_progress": "推进中",
    "done": "已完成",
    "evaluated": "已评估",
}

FIELD_LABELS.update({
    "title": "活动名称",
    "category": "类别",
    "pairing": "结对",
    "action_day": "统一行动日",
    "team": "服务队",
    "organisations": "参与组织",
    "people_served": "服务群众人次",
    "volunteers": "志愿者人次",
    "donated": "捐助金额（元）",
    "place": "地点",
    "year": "年度",
    "problem": "聚焦问题",
    "lead": "牵头单位",
    "partners": "合作单位",
    "start": "启动日期",
    "budget": "预算（元）",
    "raised": "筹集资金（元）",
    "evaluator": "评估单位",
    "score": "评估得分",
    "comments": "评估意见",
    "milestones": "里程碑",
    "progress": "季度进展",
    "milestone": "里程碑",
    "due": "计划完成日期",
    "done": "实际完成日期",
    "text": "进展",
    "theme": "主题",
    "places": "地点",
    "leader": "队长单位",
    "members": "成员单位",
    "specialities": "服务专长",
})

TABLE_LABELS.update({"action_days": "统一行动日", "service_teams": "联动服务队", "projects": "共治项目",
                     "activities": "活动"})

MESSAGES.update({
    "activity_needs_owner": "活动“{title}”没有写明属于哪个结对、联盟、共治项目、统一行动日或服务队，也没有参与组织：请至少填写一项。",
    "milestone_before_start": "里程碑“{milestone}”的完成日期 {done} 早于项目启动日期 {start}：请改正完成日期或启动日期。",
    "evaluated_needs_score": "共治项目“{name}”状态为“已评估”，但没有评估得分：请填写 0–100 的评估得分，或把状态改为“已完成”。",
    "ledger_unknown_organisation": "找不到组织“{value}”：请填写已有组织的名称或编号（可先在“组织”表中添加）。",
    "ledger_unknown_pairing": "找不到结对“{value}”：请填写结对编号，或写成“甲方—乙方”（双方名称，中间用 — 或 / 分隔）。",
    "ledger_negative": "“{field}”为 {value}：人次和金额不能为负数，请填写 0 或正数。",
    "ledger_pairing_ambiguous": "“{value}”之间有多个结对（{ids}）：请填写结对编号。",
    "ledger_unknown_project": "找不到共治项目“{value}”：请填写“项目”表中的项目名称或编号。",
    "ledger_unknown_action_day": "找不到统一行动日“{value}”：请填写“行动日”表中的主题、日期或编号。",
    "ledger_unknown_team": "找不到服务队“{value}”：请填写“服务队”表中的队名或编号。",
    "ledger_milestone_needs_project": "里程碑没有写明所属项目：请填写“项目”表中的项目名称或编号。",
    "ledger_score_range": "评估得分 {value} 超出范围：请填写 0 到 100 之间的数。",
    "ledger_dormant_count": "休眠结对 {count} 对（{months} 个月内没有活动）",
    "ledger_dormant_heading": "休眠结对（{months} 个月内没有活动；括号内为最近一次活动）",
    "ledger_never": "从未有活动",
    "reason_revive": "重新激活休眠结对（最近一次活动：{last}）：同样补上缺口，无需新签协议",
    "ledger_stats_line": "{year} 年成效：活动 {activities} 次，服务群众 {people_served} 人次，志愿者 {volunteers} 人次，"
                         "捐助 {donated:,.0f} 元，完成共治项目 {projects_finished} 个",
    "ledger_bad_day": "日期“{value}”无法识别：请写成 2026-03-01 这样的日期。",
    # 共治项目 missing for the year ("一年以一个重大项目解决一个重要问题")
    "gaps_heading_no_project": "{year} 年尚无共治项目的联盟",
    "ledger_no_project_warning": "{year} 年尚未确定共治项目的联盟：{names}。“一年以一个重大项目解决一个重要问题”：请在联席会议上立项，并在“项目”表中登记。",
    # 统一行动日 as a meeting (会议) and as a ledger record: one thing
    "action_day_meeting_theme": "{date} 统一行动日",
    "action_day_meeting_needs_day": "统一行动日会议（{date}）没有写明是哪一次统一行动日：请在“统一行动日”一栏填写“行动日”表中的主题、日期或编号。",
    "action_day_meeting_kind": "会议“{id}”写明了统一行动日“{value}”，但类型不是统一行动日：请把类型改为“统一行动日”，或清空这一栏。",
})

#: the 工作台账 page's table columns, in the order shown
LEDGER_COLUMNS: dict[str, str] = {
    "date": "日期",
    "title": "活动名称",
    "category": "类别",
    "pairing": "结对",
    "alliance": "联盟",
    "project": "共治项目",
    "action_day": "统一行动日",
    "team": "服务队",
    "organisations": "参与组织",
    "people_served": "服务群众人次",
    "volunteers": "志愿者人次",
    "donated": "捐助金额（元）",
    "place": "地点",
    "note": "备注",
    "id": "编号",
}

#: outcome figures as people call them
LEDGER_METRIC_LABELS: dict[str, str] = {
    "name": "名称",
    "activities": "活动次数",
    "people_served": "服务群众人次",
    "volunteers": "志愿者人次",
    "donated": "捐助金额（元）",
    "projects_finished": "完成共治项目",
    "change_activities": "活动次数同比",
}

MESSAGES.update({
    "ledger_title": "工作台账",
    "ledger_caption": "结对、联盟、共治项目与统一行动日下开展的活动；人次与金额按年汇总。",
    "ledger_empty": "还没有记录任何活动：可在下方登记，或在“导入数据”页导入“活动”工作表。",
    "ledger_filter_year": "年度",
    "ledger_filter_alliance": "联盟",
    "ledger_filter_category": "类别",
    "ledger_filter_text": "搜索活动名称、地点、备注",
    "ledger_any": "全部",
    "ledger_count": "共 {count} 条活动：服务群众 {people_served} 人次，志愿者 {volunteers} 人次，捐助 {donated:,.0f} 元。",
    "ledger_download": "下载 Excel",
    "ledger_report_make": "生成 {year} 年度工作报告",
    "ledger_report_making": "正在生成 {year} 年度工作报告（含图表）……",
    "ledger_report_download": "下载 {year} 年度工作报告（Word）",
    "ledger_outcomes": "{year} 年成效（与 {previous} 年相比）",
    "ledger_form": "登记活动",
    "ledger_form_submit": "保存活动",
    "ledger_form_pairing": "所属结对",
    "ledger_form_none": "（无）",
    "ledger_saved": "已记录活动“{title}”（{date}），数据版本 {revision}。",
    "ledger_form_denied": "只有规划人员、管理员，以及本联盟的轮值主席可以登记活动。",
    "ledger_chair_only_alliance": "轮值主席只能登记本联盟（{alliance}）的活动。",
    "ledger_overview_outcomes": "年度成效（{year} 年，同比 {previous} 年）",
    "ledger_previous_year": "{year} 年：{value}",
    "ledger_bad_category": "活动类别“{value}”无法识别：可填 {choices}。",
    "ledger_dormant_title": "休眠结对",
    "ledger_dormant_caption": "进行中、已满 {months} 个月却在最近 {months} 个月内没有活动的结对，可优先“重新激活”，不必新建结对。",
    "ledger_dormant_none": "没有休眠结对。",
    "ledger_metric_paired_active": "结对且活跃",
    "action_record_activity": "登记活动",
    "activities_written": "已导出 {count} 条活动到 {path}",
})

AUDIT_ACTION_LABELS.update({"record_activity": "记录活动"})
NETWORK_LABELS.update({"dormant": "休眠（近期没有活动）"})

#: the 覆盖 page's dormant pairings and activity columns
DORMANT_COLUMNS: dict[str, str] = {
    "party_a": "甲方",
    "party_b": "乙方",
    "kind": "类型",
    "since": "开始日期",
    "last_activity": "最近一次活动",
    "alliance": "联盟",
    "paired": "已结对成员",
    "paired_active": "结对且活跃",
}

PACK_LABELS.update({  # the chair's pack's ledger part
    "quarter_activities": "本季度活动",
    "activity_date": "日期",
    "activity_title": "活动",
    "activity_category": "类别",
    "activity_orgs": "参与组织",
    "activity_served": "服务人次",
    "activity_volunteers": "志愿者人次",
    "activity_donated": "捐助（元）",
    "milestones": "共治项目里程碑",
    "milestone": "里程碑",
    "milestone_due": "计划完成",
    "milestone_done_on": "实际完成",
    "milestone_state": "状态",
    "milestone_done": "已完成",
    "milestone_late": "逾期",
    "milestone_open": "未到期",
})

#: the yearly report (年度工作报告): headings, labels, sentences
REPORT_LABELS: dict[str, str] = {
    "title": "区域化党建工作报告",
    "subtitle": "（{year} 年度党建峰会材料）",
    "section_1": "一、街道基本情况",
    "section_2": "二、年度成效",
    "section_3": "三、共治项目及其评估",
    "section_4": "四、统一行动日与联动服务队",
    "section_5": "五、特色品牌",
    "section_6": "六、最活跃与最不活跃的组织和结对",
    "section_7": "七、各联盟同比",
    "none": "无",
    "item": "项目",
    "value": "数量",
    "alliances": "党建联盟",
    "members": "成员党组织",
    "outside": "体系外结对单位",
    "large": "大联动",
    "brands": "特色品牌",
    "metric": "指标",
    "change": "同比",
    "outcome_sentence": "{year} 年，区域单位参与社区服务 {volunteers} 人次，服务群众 {people} 人次，向社区捐助资金 {donated} 元，"
                        "开展活动 {activities} 次，完成共治项目 {projects} 个。",
    "chart_volunteers": "{year} 年各联盟志愿者人次（与上年对比）",
    "chart_months": "{year} 年每月志愿者人次",
    "unit_times": "人次",
    "figure_1": "图 1  {year} 年各联盟志愿者人次",
    "figure_2": "图 2  {year} 年每月志愿者人次",
    "no_project": "{year} 年尚未确定共治项目（“一年以一个重大项目解决一个重要问题”：请在联席会议上立项）。",
    "project": "项目",
    "problem": "聚焦问题",
    "lead": "牵头单位",
    "partners": "合作单位",
    "status": "状态",
    "money": "资金",
    "money_value": "预算 {budget} 元，已筹集 {raised} 元",
    "milestone": "里程碑",
    "due": "计划完成",
    "done": "实际完成",
    "not_done": "未完成",
    "evaluation": "第三方评估",
    "evaluation_value": "{evaluator}，得分 {score}",
    "not_evaluated": "尚未评估",
    "comments": "评估意见",
    "day": "日期",
    "theme": "主题",
    "places": "地点",
    "team_activities": "活动次数",
    "served": "服务群众人次",
    "team": "服务队",
    "alliance": "联盟",
    "leader": "队长单位",
    "specialities": "服务专长",
    "brands_sentence": "成员党组织共有特色品牌 {brands} 项，每个党组织至少一项。",
    "brand_count": "品牌数",
    "brand_examples": "代表品牌",
    "and_more": "等",
    "name": "名称",
    "most_orgs": "最活跃的成员党组织",
    "least_orgs": "最不活跃的成员党组织",
    "most_pairings": "最活跃的结对",
    "least_pairings": "最不活跃的结对",
    "section_8": "八、三项工作机制",
    "mech_needs": "（一）供需清单",
    "mech_kind": "类别",
    "mech_published": "发布",
    "mech_need_open": "待认领",
    "mech_need_claimed": "已认领",
    "mech_need_fulfilled": "已完成",
    "mech_need_closed": "已关闭",
    "mech_need_lapsed": "已过期",
    "mech_problems": "（二）群众诉求（一、三、十五工作日）",
    "mech_problems_sentence": "全年受理群众诉求 {received} 件；截至 {day}，办结或已有结论 {final} 件，其中三个时限全部按时的"
                              " {on_time} 件，按时率 {rate}；逾期未办 {overdue} 件。",
    "mech_received": "受理",
    "mech_final": "有结论",
    "mech_on_time": "按时",
    "mech_rate": "按时率",
    "mech_overdue": "逾期",
    "mech_outside": "体系外",
    "mech_pioneer": "（三）先锋指数",
    "mech_pioneer_sentence": "{round}：{orgs} 个组织共收到 {responses} 份测评，平均指数 {mean}；低于预警线 {threshold} 的 {alerts} 个。"
                             "指数最高的五个组织如下。",
    "mech_index": "先锋指数",
    "mech_responses": "测评份数",
}
MESSAGES.update({
    "report_written": "已写出 {year} 年度工作报告：{path}",
    "need_letter_notice": "告知书",
    "need_letter_claim": "认领书",
    "report_needs_docx": "年度工作报告只能写成 Word 文件：请用 .docx 结尾的文件名（如 {year}年度工作报告.docx）。",
})


# --- needs, residents' problems, pioneer index ---------------------------------
NEED_KIND_LABELS: dict[str, str] = {"need": "需求", "resource": "资源"}
NEED_STATUS_LABELS: dict[str, str] = {
    "open": "待认领", "claimed": "已认领", "fulfilled": "已完成", "closed": "已关闭", "lapsed": "已过期",
}
CHANNEL_LABELS: dict[str, str] = {
    "visit": "来访", "phone": "电话", "online": "网上信访", "door": "走访", "council": "议事会", "other": "其他",
}
PROBLEM_STATUS_LABELS: dict[str, str] = {
    "received": "受理", "first_reply": "初步答复", "clear_answer": "明确答复",
    "resolved": "已解决", "unresolvable": "不能解决", "closed": "销号",
}
#: verdict of one deadline of the 一、三、十五 clock
VERDICT_LABELS: dict[str, str] = {
    "on_time": "按时", "late": "超时", "pending": "未到期", "overdue": "已逾期", "due_today": "今日到期",
}
#: the three deadlines of a problem
DEADLINE_LABELS: dict[str, str] = {"first_reply": "当天初步答复", "clear_answer": "三个工作日明确答复",
                                   "solved": "十五个工作日解决"}
FIELD_LABELS.update({
    "title": "标题", "category": "类别", "description": "说明", "quantity": "数量/时间",
    "claimed_by": "认领单位", "claimed_on": "认领日期", "fulfilled_on": "完成日期", "closed_on": "关闭日期",
    "received": "受理日期", "channel": "渠道", "text": "诉求内容", "first_reply_on": "初步答复日期",
    "clear_answer_on": "明确答复日期", "resolved_on": "解决日期", "unresolvable": "不能解决",
    "explanation": "解释", "period": "测评期", "questions": "测评题目", "weights": "权重",
    "scale_min": "最低分", "scale_max": "最高分", "threshold": "预警线", "round": "测评轮次",
    "scores": "得分", "respondent": "答卷人", "workday": "是否上班",
})
TABLE_LABELS.update({
    "calendar_days": "工作日调整", "supply_demand": "供需清单", "resident_problems": "群众诉求",
    "pioneer_rounds": "先锋指数测评", "pioneer_responses": "先锋指数答卷",
})
MESSAGES.update({
    "calendar_unknown_year": "{years} 年的放假安排本程序尚不知道（chinese-calendar 只到 {last} 年）：这些年份只按周末计算工作日，调休与节假日请在“工作日调整”中补录。",
    "need_claim_self": "“{title}”是本单位发布的，不能由本单位认领：认领单位须是另一家单位。",
    "need_claim_without_date": "“{title}”有认领单位但没有认领日期：请填写认领日期。",
    "need_date_without_claim": "“{title}”没有认领单位，却填写了{field}：请先填写认领单位。",
    "need_claim_after_close": "“{title}”已于 {closed} 关闭，不能再认领（认领日期 {claimed}）：请另行发布新的供需项目。",
    "need_closed_claim": "“{title}”已关闭，不能认领：请另行发布新的供需项目。",
    "need_already_claimed": "“{title}”已由“{by}”认领：不能重复认领。",
    "need_date_order": "“{title}”的{later}（{later_date}）早于{earlier}（{earlier_date}）：请检查日期。",
    "need_alliance_mismatch": "“{title}”的所属联盟应与发布单位“{org}”一致（{expected}），而不是“{value}”。",
    "need_not_claimed": "“{title}”尚未认领，不能标记完成：请先认领。",
    "need_not_found": "没有编号为“{id}”的供需项目：请用 `lianmeng needs list --json` 查看编号。",
    "problem_step_before_received": "这条诉求的{field}（{value}）早于受理日期（{received}）：不能在受理之前办理或销号。",
    "problem_step_order": "这条诉求的{later}（{later_date}）早于{earlier}（{earlier_date}）：请按 受理 → 初步答复 → 明确答复 → 已解决/不能解决 → 销号 的顺序填写日期。",
    "problem_step_missing": "这条诉求填写了{later}，但缺少{earlier}：请补上{earlier}。",
    "problem_unresolvable_needs_explanation": "这条诉求标为“不能解决”，须附上解释：请填写解释。",
    "problem_not_found": "没有编号为“{id}”的诉求：请用 `lianmeng problems list --json` 查看编号。",
    "problem_bad_step": "诉求当前为“{status}”，不能直接进入“{step}”：请按 受理 → 初步答复 → 明确答复 → 已解决/不能解决 → 销号 的顺序办理。",
    "problem_alliance_mismatch": "这条诉求的所属联盟应与责任单位“{org}”一致（{expected}），而不是“{value}”。",
    "pioneer_weights_count": "测评“{round}”有 {questions} 道题，却有 {weights} 个权重：每道题一个权重。",
    "pioneer_weight_negative": "测评“{round}”的权重不能为负数或全为 0。",
    "pioneer_scale": "测评“{round}”的最高分（{high}）须大于最低分（{low}）。",
    "pioneer_period": "测评期“{value}”格式不对：请写 2026（全年）、2026H1（上半年）或 2026H2（下半年）。",
    "pioneer_score_count": "答卷有 {got} 个得分，而测评“{round}”有 {expected} 道题：每道题一个得分。",
    "pioneer_score_range": "得分 {value} 超出测评“{round}”的分值范围 {low}～{high}：请改正。",
    "pioneer_unknown_round": "没有编号或测评期为“{value}”的先锋指数测评：请先在“先锋指数”页或 `lianmeng pioneer` 建立测评。",
    "calendar_day_kind": "“{value}”不是有效的类型：请写“上班”或“放假”。",
    "pairing_already": "“{a}”与“{b}”已有进行中的结对，不需要再建。",
    "needs_none_open": "目前没有待认领的需求。",
    "problems_none_overdue": "目前没有逾期的诉求。",
    "problem_text_hidden": "（诉求内容仅对规划人员和联盟主席显示）",
})
MESSAGES.update({  # reasons of the needs ↔ resources matching
    "reason_same_category": "类别相同：{category}",
    "reason_similar_title": "内容相近：“{need}”与“{resource}”",
    "reason_weak_strong": "先锋指数较低的“{weak}”（{weak_index}）与较高的“{strong}”（{strong_index}）结对，以强带弱",
    "reason_not_yet_paired": "两家尚未结对：认领后可建立{kind}结对",
    "reason_already_paired": "两家已经结对",
})
MESSAGES.update({  # actions and results of the operations
    "action_edit_needs": "发布、认领、关闭供需项目",
    "action_edit_problems": "办理群众诉求",
    "action_read_problem_text": "查看诉求内容",
    "need_published": "已发布“{title}”（{kind}，{quarter}）。",
    "need_claimed": "“{title}”已由“{by}”认领（{on}）。",
    "need_fulfilled": "“{title}”已完成（{on}）。",
    "need_closed": "“{title}”已关闭（{on}）。",
    "pairing_from_claim": "已根据认领建立结对：“{a}”与“{b}”（{kind}，{since} 起）。",
    "pairing_not_suggested": "“{a}”与“{b}”已经结对或不能结对，不建议新结对。",
    "problem_moved": "诉求 {id} 已进入“{status}”（{on}）。",
    "problem_added": "已受理诉求 {id}（{received}，{channel}）。",
    "survey_imported": "已导入先锋指数答卷 {n} 份（{round}）。",
    "survey_bad_file": "无法读取答卷表“{path}”：{reason}",
    "unknown_organisation_ref": "没有名称或编号为“{value}”的组织：请检查拼写，或先在“组织”表中添加它。",
    "need_unknown_kind": "“{value}”不是有效的类型：请写“需求”或“资源”。",
    "problem_unknown_channel": "“{value}”不是有效的渠道：可写 来访、电话、网上信访、走访、议事会、其他。",
    "problem_unknown_step": "“{value}”不是有效的办理步骤：可写 初步答复、明确答复、已解决、不能解决、销号。",
    "sheet_bad_date": "“{value}”不是日期：请写成 2026-10-09 这样的日期。",
    "sheet_bad_number": "“{value}”不是数字：请填写数字得分。",
    "sheet_missing_column": "缺少必填列“{column}”：请按模板补上这一列。",
    "sheet_blank": "“{column}”不能为空。",
})
MESSAGES.update({
    "need_pairing_content": "供需认领：{title}",
    "mechanisms_read_only": "你的角色只能查看：发布、认领、办理须由规划人员或本联盟的轮值主席操作。",
})
AUDIT_ACTION_LABELS.update({
    "publish_need": "发布供需", "claim_need": "认领供需", "fulfil_need": "完成供需", "close_need": "关闭供需",
    "pair_from_claim": "认领结对", "receive_problem": "受理诉求", "advance_problem": "办理诉求",
    "pioneer_round": "先锋指数测评",
})
#: titles, labels and columns of the 供需 / 诉求 / 先锋指数 pages and the overview
MECHANISM_LABELS: dict[str, str] = {
    "needs_title": "供需清单", "problems_title": "群众诉求", "pioneer_title": "先锋指数",
    "today": "按哪天查看", "board": "看板", "publish": "发布", "handle": "认领与办结", "pairings": "认领结对",
    "open_needs": "待认领的需求与匹配资源", "claimed": "认领中", "fulfilled": "已完成待关闭", "closed": "已关闭",
    "lapsed": "已过期（季度结束未认领）", "resources_open": "待认领的资源", "matches": "匹配资源",
    "organisation": "单位", "kind": "类型", "quarter": "季度", "title": "标题", "category": "类别",
    "description": "说明", "quantity": "数量/时间", "contact": "联系人", "item": "供需项目", "action": "操作",
    "claim": "认领", "fulfil": "完成", "close": "关闭", "claimant": "认领单位", "date": "日期", "note": "备注",
    "submit": "提交", "make_pairing": "建立结对", "no_suggestions": "目前没有可建议的新结对。",
    "score": "得分", "reasons": "理由", "status": "状态", "received": "受理日期", "channel": "渠道",
    "text": "诉求内容", "verdict": "结论", "first_reply": "初步答复期限", "clear_answer": "明确答复期限",
    "solved": "解决期限", "overdue": "逾期诉求", "due_today": "今日到期", "all": "全部诉求",
    "receive": "受理新诉求", "advance": "办理", "step": "步骤", "explanation": "解释（不能解决时必填）",
    "rates": "按时率（按受理季度）", "by_alliance": "按联盟", "by_org": "按单位", "counted": "已定论",
    "on_time": "按时", "rate": "按时率", "round": "测评轮次", "alliance": "联盟", "rank": "联盟内名次",
    "mean": "先锋指数", "band": "95% 置信区间", "n": "答卷数", "change": "同比", "alert": "预警",
    "alerts": "低于预警线的组织", "upload": "导入答卷表（每行一位居民）", "imported": "导入完成",
    "new_round": "新建测评", "period": "测评期", "questions": "题目（用分号分隔）", "weights": "权重（用分号分隔，可空）",
    "scale_min": "最低分", "scale_max": "最高分", "threshold": "预警线", "no_rounds": "还没有先锋指数测评。",
    "overview_section": "群众诉求与供需", "overview_overdue": "逾期诉求", "overview_due_today": "今日到期诉求",
    "overview_open_needs": "待认领需求", "none": "无", "errors": "导入失败：请按下表改正后重新上传，未写入任何数据。",
    "sheet": "工作表", "row": "行", "column": "列", "value": "值", "message": "说明",
    "pairing_done": "已建立结对", "all_alliances": "全部联盟", "problem_id": "诉求编号",
    "letters": "告知书与认领书", "notice": "下载告知书（Word）", "claim_form": "下载认领书（Word）",
}
PACK_LABELS.update({
    "mechanisms": "供需、诉求与先锋指数", "open_needs": "待认领的需求与资源", "overdue": "逾期诉求",
    "ranking": "先锋指数排名", "need_kind": "类型", "problem": "编号", "received": "受理日期",
    "clear_due": "明确答复期限", "solve_due": "解决期限", "rank": "名次", "index": "先锋指数", "responses": "答卷数",
    "alert": "预警", "as_of": "截至", "need_title": "供需项目",
})
