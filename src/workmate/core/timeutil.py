"""Time zone helpers. The current instant and day come from ``core.clock`` (the one clock)."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones


@lru_cache(maxsize=1)
def known_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_time_zone(name: str) -> bool:
    return name in known_time_zones()


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
