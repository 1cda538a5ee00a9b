"""Engine and sessions: one transaction per request, owned by the session dependency.

STYLE.md 5: services flush, the request commits.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from workmate.core.database_url import async_url

# Per connection. The planner's defaults assume spinning disks and spend parallel workers on
# single queries; an OLTP app on SSDs is better served by cheap index access and one core per
# query, so concurrent requests don't multiply each other's CPU (measured in bench/).
SERVER_SETTINGS = {
    "application_name": "workmate",
    "timezone": "UTC",
    "random_page_cost": "1.1",
    "max_parallel_workers_per_gather": "0",
}


class Database:
    def __init__(self, url: str, *, pool_size: int = 10, echo: bool = False) -> None:
        self.url = url
        self.engine: AsyncEngine = create_async_engine(
            async_url(url),
            pool_size=pool_size,
            max_overflow=pool_size,
            pool_pre_ping=False,
            echo=echo,
            connect_args={"server_settings": SERVER_SETTINGS},
        )
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose work is committed on success and rolled back on any error."""
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def dispose(self) -> None:
        await self.engine.dispose()


async def _request_session(request: Request) -> AsyncIterator[AsyncSession]:
    database: Database = request.app.state.db
    async with database.transaction() as session:
        yield session


# scope="function": the commit happens before the response is sent, so a failing commit
# becomes an error response instead of a success the database never saw.
DbSession = Annotated[AsyncSession, Depends(_request_session, scope="function")]
