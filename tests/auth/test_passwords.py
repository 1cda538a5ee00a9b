"""Passwords: at least 12 characters and not easy to guess (zxcvbn), on every path that sets one."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import PASSWORD, logged_in_as, make_employee, role

STRONG = "Ein-ganz-neues-Kennwort-2026"


def _field_code(response, field: str) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.text
    errors = {e["field"]: e["code"] for e in response.json()["errors"]}
    return errors[field]


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Kurz-2026!", "string_too_short"),  # 10 characters
        ("passwort1234", "weak_password"),  # a common password with digits
        ("1234567890ab", "weak_password"),
        ("mustermann2026", "weak_password"),  # the person's own name
    ],
)
async def test_weak_passwords_are_refused_everywhere(
    client: AsyncClient, session: AsyncSession, password: str, code: str
) -> None:
    me = await logged_in_as(
        client, session, "admin", name="Erika Mustermann", email="erika.mustermann@example.org"
    )
    other = await make_employee(session, name="Max Mustermann")
    await session.commit()
    r = await client.post(
        "/api/v1/auth/me/password", json={"current_password": PASSWORD, "new_password": password}
    )
    assert _field_code(r, "new_password") == code
    r = await client.post(f"/api/v1/employees/{other.id}/password", json={"new_password": password})
    assert _field_code(r, "new_password") == code
    body = {
        "name": "Erika Mustermann",
        "email": "erika2@example.org",
        "role_id": str((await role(session)).id),
        "password": password,
    }
    assert _field_code(await client.post("/api/v1/employees", json=body), "password") == code
    assert me.password_hash == (await session.get(type(me), me.id)).password_hash  # type: ignore[union-attr]


async def test_a_strong_password_is_accepted(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "employee")
    r = await client.post(
        "/api/v1/auth/me/password", json={"current_password": PASSWORD, "new_password": STRONG}
    )
    assert r.status_code == 204, r.text
