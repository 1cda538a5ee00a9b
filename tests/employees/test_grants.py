"""Privilege escalation: nobody grants what they do not hold, nobody takes over a more powerful
account, and accounts or roles holding system.admin or roles.write are an administrator's alone
(``workmate.auth.grants``)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import (
    PASSWORD,
    logged_in_as,
    login,
    make_employee,
    make_role,
    role,
)
from workmate.auth.permissions import Permission
from workmate.models import Employee

URL = "/api/v1/employees"
NEW_PASSWORD = "Ein-ganz-neues-Kennwort-2026"


def _refused(response, code: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 403, response.text
    assert response.json()["code"] == code, response.text


async def _role_of(session: AsyncSession, employee_id: uuid.UUID) -> str:
    role_id = await session.scalar(select(Employee.role_id).where(Employee.id == employee_id))
    return str(role_id)


async def test_management_cannot_make_itself_or_others_admin(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "management")
    colleague = await make_employee(session)
    admin_role = await role(session, "admin")
    own_role = str(me.role_id)
    await session.commit()
    for target in (me, colleague):
        r = await client.patch(f"{URL}/{target.id}", json={"role_id": str(admin_role.id)})
        _refused(r, "permission_not_held")
        assert r.json()["errors"][0]["field"] == "role_id"
    assert await _role_of(session, me.id) == own_role
    assert (await client.get("/api/v1/auth/me")).json()["role"]["builtin_key"] == "management"


async def test_management_cannot_create_accounts_above_itself(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "management")
    admin_role = await role(session, "admin")
    role_editor = await make_role(session, permissions=[Permission.roles_write.value])
    await session.commit()
    for role_id in (admin_role.id, role_editor.id):
        body = {"name": "Eve", "email": f"eve-{role_id}@example.org", "role_id": str(role_id)}
        _refused(await client.post(URL, json=body), "permission_not_held")
    assert await session.scalar(select(Employee).where(Employee.name == "Eve")) is None
    # Roles within its own permissions it may hand out.
    body = {"name": "Eve", "email": "eve@example.org", "role_id": str((await role(session)).id)}
    assert (await client.post(URL, json=body)).status_code == 201


async def test_management_cannot_take_over_an_administrator(
    client: AsyncClient, session: AsyncSession, app: Any
) -> None:
    admin = await make_employee(session, role_key="admin")
    await logged_in_as(client, session, "management")
    await session.commit()
    r = await client.post(f"{URL}/{admin.id}/password", json={"new_password": NEW_PASSWORD})
    _refused(r, "account_protected")
    _refused(
        await client.patch(f"{URL}/{admin.id}", json={"email": "mine@example.org"}),
        "account_protected",
    )
    _refused(await client.post(f"{URL}/{admin.id}/deactivate"), "account_protected")
    # Nothing changed: the administrator still signs in with the old password.
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as other:
        await login(other, admin.email, PASSWORD)


async def test_a_deactivated_administrator_is_reactivated_only_by_an_administrator(
    client: AsyncClient, session: AsyncSession
) -> None:
    admin = await make_employee(session, role_key="admin", active=False)
    await logged_in_as(client, session, "management")
    await session.commit()
    _refused(await client.post(f"{URL}/{admin.id}/activate"), "account_protected")


@pytest.mark.parametrize("action", ["password", "patch", "deactivate"])
async def test_an_employee_editor_cannot_take_over_a_more_powerful_account(
    client: AsyncClient, session: AsyncSession, action: str
) -> None:
    hr = await make_role(
        session,
        permissions=[
            Permission.employees_read.value,
            Permission.employees_write.value,
            Permission.employees_reset_password.value,
        ],
    )
    boss = await make_employee(session, role_key="management")
    plain = await make_employee(session, role_key=None, role_id=hr.id)
    await logged_in_as(client, session, role_key=None, role_id=hr.id)
    await session.commit()
    requests = {
        "password": ("POST", "password", {"new_password": NEW_PASSWORD}),
        "patch": ("PATCH", "", {"phone": "+49 30 1"}),
        "deactivate": ("POST", "deactivate", None),
    }
    method, suffix, body = requests[action]

    def url(target: Employee) -> str:
        return f"{URL}/{target.id}/{suffix}".rstrip("/")

    r = await client.request(method, url(boss), json=body)
    _refused(r, "account_protected")
    assert "finance.read" in r.json()["detail"]
    # An account with no more permissions than the caller's is fine.
    assert (await client.request(method, url(plain), json=body)).status_code < 300


async def test_only_an_administrator_manages_accounts_that_can_edit_roles(
    client: AsyncClient, session: AsyncSession
) -> None:
    everything_but_admin = [p.value for p in Permission if p is not Permission.admin]
    near_admin = await make_role(session, permissions=everything_but_admin)
    role_editor = await make_employee(session, role_key=None, role_id=near_admin.id)
    await logged_in_as(client, session, role_key=None, role_id=near_admin.id)
    await session.commit()
    r = await client.post(f"{URL}/{role_editor.id}/password", json={"new_password": NEW_PASSWORD})
    _refused(r, "account_protected")
    body = {"name": "Neu", "email": "neu@example.org", "role_id": str(near_admin.id)}
    _refused(await client.post(URL, json=body), "admin_required")


async def test_an_administrator_may_do_all_of_it(
    client: AsyncClient, session: AsyncSession
) -> None:
    other_admin = await make_employee(session, role_key="admin")
    manager = await make_employee(session, role_key="management")
    await logged_in_as(client, session, "admin")
    admin_role = await role(session, "admin")
    await session.commit()
    r = await client.patch(f"{URL}/{manager.id}", json={"role_id": str(admin_role.id)})
    assert r.status_code == 200, r.text
    r = await client.post(f"{URL}/{other_admin.id}/password", json={"new_password": NEW_PASSWORD})
    assert r.status_code == 204, r.text
    assert (await client.post(f"{URL}/{other_admin.id}/deactivate")).status_code == 200
    assert (await client.post(f"{URL}/{other_admin.id}/activate")).status_code == 200


async def test_roles_grant_only_what_the_editor_holds(
    client: AsyncClient, session: AsyncSession
) -> None:
    # A role editor without administration (a custom role, e.g. for IT staff).
    editor_role = await make_role(
        session,
        permissions=[
            Permission.roles_read.value,
            Permission.roles_write.value,
            Permission.employees_read.value,
        ],
    )
    await logged_in_as(client, session, role_key=None, role_id=editor_role.id)
    employee_role = await role(session, "employee")
    admin_role = await role(session, "admin")
    await session.commit()
    roles = "/api/v1/roles"
    r = await client.post(roles, json={"name": "Buchhaltung+", "permissions": ["invoices.read"]})
    _refused(r, "permission_not_held")
    assert r.json()["errors"][0]["field"] == "permissions"
    r = await client.post(roles, json={"name": "Editor 2", "permissions": ["roles.write"]})
    _refused(r, "admin_required")
    r = await client.patch(
        f"{roles}/{employee_role.id}", json={"permissions": ["employees.read", "invoices.read"]}
    )
    _refused(r, "permission_not_held")
    # Taking away what one does not hold is refused as well; renaming is fine.
    r = await client.patch(f"{roles}/{employee_role.id}", json={"permissions": []})
    _refused(r, "permission_not_held")
    r = await client.patch(f"{roles}/{employee_role.id}", json={"description": "Alle"})
    assert r.status_code == 200, r.text
    # Its own role (roles.write) and the Admin role are an administrator's business.
    for protected in (editor_role, admin_role):
        r = await client.patch(f"{roles}/{protected.id}", json={"name": "Mine now"})
        _refused(r, "role_protected")
    _refused(await client.delete(f"{roles}/{editor_role.id}"), "role_protected")
    r = await client.post(roles, json={"name": "Leser", "permissions": ["employees.read"]})
    assert r.status_code == 201, r.text


async def test_the_permission_catalogue_needs_roles_read(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "employee")
    r = await client.get("/api/v1/permissions")
    assert r.status_code == 403 and r.json()["code"] == "missing_permission"
    await logged_in_as(client, session, "admin")
    assert len((await client.get("/api/v1/permissions")).json()) == len(Permission)
