from __future__ import annotations

from datetime import timedelta

from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import PASSWORD, logged_in_as, login, make_employee
from workmate.core import clock
from workmate.models import AuthSession, Employee, LoginAttempt, Role

LOGIN = "/api/v1/auth/login"


async def test_login_sets_httponly_session_and_readable_csrf_cookie(
    client: AsyncClient, session: AsyncSession
) -> None:
    employee = await make_employee(session, role_key="employee", email="Mia.Muster@Example.org")
    await session.commit()
    response = await client.post(
        LOGIN, json={"email": "mia.muster@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["user"]["email"] == employee.email
    assert body["user"]["role"]["name"] == "Employee"
    assert "time.write_own" in body["user"]["permissions"]
    cookies = response.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("workmate_session="))
    csrf_cookie = next(c for c in cookies if c.startswith("workmate_csrf="))
    assert "HttpOnly" in session_cookie and "SameSite=lax" in session_cookie
    assert "HttpOnly" not in csrf_cookie
    stored = (await session.scalars(select(AuthSession))).one()
    assert body["csrf_token"] == stored.csrf_token
    assert stored.token_hash not in session_cookie  # only the digest is stored


async def test_wrong_password_and_unknown_email_look_the_same(
    client: AsyncClient, session: AsyncSession
) -> None:
    employee = await make_employee(session)
    await session.commit()
    wrong = await client.post(LOGIN, json={"email": employee.email, "password": "nope-nope-nope"})
    unknown = await client.post(
        LOGIN, json={"email": "ghost@example.org", "password": "nope-nope-nope"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["code"] == unknown.json()["code"] == "invalid_credentials"
    assert wrong.json()["detail"] == unknown.json()["detail"]


async def test_inactive_employee_cannot_sign_in(client: AsyncClient, session: AsyncSession) -> None:
    employee = await make_employee(session, active=False)
    await session.commit()
    response = await client.post(LOGIN, json={"email": employee.email, "password": PASSWORD})
    assert response.status_code == 403
    assert response.json()["code"] == "account_inactive"


async def test_me_logout_and_session_is_gone(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "employee", name="Erika Mustermann")
    me = await client.get("/api/v1/auth/me")
    assert me.status_code == 200 and me.json()["name"] == "Erika Mustermann"
    assert (await client.post("/api/v1/auth/logout")).status_code == 204
    assert (await client.get("/api/v1/auth/me")).status_code == 401


async def test_state_changing_request_without_csrf_header_is_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "employee")
    del client.headers["X-CSRF-Token"]
    response = await client.patch("/api/v1/auth/me", json={"theme": "dark"})
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    client.headers["X-CSRF-Token"] = "forged"
    assert (await client.patch("/api/v1/auth/me", json={"theme": "dark"})).status_code == 403


async def test_expired_and_idle_sessions_are_rejected(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "employee")
    await session.execute(update(AuthSession).values(expires_at=clock.now() - timedelta(seconds=1)))
    await session.commit()
    response = await client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json()["code"] == "session_expired"

    await login(client, (await session.scalars(select(Employee))).one().email)
    await session.execute(update(AuthSession).values(last_seen_at=clock.now() - timedelta(days=1)))
    await session.commit()
    assert (await client.get("/api/v1/auth/me")).status_code == 401


async def test_logout_everywhere_ends_all_sessions(
    client: AsyncClient, session: AsyncSession, app
) -> None:  # type: ignore[no-untyped-def]
    from httpx import ASGITransport

    employee = await logged_in_as(client, session, "employee")
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as other:
        await login(other, employee.email)
        assert (await other.get("/api/v1/auth/me")).status_code == 200
        assert (await client.post("/api/v1/auth/logout-all")).status_code == 204
        assert (await other.get("/api/v1/auth/me")).status_code == 401
    assert (await client.get("/api/v1/auth/me")).status_code == 401


async def test_change_own_password(client: AsyncClient, session: AsyncSession) -> None:
    employee = await logged_in_as(client, session, "employee")
    wrong = await client.post(
        "/api/v1/auth/me/password",
        json={"current_password": "not-my-password", "new_password": "a-new-secret-123"},
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "current_password"
    short = await client.post(
        "/api/v1/auth/me/password", json={"current_password": PASSWORD, "new_password": "short"}
    )
    assert short.status_code == 422
    assert short.json()["errors"][0]["field"] == "new_password"
    ok = await client.post(
        "/api/v1/auth/me/password",
        json={"current_password": PASSWORD, "new_password": "a-new-secret-123"},
    )
    assert ok.status_code == 204
    assert (await client.get("/api/v1/auth/me")).status_code == 200  # this session stays
    client.cookies.clear()
    old = await client.post(LOGIN, json={"email": employee.email, "password": PASSWORD})
    assert old.status_code == 401
    await login(client, employee.email, "a-new-secret-123")


async def test_update_own_profile_validates_time_zone(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "employee")
    bad = await client.patch("/api/v1/auth/me", json={"time_zone": "Mars/Olympus"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "time_zone"
    bad_theme = await client.patch("/api/v1/auth/me", json={"theme": "pink"})
    assert bad_theme.status_code == 422
    ok = await client.patch(
        "/api/v1/auth/me", json={"time_zone": "America/New_York", "language": "en", "theme": "dark"}
    )
    assert ok.status_code == 200
    assert ok.json()["time_zone"] == "America/New_York" and ok.json()["language"] == "en"
    no_other_fields = await client.patch("/api/v1/auth/me", json={"role_id": "x"})
    assert no_other_fields.status_code == 422


async def test_desktop_layout_roundtrip(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "employee")
    assert (await client.get("/api/v1/auth/me/layout")).json() == {"layout": {}}
    layout = {"windows": [{"app": "employees", "x": 10, "y": 20, "w": 600, "h": 400}]}
    assert (await client.put("/api/v1/auth/me/layout", json={"layout": layout})).status_code == 200
    assert (await client.get("/api/v1/auth/me/layout")).json() == {"layout": layout}
    huge = {"layout": {"x": "y" * 70_000}}
    assert (await client.put("/api/v1/auth/me/layout", json=huge)).status_code == 422


async def test_throttling_per_account(client: AsyncClient, session: AsyncSession, settings) -> None:  # type: ignore[no-untyped-def]
    employee = await make_employee(session)
    await session.commit()
    for _ in range(settings.login_max_attempts_account):
        r = await client.post(LOGIN, json={"email": employee.email, "password": "wrong-password"})
        assert r.status_code == 401
    blocked = await client.post(LOGIN, json={"email": employee.email, "password": PASSWORD})
    assert blocked.status_code == 429
    assert blocked.json()["code"] == "too_many_attempts"
    assert "minute" in blocked.json()["detail"]
    assert int(blocked.headers["Retry-After"]) > 0
    # The window passes: the account is usable again and a success clears the failures.
    await session.execute(update(LoginAttempt).values(created_at=clock.now() - timedelta(hours=1)))
    await session.commit()
    await login(client, employee.email)
    assert (
        await session.scalar(select(LoginAttempt.id).where(LoginAttempt.email == employee.email))
    ) is None


async def test_throttling_per_address(client: AsyncClient, session: AsyncSession, settings) -> None:  # type: ignore[no-untyped-def]
    for i in range(settings.login_max_attempts_address):
        await client.post(
            LOGIN, json={"email": f"guess{i}@example.org", "password": "wrong-password"}
        )
    employee = await make_employee(session)
    await session.commit()
    blocked = await client.post(LOGIN, json={"email": employee.email, "password": PASSWORD})
    assert blocked.status_code == 429
    assert "address" in blocked.json()["detail"]


async def test_api_tokens_create_use_list_revoke(
    client: AsyncClient, session: AsyncSession, app
) -> None:  # type: ignore[no-untyped-def]
    from httpx import ASGITransport

    await logged_in_as(client, session, "employee")
    created = await client.post(
        "/api/v1/auth/tokens", json={"name": "CI export", "expires_in_days": 30}
    )
    assert created.status_code == 201
    secret = created.json()["secret"]
    token_id = created.json()["token"]["id"]
    assert secret.startswith("wm_")
    listed = (await client.get("/api/v1/auth/tokens")).json()
    assert [t["id"] for t in listed] == [token_id]
    assert "secret" not in listed[0]
    async with AsyncClient(
        transport=ASGITransport(app=app), base_url="http://testserver"
    ) as bearer:
        bearer.headers["Authorization"] = f"Bearer {secret}"
        assert (await bearer.get("/api/v1/employees")).status_code == 200
        # Bearer requests need no CSRF token: no cookie is involved.
        assert (await bearer.patch("/api/v1/auth/me", json={"theme": "dark"})).status_code == 200
        assert (await client.delete(f"/api/v1/auth/tokens/{token_id}")).status_code == 204
        revoked = await bearer.get("/api/v1/employees")
        assert revoked.status_code == 401 and revoked.json()["code"] == "invalid_token"
        bearer.headers["Authorization"] = "Basic abc"
        assert (await bearer.get("/api/v1/employees")).status_code == 401
    assert (await client.delete(f"/api/v1/auth/tokens/{token_id}")).status_code == 404


async def test_expired_token_is_rejected(client: AsyncClient, session: AsyncSession, app) -> None:  # type: ignore[no-untyped-def]
    from httpx import ASGITransport

    from workmate.models import ApiToken

    await logged_in_as(client, session, "employee")
    secret = (await client.post("/api/v1/auth/tokens", json={"name": "old"})).json()["secret"]
    await session.execute(update(ApiToken).values(expires_at=clock.now() - timedelta(minutes=1)))
    await session.commit()
    async with AsyncClient(
        transport=ASGITransport(app=app), base_url="http://testserver"
    ) as bearer:
        bearer.headers["Authorization"] = f"Bearer {secret}"
        assert (await bearer.get("/api/v1/auth/me")).status_code == 401


async def test_sessions_list_and_revoke_one(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "employee")
    sessions = (await client.get("/api/v1/auth/sessions")).json()
    assert len(sessions) == 1 and sessions[0]["current"] is True
    import uuid

    assert (await client.delete(f"/api/v1/auth/sessions/{uuid.uuid4()}")).status_code == 404
    assert (await client.delete(f"/api/v1/auth/sessions/{sessions[0]['id']}")).status_code == 204
    assert (await client.get("/api/v1/auth/me")).status_code == 401


async def test_a_session_is_touched_once_a_minute_and_follows_the_employee(
    client: AsyncClient, session: AsyncSession
) -> None:
    """The session row is read on every request (one statement, plain columns): the idle clock
    moves on, and a deactivation or a role change applies to the very next request."""
    employee = await logged_in_as(client, session, "employee")
    stale = clock.now() - timedelta(minutes=5)
    await session.execute(update(AuthSession).values(last_seen_at=stale))
    await session.commit()
    me = await client.get("/api/v1/auth/me")
    assert me.status_code == 200
    assert "customers.write" not in me.json()["permissions"]
    seen = await session.scalar(
        select(AuthSession.last_seen_at).execution_options(populate_existing=True)
    )
    assert seen is not None and seen > stale + timedelta(minutes=4)

    role = await session.get(Role, employee.role_id)
    assert role is not None
    role.permissions = [*role.permissions, "customers.write"]
    await session.commit()
    assert "customers.write" in (await client.get("/api/v1/auth/me")).json()["permissions"]

    await session.execute(update(Employee).values(active=False))
    await session.commit()
    assert (await client.get("/api/v1/auth/me")).status_code == 401
