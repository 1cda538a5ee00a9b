"""Test fixtures: a real PostgreSQL (the embedded server), built by running the migrations.

Every test starts from a database holding only the default roles: tables are truncated
between tests. That is slower than rolling back one transaction but lets tests commit for real,
which the race tests (two requests at once) need.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.app import create_app
from workmate.bootstrap import ensure_default_roles
from workmate.config import Settings
from workmate.core import embedded
from workmate.core.db import Database
from workmate.jobs.worker import run_worker
from workmate.migrations_state import upgrade
from workmate.models import Base
from workmate.storage import LocalStorage, configure_storage

TEST_DATA_DIR = Path(os.environ.get("WORKMATE_TEST_DATA_DIR", "var/test"))


@pytest.fixture(scope="session")
def server_url() -> str:
    """The embedded server (shared by xdist workers) with durability off for speed."""
    url = embedded.start(TEST_DATA_DIR, database="postgres")
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for setting in ("fsync", "full_page_writes", "synchronous_commit"):
            conn.execute(f"ALTER SYSTEM SET {setting} = off")
        conn.execute("SELECT pg_reload_conf()")
    return url


@pytest.fixture(scope="session")
def database_url(server_url: str, worker_id: str) -> str:
    name = f"workmate_test_{worker_id}"
    embedded.drop_database(server_url, name)
    embedded.create_database(server_url, name)
    from workmate.core.database_url import with_database

    url = with_database(server_url, name)
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def worker_id() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def storage_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("files")


@pytest.fixture(scope="session")
def settings(database_url: str, storage_dir: Path) -> Settings:
    # No background worker in tests: they run queued jobs with `run_jobs`.
    return Settings(
        env="test",
        database_url=database_url,
        log_level="warning",
        run_worker_in_process=False,
        storage_dir=storage_dir,
    )


@pytest.fixture(scope="session", autouse=True)
def file_storage(storage_dir: Path) -> LocalStorage:
    """Files written by the app and by jobs go to a per-session temporary folder."""
    storage = LocalStorage(storage_dir)
    configure_storage(storage)
    return storage


@pytest.fixture(scope="session")
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url, pool_size=5)
    yield db
    await db.dispose()


QUEUE_TABLES = ["procrastinate_events", "procrastinate_periodic_defers", "procrastinate_jobs"]
TABLES = ", ".join([*QUEUE_TABLES, *(t.name for t in reversed(Base.metadata.sorted_tables))])


@pytest.fixture(autouse=True)
async def clean_database(database: Database) -> None:
    async with database.transaction() as session:
        await session.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
        await session.execute(text("ALTER SEQUENCE employee_number_seq RESTART"))
        await session.execute(text("INSERT INTO company_settings (id) VALUES (1)"))
        await ensure_default_roles(session)


@pytest.fixture
async def session(database: Database) -> AsyncIterator[AsyncSession]:
    """A session for arranging and checking data; commits at the end of the test's use."""
    async with database.transaction() as s:
        yield s


@pytest.fixture
def run_jobs(database_url: str, database: Database) -> Callable[[], Awaitable[None]]:
    """``await run_jobs()`` runs the queue's worker here until no job is left."""

    async def run() -> None:
        await run_worker(database_url, wait=False, database=database, periodic=False)

    return run


@pytest.fixture
def app(settings: Settings, database: Database):  # type: ignore[no-untyped-def]
    application = create_app(settings, start_worker=False)
    application.state.db = database
    return application


@pytest.fixture
async def client(app) -> AsyncIterator[AsyncClient]:  # type: ignore[no-untyped-def]
    transport = ASGITransport(app=app, client=("10.0.0.1", 50000))
    async with AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = Path("artifacts")
    path.mkdir(exist_ok=True)
    return path


class StatementCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *args: object, **kwargs: object) -> None:
        self.count += 1


@pytest.fixture
def count_statements(database: Database):  # type: ignore[no-untyped-def]
    """Counts SQL statements sent by the app: ``with count_statements() as c: ...; c.count``."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counting():  # type: ignore[no-untyped-def]
        counter = StatementCounter()
        engine = database.engine.sync_engine
        event.listen(engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", counter)

    return counting
