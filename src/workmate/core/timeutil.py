"""Time helpers: timestamps are UTC-aware; days and months are decided in an IANA zone."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones


def utcnow() -> datetime:
    return datetime.now(UTC)


@lru_cache(maxsize=1)
def known_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_time_zone(name: str) -> bool:
    return name in known_time_zones()


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
