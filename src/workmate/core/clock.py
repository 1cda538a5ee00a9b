"""The one clock: "now" and "today" for the whole application.

Every piece of code that needs the current instant or day asks this module, so tests (and the
browser tests' server) can fix time at any instant: just before midnight, across a DST night, on
29 February. ``set_clock`` swaps the clock for the process; ``FixedClock`` stands still until
moved, ``OffsetClock`` runs from a chosen start at real speed.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """Stands at ``instant`` until ``set`` or ``advance`` moves it."""

    def __init__(self, instant: datetime) -> None:
        self._instant = _aware(instant)

    def now(self) -> datetime:
        return self._instant

    def set(self, instant: datetime) -> None:
        self._instant = _aware(instant)

    def advance(self, delta: timedelta) -> None:
        self._instant += delta


class OffsetClock:
    """Starts at ``start`` and runs at real speed from there."""

    def __init__(self, start: datetime) -> None:
        self._start = _aware(start)
        self._origin = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._origin)


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("A clock needs a timezone-aware instant.")
    return instant.astimezone(UTC)


_clock: Clock = SystemClock()


def set_clock(clock: Clock | None) -> None:
    """Use ``clock`` from now on; ``None`` goes back to the system clock."""
    global _clock
    _clock = clock or SystemClock()


def get_clock() -> Clock:
    return _clock


def now() -> datetime:
    """The current instant in UTC."""
    return _clock.now()


def today(zone: str | ZoneInfo) -> date:
    """The current calendar day in ``zone`` (an IANA name such as ``Europe/Berlin``)."""
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    return _clock.now().astimezone(tz).date()
