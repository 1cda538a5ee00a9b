"""Rounding of billable time (DESIGN.md 6): applied to the billable view, never to recorded times.

Durations are counted in whole minutes. Without a rule ("none") the recorded seconds are rounded
half up to the minute; with a rule the recorded seconds are rounded up, down or to the nearest
step of 1, 5, 6, 10, 15 or 30 minutes (nearest: a half step rounds up). The same arithmetic
exists as SQL in ``workmate.time_tracking.pricing`` so lists and statistics agree with this
function; a test compares both.
"""

from __future__ import annotations

from typing import Literal

RoundingMode = Literal["none", "up", "nearest", "down"]
STEPS = (1, 5, 6, 10, 15, 30)


def duration_minutes(seconds: int) -> int:
    """Recorded duration in whole minutes (half a minute rounds up)."""
    return (seconds + 30) // 60


def rounded_minutes(seconds: int, mode: str, step: int) -> int:
    if seconds < 0:
        raise ValueError("A duration cannot be negative.")
    if mode == "none":
        return duration_minutes(seconds)
    if step not in STEPS:
        raise ValueError(f"Rounding step must be one of {STEPS}.")
    unit = step * 60
    if mode == "up":
        return (seconds + unit - 1) // unit * step
    if mode == "down":
        return seconds // unit * step
    if mode == "nearest":
        return (seconds + unit // 2) // unit * step
    raise ValueError(f"Unknown rounding mode {mode!r}.")
