"""Time zone helpers. The current instant and day come from ``core.clock`` (the one clock)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones


@lru_cache(maxsize=1)
def known_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_time_zone(name: str) -> bool:
    return name in known_time_zones()


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """The first instant of ``day`` in ``zone`` (UTC-aware). Midnight where it exists; where a
    clock change skips midnight (some zones switch at 00:00), the first local time after it."""
    candidate = datetime.combine(day, time(0), zone).astimezone(UTC)
    while candidate.astimezone(zone).date() < day:
        candidate += timedelta(minutes=30)
    return candidate


def day_length(day: date, zone: ZoneInfo) -> timedelta:
    """How long ``day`` lasts in ``zone``: 24 hours, 23 or 25 on the nights the clocks change."""
    return day_start(day + timedelta(days=1), zone) - day_start(day, zone)
