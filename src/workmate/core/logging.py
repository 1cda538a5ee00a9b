"""Structured logging with a request id bound per request (structlog over stdlib logging).

Two rules hold for every line, whoever logs it (our code, uvicorn, SQLAlchemy, libraries):

- **Secrets never reach the log.** One function, ``scrub``, removes bearer tokens, API token
  secrets, session and CSRF cookies and any value whose name looks like a password, token,
  secret, cookie or authorization. It runs as a structlog processor (our events, including
  their exception text) and as a ``logging.Filter`` on the handler (every stdlib record).
- **Tracebacks are compact**: the last exception only (no chained causes), at most
  ``MAX_FRAMES`` frames, never local variables. Rendering locals of a request handler put the
  request headers (bearer token, session cookie) into the log, and a crash took seconds to log
  while the process answered nothing else.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
import traceback
from collections.abc import Mapping
from types import TracebackType
from typing import Any

import structlog

REDACTED = "[redacted]"
MAX_FRAMES = 12

# Names whose values are secrets wherever they appear (headers, fields, keyword arguments).
_SENSITIVE_NAME = re.compile(
    r"authorization|cookie|csrf|password|passwd|secret|token|api[_-]?key", re.IGNORECASE
)
_NAME = r"[\w-]*(?:authorization|cookie|csrf|password|passwd|secret|token|api[_-]?key)[\w-]*"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # Authorization: Bearer <token> (any scheme's credentials after the word)
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"), rf"\1 {REDACTED}"),
    # our API token secrets, wherever they turn up
    (re.compile(r"\bwm_[A-Za-z0-9_-]{8,}"), f"wm_{REDACTED}"),
    # cookies: workmate_session=...; workmate_csrf=...
    (re.compile(r"(?i)\b(workmate_[a-z_]+)=[^;,\s'\"]+"), rf"\1={REDACTED}"),
    # header tuples as ASGI and httpx print them: (b'x-csrf-token', b'...')
    (
        re.compile(rf"(?i)(['\"]{_NAME}['\"]\s*,\s*b?['\"])[^'\"]*"),
        rf"\1{REDACTED}",
    ),
    # name=value, name: value, 'name': 'value' (SQL parameters, reprs, messages)
    (
        re.compile(rf"(?i)(\b{_NAME}['\"]?\s*[:=]\s*(?:b?['\"])?)[^'\"\s,;)}}\[\]]+"),
        rf"\1{REDACTED}",
    ),
]


# Words without which a string holds no secret we know of. Every log line passes here (the
# access log: once per request) and most of its values (method, path, ids) contain none of them:
# plain substring tests cost a fraction of running the patterns.
_SUSPECT_WORDS = (
    "bearer",
    "basic",
    "wm_",
    "workmate_",
    "authorization",
    "cookie",
    "csrf",
    "passw",
    "secret",
    "token",
    "api_key",
    "api-key",
    "apikey",
)


def _suspect(text: str) -> bool:
    lower = text.lower()
    return any(word in lower for word in _SUSPECT_WORDS)


@functools.lru_cache(maxsize=1024)
def _sensitive_name(name: str) -> bool:
    return _SENSITIVE_NAME.search(name) is not None


def scrub(text: str) -> str:
    """``text`` with every secret it contains replaced by ``[redacted]``."""
    if not _suspect(text):
        return text
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _scrub_value(key: str, value: Any) -> Any:
    if _sensitive_name(key):
        return REDACTED
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, Mapping):
        return {k: _scrub_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_scrub_value("", v) for v in value)
    return value


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def compact_traceback(exc_info: ExcInfo) -> str:
    """The last exception with its last ``MAX_FRAMES`` frames; no causes, no locals."""
    exc = exc_info[1]
    lines = traceback.format_exception(exc, limit=-MAX_FRAMES, chain=False)
    return scrub("".join(lines).rstrip())


def _exc_info(value: Any) -> ExcInfo | None:
    if isinstance(value, BaseException):
        return (type(value), value, value.__traceback__)
    if value is True:
        found = sys.exc_info()
        return found if found[1] is not None else None
    if isinstance(value, tuple) and len(value) == 3 and value[1] is not None:
        return value
    return None


def render_exception(
    logger: Any, method: str, event_dict: structlog.types.EventDict
) -> structlog.types.EventDict:
    """structlog processor: ``exc_info`` becomes a compact ``exception`` text."""
    exc_info = _exc_info(event_dict.pop("exc_info", None))
    if exc_info is not None:
        event_dict["exception"] = compact_traceback(exc_info)
    return event_dict


def redact(
    logger: Any, method: str, event_dict: structlog.types.EventDict
) -> structlog.types.EventDict:
    """structlog processor: no secrets in any value (see ``scrub``)."""
    return {
        key: value if key.startswith("_") else _scrub_value(key, value)
        for key, value in event_dict.items()
    }


class RedactingFilter(logging.Filter):
    """For every stdlib record: the message and its arguments scrubbed, an exception rendered
    compactly into ``exc_text`` (which ``logging.Formatter`` prints instead of the traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, dict):
            return True  # a structlog event: the ``redact`` processor has seen it
        if record.args:
            try:
                record.msg = record.getMessage()
            except (TypeError, ValueError):
                record.msg = str(record.msg)
            record.args = None
        record.msg = scrub(str(record.msg))
        exc_info = _exc_info(record.exc_info)
        if exc_info is not None:
            record.exc_text = compact_traceback(exc_info)
        return True


def configure_logging(level: str = "info", *, json: bool = False) -> None:
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        render_exception,
        redact,
    ]
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if json
        else structlog.dev.ConsoleRenderer(
            colors=False, exception_formatter=structlog.dev.plain_traceback
        )
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # Our middleware logs each request with its id; uvicorn's access log would repeat it.
    logging.getLogger("uvicorn.access").handlers[:] = []
    logging.getLogger("uvicorn.access").propagate = False
    # factur-x reports every embedded file at INFO; its warnings and errors still come through.
    logging.getLogger("factur-x").setLevel(max(logging.WARNING, root.level))


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.stdlib.get_logger(name)
