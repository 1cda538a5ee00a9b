"""Plain factory functions with overridable fields (STYLE.md 13)."""

from __future__ import annotations

import itertools
from datetime import date
from functools import lru_cache
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core import clock
from workmate.core.security import hash_password
from workmate.models import Department, Employee, Role

PASSWORD = "correct-horse-battery"
COMPANY_ZONE = "Europe/Berlin"  # the test settings' company_time_zone
_counter = itertools.count(1)


def company_today() -> date:
    """Today as the app decides it: the company's zone on the one clock."""
    return clock.today(COMPANY_ZONE)


@lru_cache
def password_hash() -> str:
    # Argon2 is slow on purpose; hash the shared test password once.
    return hash_password(PASSWORD)


async def role(session: AsyncSession, key: str = "employee") -> Role:
    found = await session.scalar(select(Role).where(Role.builtin_key == key))
    assert found is not None, key
    return found


async def make_role(session: AsyncSession, **overrides: Any) -> Role:
    n = next(_counter)
    values: dict[str, Any] = {"name": f"Role {n}", "description": "", "permissions": []}
    values.update(overrides)
    created = Role(**values)
    session.add(created)
    await session.flush()
    return created


async def make_department(session: AsyncSession, **overrides: Any) -> Department:
    n = next(_counter)
    values: dict[str, Any] = {"name": f"Department {n}", "code": f"D{n}"}
    values.update(overrides)
    created = Department(**values)
    session.add(created)
    await session.flush()
    return created


async def make_employee(
    session: AsyncSession, *, role_key: str | None = "employee", **overrides: Any
) -> Employee:
    n = next(_counter)
    values: dict[str, Any] = {
        "name": f"Test Person {n}",
        "email": f"person{n}@example.org",
        "password_hash": password_hash(),
    }
    if "role_id" not in overrides:
        values["role_id"] = (await role(session, role_key or "employee")).id
    values.update(overrides)
    created = Employee(**values)
    session.add(created)
    await session.flush()
    return created


async def login(client: AsyncClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    """Sign in; afterwards the client sends the CSRF header on every request."""
    response = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    client.headers["X-CSRF-Token"] = body["csrf_token"]
    return body


async def logged_in_as(
    client: AsyncClient, session: AsyncSession, role_key: str = "admin", **overrides: Any
) -> Employee:
    employee = await make_employee(session, role_key=role_key, **overrides)
    await session.commit()
    await login(client, employee.email)
    return employee


async def make_customer(session: AsyncSession, **overrides: Any) -> Any:
    from workmate.models import Customer

    n = next(_counter)
    values: dict[str, Any] = {"number": f"T-{n:05d}", "name": f"Kunde {n} GmbH", "city": "Berlin"}
    values.update(overrides)
    created = Customer(**values)
    session.add(created)
    await session.flush()
    return created


async def make_contact(session: AsyncSession, customer_id: Any, **overrides: Any) -> Any:
    from workmate.models import Contact

    n = next(_counter)
    values: dict[str, Any] = {"customer_id": customer_id, "name": f"Kontakt {n}"}
    values.update(overrides)
    created = Contact(**values)
    session.add(created)
    await session.flush()
    return created
