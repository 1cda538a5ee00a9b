"""Bulk loading with PostgreSQL COPY, and setting indexes and constraints aside while it runs.

Maintaining a trigram GIN index, the exclusion constraint's GiST index or a foreign-key trigger
row by row costs far more than building the index once afterwards (or validating the foreign key
with one join). The whole load runs in one transaction, so a failure leaves the schema intact.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import psycopg

# Rows written between two progress updates.
STEP = 5000


class Progress(Protocol):
    """What the loader reports; the CLI shows it as one Rich progress bar per table."""

    def start(self, table: str, total: int) -> None: ...

    def advance(self, rows: int) -> None: ...

    def finish(self) -> None: ...


class NoProgress:
    def start(self, table: str, total: int) -> None:
        pass

    def advance(self, rows: int) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class Timings:
    """Seconds and rows per step, in the order they ran."""

    steps: list[tuple[str, int, float]] = field(default_factory=list)

    def add(self, name: str, rows: int, seconds: float) -> None:
        self.steps.append((name, rows, seconds))

    @property
    def total(self) -> float:
        return sum(seconds for _, _, seconds in self.steps)


def copy_rows(
    conn: psycopg.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    progress: Progress,
    total: int,
    freeze: bool = False,
) -> int:
    """Stream ``rows`` into ``table`` with COPY (text format); returns the row count.

    FREEZE writes the rows already frozen (no later vacuum pass to set hint bits); PostgreSQL
    allows it only for a table truncated in the same transaction.
    """
    progress.start(table, total)
    count = 0
    options = " WITH (FREEZE)" if freeze else ""
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN{options}"
    with conn.cursor() as cur, cur.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
            if count % STEP == 0:
                progress.advance(STEP)
    progress.advance(count % STEP)
    progress.finish()
    return count


@dataclass
class SetAside:
    """Constraints and indexes dropped for the load, with the SQL to create them again."""

    keys: list[tuple[str, str, str]] = field(default_factory=list)  # table, name, definition
    indexes: list[str] = field(default_factory=list)
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)


KEYS_SQL = """
SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype
FROM pg_constraint c
WHERE c.contype IN ('p', 'u', 'x') AND c.conrelid = ANY(%(tables)s::regclass[])
ORDER BY c.contype = 'p' DESC, c.conname
"""
FOREIGN_KEYS_SQL = """
SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
FROM pg_constraint c
WHERE c.contype = 'f'
  AND (c.conrelid = ANY(%(tables)s::regclass[]) OR c.confrelid = ANY(%(tables)s::regclass[]))
ORDER BY c.conname
"""
INDEXES_SQL = """
SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid = ANY(%(tables)s::regclass[])
  AND NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')
  )
ORDER BY 1
"""


def set_aside(conn: psycopg.Connection, tables: Sequence[str]) -> SetAside:
    """Drop foreign keys, keys and indexes of ``tables`` (and foreign keys pointing at them)."""
    saved = SetAside()
    params = {"tables": list(tables)}
    for table, name, definition in conn.execute(FOREIGN_KEYS_SQL, params).fetchall():
        saved.foreign_keys.append((table, name, definition))
        conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, definition in conn.execute(INDEXES_SQL, params).fetchall():
        saved.indexes.append(definition)
        conn.execute(f"DROP INDEX {name}")
    for table, name, definition, _kind in conn.execute(KEYS_SQL, params).fetchall():
        saved.keys.append((table, name, definition))
        conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return saved


def restore(
    conn: psycopg.Connection, saved: SetAside, timings: Timings, progress: Progress
) -> None:
    """Create everything ``set_aside`` dropped: keys first, then indexes, then foreign keys
    (which need the keys they reference and are validated against the loaded rows)."""
    conn.execute("SET LOCAL maintenance_work_mem = '512MB'")
    conn.execute("SET LOCAL max_parallel_maintenance_workers = 2")
    steps = [
        (
            "keys",
            [f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}' for t, n, d in saved.keys],
        ),
        ("indexes", saved.indexes),
        (
            "foreign keys",
            [f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}' for t, n, d in saved.foreign_keys],
        ),
    ]
    for name, statements in steps:
        started = time.perf_counter()
        progress.start(name, len(statements))
        for statement in statements:
            conn.execute(statement.encode())
            progress.advance(1)
        progress.finish()
        timings.add(name, len(statements), time.perf_counter() - started)
