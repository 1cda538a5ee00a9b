"""A few months of plausible, non-overlapping time entries on weekdays (deterministic)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core import clock
from workmate.core.timeutil import day_start
from workmate.models import Employee, Project, ProjectMember, TimeEntry

WEEKS = 13
TASKS = ["development", "development", "design", "meeting", "consulting", "support", "other"]
NOTES = {
    "development": ["Umsetzung Feature", "Code-Review", "Bugfixing", "API-Anbindung"],
    "design": ["Entwürfe überarbeitet", "Styleguide", "Screendesign"],
    "meeting": ["Jour fixe", "Abstimmung mit Kunde", "Sprint-Planung"],
    "consulting": ["Workshop", "Konzeptberatung"],
    "support": ["Supportanfrage", "Deployment"],
    "other": ["Dokumentation", "Projektorganisation"],
}


async def load(session: AsyncSession, today: date) -> int:
    """Insert the entries; returns how many. Needs projects (``projects.demo.load``) first."""
    rng = random.Random(20260304)
    projects = list(
        (
            await session.scalars(
                select(Project)
                .where(Project.status.in_(("active", "on_hold", "completed")))
                .order_by(Project.number)
            )
        ).all()
    )
    memberships = (
        await session.execute(select(ProjectMember.employee_id, ProjectMember.project_id))
    ).all()
    by_employee: dict[Any, list[Project]] = {}
    by_id = {p.id: p for p in projects}
    for employee_id, project_id in memberships:
        if project_id in by_id:
            by_employee.setdefault(employee_id, []).append(by_id[project_id])
    for p in projects:
        if p.lead_id:
            by_employee.setdefault(p.lead_id, []).append(p)
    employees = {
        e.id: e
        for e in (await session.scalars(select(Employee).order_by(Employee.employee_number)))
    }
    this_monday = today - timedelta(days=today.weekday())
    first_day = this_monday - timedelta(weeks=WEEKS)
    rows: list[dict[str, Any]] = []
    for employee_id, options in by_employee.items():
        employee = employees[employee_id]
        zone = ZoneInfo(employee.time_zone)
        lead_of = {p.id: p.lead_id for p in options}
        day = first_day
        while day < today:
            if day.weekday() < 5 and rng.random() > 0.07:  # some days off
                rows += _day(rng, employee, zone, day, options, (this_monday, today), lead_of)
            day += timedelta(days=1)
    if rows:
        await session.execute(insert(TimeEntry), rows)
    running = next(iter(sorted(by_employee, key=lambda i: employees[i].employee_number)), None)
    if running is not None and today.weekday() < 5:
        project = by_employee[running][0]
        if project.status != "completed":
            session.add(
                TimeEntry(
                    employee_id=running,
                    project_id=project.id,
                    started_at=clock.now().replace(microsecond=0) - timedelta(minutes=25),
                    ended_at=None,
                    time_zone=employees[running].time_zone,
                    task_type="development",
                    description="Läuft gerade",
                    billable=project.billing_type == "time_and_materials",
                    source="timer",
                )
            )
            await session.flush()
            return len(rows) + 1
    return len(rows)


def _day(
    rng: random.Random,
    employee: Employee,
    zone: ZoneInfo,
    day: date,
    options: list[Project],
    week_and_day: tuple[date, date],
    lead_of: dict[Any, Any],
) -> list[dict[str, Any]]:
    part_time = employee.employment_type in ("part_time", "working_student", "mini_job")
    budget = rng.randint(180, 300) if part_time else rng.randint(390, 510)
    this_monday, today = week_and_day
    at = datetime.combine(day, time(8, rng.choice([0, 15, 30, 45])), zone)
    week_start = day - timedelta(days=day.weekday())
    status, reviewed = _week_status(rng, week_start, this_monday, employee)
    rows = []
    worked = 0
    while worked < budget:
        minutes = min(budget - worked, rng.choice([30, 45, 60, 90, 120, 150, 180]))
        project = rng.choice(options)
        if project.status == "completed" and day > today - timedelta(days=30):
            project = next((p for p in options if p.status != "completed"), project)
        task = rng.choice(TASKS)
        source = rng.choice(["manual", "timer", "grid"])
        # A day entry of the week grid has no clock time: it sits at the start of its day.
        start = (day_start(day, zone) if source == "grid" else at).astimezone(UTC)
        end = start + timedelta(minutes=minutes)
        rows.append(
            {
                "employee_id": employee.id,
                "project_id": project.id,
                "started_at": start,
                "ended_at": end,
                "time_zone": employee.time_zone,
                "description": rng.choice(NOTES[task]),
                "task_type": task,
                "billable": project.billing_type == "time_and_materials"
                and task != "other"
                and rng.random() > 0.08,
                "source": source,
                "status": status,
                "submitted_at": reviewed - timedelta(days=1) if reviewed else None,
                "reviewed_at": reviewed if status in ("approved", "rejected") else None,
                "reviewed_by_id": lead_of.get(project.id) if status == "approved" else None,
                "review_comment": "Bitte Beschreibung ergänzen." if status == "rejected" else None,
            }
        )
        worked += minutes
        if source != "grid":
            at = (end + timedelta(minutes=rng.choice([0, 0, 15, 45]))).astimezone(zone)
    return rows


def _week_status(
    rng: random.Random, week_start: date, this_monday: date, employee: Employee
) -> tuple[str, datetime | None]:
    weeks_ago = (this_monday - week_start).days // 7
    friday = datetime.combine(week_start + timedelta(days=5), time(10), UTC)
    if weeks_ago >= 3:
        return "approved", friday + timedelta(days=3)
    if weeks_ago == 2:
        return ("rejected" if employee.employee_number.endswith("6") else "approved"), friday
    if weeks_ago == 1:
        return ("submitted" if rng.random() > 0.3 else "open"), friday
    return "open", None
