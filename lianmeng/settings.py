"""One settings object, read from environment variables, every setting with a default.

:data:`SETTINGS` lists each variable with its default and a line of description; the
README's settings table is checked against it by the tests, so a new setting must be
added in both places.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


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
    SettingSpec("LIANMENG_BETWEENNESS_EXACT_MAX", "betweenness_exact_max", "2000",
                "结对网络不超过此组织数时精确计算中介中心性，超过则抽样计算"),
    SettingSpec("LIANMENG_BETWEENNESS_SAMPLES", "betweenness_samples", "128", "抽样计算中介中心性时的源点数"),
    SettingSpec("LIANMENG_CLOSENESS_EXACT_MAX", "closeness_exact_max", "2000",
                "结对网络不超过此组织数时精确计算接近中心性，超过则抽样估算"),
    SettingSpec("LIANMENG_CLOSENESS_SAMPLES", "closeness_samples", "64", "抽样估算接近中心性时的源点数"),
)

STORE_KINDS = ("embedded", "neo4j")


class SettingsError(ValueError):
    """A setting has a value the program cannot use."""


def _integer(raw: str, env: str, hint: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{env} 的值“{raw}”不是整数：{hint}") from None


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
    betweenness_exact_max: int = 2000
    betweenness_samples: int = 128
    closeness_exact_max: int = 2000
    closeness_samples: int = 64

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
        sampling = {}
        for attr in ("betweenness_exact_max", "betweenness_samples", "closeness_exact_max", "closeness_samples"):
            env_name = next(spec.env for spec in SETTINGS if spec.attr == attr)
            value = _integer(raw[attr], env_name, "请填写正整数。")
            if value < 1:
                raise SettingsError(f"{env_name} 的值“{raw[attr]}”无效：请填写正整数。")
            sampling[attr] = value
        return cls(
            store=store,
            data_dir=Path(raw["data_dir"]).expanduser(),
            neo4j_uri=raw["neo4j_uri"],
            neo4j_user=raw["neo4j_user"],
            neo4j_password=raw["neo4j_password"],
            neo4j_database=raw["neo4j_database"],
            host=raw["host"],
            port=port,
            backup_keep=backup_keep,
            **sampling,
        )

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "lianmeng.sqlite3"

    @property
    def store_location(self) -> str:
        """Where the data lives, for people (never includes a password)."""
        return str(self.sqlite_path) if self.store == "embedded" else self.neo4j_uri
