from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_employee, make_role, role

URL = "/api/v1/roles"


async def test_default_roles_exist_with_sensible_permissions(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    roles = {r["builtin_key"]: r for r in (await client.get(URL)).json()["items"]}
    assert set(roles) == {"admin", "management", "accounting", "project_lead", "employee"}
    assert "system.admin" in roles["admin"]["permissions"]
    assert "invoices.write" in roles["accounting"]["permissions"]
    assert "time.approve" in roles["project_lead"]["permissions"]
    assert "roles.read" not in roles["employee"]["permissions"]
    assert "invoices.read" not in roles["employee"]["permissions"]
    assert all(r["is_builtin"] for r in roles.values())
    catalogue = (await client.get("/api/v1/permissions")).json()
    assert {"key": "employees.write", "module": "employees", "action": "write"} in catalogue


async def test_create_edit_delete_custom_role(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    created = await client.post(
        URL,
        json={
            "name": "Werkstudent",
            "permissions": ["time.write_own", "time.read_own", "time.read_own"],
        },
    )
    assert created.status_code == 201
    assert created.json()["permissions"] == ["time.read_own", "time.write_own"]
    role_id = created.json()["id"]
    unknown = await client.patch(f"{URL}/{role_id}", json={"permissions": ["time.teleport"]})
    assert unknown.status_code == 422 and "time.teleport" in unknown.json()["errors"][0]["message"]
    edited = await client.patch(f"{URL}/{role_id}", json={"permissions": ["employees.read"]})
    assert edited.json()["permissions"] == ["employees.read"]
    duplicate = await client.post(URL, json={"name": "werkstudent"})
    assert duplicate.status_code == 409
    assert (await client.delete(f"{URL}/{role_id}")).status_code == 204


async def test_admin_role_keeps_admin_permission_and_builtins_stay(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    admin_role = await role(session, "admin")
    response = await client.patch(
        f"{URL}/{admin_role.id}", json={"permissions": ["employees.read"]}
    )
    assert response.status_code == 409 and response.json()["code"] == "admin_role_protected"
    assert (await client.delete(f"{URL}/{admin_role.id}")).json()["code"] == "builtin_role"


async def test_role_in_use_cannot_be_deleted(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    custom = await make_role(session, permissions=["employees.read"])
    await make_employee(session, role_id=custom.id)
    await session.commit()
    response = await client.delete(f"{URL}/{custom.id}")
    assert response.status_code == 409 and response.json()["code"] == "role_in_use"


async def test_custom_admin_role_cannot_drop_the_last_admin(
    client: AsyncClient, session: AsyncSession
) -> None:
    custom = await make_role(session, permissions=["system.admin"])
    await session.commit()
    await logged_in_as(client, session, role_key=None, role_id=custom.id)
    response = await client.patch(f"{URL}/{custom.id}", json={"permissions": ["employees.read"]})
    assert response.status_code == 409 and response.json()["code"] == "last_admin"


async def test_permission_change_takes_effect_on_next_request(
    client: AsyncClient, session: AsyncSession
) -> None:
    custom = await make_role(session, permissions=["employees.read"])
    await session.commit()
    await logged_in_as(client, session, role_key=None, role_id=custom.id)
    assert (await client.get("/api/v1/employees")).status_code == 200
    custom.permissions = []
    await session.commit()
    assert (await client.get("/api/v1/employees")).status_code == 403
