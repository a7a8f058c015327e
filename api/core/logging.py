"""Logs: JSON lines in production (for a log store to parse), readable lines in development (for
the person watching the console). Every line carries the request id of the request it belongs
to."""

import logging
from contextvars import ContextVar
from typing import IO

from pythonjsonlogger.json import JsonFormatter

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class ReadableFormatter(logging.Formatter):
    """One short line a person can read: time, level, the request's method, path, status and
    duration for access lines, and the request id (shortened) to match lines up."""

    def format(self, record: logging.LogRecord) -> str:
        when = self.formatTime(record, "%H:%M:%S")
        request = getattr(record, "request_id", None)
        tail = f"  [{request[:8]}]" if request else ""
        if all(hasattr(record, f) for f in ("method", "path", "status", "duration_ms")):
            message = (
                f"{record.method} {record.path} -> {record.status} "  # type: ignore[attr-defined]
                f"in {record.duration_ms} ms"  # type: ignore[attr-defined]
            )
        else:
            message = record.getMessage()
        line = f"{when} {record.levelname:<7} {message}{tail}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(
    level: str = "INFO", stream: IO[str] | None = None, *, readable: bool = False
) -> None:
    handler = logging.StreamHandler(stream)
    formatter: logging.Formatter = (
        ReadableFormatter()
        if readable
        else JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    # Uvicorn's own access log would repeat ours without the request id.
    logging.getLogger("uvicorn.access").disabled = True
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
