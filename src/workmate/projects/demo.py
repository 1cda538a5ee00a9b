"""Demo projects over the demo customers, with leads and members from the demo employees."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.activities import events
from workmate.core import clock
from workmate.models import Customer, Department, Employee, Project, ProjectMember, Role
from workmate.numbering.service import next_unused
from workmate.settings import service as settings_service

# title, department code, status, billing type, priority, budget hours, budget amount
PROJECTS = [
    ("Relaunch Unternehmenswebsite", "DEV", "active", "time_and_materials", "high", 320, None),
    ("Onlineshop Migration", "DEV", "active", "time_and_materials", "urgent", 480, 52000),
    ("Corporate Design Überarbeitung", "DES", "active", "fixed_price", "normal", 120, 14500),
    ("Kundenportal Phase 2", "DEV", "on_hold", "time_and_materials", "normal", 200, None),
    ("IT-Sicherheitsaudit", "DEV", "completed", "fixed_price", "high", 60, 7800),
    ("Wartung & Support 2026", "DEV", "active", "time_and_materials", "normal", None, None),
    ("Messeauftritt Frühjahr", "DES", "completed", "fixed_price", "normal", 80, 9600),
    ("Newsletter-Automatisierung", "VT", "active", "time_and_materials", "low", 40, None),
    ("App-Prototyp Außendienst", "DEV", "planned", "time_and_materials", "normal", 150, 18000),
    ("Social-Media-Kampagne", "DES", "active", "time_and_materials", "normal", 90, None),
    ("Datenmigration ERP", "DEV", "cancelled", "fixed_price", "high", 100, 12000),
    ("Beratung Digitalisierung", "GF", "active", "time_and_materials", "high", 60, None),
]
LEADS = {"DEV": "project_lead", "DES": "project_lead", "VT": "management", "GF": "management"}
DESCRIPTION = "Ziele, Umfang und Ansprechpartner siehe Kick-off-Protokoll."


def _lead(staff: Sequence[Any], department: str, role: str) -> Employee:
    """Someone with the role in the department, else anyone with the role."""
    fitting: list[Employee] = [e for e, _, key in staff if key == role]
    in_department = [e for e, code, key in staff if key == role and code == department]
    return (in_department or fitting)[0]


async def load(session: AsyncSession, today: date) -> list[Project]:
    rng = random.Random(20260303)
    customers = list(
        (
            await session.scalars(
                select(Customer).where(Customer.archived_at.is_(None)).order_by(Customer.number)
            )
        ).all()
    )
    if not customers:
        return []
    staff = (
        await session.execute(
            select(Employee, Department.code, Role.builtin_key)
            .join(Department, Department.id == Employee.department_id)
            .join(Role, Role.id == Employee.role_id)
            .where(Employee.active.is_(True))
            .order_by(Employee.employee_number)
        )
    ).all()
    by_dept: dict[str, list[Employee]] = {}
    for employee, code, _ in staff:
        by_dept.setdefault(code, []).append(employee)
    leads = {
        code: next(
            (e for e, c, key in staff if key == role and (c == code or code in ("VT", "GF")))
        )
        for code, role in LEADS.items()
    }
    workers = [e for e, code, key in staff if key in ("employee", "project_lead")]
    settings = await settings_service.get(session)
    projects = []
    for i, (title, dept, status, billing, priority, hours, amount) in enumerate(PROJECTS):
        customer = customers[i % len(customers)]
        lead = leads[dept]
        start = today - timedelta(days=rng.randint(20, 150)) if status != "planned" else None
        team = {e.id: e for e in (by_dept.get(dept, []) + rng.sample(workers, k=2))}
        team.pop(lead.id, None)
        project = Project(
            number=await next_unused(
                session, "project", settings.project_number_pattern, today, "projects"
            ),
            title=title,
            customer_id=customer.id,
            department_id=lead.department_id,
            lead_id=lead.id,
            status=status,
            priority=priority,
            start_date=start or today + timedelta(days=21),
            end_date=(start or today) + timedelta(days=rng.randint(120, 240)),
            deadline=(start or today) + timedelta(days=rng.randint(90, 200)),
            billing_type=billing,
            hourly_rate=Decimal(rng.choice(["95.00", "110.00", "120.00"])) if i % 3 else None,
            budget_hours=Decimal(hours) if hours else None,
            budget_amount=Decimal(amount) if amount else None,
            description=DESCRIPTION,
            rounding_mode="up" if i % 4 == 1 else None,
            rounding_minutes=15 if i % 4 == 1 else None,
            created_by_id=lead.id,
            status_changed_at=clock.now(),
        )
        project.members = [
            ProjectMember(
                employee_id=e.id,
                hourly_rate=Decimal("85.00") if e.employment_type == "working_student" else None,
            )
            for e in team.values()
        ]
        session.add(project)
        await session.flush()
        await events.record_event(
            session,
            customer_id=customer.id,
            event=events.PROJECT_CREATED,
            subject=f"Project {project.number} created: {title}",
            author_id=lead.id,
            data={"project_id": str(project.id), "number": project.number, "status": status},
        )
        projects.append(project)
    return projects
