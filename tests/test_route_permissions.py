"""Every route is authenticated by default and checks its permission (issue: walk every route)."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_role
from tests.routes import endpoints, required_permissions
from workmate.app import PUBLIC_PATHS, create_app

# Routes every signed-in user may call about themselves; all others must name a permission.
SELF_SERVICE = {
    "GET /api/v1/auth/me",
    "PATCH /api/v1/auth/me",
    "POST /api/v1/auth/me/password",
    "GET /api/v1/auth/me/layout",
    "PUT /api/v1/auth/me/layout",
    "POST /api/v1/auth/logout",
    "POST /api/v1/auth/logout-all",
    "GET /api/v1/auth/sessions",
    "DELETE /api/v1/auth/sessions/{session_id}",
    "GET /api/v1/auth/tokens",
    "POST /api/v1/auth/tokens",
    "DELETE /api/v1/auth/tokens/{token_id}",
    "GET /api/v1/search",
    "GET /api/v1/settings/company",
    # A job is visible to its owner only (checked in jobs.service.get_for_owner).
    "GET /api/v1/jobs/{job_id}",
    "GET /api/v1/jobs/{job_id}/download",
}


def test_every_route_is_public_self_service_or_guarded_by_a_permission() -> None:
    app = create_app()
    unguarded = set()
    for endpoint in endpoints(app):
        if endpoint.path in PUBLIC_PATHS:
            continue
        if not required_permissions(endpoint.route.dependant):
            unguarded.add(str(endpoint))
    assert unguarded == SELF_SERVICE


async def test_every_non_public_route_needs_authentication(client: AsyncClient, app) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for endpoint in endpoints(app):
        response = await client.request(endpoint.method, endpoint.url(), json={})
        if endpoint.path in PUBLIC_PATHS:
            assert response.status_code != 401, endpoint
        else:
            assert response.status_code == 401, (str(endpoint), response.status_code, response.text)
            assert response.json()["code"] == "unauthenticated"
            checked += 1
    assert checked > 20


async def test_every_guarded_route_refuses_a_user_without_the_permission(
    client: AsyncClient, session: AsyncSession, app
) -> None:  # type: ignore[no-untyped-def]
    nobody = await make_role(session, name="Nobody", permissions=[])
    await session.commit()
    await logged_in_as(client, session, role_key=None, role_id=nobody.id)
    checked = 0
    for endpoint in endpoints(app):
        if not required_permissions(endpoint.route.dependant):
            continue
        response = await client.request(endpoint.method, endpoint.url(), json={})
        assert response.status_code == 403, (str(endpoint), response.status_code, response.text)
        assert response.json()["code"] == "missing_permission"
        checked += 1
    assert checked >= 15


@pytest.mark.parametrize("key", ["employee", "project_lead", "accounting"])
async def test_roles_without_admin_rights_cannot_manage_roles(
    client: AsyncClient, session: AsyncSession, key: str
) -> None:
    await logged_in_as(client, session, key)
    assert (await client.post("/api/v1/roles", json={"name": "Sneaky"})).status_code == 403
