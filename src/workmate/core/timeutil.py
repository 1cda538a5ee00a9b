"""Time helpers: timestamps are UTC-aware; days and months are decided in an IANA zone."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from workmate.core import clock


def utcnow() -> datetime:
    """The current instant from the one clock (``core.clock``)."""
    return clock.now()


@lru_cache(maxsize=1)
def known_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_time_zone(name: str) -> bool:
    return name in known_time_zones()


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
