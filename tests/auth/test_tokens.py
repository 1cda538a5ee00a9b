"""Personal API tokens: every token expires, can be narrowed to some permissions or to reading,
and does not outlive a reset, a deactivation or (on request) a password change."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import PASSWORD, logged_in_as, login, make_employee, make_role
from workmate.auth.permissions import Permission
from workmate.core import clock
from workmate.models import Role

TOKENS = "/api/v1/auth/tokens"
NEW_PASSWORD = "Ein-ganz-neues-Kennwort-2026"


@asynccontextmanager
async def _bearer(app: Any, secret: str) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as c:
        c.headers["Authorization"] = f"Bearer {secret}"
        yield c


async def _token(client: AsyncClient, **body: Any) -> dict[str, Any]:
    r = await client.post(TOKENS, json={"name": "Integration", **body})
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


async def _works(app: Any, secret: str) -> bool:
    async with _bearer(app, secret) as bearer:
        status = (await bearer.get("/api/v1/auth/me")).status_code
    assert status in (200, 401)
    return status == 200


@pytest.mark.date_sensitive
async def test_tokens_expire_after_90_days_by_default_and_a_year_at_most(
    client: AsyncClient, session: AsyncSession, app: Any, frozen_clock: clock.FixedClock
) -> None:
    await logged_in_as(client, session, "employee")
    created = await _token(client)
    expires = clock.now() + timedelta(days=90)
    assert created["token"]["expires_at"] == expires.isoformat().replace("+00:00", "Z")
    for days in (367, 0, None):
        r = await client.post(TOKENS, json={"name": "x", "expires_in_days": days})
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["field"] == "expires_in_days"
    assert (await _token(client, expires_in_days=366))["token"]["expires_at"]
    assert await _works(app, created["secret"])
    frozen_clock.advance(timedelta(days=90))
    assert not await _works(app, created["secret"])


async def test_password_change_revokes_tokens_only_on_request(
    client: AsyncClient, session: AsyncSession, app: Any
) -> None:
    await logged_in_as(client, session, "employee")
    kept = (await _token(client))["secret"]
    change = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    assert (await client.post("/api/v1/auth/me/password", json=change)).status_code == 204
    assert await _works(app, kept)
    back = {"current_password": NEW_PASSWORD, "new_password": PASSWORD, "revoke_api_tokens": True}
    assert (await client.post("/api/v1/auth/me/password", json=back)).status_code == 204
    assert not await _works(app, kept)
    assert (await client.get(TOKENS)).json() == []


@pytest.mark.parametrize("by", ["reset", "deactivation"])
async def test_reset_and_deactivation_revoke_tokens_for_good(
    client: AsyncClient, session: AsyncSession, app: Any, by: str
) -> None:
    owner = await logged_in_as(client, session, "employee")
    secret = (await _token(client))["secret"]
    await logged_in_as(client, session, "admin")
    url = f"/api/v1/employees/{owner.id}"
    if by == "reset":
        r = await client.post(f"{url}/password", json={"new_password": NEW_PASSWORD})
        assert r.status_code == 204
    else:
        assert (await client.post(f"{url}/deactivate")).status_code == 200
        assert (await client.post(f"{url}/activate")).status_code == 200
    # Also after the account is active again, the old token stays dead.
    assert not await _works(app, secret)


async def test_a_scoped_token_acts_only_within_its_scopes(
    client: AsyncClient, session: AsyncSession, app: Any
) -> None:
    await logged_in_as(client, session, "employee")
    r = await client.post(TOKENS, json={"name": "x", "scopes": ["invoices.read"]})
    assert r.status_code == 403 and r.json()["code"] == "permission_not_held"
    assert (await client.post(TOKENS, json={"name": "x", "scopes": ["nope"]})).status_code == 422
    created = await _token(client, scopes=["customers.read", "api_tokens.use"])
    assert created["token"]["scopes"] == ["api_tokens.use", "customers.read"]
    async with _bearer(app, created["secret"]) as bearer:
        assert (await bearer.get("/api/v1/customers")).status_code == 200
        r = await bearer.get("/api/v1/employees")
        assert r.status_code == 403 and r.json()["code"] == "missing_permission"
        me = (await bearer.get("/api/v1/auth/me")).json()
        assert set(me["permissions"]) == {"api_tokens.use", "customers.read"}
        # A token made with it carries at most its scopes.
        child = (await bearer.post(TOKENS, json={"name": "child"})).json()
        assert child["token"]["scopes"] == ["api_tokens.use", "customers.read"]
        r = await bearer.post(TOKENS, json={"name": "wider", "scopes": ["employees.read"]})
        assert r.status_code == 403 and r.json()["code"] == "permission_not_held"


async def test_a_read_only_token_cannot_change_anything(
    client: AsyncClient, session: AsyncSession, app: Any
) -> None:
    await logged_in_as(client, session, "admin")
    created = await _token(client, read_only=True)
    assert created["token"]["read_only"] is True
    async with _bearer(app, created["secret"]) as bearer:
        assert (await bearer.get("/api/v1/employees")).status_code == 200
        for method, url, body in (
            ("PATCH", "/api/v1/auth/me", {"theme": "dark"}),
            ("POST", "/api/v1/departments", {"name": "X", "code": "X"}),
            ("POST", TOKENS, {"name": "escape"}),
        ):
            r = await bearer.request(method, url, json=body)
            assert r.status_code == 403 and r.json()["code"] == "token_read_only", r.text
        permissions = set((await bearer.get("/api/v1/auth/me")).json()["permissions"])
    assert Permission.admin.value not in permissions
    assert Permission.employees_read.value in permissions
    assert not any(p.endswith(".write") for p in permissions)


async def test_a_token_loses_what_its_owner_loses(
    client: AsyncClient, session: AsyncSession, app: Any
) -> None:
    readers = await make_role(
        session,
        permissions=[Permission.api_tokens_use.value, Permission.employees_read.value],
    )
    owner = await make_employee(session, role_key=None, role_id=readers.id)
    await session.commit()

    await login(client, owner.email)
    secret = (await _token(client))["secret"]
    await session.execute(
        update(Role).where(Role.id == readers.id).values(permissions=["api_tokens.use"])
    )
    await session.commit()
    async with _bearer(app, secret) as bearer:
        assert (await bearer.get("/api/v1/employees")).status_code == 403
