"""Backups: whole-store copies in ``<data dir>/backups``.

A backup is taken automatically before every import, plan application and restore,
and by ``lianmeng backup`` on a schedule. :func:`restore` itself backs up the current
state first, so a restore can be undone. Old backups beyond the retention count
(``LIANMENG_BACKUP_KEEP``) are removed, oldest first.

The embedded store is copied page by page into one SQLite file (``….sqlite3``: SQLite's
online backup, one consistent state, a fraction of a second for a city); a Neo4j store's
dataset is written as a JSON snapshot (``….json``, :mod:`lianmeng.snapshot_json`). Either
kind restores into either backend: a backup is read back as its dataset.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graphdb.sqlite_store import SqliteStore
from graphdb.store import GraphStore, StoreUnavailable
from lianmeng import logs
from lianmeng.dataset import TABLES, Dataset
from lianmeng.errors import LianmengError, OutputUnwritable
from lianmeng.snapshot_json import dump_bytes, loads
from lianmeng.texts import say

__all__ = ["Backup", "BackupError", "BackupMoved", "BackupUnreadable", "BackupUnwritable", "BackupShelf", "restore", "backup_rows", "REASON_MAX",
           "STALE_TMP_S", "read_backup", "backup_counts"]

_NAME = re.compile(r"^\d{8}T\d{6}\d{6}Z-r\d+-[a-z_]+\.(json|sqlite3)$")
#: what a backup file ends with, by kind
JSON, COPY = ".json", ".sqlite3"
#: the longest reason a backup's file name carries (the name stays far below 255 bytes)
REASON_MAX = 40
#: a ``*.json.tmp`` (or ``*.sqlite3.tmp``) untouched this long is the remains of a killed
#: backup, not one being written
STALE_TMP_S = 600.0


class BackupError(LianmengError):
    """A backup cannot be found or read."""


class BackupUnreadable(BackupError):
    """A backup file is damaged or not a backup."""


class BackupMoved(BackupError):
    """The store was no longer at the revision the backup had to hold (a write came
    between); no backup is kept."""

    def __init__(self, expected: int, actual: int):
        self.expected, self.actual = expected, actual
        super().__init__(say("backup_moved", expected=expected, actual=actual))


class BackupUnwritable(BackupError, OutputUnwritable):
    """The backup directory cannot be written."""


@dataclass(frozen=True)
class Backup:
    name: str
    path: Path
    created: dt.datetime
    revision: int
    reason: str


class BackupShelf:
    """The backups of one data directory."""

    def __init__(self, directory: Path, *, keep: int = 30):
        self.directory = Path(directory)
        self.keep = keep

    def save(self, store: GraphStore, reason: str, *, revision: int | None = None) -> Backup:
        """Write the store's current state; returns the new backup.

        The embedded store copies itself (:meth:`GraphStore.copy_to`); another store's
        dataset is written as JSON, read between two reads of the same revision. The
        backup is named after the revision it holds; with ``revision``, a backup of any
        other is removed again and :class:`BackupMoved` raised.
        """
        if len(reason) > REASON_MAX:
            raise BackupError(say("backup_reason_too_long", length=len(reason), max=REASON_MAX))
        reason = re.sub(r"[^a-z_]", "_", reason.lower()) or "manual"
        now = dt.datetime.now(dt.UTC)
        stem = f"{now:%Y%m%dT%H%M%S%f}Z"
        tmp = self.directory / f"{stem}-{reason}{COPY}.tmp"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp.unlink(missing_ok=True)
            held = store.copy_to(tmp)
            if held is None:
                tmp.unlink(missing_ok=True)
                held, dataset = _consistent(store)
                name = f"{stem}-r{held}-{reason}{JSON}"
                if revision is not None and held != revision:
                    raise BackupMoved(revision, held)
                tmp = self.directory / (name + ".tmp")
                tmp.write_bytes(dump_bytes(dataset, revision=held, created=now))
            else:
                name = f"{stem}-r{held}-{reason}{COPY}"
                if revision is not None and held != revision:
                    tmp.unlink()
                    raise BackupMoved(revision, held)
            os.replace(tmp, self.directory / name)  # atomic: a half-written backup never shows
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise BackupUnwritable(say("backup_unwritable", path=self.directory, reason=why)) from None
        self.prune()
        return self._info(self.directory / name)

    def list(self) -> list[Backup]:
        """Backups, newest first."""
        if not self.directory.exists():
            return []
        return sorted((self._info(p) for p in self.directory.iterdir() if _NAME.match(p.name)),
                      key=lambda b: b.name, reverse=True)

    def find(self, name: str) -> Backup:
        """The backup called ``name``, or the one backup whose name starts with it.

        A prefix more than one backup starts with is refused with the candidates listed.
        """
        backups = self.list()
        exact = [b for b in backups if b.name == name]
        if exact:
            return exact[0]
        matching = [b for b in backups if name and b.name.startswith(name)]
        if len(matching) == 1:
            return matching[0]
        if matching:
            shown = "\n".join(f"  {b.name}" for b in matching[:10])
            more = say("backup_ambiguous_more", count=len(matching) - 10) if len(matching) > 10 else ""
            raise BackupError(say("backup_ambiguous", name=name, count=len(matching), candidates=shown + more))
        raise BackupError(f"找不到备份“{name}”：请用 lianmeng restore --list 查看可用的备份。")

    def load(self, name: str) -> Dataset:
        return read_backup(self.find(name).path)

    def prune(self) -> list[Backup]:
        """Remove the backups beyond the retention count, and the stale ``*.json.tmp``
        files a killed backup left behind; returns the backups removed."""
        removed = self.list()[self.keep:] if self.keep > 0 else []
        for backup in removed:
            backup.path.unlink(missing_ok=True)
        self.remove_stale_partials()
        return removed

    def remove_stale_partials(self, *, now: float | None = None) -> list[str]:
        """Delete ``*.json.tmp`` files not written to for :data:`STALE_TMP_S` seconds
        (one being written by another process right now is younger and stays)."""
        if not self.directory.exists():
            return []
        now = time.time() if now is None else now
        gone = []
        for path in [*self.directory.glob(f"*{JSON}.tmp"), *self.directory.glob(f"*{COPY}.tmp")]:
            try:
                if now - path.stat().st_mtime >= STALE_TMP_S:
                    path.unlink()
                    gone.append(path.name)
            except FileNotFoundError:  # removed meanwhile by another prune
                continue
        return gone

    @staticmethod
    def _info(path: Path) -> Backup:
        stamp, rev, reason = path.name.rsplit(".", 1)[0].split("-", 2)
        created = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
        return Backup(path.name, path, created, int(rev[1:]), reason)


def restore(store: GraphStore, shelf: BackupShelf, name: str) -> tuple[Backup, int]:
    """Replace the store with backup ``name`` in one transaction, backing up first.

    Admin only (``store.require("restore")`` — a store bound to a person checks the
    role); audited as action ``"restore"`` with the backup's name as note. Users and the
    audit trail are outside the dataset and are not rolled back. Returns the backup of
    the state before the restore, and the new revision.
    """
    store.require("restore")
    dataset = shelf.load(name)
    backup = shelf.find(name)
    before = shelf.save(store, "before_restore")
    with store.action("restore", note=backup.name):
        revision = store.replace_all(dataset)
    logs.get("restore").info(say("log_restore", actor=store.actor_name, name=backup.name, before=before.name,
                                 revision=revision))
    return before, revision



def backup_rows(store: GraphStore, shelf: BackupShelf) -> list[dict[str, object]]:
    """The backups for the explorer's list, newest first: name, time, reason, revision, who
    took it (the audit entry whose note names it; blank for a scheduled ``lianmeng backup``)
    and its record counts."""
    who = {e.note: e.actor for e in store.audit_entries(limit=5000) if e.note}
    rows = []
    for backup in shelf.list():
        try:
            counts = backup_counts(backup.path)
        except (OSError, sqlite3.Error, LianmengError):
            counts = {}
        rows.append({"name": backup.name, "created": backup.created, "reason": backup.reason,
                     "revision": backup.revision, "actor": who.get(backup.name, ""), "counts": counts})
    return rows


def _consistent(store: GraphStore) -> tuple[int, Dataset]:
    """The store's revision and its data at that revision: a snapshot read between two
    reads of the same revision (the revision goes up on every write)."""
    for _ in range(5):
        revision = store.revision()
        dataset = store.snapshot()
        after = store.revision()
        if after == revision:
            return revision, dataset
    raise BackupMoved(revision, after)  # writes keep coming: no backup rather than a mislabelled one


def read_backup(path: Path) -> Dataset:
    """The dataset a backup holds, of either kind.

    A store copy is read from a copy of its own in a temporary folder (brought up to
    this version's schema there if it is older; the backup file itself is never opened
    for writing)."""
    if path.name.endswith(JSON):
        return loads(path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="lianmeng-backup-") as folder:
        work = Path(folder) / "backup.sqlite3"
        shutil.copyfile(path, work)
        try:
            return SqliteStore(work).snapshot()
        except (StoreUnavailable, sqlite3.Error) as exc:
            raise BackupUnreadable(say("backup_not_a_database", detail=exc.__cause__ or exc)) from None


def backup_counts(path: Path) -> dict[str, int]:
    """Records per table of a backup (a store copy is counted without reading its records)."""
    if path.name.endswith(JSON):
        return loads(path.read_text(encoding="utf-8")).counts()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        # table names from the fixed list of record tables, never from the file
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES
                if table in present}
    finally:
        conn.close()
