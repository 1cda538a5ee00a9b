"""Plausible time entries: no entry longer than the company's limit, none outside 2000 .. a year
from today.

A single entry from 2000 to 2010 (87,000 hours) was accepted, a typo in a year or a timer left
running over a holiday. The limit is a company setting (``max_time_entry_hours``, default 24);
a timer that ran longer is not stopped silently but must be given its real end.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core import clock
from workmate.core.errors import BusinessRuleViolation, field_error
from workmate.settings import service as settings_service

EARLIEST_START = datetime(2000, 1, 1, tzinfo=UTC)
# A timesheet records work; it does not plan the years ahead.
AHEAD = timedelta(days=366)
# The smallest limit the setting allows: shorter entries need not read it.
ALWAYS_ALLOWED = timedelta(hours=1)


def too_long(limit: timedelta, *, timer: bool = False) -> BusinessRuleViolation:
    hours = int(limit.total_seconds() // 3600)
    detail = (
        f"The timer has run longer than an entry may last ({hours} hours, a company setting). "
        "Set its real end in the entry instead."
        if timer
        else f"An entry may last at most {hours} hours (a company setting). Split longer work "
        "into several entries."
    )
    return BusinessRuleViolation(
        detail,
        code="time_entry_too_long",
        errors=[field_error("ended_at", f"At most {hours} hours.", "time_entry_too_long")],
    )


async def check(session: AsyncSession, started_at: datetime, ended_at: datetime | None) -> None:
    """422 ``time_entry_out_of_range`` or ``time_entry_too_long`` for an implausible entry."""
    latest = clock.now() + AHEAD
    for name, value in (("started_at", started_at), ("ended_at", ended_at)):
        if value is not None and not EARLIEST_START <= value <= latest:
            raise BusinessRuleViolation(
                "Time entries lie between the year 2000 and one year from today.",
                code="time_entry_out_of_range",
                errors=[
                    field_error(
                        name, "Between 2000 and a year from today.", "time_entry_out_of_range"
                    )
                ],
            )
    if ended_at is not None and ended_at - started_at > ALWAYS_ALLOWED:
        limit = await settings_service.max_entry_duration(session)
        if ended_at - started_at > limit:
            raise too_long(limit)
