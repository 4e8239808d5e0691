"""Log lines in hclog's JSON format, the way a Go plugin's default logger writes them.

A go-plugin host (Go or Java) reads its plugin's stderr line by line: a JSON object with ``@level``, ``@message`` and
``@timestamp`` (in Go's layout ``2006-01-02T15:04:05.000000Z07:00``, exactly) becomes a structured log entry of the
host, every other key a field. So this logger writes to the *real* stderr: the one the host reads, whatever
``sys.stderr`` is redirected to later.
"""

from __future__ import annotations

import datetime
import json
import logging
import sys
import threading
from typing import Any, Mapping, Optional, TextIO


def hclog_timestamp(at: datetime.datetime) -> str:
    """``at`` (an aware datetime) in Go's ``2006-01-02T15:04:05.000000Z07:00``: microseconds, ``Z`` for UTC."""
    offset = at.utcoffset()
    if not offset:
        zone = "Z"
    else:
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        zone = "%s%02d:%02d" % (sign, abs(minutes) // 60, abs(minutes) % 60)
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + "%06d" % at.microsecond + zone


def hclog_line(level: str, module: str, message: object, at: datetime.datetime,
               fields: Mapping[str, Any]) -> str:
    """One hclog JSON line (without its newline); hclog sorts the keys, so the ``@`` keys come first."""
    entry = {"@level": level, "@message": str(message), "@module": module, "@timestamp": hclog_timestamp(at)}
    entry.update(sorted(fields.items()))
    return json.dumps(entry, default=str, ensure_ascii=False, separators=(",", ":"))


class Logger:
    """``Logger("kv").info("put", key="a")``; thread-safe, one whole line per write."""

    _lock = threading.Lock()

    def __init__(self, module: str, out: Optional[TextIO] = None) -> None:
        self.module = module
        self.out = out if out is not None else REAL_STDERR

    def log(self, level: str, message: object, **fields: Any) -> None:
        line = hclog_line(level, self.module, message, datetime.datetime.now().astimezone(), fields)
        with Logger._lock:
            try:
                self.out.write(line + "\n")
                self.out.flush()
            except (OSError, ValueError):
                pass  # the host is gone (broken pipe) or the stream is closed: nobody to tell

    def trace(self, message: object, **fields: Any) -> None:
        self.log("trace", message, **fields)

    def debug(self, message: object, **fields: Any) -> None:
        self.log("debug", message, **fields)

    def info(self, message: object, **fields: Any) -> None:
        self.log("info", message, **fields)

    def warn(self, message: object, **fields: Any) -> None:
        self.log("warn", message, **fields)

    def error(self, message: object, **fields: Any) -> None:
        self.log("error", message, **fields)


class HclogHandler(logging.Handler):
    """Sends Python ``logging`` records (e.g. grpcio's own) to the host as hclog lines, a traceback as ``error``."""

    _LEVELS = ((logging.ERROR, "error"), (logging.WARNING, "warn"), (logging.INFO, "info"), (logging.DEBUG, "debug"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level = next((name for number, name in self._LEVELS if record.levelno >= number), "trace")
            fields = {}
            if record.exc_info:
                fields["error"] = logging.Formatter().formatException(record.exc_info)
            Logger(record.name).log(level, record.getMessage(), **fields)
        except Exception:  # noqa: BLE001 -- logging must never break the plugin
            self.handleError(record)


# Taken at import, before goplugin.stdio redirects sys.stderr into GRPCStdio.
REAL_STDERR = sys.stderr
