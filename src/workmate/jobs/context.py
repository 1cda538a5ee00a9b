"""What job handlers use: the database (for their own short sessions) and the file storage.

Set up by the worker from the same settings and URL the app uses (`workmate.jobs.worker`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core.db import Database
from workmate.storage import get_storage


@dataclass
class WorkerResources:
    database: Database
    owned: bool


_resources: WorkerResources | None = None


def configure(database: Database, *, owned: bool = False) -> None:
    """Give handlers this database; ``owned`` means the worker disposes it when it stops."""
    global _resources
    _resources = WorkerResources(database=database, owned=owned)


async def reset() -> None:
    global _resources
    resources, _resources = _resources, None
    if resources is not None and resources.owned:
        await resources.database.dispose()


def get_database() -> Database:
    if _resources is None:
        raise RuntimeError("No job worker is running in this process (jobs.context not set up).")
    return _resources.database


@asynccontextmanager
async def transaction() -> AsyncIterator[AsyncSession]:
    """A short session committed at the end of the block: ``async with transaction() as s:``."""
    async with get_database().transaction() as session:
        yield session


__all__ = ["configure", "get_database", "get_storage", "reset", "transaction"]
