"""People-facing numbers from configurable patterns: unique, never reused, safe under concurrency.

A pattern has one ``{seq:N}`` placeholder (the counter, zero-padded to N digits) and may contain
``{year}``; with ``{year}`` the counter restarts every year ("P-2026-001", then "P-2027-001").
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

SEQ = re.compile(r"\{seq(?::(\d{1,2}))?\}")
ALLOWED = re.compile(r"^[A-Za-z0-9\-_/.#{}: ]+$")


class InvalidPattern(ValueError):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def validate_pattern(pattern: str) -> str:
    """Raise ``InvalidPattern`` with a readable reason, else return the pattern."""
    if not ALLOWED.match(pattern):
        raise InvalidPattern(
            "Use letters, digits, '-', '_', '/', '.', '#' and the placeholders.",
            code="pattern_characters",
        )
    if len(SEQ.findall(pattern)) != 1:
        raise InvalidPattern(
            "The pattern needs exactly one {seq} or {seq:N} placeholder.",
            code="pattern_needs_seq",
        )
    rest = SEQ.sub("", pattern).replace("{year}", "")
    if "{" in rest or "}" in rest:
        raise InvalidPattern(
            "Only {year} and {seq:N} are known placeholders.", code="pattern_unknown_placeholder"
        )
    width = SEQ.search(pattern)
    if width and width.group(1) and not 1 <= int(width.group(1)) <= 12:
        raise InvalidPattern("{seq:N} takes a width from 1 to 12.", code="pattern_seq_width")
    return pattern


def render(pattern: str, value: int, on: date) -> str:
    def seq(match: re.Match[str]) -> str:
        width = int(match.group(1) or 1)
        return str(value).zfill(width)

    return SEQ.sub(seq, pattern.replace("{year}", f"{on.year:04d}"))


def range_key(kind: str, pattern: str, on: date) -> str:
    return f"{kind}:{on.year}" if "{year}" in pattern else kind


async def draw(session: AsyncSession, kind: str, pattern: str, on: date) -> tuple[str, int]:
    """Take the next value of the range; the row lock is held until the caller's commit."""
    key = range_key(kind, pattern, on)
    # One statement: a new range starts at 1 (stored: 2 is next); an existing one is counted
    # up under its row lock (ON CONFLICT DO UPDATE locks the row like UPDATE).
    value = (
        await session.execute(
            text(
                "INSERT INTO number_ranges AS r (key, next_value) VALUES (:key, 2) "
                "ON CONFLICT (key) DO UPDATE SET next_value = r.next_value + 1 "
                "RETURNING r.next_value - 1"
            ),
            {"key": key},
        )
    ).scalar_one()
    return render(pattern, int(value), on), int(value)


async def next_unused(
    session: AsyncSession, kind: str, pattern: str, on: date, table: str, column: str = "number"
) -> str:
    """Draw numbers until one is not taken (a changed pattern may collide with old numbers)."""
    for _ in range(1000):
        number, _value = await draw(session, kind, pattern, on)
        taken = await session.scalar(
            text(f"SELECT 1 FROM {table} WHERE {column} = :n"),  # noqa: S608 - fixed identifiers
            {"n": number},
        )
        if not taken:
            return number
    raise RuntimeError(f"No free number for {kind} with pattern {pattern!r}")
