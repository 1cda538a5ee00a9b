"""A small demo company: departments and employees with different roles (development only)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.service import set_password
from workmate.bootstrap import ensure_default_roles
from workmate.customers import demo as crm_demo
from workmate.documents import demo as documents_demo
from workmate.invoices import demo as invoices_demo
from workmate.models import Department, Employee
from workmate.projects import demo as projects_demo
from workmate.time_tracking import demo as time_demo

DEMO_PASSWORD = "workmate-demo"
DEMO_ADMIN_EMAIL = "admin@workmate-demo.de"

DEPARTMENTS = [
    ("Geschäftsführung", "GF"),
    ("Entwicklung", "DEV"),
    ("Design", "DES"),
    ("Vertrieb", "VT"),
    ("Buchhaltung", "FIN"),
]

# name, e-mail, department code, role key, employment type, hire date, language
EMPLOYEES = [
    ("Katrin Vogel", DEMO_ADMIN_EMAIL, "GF", "admin", "full_time", date(2019, 4, 1), "de"),
    (
        "Thomas Berger",
        "thomas.berger@workmate-demo.de",
        "GF",
        "management",
        "full_time",
        date(2019, 4, 1),
        "de",
    ),
    (
        "Sabine Krüger",
        "sabine.krueger@workmate-demo.de",
        "FIN",
        "accounting",
        "part_time",
        date(2020, 1, 15),
        "de",
    ),
    (
        "Jonas Hoffmann",
        "jonas.hoffmann@workmate-demo.de",
        "DEV",
        "project_lead",
        "full_time",
        date(2020, 6, 1),
        "de",
    ),
    (
        "Lena Becker",
        "lena.becker@workmate-demo.de",
        "DEV",
        "employee",
        "full_time",
        date(2021, 9, 1),
        "de",
    ),
    (
        "Mehmet Yılmaz",
        "mehmet.yilmaz@workmate-demo.de",
        "DEV",
        "employee",
        "full_time",
        date(2022, 2, 1),
        "de",
    ),
    (
        "Sophie Wagner",
        "sophie.wagner@workmate-demo.de",
        "DES",
        "project_lead",
        "full_time",
        date(2021, 3, 1),
        "en",
    ),
    (
        "Paul Schneider",
        "paul.schneider@workmate-demo.de",
        "DES",
        "employee",
        "working_student",
        date(2024, 10, 1),
        "de",
    ),
    (
        "Marie Fischer",
        "marie.fischer@workmate-demo.de",
        "VT",
        "employee",
        "full_time",
        date(2023, 5, 1),
        "de",
    ),
    (
        "Felix Neumann",
        "felix.neumann@workmate-demo.de",
        "VT",
        "employee",
        "freelancer",
        date(2025, 1, 1),
        "de",
    ),
]

MANAGERS = {
    "GF": DEMO_ADMIN_EMAIL,
    "DEV": "jonas.hoffmann@workmate-demo.de",
    "DES": "sophie.wagner@workmate-demo.de",
    "VT": "thomas.berger@workmate-demo.de",
    "FIN": "thomas.berger@workmate-demo.de",
}


async def has_employees(session: AsyncSession) -> bool:
    return bool(await session.scalar(select(func.count()).select_from(Employee)))


async def load_demo(session: AsyncSession) -> int:
    """Insert the demo company; returns the number of employees created (0 if data exists)."""
    if await has_employees(session):
        return 0
    roles = await ensure_default_roles(session)
    departments = {code: Department(name=name, code=code) for name, code in DEPARTMENTS}
    session.add_all(departments.values())
    await session.flush()
    people: dict[str, Employee] = {}
    for name, email, dept, role, kind, hired, language in EMPLOYEES:
        employee = Employee(
            name=name,
            email=email,
            department_id=departments[dept].id,
            role_id=roles[role].id,
            employment_type=kind,
            hire_date=hired,
            language=language,
            phone="+49 30 1234567-" + str(len(people) + 10),
        )
        set_password(employee, DEMO_PASSWORD)
        session.add(employee)
        people[email] = employee
    await session.flush()
    for code, email in MANAGERS.items():
        departments[code].manager_id = people[email].id
    for employee in people.values():
        dept_code = next(c for c, d in departments.items() if d.id == employee.department_id)
        manager = people[MANAGERS[dept_code]]
        if manager is not employee:
            employee.manager_id = manager.id
    await session.flush()
    await crm_demo.load(session, people)
    await projects_demo.load(session)
    await time_demo.load(session)
    await invoices_demo.load(session)
    await documents_demo.load(session, people)
    return len(people)
