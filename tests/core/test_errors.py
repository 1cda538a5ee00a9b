from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, role
from workmate.models import Employee

PROBLEM_KEYS = {"type", "title", "status", "detail", "code", "params", "errors", "request_id"}


async def test_unknown_api_route_is_problem_404(client: AsyncClient) -> None:
    response = await client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert set(response.json()) == PROBLEM_KEYS
    assert response.headers["x-request-id"] == response.json()["request_id"]


async def test_wrong_method_is_problem_405(client: AsyncClient) -> None:
    response = await client.put("/api/v1/health")
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"


async def test_request_id_is_taken_from_the_caller(client: AsyncClient) -> None:
    response = await client.get("/api/v1/health", headers={"X-Request-ID": "trace-123"})
    assert response.headers["x-request-id"] == "trace-123"


async def test_nul_byte_in_text_is_422_and_writes_nothing(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    before = await session.scalar(select(func.count()).select_from(Employee))
    response = await client.post(
        "/api/v1/employees",
        json={
            "name": "Null\x00Byte",
            "email": "nul@example.org",
            "role_id": str((await role(session)).id),
        },
    )
    assert response.status_code == 422, response.text
    assert set(response.json()) == PROBLEM_KEYS
    assert await session.scalar(select(func.count()).select_from(Employee)) == before


async def test_invalid_json_is_422(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    response = await client.post(
        "/api/v1/departments", content=b"{broken", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422 and response.json()["code"] == "validation_error"


async def test_security_headers(client: AsyncClient) -> None:
    response = await client.get("/api/v1/health")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
