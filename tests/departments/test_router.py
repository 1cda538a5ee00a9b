from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_department, make_employee

URL = "/api/v1/departments"


async def test_department_crud(client: AsyncClient, session: AsyncSession) -> None:
    admin = await logged_in_as(client, session, "admin")
    created = await client.post(
        URL, json={"name": "Vertrieb", "code": "VT", "manager_id": str(admin.id)}
    )
    assert created.status_code == 201, created.text
    dept = created.json()
    assert dept["manager"]["name"] == admin.name and dept["member_count"] == 0
    sub = await client.post(
        URL, json={"name": "Innendienst", "code": "VT-ID", "parent_id": dept["id"]}
    )
    assert sub.json()["parent"]["name"] == "Vertrieb"
    listed = (await client.get(URL, params={"q": "vertr"})).json()
    assert [d["name"] for d in listed["items"]] == ["Vertrieb"]
    renamed = await client.patch(f"{URL}/{dept['id']}", json={"name": "Sales"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Sales"
    assert (await client.delete(f"{URL}/{sub.json()['id']}")).status_code == 204
    assert (await client.delete(f"{URL}/{dept['id']}")).status_code == 204
    assert (await client.get(f"{URL}/{dept['id']}")).status_code == 404


async def test_duplicate_name_or_code_is_409(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await make_department(session, name="Design", code="DES")
    await session.commit()
    by_name = await client.post(URL, json={"name": "design", "code": "X1"})
    assert by_name.status_code == 409 and by_name.json()["errors"][0]["field"] == "name"
    by_code = await client.post(URL, json={"name": "Other", "code": "des"})
    assert by_code.status_code == 409 and by_code.json()["errors"][0]["field"] == "code"
    bad_code = await client.post(URL, json={"name": "Other", "code": "has space"})
    assert bad_code.status_code == 422


async def test_deleting_department_with_members_is_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    dept = await make_department(session, name="Entwicklung", code="DEV")
    await make_employee(session, department_id=dept.id)
    await make_employee(session, department_id=dept.id, active=False)
    await session.commit()
    response = await client.delete(f"{URL}/{dept.id}")
    assert response.status_code == 409
    assert response.json()["code"] == "department_has_members"
    assert "2 member" in response.json()["detail"]
    assert (await client.get(f"{URL}/{dept.id}")).json()["member_count"] == 1  # active members


async def test_parent_cycle_and_unknown_parent(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    top = await make_department(session)
    child = await make_department(session, parent_id=top.id)
    await session.commit()
    cycle = await client.patch(f"{URL}/{top.id}", json={"parent_id": str(child.id)})
    assert cycle.status_code == 422 and cycle.json()["code"] == "department_cycle"
    unknown = await client.patch(f"{URL}/{top.id}", json={"parent_id": str(uuid.uuid4())})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "parent_id"
    has_children = await client.delete(f"{URL}/{top.id}")
    assert (
        has_children.status_code == 409 and has_children.json()["code"] == "department_has_children"
    )


async def test_employee_role_cannot_change_departments(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "employee")
    assert (await client.get(URL)).status_code == 200
    assert (await client.post(URL, json={"name": "X", "code": "X"})).status_code == 403
