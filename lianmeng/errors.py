"""The domain's exceptions: one base, specific subclasses, messages in Chinese."""

from __future__ import annotations

from dataclasses import dataclass


class LianmengError(Exception):
    """Base of every error the domain raises; ``str(error)`` is for people."""


class OutputUnwritable(LianmengError):
    """An output (a file, a directory, a backup) cannot be written: missing directory,
    no permission, disk full. The command line exits with its own code for it."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record, named precisely enough to fix it.

    ``table`` is the record type (``"organisations"``, ``"pairings"``, …), ``index`` the
    record's position in the list it came from (ingest maps it back to a sheet row),
    ``field`` the field's English name, ``value`` what was given, ``message`` the
    Chinese sentence that says what to do, ``code`` a stable key for tests and tools.
    """

    table: str
    index: int | None
    field: str
    value: str
    message: str
    code: str


class RecordError(LianmengError):
    """A single record is invalid (a required field missing, a value out of range…)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("；".join(p.message for p in problems))


class DatasetError(LianmengError):
    """Records that are fine alone break a rule together (unknown reference, duplicate…)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [p.message for p in problems[:20]]
        if len(problems) > 20:
            lines.append(f"……共 {len(problems)} 处问题")
        super().__init__("\n".join(lines))
