"""Reading the trigger-maintained statistics (``workmate.models.stats``): compacted totals plus
the deltas not yet folded in, so every figure is exact at the moment of reading."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# Fold deltas into the totals when a reader meets more than this many (cheap either way).
COMPACT_AFTER = 2_000

_ROWS = text(
    """
    SELECT key, sum(count) AS n, sum(a) AS a, sum(b) AS b, sum(c) AS c, sum(d) AS d,
           sum(deltas) AS deltas
    FROM (
        SELECT key, count, a, b, c, d, 0 AS deltas FROM stat_totals
        WHERE metric = :metric AND key BETWEEN :low AND :high
        UNION ALL
        SELECT key, count, a, b, c, d, 1 FROM stat_deltas
        WHERE metric = :metric AND key BETWEEN :low AND :high
    ) x
    GROUP BY key
    """
)

# One sum over a key range (e.g. receivables due before today), in SQL.
_SUM = text(
    """
    SELECT coalesce(sum(count), 0) AS n, coalesce(sum(a), 0) AS a, coalesce(sum(b), 0) AS b,
           coalesce(sum(c), 0) AS c, coalesce(sum(d), 0) AS d
    FROM (
        SELECT count, a, b, c, d FROM stat_totals
        WHERE metric = :metric AND key BETWEEN :low AND :high
        UNION ALL
        SELECT count, a, b, c, d FROM stat_deltas
        WHERE metric = :metric AND key BETWEEN :low AND :high
    ) x
    """
)

# Top keys by ``a``: the compacted leaders plus every key with pending deltas are the only
# candidates whose sum can be among the top ``limit`` (a key without deltas that is not among
# the ``limit + pending`` largest totals is beaten by at least ``limit`` unchanged leaders).
# The leader count is a literal: with ``LIMIT <subquery>`` the planner can't see how few rows
# are wanted and sorts the whole metric instead of reading its (metric, a) index from the top.
_TOP = """
    WITH d AS (
        SELECT key, sum(count) AS count, sum(a) AS a, sum(b) AS b, sum(c) AS c, sum(d) AS d
        FROM stat_deltas WHERE metric = :metric GROUP BY key
    ),
    leaders AS (
        SELECT key FROM stat_totals WHERE metric = :metric ORDER BY a DESC LIMIT {leaders}
    ),
    candidates AS (SELECT key FROM leaders UNION SELECT key FROM d)
    SELECT c.key,
           coalesce(t.count, 0) + coalesce(d.count, 0) AS n,
           coalesce(t.a, 0) + coalesce(d.a, 0) AS a,
           coalesce(t.b, 0) + coalesce(d.b, 0) AS b,
           coalesce(t.c, 0) + coalesce(d.c, 0) AS c,
           coalesce(t.d, 0) + coalesce(d.d, 0) AS d,
           (SELECT count(*) FROM d) AS pending
    FROM candidates c
    LEFT JOIN stat_totals t ON t.metric = :metric AND t.key = c.key
    LEFT JOIN d ON d.key = c.key
    ORDER BY a DESC, c.key
    LIMIT {limit}
"""
_PENDING_KEYS = text("SELECT count(DISTINCT key) FROM stat_deltas WHERE metric = :metric")


@dataclass(frozen=True)
class Figure:
    count: int
    a: Decimal
    b: Decimal
    c: Decimal = Decimal(0)
    d: Decimal = Decimal(0)


async def figures(
    session: AsyncSession, metric: str, low: str = "", high: str = "\uffff"
) -> dict[str, Figure]:
    rows = (await session.execute(_ROWS, {"metric": metric, "low": low, "high": high})).all()
    if sum(int(r.deltas) for r in rows) > COMPACT_AFTER:
        await compact(session)
    return {
        r.key: Figure(int(r.n), Decimal(r.a), Decimal(r.b), Decimal(r.c), Decimal(r.d))
        for r in rows
    }


async def total(session: AsyncSession, metric: str, low: str = "", high: str = "\uffff") -> Figure:
    """The sum of a metric's keys from ``low`` to ``high`` (inclusive)."""
    r = (await session.execute(_SUM, {"metric": metric, "low": low, "high": high})).one()
    return Figure(int(r.n), Decimal(r.a), Decimal(r.b), Decimal(r.c), Decimal(r.d))


async def top(session: AsyncSession, metric: str, limit: int) -> list[tuple[str, Figure]]:
    limit = int(limit)
    pending = int(await session.scalar(_PENDING_KEYS, {"metric": metric}) or 0)
    while True:
        sql = text(_TOP.format(leaders=limit + pending, limit=limit))
        rows = (await session.execute(sql, {"metric": metric})).all()
        seen = int(rows[0].pending) if rows else 0
        if seen <= pending:
            break
        pending = seen  # deltas of new keys arrived between the two statements: widen, re-read
    return [
        (r.key, Figure(int(r.n), Decimal(r.a), Decimal(r.b), Decimal(r.c), Decimal(r.d)))
        for r in rows
    ]


async def compact(session: AsyncSession) -> int:
    """Fold the deltas into the totals (skipped when another compaction runs)."""
    return int(await session.scalar(text("SELECT workmate_compact_stats()")) or 0)
