"""`python -m bench.statement_cost`: what one primary-key read costs in CPU, layer by layer.

The same ``SELECT ... FROM customers WHERE id = $1``, sequentially on one connection, through
the ORM with a statement built per call (what most request code does), a prebuilt ORM statement,
Core with a built and a prebuilt statement, and asyncpg directly. The differences are the price
of each layer; compare them with the /health baseline of ``make bench`` (~0.1 ms per request).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from sqlalchemy import bindparam, select, text

from workmate.core.db import Database
from workmate.models import Customer

ROUNDS = 2_000


async def _measure(name: str, call: Callable[[], Awaitable[object]]) -> None:
    for _ in range(100):
        await call()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(ROUNDS):
        await call()
    cpu_us = (time.process_time() - cpu) / ROUNDS * 1e6
    wall_us = (time.perf_counter() - wall) / ROUNDS * 1e6
    print(f"{name:44} CPU {cpu_us:6.0f} µs   wall {wall_us:6.0f} µs")


async def main(url: str) -> None:
    database = Database(url, pool_size=1)
    table = Customer.__table__
    try:
        async with database.sessionmaker() as session:
            customer_id = await session.scalar(text("SELECT id FROM customers LIMIT 1"))
            if customer_id is None:
                raise SystemExit("No customers: load a demo data set first.")
            orm_prebuilt = select(Customer).where(Customer.id == bindparam("cid"))
            core_prebuilt = select(*table.c).where(table.c.id == bindparam("cid"))

            async def orm_built() -> object:
                stmt = select(Customer).where(Customer.id == customer_id)
                return (await session.scalars(stmt)).first()

            async def orm_reused() -> object:
                return (await session.scalars(orm_prebuilt, {"cid": customer_id})).first()

            async def core_built() -> object:
                stmt = select(*table.c).where(table.c.id == customer_id)
                return (await session.execute(stmt)).first()

            async def core_reused() -> object:
                return (await session.execute(core_prebuilt, {"cid": customer_id})).first()

            raw = (await (await session.connection()).get_raw_connection()).driver_connection
            assert raw is not None
            prepared = await raw.prepare("SELECT * FROM customers WHERE id = $1")

            async def asyncpg_direct() -> object:
                return await prepared.fetchrow(customer_id)

            await _measure("ORM, statement built per call", orm_built)
            await _measure("ORM, prebuilt statement", orm_reused)
            await _measure("Core, statement built per call", core_built)
            await _measure("Core, prebuilt statement", core_reused)
            await _measure("asyncpg prepared statement (no SQLAlchemy)", asyncpg_direct)
            await session.rollback()
    finally:
        await database.dispose()


if __name__ == "__main__":
    from bench.__main__ import database_url

    asyncio.run(main(database_url()))
