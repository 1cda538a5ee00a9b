from __future__ import annotations

import asyncio
import uuid

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import PASSWORD, logged_in_as, make_department, make_employee, role
from workmate.models import AuthSession

URL = "/api/v1/employees"


async def _new_employee_body(session: AsyncSession, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "name": "Jana Schulz",
        "email": "jana.schulz@example.org",
        "role_id": str((await role(session, "employee")).id),
        "password": "a-long-password-1",
    }
    body.update(overrides)
    return body


async def test_unauthenticated_list_is_401(client: AsyncClient) -> None:
    response = await client.get(URL)
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "unauthenticated"


async def test_create_read_update_employee(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    department = await make_department(session, name="Entwicklung", code="DEV")
    await session.commit()
    body = await _new_employee_body(
        session,
        department_id=str(department.id),
        hire_date="2024-01-01",
        employment_type="part_time",
    )
    created = await client.post(URL, json=body)
    assert created.status_code == 201, created.text
    data = created.json()
    assert data["employee_number"].startswith("MA-")
    assert data["department"]["name"] == "Entwicklung"
    assert data["can_sign_in"] is True
    assert data["role"]["builtin_key"] == "employee"
    assert data["time_zone"] == "Europe/Berlin" and data["language"] == "de"
    assert "password" not in data and "password_hash" not in data
    read = await client.get(f"{URL}/{data['id']}")
    assert read.status_code == 200 and read.json()["email"] == "jana.schulz@example.org"
    patched = await client.patch(
        f"{URL}/{data['id']}", json={"phone": "+49 89 123", "leave_date": "2025-06-30"}
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["phone"] == "+49 89 123"
    assert patched.json()["leave_date"] == "2025-06-30"


async def test_employee_numbers_are_unique_and_sequential(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    numbers = []
    for i in range(3):
        r = await client.post(
            URL, json=await _new_employee_body(session, email=f"n{i}@example.org")
        )
        numbers.append(r.json()["employee_number"])
    assert len(set(numbers)) == 3 and numbers == sorted(numbers)


async def test_email_is_unique_case_insensitively(
    client: AsyncClient, session: AsyncSession
) -> None:
    admin = await logged_in_as(client, session, "admin")
    response = await client.post(
        URL, json=await _new_employee_body(session, email=admin.email.upper())
    )
    assert response.status_code == 409
    assert response.json()["code"] == "email_taken"
    assert response.json()["errors"][0]["field"] == "email"


async def test_concurrent_creates_with_same_email_give_one_409(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    body = await _new_employee_body(session, email="race@example.org")
    results = await asyncio.gather(*(client.post(URL, json=body) for _ in range(4)))
    codes = sorted(r.status_code for r in results)
    assert codes == [201, 409, 409, 409], [r.text for r in results]
    assert all(r.json()["code"] == "email_taken" for r in results if r.status_code == 409)


async def test_validation_errors_name_the_field(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    cases = {
        "email": {"email": "not-an-email"},
        "name": {"name": ""},
        "time_zone": {"time_zone": "Europe/Atlantis"},
        "employment_type": {"employment_type": "pirate"},
        "role_id": {"role_id": "not-a-uuid"},
        "password": {"password": "short"},
    }
    for field, override in cases.items():
        response = await client.post(URL, json=await _new_employee_body(session, **override))
        assert response.status_code == 422, (field, response.text)
        assert response.json()["code"] == "validation_error"
        assert field in [e["field"] for e in response.json()["errors"]], response.json()
    missing = await client.post(URL, json={"name": "No Mail"})
    assert {"email", "role_id"} <= {e["field"] for e in missing.json()["errors"]}
    dates = await client.post(
        URL, json=await _new_employee_body(session, hire_date="2024-05-01", leave_date="2024-01-01")
    )
    assert dates.status_code == 422


async def test_unknown_references_are_422_with_field(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    for field in ("department_id", "manager_id", "role_id"):
        response = await client.post(
            URL, json=await _new_employee_body(session, **{field: str(uuid.uuid4())})
        )
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "unknown_reference"
        assert response.json()["errors"][0]["field"] == field


async def test_unknown_id_is_404_and_malformed_id_is_422(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    assert (await client.get(f"{URL}/{uuid.uuid4()}")).status_code == 404
    assert (await client.get(f"{URL}/{uuid.uuid4()}")).json()["code"] == "not_found"
    malformed = await client.get(f"{URL}/12abc")
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "employee_id"


async def test_search_filter_sort_paginate(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin", name="Zora Admin", email="zora@example.org")
    dev = await make_department(session, name="Entwicklung", code="DEV")
    for name in ("Anton Müller", "Berta Schmidt", "Carla Müller-Lüdenscheidt", "Dieter Weber"):
        await make_employee(
            session,
            name=name,
            email=f"{name.split()[0].lower()}@firma.de",
            department_id=dev.id if "Müller" in name else None,
        )
    await make_employee(session, name="Emil Inaktiv", email="emil@firma.de", active=False)
    await session.commit()

    found = (await client.get(URL, params={"q": "müller"})).json()
    assert found["total"] == 2
    assert {e["name"] for e in found["items"]} == {"Anton Müller", "Carla Müller-Lüdenscheidt"}
    by_mail = (await client.get(URL, params={"q": "FIRMA.DE"})).json()
    assert by_mail["total"] == 5
    assert (await client.get(URL, params={"q": "100%"})).json()["total"] == 0
    dept = (await client.get(URL, params={"department_id": str(dev.id)})).json()
    assert dept["total"] == 2
    inactive = (await client.get(URL, params={"active": "false"})).json()
    assert [e["name"] for e in inactive["items"]] == ["Emil Inaktiv"]
    desc = (await client.get(URL, params={"sort": "-name", "limit": 2})).json()
    assert [e["name"] for e in desc["items"]] == ["Zora Admin", "Emil Inaktiv"]
    assert desc["total"] == 6 and desc["limit"] == 2
    page2 = (await client.get(URL, params={"sort": "name", "limit": 2, "offset": 2})).json()
    assert [e["name"] for e in page2["items"]] == ["Carla Müller-Lüdenscheidt", "Dieter Weber"]
    assert (await client.get(URL, params={"sort": "password_hash"})).status_code == 422
    assert (await client.get(URL, params={"limit": 100000})).status_code == 422
    assert (await client.get(URL, params={"q": "x" * 5000})).status_code == 422


async def test_deactivate_blocks_login_and_ends_sessions(
    client: AsyncClient, session: AsyncSession, app
) -> None:  # type: ignore[no-untyped-def]
    from httpx import ASGITransport

    from tests.factories import login

    await logged_in_as(client, session, "admin")
    worker = await make_employee(session)
    await session.commit()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as other:
        await login(other, worker.email)
        response = await client.post(f"{URL}/{worker.id}/deactivate")
        assert response.status_code == 200 and response.json()["active"] is False
        assert (await other.get("/api/v1/auth/me")).status_code == 401
        relogin = await other.post(
            "/api/v1/auth/login", json={"email": worker.email, "password": PASSWORD}
        )
        assert relogin.status_code == 403
    assert (await client.get(f"{URL}/{worker.id}")).json()["active"] is False  # history kept
    assert (await client.post(f"{URL}/{worker.id}/activate")).json()["active"] is True


async def test_last_admin_cannot_be_deactivated_or_demoted(
    client: AsyncClient, session: AsyncSession
) -> None:
    admin = await logged_in_as(client, session, "admin")
    response = await client.post(f"{URL}/{admin.id}/deactivate")
    assert response.status_code == 409 and response.json()["code"] == "last_admin"
    employee_role = await role(session, "employee")
    demote = await client.patch(f"{URL}/{admin.id}", json={"role_id": str(employee_role.id)})
    assert demote.status_code == 409 and demote.json()["code"] == "last_admin"
    second = await make_employee(session, role_key="admin")
    await session.commit()
    assert (await client.post(f"{URL}/{second.id}/deactivate")).status_code == 200
    assert (await client.post(f"{URL}/{admin.id}/deactivate")).status_code == 409


async def test_admins_deactivating_at_once_leave_one_active(
    client: AsyncClient, session: AsyncSession
) -> None:
    from sqlalchemy import func

    from workmate.models import Employee

    await logged_in_as(client, session, "admin")
    others = [await make_employee(session, role_key="admin") for _ in range(2)]
    await session.commit()
    # Three admins deactivated at once: the last one must survive, whatever the ordering.
    me = (await client.get("/api/v1/auth/me")).json()["id"]
    ids = [str(o.id) for o in others] + [me]
    results = await asyncio.gather(*(client.post(f"{URL}/{i}/deactivate") for i in ids))
    statuses = sorted(r.status_code for r in results)
    assert statuses in ([200, 200, 409], [200, 200, 401], [200, 200, 403]), statuses
    active = await session.scalar(
        select(func.count()).select_from(Employee).where(Employee.active.is_(True))
    )
    assert active == 1


async def test_manager_cycle_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    boss = await make_employee(session)
    report = await make_employee(session, manager_id=boss.id)
    await session.commit()
    response = await client.patch(f"{URL}/{boss.id}", json={"manager_id": str(report.id)})
    assert response.status_code == 422 and response.json()["code"] == "manager_cycle"
    self_ref = await client.patch(f"{URL}/{boss.id}", json={"manager_id": str(boss.id)})
    assert self_ref.status_code == 422


async def test_admin_resets_password_only_with_permission(
    client: AsyncClient, session: AsyncSession, app
) -> None:  # type: ignore[no-untyped-def]
    from httpx import ASGITransport

    from tests.factories import login

    lead = await logged_in_as(client, session, "project_lead")
    victim = await make_employee(session)
    await session.commit()
    denied = await client.post(
        f"{URL}/{victim.id}/password", json={"new_password": "taken-over-123"}
    )
    assert denied.status_code == 403
    assert lead.id != victim.id
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as admin:
        admin_user = await make_employee(session, role_key="admin")
        await session.commit()
        await login(admin, admin_user.email)
        ok = await admin.post(
            f"{URL}/{victim.id}/password", json={"new_password": "fresh-start-123"}
        )
        assert ok.status_code == 204
    new_login = await client.post(
        "/api/v1/auth/login", json={"email": victim.email, "password": "fresh-start-123"}
    )
    assert new_login.status_code == 200
    assert await session.scalar(select(AuthSession.id).where(AuthSession.employee_id == victim.id))


async def test_employee_role_reads_but_cannot_write(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "employee")
    assert (await client.get(URL)).status_code == 200
    response = await client.patch(f"{URL}/{me.id}", json={"name": "Self Promoted"})
    assert response.status_code == 403
    assert response.json()["code"] == "missing_permission"
