"""Rounding of billable time: the pure function, and the SQL twin lists and stats use."""

from __future__ import annotations

import pytest
from sqlalchemy import literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.time_tracking.pricing import rounded_minutes_sql
from workmate.time_tracking.rounding import STEPS, duration_minutes, rounded_minutes

M = 60


@pytest.mark.parametrize(
    ("seconds", "mode", "step", "expected"),
    [
        (0, "none", 15, 0),
        (29, "none", 15, 0),
        (30, "none", 15, 1),
        (61 * M + 29, "none", 15, 61),
        (61 * M + 30, "none", 15, 62),
        (1, "up", 15, 15),
        (15 * M, "up", 15, 15),
        (15 * M + 1, "up", 15, 30),
        (0, "up", 15, 0),
        (14 * M + 59, "down", 15, 0),
        (29 * M + 59, "down", 15, 15),
        (30 * M, "down", 15, 30),
        (7 * M + 29, "nearest", 15, 0),
        (7 * M + 30, "nearest", 15, 15),  # half a step rounds up
        (22 * M + 29, "nearest", 15, 15),
        (22 * M + 30, "nearest", 15, 30),
        (61, "up", 1, 2),
        (119, "down", 1, 1),
        (90, "nearest", 1, 2),
        (89, "nearest", 1, 1),
        (M * 7, "up", 5, 10),
        (M * 7, "down", 5, 5),
        (M * 7, "nearest", 5, 5),
        (M * 8, "nearest", 5, 10),
        (M * 7, "up", 6, 12),
        (M * 7, "down", 6, 6),
        (M * 9, "nearest", 6, 12),
        (M * 8, "nearest", 6, 6),
        (M * 11, "up", 10, 20),
        (M * 15, "nearest", 10, 20),
        (M * 14, "nearest", 10, 10),
        (M * 31, "up", 30, 60),
        (M * 44, "nearest", 30, 30),
        (M * 45, "nearest", 30, 60),
        (M * 59, "down", 30, 30),
        (M * 600, "up", 30, 600),
    ],
)
def test_rounding_modes(seconds: int, mode: str, step: int, expected: int) -> None:
    assert rounded_minutes(seconds, mode, step) == expected


def test_recorded_duration_rounds_half_minute_up() -> None:
    assert [duration_minutes(s) for s in (0, 29, 30, 89, 90)] == [0, 0, 1, 1, 2]


def test_rejects_unknown_mode_step_and_negative() -> None:
    with pytest.raises(ValueError, match="mode"):
        rounded_minutes(60, "sideways", 15)
    with pytest.raises(ValueError, match="step"):
        rounded_minutes(60, "up", 7)
    with pytest.raises(ValueError, match="negative"):
        rounded_minutes(-1, "up", 15)


async def test_sql_rounding_agrees_with_python_for_every_mode_and_step(
    session: AsyncSession,
) -> None:
    samples = [0, 1, 29, 30, 59, 60, 89, 90, 299, 300, 301, 449, 450, 451, 899, 900, 901]
    samples += [1799, 1800, 1801, 2699, 2700, 3599, 3600, 3601, 28_799, 86_399]
    cases = [(s, "none", 1) for s in samples]
    cases += [
        (s, mode, step) for s in samples for mode in ("up", "down", "nearest") for step in STEPS
    ]
    columns = [
        rounded_minutes_sql(literal(s), literal(mode), literal(step)) for s, mode, step in cases
    ]
    results = (await session.execute(select(*columns))).one()
    expected = [rounded_minutes(s, mode, step) for s, mode, step in cases]
    mismatches = [(c, r, e) for c, r, e in zip(cases, results, expected, strict=True) if r != e]
    assert mismatches == []
