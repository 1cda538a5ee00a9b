"""Input types every route and schema uses for days and instants, bounded to plausible values.

A day in year 1 or 9999 passed validation and then broke arithmetic (the day after 9999-12-31,
midnight of 0001-01-01 in Berlin is in year 0) or PostgreSQL: a 500 instead of a 422. Every
date and timestamp a client sends goes through ``Day`` or ``Instant``, which refuse anything
outside ``MIN_DAY`` .. ``MAX_DAY`` with the field error ``date_out_of_range``. NUL characters
in any text are refused for all routes at once by ``core.input_guard``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime
from pydantic_core import PydanticCustomError

MIN_DAY = date(1900, 1, 1)
MAX_DAY = date(2199, 12, 31)


def _out_of_range() -> PydanticCustomError:
    return PydanticCustomError(
        "date_out_of_range",
        "Dates must lie between {min} and {max}.",
        {"min": MIN_DAY.isoformat(), "max": MAX_DAY.isoformat()},
    )


def _bounded_day(value: date) -> date:
    if not MIN_DAY <= value <= MAX_DAY:
        raise _out_of_range()
    return value


def _bounded_instant(value: datetime) -> datetime:
    # The local day, not the instant: converting year 1 with an offset to UTC overflows.
    if not MIN_DAY <= value.date() <= MAX_DAY:
        raise _out_of_range()
    return value


Day = Annotated[date, AfterValidator(_bounded_day)]
Instant = Annotated[AwareDatetime, AfterValidator(_bounded_instant)]
