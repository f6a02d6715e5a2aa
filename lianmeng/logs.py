"""One logging configuration for the command line and the explorer.

Events worth a line — sign-ins and refusals, lockouts, imports, plan applications,
restores, store errors, slow analyses — go to the ``lianmeng`` logger. :func:`configure`
sends them to standard error (warnings and above, so command output stays clean) and to a
rotating file ``logs/lianmeng.log`` in the data directory (everything from the configured
level). Every line passes through :class:`Redact`: a password or the credentials in a URI
never reach a log.

>>> Redact.text("无法连接 bolt://neo4j:s3cret@db.example:7687（password=hunter2）")
'无法连接 bolt://***@db.example:7687（password=***）'
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

__all__ = ["LOGGER_NAME", "configure", "get", "Redact", "SLOW_ANALYSIS_SECONDS", "SHOWN"]

LOGGER_NAME = "lianmeng"
#: an analysis slower than this is logged as slow
SLOW_ANALYSIS_SECONDS = 5.0
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: ``extra=SHOWN``: the person already saw this message (printed, or on the page), so it
#: goes to the log file only, not to standard error a second time
SHOWN = {"lianmeng_shown": True}
_configured: dict[str, object] = {}


class Redact(logging.Filter):
    """Blanks credentials: ``scheme://user:password@host`` and ``password=…`` / ``密码=…``."""

    _URI = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s]+@", re.I)
    _PAIR = re.compile(r"(?P<key>pass(?:word)?|pwd|secret|token|密码)(?P<sep>\s*[=:：]\s*)[^\s,;&)）]+", re.I)

    @classmethod
    def text(cls, message: str) -> str:
        message = cls._URI.sub(lambda m: f"{m['scheme']}***@", message)
        return cls._PAIR.sub(lambda m: f"{m['key']}{m['sep']}***", message)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.text(record.getMessage())
        record.args = None
        return True


def get(name: str = "") -> logging.Logger:
    """The logger for a part of the program (``get("import")`` → ``lianmeng.import``)."""
    return logging.getLogger(f"{LOGGER_NAME}.{name}" if name else LOGGER_NAME)


def configure(data_dir: Path, level: str = "INFO") -> Path | None:
    """Attach the handlers once per process; returns the log file (None if it cannot be
    written, e.g. a read-only data directory: then only standard error is used)."""
    key = str(Path(data_dir).resolve())
    if _configured.get("key") == key:
        return _configured.get("file")  # type: ignore[return-value]
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if getattr(handler, "_lianmeng", False):
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level.upper())
    logger.propagate = False
    formatter = logging.Formatter(_FORMAT)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    stderr.addFilter(lambda record: not getattr(record, "lianmeng_shown", False))
    handlers: list[logging.Handler] = [stderr]
    path: Path | None = Path(data_dir) / "logs" / "lianmeng.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5,
                                                             encoding="utf-8"))
    except OSError:
        path = None
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(Redact())
        handler._lianmeng = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    _configured.update(key=key, file=path)
    return path
