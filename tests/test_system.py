from __future__ import annotations

from httpx import AsyncClient


async def test_health_is_public(client: AsyncClient) -> None:
    response = await client.get("/api/v1/health")
    assert response.status_code == 200 and response.json()["status"] == "ok"


async def test_ready_reports_database_and_migrations(client: AsyncClient) -> None:
    response = await client.get("/api/v1/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] is True and body["migrations_current"] is True
    assert body["current_revision"] == body["head_revision"]


async def test_ready_is_503_when_migrations_are_behind(client: AsyncClient, database) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    async with database.transaction() as s:
        current = (await s.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        await s.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    try:
        response = await client.get("/api/v1/ready")
        assert response.status_code == 503 and response.json()["migrations_current"] is False
    finally:
        async with database.transaction() as s:
            await s.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": current})
