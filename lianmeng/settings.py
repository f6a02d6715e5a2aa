"""One settings object, read from environment variables, every setting with a default.

:data:`SETTINGS` lists each variable with its default and a line of description; the
README's settings table is checked against it by the tests, so a new setting must be
added in both places.

>>> settings = Settings.from_env({})
>>> settings.store, settings.sign_in_mode(), settings.sign_in_mode("0.0.0.0")
('embedded', 'off', 'password')
>>> Settings.from_env({"LIANMENG_PORT": "八千"})
Traceback (most recent call last):
...
lianmeng.settings.SettingsError: LIANMENG_PORT 的值“八千”不是整数：请填写 1–65535 的整数。
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

__all__ = ["SETTINGS", "SettingSpec", "Settings", "SettingsError", "AUTH_MODES", "LOCAL_HOSTS", "STORE_KINDS",
           "redact"]


@dataclass(frozen=True)
class SettingSpec:
    env: str
    attr: str
    default: str
    description: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("LIANMENG_STORE", "store", "embedded", "数据库后端：embedded（内置 SQLite）或 neo4j"),
    SettingSpec("LIANMENG_DATA_DIR", "data_dir", "./data", "数据目录：内置数据库文件、备份与开发用 Neo4j 数据"),
    SettingSpec("NEO4J_URI", "neo4j_uri", "bolt://127.0.0.1:7687", "Neo4j 地址（bolt://、neo4j://、neo4j+s:// 均可）"),
    SettingSpec("NEO4J_USER", "neo4j_user", "neo4j", "Neo4j 用户名"),
    SettingSpec("NEO4J_PASSWORD", "neo4j_password", "", "Neo4j 密码（本地开发服务器不需要）"),
    SettingSpec("NEO4J_DATABASE", "neo4j_database", "neo4j", "Neo4j 数据库名"),
    SettingSpec("LIANMENG_HOST", "host", "localhost", "浏览器界面监听的地址"),
    SettingSpec("LIANMENG_PORT", "port", "8501", "浏览器界面监听的端口"),
    SettingSpec("LIANMENG_BACKUP_KEEP", "backup_keep", "30", "保留的自动备份份数（更早的自动删除）"),
    SettingSpec("LIANMENG_AUTH", "auth", "auto",
                "登录：auto（仅监听本机时不登录，否则必须登录）、on（总要登录）、oidc（单位统一身份 st.login）"),
    SettingSpec("LIANMENG_SESSION_MINUTES", "session_minutes", "480", "登录后多少分钟过期，须重新登录"),
    SettingSpec("LIANMENG_NETWORK_DETAIL_MAX", "network_detail_max", "1500",
                "网络图超过这么多个节点时先显示联盟总览图（可再展开某个联盟）"),
    SettingSpec("LIANMENG_BETWEENNESS_EXACT_MAX", "betweenness_exact_max", "2000",
                "结对网络不超过此组织数时精确计算中介中心性，超过则抽样计算"),
    SettingSpec("LIANMENG_BETWEENNESS_SAMPLES", "betweenness_samples", "512", "抽样计算中介中心性时的源点数"),
    SettingSpec("LIANMENG_CLOSENESS_EXACT_MAX", "closeness_exact_max", "50000",
                "结对网络不超过此组织数时精确计算接近中心性，超过则抽样估算"),
    SettingSpec("LIANMENG_CLOSENESS_SAMPLES", "closeness_samples", "1024", "抽样估算接近中心性时的源点数"),
    SettingSpec("LIANMENG_LOG_LEVEL", "log_level", "INFO", "日志级别（DEBUG、INFO、WARNING、ERROR），日志写在数据目录的 logs/ 下"),
    SettingSpec("LIANMENG_IMPORT_MAX_FILE_MB", "import_max_file_mb", "50", "导入时单个文件（含上传）的最大大小（MB）"),
    SettingSpec("LIANMENG_IMPORT_MAX_MEMBER_MB", "import_max_member_mb", "100",
                "压缩包或工作簿解压后的最大大小（MB，单个成员与合计）"),
    SettingSpec("LIANMENG_IMPORT_MAX_RATIO", "import_max_ratio", "100", "压缩包成员的最大压缩比（解压后 ÷ 压缩后，超过 1 MB 的成员才检查）"),
    SettingSpec("LIANMENG_IMPORT_MAX_MEMBERS", "import_max_members", "1000", "压缩包或工作簿中最多的成员文件数"),
    SettingSpec("LIANMENG_IMPORT_MAX_ROWS", "import_max_rows", "200000", "每张工作表（或 CSV 文件）最多的行数"),
    SettingSpec("LIANMENG_IMPORT_MAX_CELL", "import_max_cell", "32767", "单元格最多的字符数（Excel 的上限为 32767）"),
    SettingSpec("LIANMENG_IMPORT_HIDDEN", "import_hidden", "warn",
                "隐藏的工作表和行：warn（照常导入并逐一提示）或 refuse（拒绝导入）"),
    SettingSpec("LIANMENG_CALENDAR_REMINDER_MINUTES", "calendar_reminder_minutes", "1440",
                "会议日历（.ics）提前多少分钟提醒；0 为不提醒"),
    SettingSpec("LIANMENG_COMPILED_MIN", "compiled_min", "500",
                "结对网络超过此组织数时，中介中心性、接近中心性、PageRank、关键节点与社群发现改用编译库（igraph、networkit、NumPy）计算，结果与 NetworkX 相同"),
    SettingSpec("LIANMENG_BETWEENNESS_ERROR", "betweenness_error", "0.001",
                "组织数超过精确上限时，中介中心性估算（KADABRA）的绝对误差上限（越小越准、越慢）"),
    SettingSpec("LIANMENG_BETWEENNESS_KADABRA_MAX", "betweenness_kadabra_max", "50000",
                "组织数超过此数时，中介中心性不再用 KADABRA 估算，改从 LIANMENG_BETWEENNESS_SAMPLES 个抽样源点计算（省级规模）"),
    SettingSpec("LIANMENG_DORMANT_MONTHS", "dormant_months", "6",
                "进行中的结对连续这么多个月没有活动即为“休眠”（issue 16）"),
    SettingSpec("LIANMENG_HIDE_PROBLEM_TEXT", "hide_problem_text", "on",
                "群众诉求内容对只读用户（viewer）隐藏：on 隐藏，off 显示"),
    SettingSpec("LIANMENG_TODAY", "today_text", "", "按哪天计算诉求期限与供需状态（空 = 今天；如 2026-11-20，演示与培训用）"),
    SettingSpec("LIANMENG_WATCH_SOURCES", "watch_sources", "off",
                "开发用：on 时浏览器界面监视源代码，页面文件改动后即时生效（每个新打开的页面多花约 0.5–1 秒服务器时间）；"
                "off 时改动在重启 lianmeng serve 后生效"),
)

HIDDEN_MODES = ("warn", "refuse")

AUTH_MODES = ("auto", "on", "oidc")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")

STORE_KINDS = ("embedded", "neo4j")


_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)[^\s/@'\"<>]+@")
_SECRET_QUERY = re.compile(r"(?P<key>[?&;](?:[^=&\s]*(?:pass|secret|token|key|auth)[^=&\s]*)=)[^&\s'\"<>]*",
                           re.IGNORECASE)
REDACTED = "***"


def redact(text: object, *uris: str) -> str:
    """``text`` with credentials of URIs removed, for any message, log line or display.

    The user-info of every ``scheme://user:password@host`` becomes ``***``, and query
    parameters named like a password, secret, token or key lose their value. The ``uris``
    (the raw ``NEO4J_URI``, say) are taken apart first, so that their user-info is also
    removed where a library repeats it without its scheme or with a ``/`` in the password.

    >>> redact("bolt://neo4j:s3cret@db.example:7687")
    'bolt://***@db.example:7687'
    >>> redact("URI userinfo is not supported. Given URI: 'neo4j://u:p/w@h'", "neo4j://u:p/w@h")
    "URI userinfo is not supported. Given URI: 'neo4j://***@h'"
    >>> redact("bolt://db:7687?auth_token=abc&x=1")
    'bolt://db:7687?auth_token=***&x=1'
    """
    result = str(text)
    for uri in uris:
        rest = uri.split("://", 1)[1] if "://" in uri else uri
        userinfo = rest.rpartition("@")[0]
        if userinfo:
            result = result.replace(userinfo, REDACTED)
            # a parser that stops at "/" or "?" repeats only a piece of it ("user:pa" of "user:pa/ss")
            for piece in (userinfo, *re.split(r"[/?#]", userinfo)):
                for secret in (piece, piece.partition(":")[2]):
                    if len(secret) >= 3:  # a one-letter password would blank out innocent text
                        result = result.replace(secret, REDACTED)
    result = _USERINFO.sub(lambda m: m["scheme"] + REDACTED + "@", result)
    return _SECRET_QUERY.sub(lambda m: m["key"] + REDACTED, result)


class SettingsError(ValueError):
    """A setting has a value the program cannot use."""


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _integer(raw: str, env: str, hint: str, *, minimum: int | None = None) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{env} 的值“{raw}”不是整数：{hint}") from None
    if minimum is not None and value < minimum:
        wanted = "正整数" if minimum == 1 else f"不小于 {minimum} 的整数"
        raise SettingsError(f"{env} 的值“{raw}”太小：请填写{wanted}。{hint}")
    return value


def _fraction(raw: str, env: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.0 < value < 1.0:
        raise SettingsError(f"{env} 的值“{raw}”无效：请填写 0 到 1 之间的小数，例如 0.001。")
    return value


def _env_of(attr: str) -> str:
    return next(spec.env for spec in SETTINGS if spec.attr == attr)


@dataclass(frozen=True)
class Settings:
    store: str
    data_dir: Path
    neo4j_uri: str
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str
    host: str
    port: int
    backup_keep: int
    auth: str = "auto"
    session_minutes: int = 480
    network_detail_max: int = 1500
    betweenness_exact_max: int = 2000
    betweenness_samples: int = 512
    closeness_exact_max: int = 50000
    closeness_samples: int = 1024
    log_level: str = "INFO"
    import_max_file_mb: int = 50
    import_max_member_mb: int = 100
    import_max_ratio: int = 100
    import_max_members: int = 1000
    import_max_rows: int = 200_000
    import_max_cell: int = 32_767
    import_hidden: str = "warn"
    calendar_reminder_minutes: int = 1440
    compiled_min: int = 500
    betweenness_error: float = 0.001
    betweenness_kadabra_max: int = 50_000

    dormant_months: int = 6  # issue 16

    hide_problem_text: bool = True
    today_text: str = ""
    watch_sources: bool = False

    def __repr__(self) -> str:  # never the password, nor credentials put in NEO4J_URI
        shown = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "neo4j_password":
                value = REDACTED if value else ""
            elif f.name == "neo4j_uri":
                value = redact(value, value)
            shown.append(f"{f.name}={value!r}")
        return f"Settings({', '.join(shown)})"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read every setting from ``env`` (default: the process environment)."""
        env = os.environ if env is None else env
        raw = {spec.attr: env.get(spec.env, "") or spec.default for spec in SETTINGS}
        store = raw["store"].strip().lower()
        if store not in STORE_KINDS:
            raise SettingsError(
                f"LIANMENG_STORE 的值“{raw['store']}”无效：请设为 embedded 或 neo4j。"
            )
        port = _integer(raw["port"], "LIANMENG_PORT", "请填写 1–65535 的整数。")
        backup_keep = _integer(raw["backup_keep"], "LIANMENG_BACKUP_KEEP", "请填写要保留的备份份数（整数）。")
        auth = raw["auth"].strip().lower()
        if auth not in AUTH_MODES:
            raise SettingsError(f"LIANMENG_AUTH 的值“{raw['auth']}”无效：请设为 auto、on 或 oidc。")
        session_minutes = _integer(raw["session_minutes"], "LIANMENG_SESSION_MINUTES",
                                   "请填写登录有效的分钟数（正整数，例如 480）。", minimum=1)
        detail_max = _integer(raw["network_detail_max"], "LIANMENG_NETWORK_DETAIL_MAX",
                              "请填写网络图直接显示的最多节点数（正整数，如 1500）。", minimum=1)
        sampling = {
            attr: _integer(raw[attr], _env_of(attr), "请填写正整数。", minimum=1)
            for attr in ("betweenness_exact_max", "betweenness_samples", "closeness_exact_max", "closeness_samples",
                         "compiled_min", "betweenness_kadabra_max")
        }
        log_level = raw["log_level"].strip().upper()
        if log_level not in LOG_LEVELS:
            raise SettingsError(f"LIANMENG_LOG_LEVEL 的值“{raw['log_level']}”无效：请设为 "
                                f"{'、'.join(LOG_LEVELS)} 之一。")
        caps = {
            attr: _integer(raw[attr], _env_of(attr), "请填写正整数。", minimum=1)
            for attr in ("import_max_file_mb", "import_max_member_mb", "import_max_ratio", "import_max_members",
                         "import_max_rows", "import_max_cell")
        }
        hidden = raw["import_hidden"].strip().lower()
        if hidden not in HIDDEN_MODES:
            raise SettingsError(f"LIANMENG_IMPORT_HIDDEN 的值“{raw['import_hidden']}”无效：请设为 warn 或 refuse。")
        reminder = _integer(raw["calendar_reminder_minutes"], "LIANMENG_CALENDAR_REMINDER_MINUTES",
                            "请填写提前提醒的分钟数（0 为不提醒，如 1440 为提前一天）。", minimum=0)
        sampling["betweenness_error"] = _fraction(raw["betweenness_error"], "LIANMENG_BETWEENNESS_ERROR")
        dormant_months = _integer(raw["dormant_months"], "LIANMENG_DORMANT_MONTHS",
                                  "请填写多少个月没有活动算休眠（正整数，如 6）。", minimum=1)  # issue 16
        hide = raw["hide_problem_text"].strip().lower()
        if hide not in ("on", "off"):
            raise SettingsError(f"LIANMENG_HIDE_PROBLEM_TEXT 的值“{raw['hide_problem_text']}”无效：请设为 on 或 off。")
        watch = raw["watch_sources"].strip().lower()
        if watch not in ("on", "off"):
            raise SettingsError(f"LIANMENG_WATCH_SOURCES 的值“{raw['watch_sources']}”无效：请设为 on 或 off。")
        today_text = raw["today_text"].strip()
        if today_text:
            try:
                dt.date.fromisoformat(today_text)
            except ValueError:
                raise SettingsError(f"LIANMENG_TODAY 的值“{today_text}”不是日期：请写成 2026-11-20，或留空表示今天。") from None
        return cls(
            watch_sources=watch == "on",
            today_text=today_text,
            hide_problem_text=hide == "on",
            dormant_months=dormant_months,
            log_level=log_level,
            import_hidden=hidden,
            **caps,
            calendar_reminder_minutes=reminder,
            auth=auth,
            session_minutes=session_minutes,
            store=store,
            data_dir=Path(raw["data_dir"]).expanduser(),
            neo4j_uri=raw["neo4j_uri"],
            neo4j_user=raw["neo4j_user"],
            neo4j_password=raw["neo4j_password"],
            neo4j_database=raw["neo4j_database"],
            host=raw["host"],
            port=port,
            backup_keep=backup_keep,
            network_detail_max=detail_max,
            **sampling,
        )

    def sign_in_mode(self, host: str | None = None) -> str:
        """``"off"``, ``"password"`` or ``"oidc"`` for an explorer listening on ``host``.

        Sign-in cannot be turned off for an explorer other computers can reach: ``auto``
        means off on localhost only.
        """
        if self.auth == "oidc":
            return "oidc"
        if self.auth == "on" or (host or self.host).strip().lower() not in LOCAL_HOSTS:
            return "password"
        return "off"

    @property
    def today(self) -> dt.date:
        """The day deadlines and board statuses are computed for (LIANMENG_TODAY, else today)."""
        return dt.date.fromisoformat(self.today_text) if self.today_text else dt.date.today()

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "lianmeng.sqlite3"

    @property
    def store_location(self) -> str:
        """Where the data lives, for people (never includes a password)."""
        return str(self.sqlite_path) if self.store == "embedded" else redact(self.neo4j_uri, self.neo4j_uri)
