"""Models and migrations do not drift, and every migration can be undone."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from workmate.core import embedded
from workmate.core.database_url import sync_url, with_database
from workmate.jobs.schema import include_name
from workmate.migrations_state import downgrade, head_revision, upgrade
from workmate.models import Base


def _diff(url: str) -> list[object]:
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            opts = {"compare_type": True, "include_name": include_name}
            context = MigrationContext.configure(conn, opts=opts)
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = create_engine(sync_url(url))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_models_match_migrations(database_url: str) -> None:
    assert _diff(database_url) == []


def test_downgrade_to_base_and_up_again(server_url: str) -> None:
    name = "workmate_migration_roundtrip"
    embedded.drop_database(server_url, name)
    embedded.create_database(server_url, name)
    url = with_database(server_url, name)
    try:
        upgrade(url)
        assert {"employees", "roles", "departments", "auth_sessions"} <= _tables(url)
        downgrade(url, "base")
        assert _tables(url) <= {"alembic_version"}
        upgrade(url)
        assert _diff(url) == []
    finally:
        embedded.drop_database(server_url, name)


def test_migration_files_have_dated_names() -> None:
    from workmate.migrations_state import MIGRATIONS_DIR

    names = sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py"))
    assert names and all(n[:4].isdigit() and n[4] == "_" for n in names), names
    assert head_revision() is not None
