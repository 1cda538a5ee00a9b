"""week grid entries are day entries without clock times

Grid entries were placed at a made-up 09:00 and took part in the overlap rule, so a timer
started before 09:00 on such a day was refused. They are now day entries: moved to the first
instant of their day (in the entry's zone; the day, week and duration stay the same), and the
exclusion constraint skips them.

Revision ID: i13_0002
Revises: i13_0001
Create Date: 2026-12-07 09:10:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "i13_0002"
down_revision: str | None = "i13_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ex_time_entries_no_overlap"
RANGE = "tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz))"
# The first instant of the entry's local day (right-hand sides see the row before the update).
DAY_START = "(date_trunc('day', started_at AT TIME ZONE time_zone) AT TIME ZONE time_zone)"
MOVE_TO_DAY_START = (
    f"UPDATE time_entries SET started_at = {DAY_START}, "
    f"ended_at = {DAY_START} + (ended_at - started_at) "
    "WHERE source = 'grid' AND ended_at IS NOT NULL"
)


def _constraint(where: str) -> None:
    op.execute(
        f"ALTER TABLE time_entries ADD CONSTRAINT {NAME} EXCLUDE USING gist "
        f"(employee_id WITH =, {RANGE} WITH &&){where}"
    )


def upgrade() -> None:
    op.execute(f"ALTER TABLE time_entries DROP CONSTRAINT {NAME}")
    op.execute(MOVE_TO_DAY_START)
    _constraint(" WHERE (source <> 'grid')")


def _gap(busy: list[tuple[datetime, datetime]], day: datetime, length: timedelta) -> datetime:
    """The old placement: the first free stretch from 09:00, else from midnight, else midnight."""
    ends = sorted(end for _, end in busy)
    for floor in (day + timedelta(hours=9), day):
        for start in [floor, *(e for e in ends if e > floor)]:
            stop = start + length
            if stop <= day + timedelta(days=1) and all(
                not (a < stop and b > start) for a, b in busy
            ):
                return start
    return day


def downgrade() -> None:
    """Day entries get made-up clock times again, placed as the grid used to place them."""
    op.execute(f"ALTER TABLE time_entries DROP CONSTRAINT {NAME}")
    bind = op.get_bind()
    days = bind.execute(
        sa.text(
            "SELECT id, employee_id, started_at, ended_at, time_zone FROM time_entries "
            "WHERE source = 'grid' AND ended_at IS NOT NULL ORDER BY employee_id, started_at, id"
        )
    ).all()
    for row in days:
        zone = ZoneInfo(row.time_zone)
        local = row.started_at.astimezone(zone).date()
        midnight = datetime.combine(local, time(0), zone).astimezone(UTC)
        busy = bind.execute(
            sa.text(
                "SELECT started_at, coalesce(ended_at, :end) FROM time_entries "
                "WHERE employee_id = :e AND id <> :id AND started_at < :end "
                "AND coalesce(ended_at, :end) > :start "
                "AND (source <> 'grid' OR started_at <> :day_start)"
            ),
            {
                "e": row.employee_id,
                "id": row.id,
                "start": midnight,
                "end": midnight + timedelta(days=1),
                "day_start": row.started_at,
            },
        ).all()
        start = _gap([(a, b) for a, b in busy], midnight, row.ended_at - row.started_at)
        bind.execute(
            sa.text("UPDATE time_entries SET started_at = :s, ended_at = :e WHERE id = :id"),
            {"s": start, "e": start + (row.ended_at - row.started_at), "id": row.id},
        )
    _constraint("")
