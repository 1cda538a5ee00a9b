"""Projects with their teams, and three years of non-overlapping time entries."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from workmate.demo_data.context import ZONE_NAME, Context, day_offsets, new_uuid, utc_at
from workmate.demo_data.crm import first_index_after, make_customer
from workmate.demo_data.names import ENTRY_NOTES, PROJECT_TOPICS
from workmate.demo_data.staff import PROJECT_NUMBER_PATTERN, working_days

SEED = 20270303
RATES = (None, None, Decimal("95.00"), Decimal("105.00"), Decimal("110.00"), Decimal("120.00"))
# Task types by department code index (see staff.DEPARTMENTS); others get the mix.
TASKS_BY_DEPARTMENT = {
    2: ("development",) * 6 + ("meeting", "support", "other"),
    3: ("design",) * 6 + ("meeting", "consulting", "other"),
    4: ("consulting",) * 5 + ("meeting", "meeting", "travel", "other"),
    6: ("support",) * 6 + ("development", "meeting", "other"),
}
TASK_MIX = ("development", "design", "meeting", "consulting", "support", "travel", "other")
SOURCES = ("manual", "timer", "timer", "grid")


@dataclass(frozen=True, slots=True)
class Project:
    index: int
    id: uuid.UUID
    number: str
    title: str
    customer_index: int
    customer_id: uuid.UUID
    department: int
    lead: int
    members: tuple[int, ...]
    start: date
    end: date
    status: str
    billing_type: str
    hourly_rate: Decimal | None
    created_at: datetime


def make_projects(ctx: Context) -> list[Project]:
    """All projects in start order, numbered gaplessly per year of creation."""
    rng = random.Random(SEED)
    count = ctx.counts.projects
    first = ctx.first_day - timedelta(days=120)
    span = (ctx.today + timedelta(days=30) - first).days
    leads = ctx.staff_with("project_lead") or [0]
    workers = ctx.staff_with("project_lead", "employee") or [0]
    by_department: dict[int, list[int]] = {}
    for index in workers:
        by_department.setdefault(ctx.employee_departments[index], []).append(index)
    departments = sorted(by_department)
    per_year: dict[int, int] = {}
    projects = []
    for index in range(count):
        start = first + timedelta(days=span * index // count)
        end = start + timedelta(days=rng.randint(30, 330))
        created = utc_at(start - timedelta(days=14), 10)
        seq = per_year[created.year] = per_year.get(created.year, 0) + 1
        department = rng.choice(departments)
        team = [i for i in by_department[department] if _available(ctx, i, start, end)]
        own_leads = [i for i in team if ctx.employee_roles[i] == "project_lead"]
        lead = rng.choice(own_leads or leads)
        helpers = [i for i in workers if _available(ctx, i, start, end)]
        members = set(rng.sample(team, k=min(len(team), rng.randint(2, 5))))
        if helpers and rng.random() < 0.4:
            members.add(rng.choice(helpers))
        members.discard(lead)
        customer_index = _customer_for(ctx, rng, created)
        billing = "fixed_price" if rng.random() < 0.2 else "time_and_materials"
        projects.append(
            Project(
                index=index,
                id=new_uuid(rng),
                number=PROJECT_NUMBER_PATTERN.replace("{year}", str(created.year)).replace(
                    "{seq:5}", f"{seq:05d}"
                ),
                title=rng.choice(PROJECT_TOPICS),
                customer_index=customer_index,
                customer_id=make_customer(ctx, customer_index).id,
                department=department,
                lead=lead,
                members=tuple(sorted(members)),
                start=start,
                end=end,
                status=_status(rng, start, end, ctx.today),
                billing_type=billing,
                hourly_rate=rng.choice(RATES),
                created_at=created,
            )
        )
    return projects


def next_project_numbers(projects: Sequence[Project]) -> dict[str, int]:
    """number_ranges rows: the next value per 'project:<year>'."""
    ranges: dict[str, int] = {}
    for project in projects:
        key = f"project:{project.created_at.year}"
        ranges[key] = ranges.get(key, 1) + 1
    return ranges


def _available(ctx: Context, employee: int, start: date, end: date) -> bool:
    left = ctx.employee_left[employee]
    return ctx.employee_hired[employee] <= end and (left is None or left >= start)


def _customer_for(ctx: Context, rng: random.Random, created: datetime) -> int:
    """One of every fifth customer (the active clients) that existed when the project began."""
    existing = max(1, first_index_after(ctx, created))
    pick = int(existing * rng.random() ** 0.8)
    return pick - pick % 5


def _status(rng: random.Random, start: date, end: date, today: date) -> str:
    if start > today:
        return "planned"
    if end < today:
        return "cancelled" if rng.random() < 0.05 else "completed"
    return "on_hold" if rng.random() < 0.1 else "active"


PROJECT_COLUMNS = [
    "id",
    "number",
    "title",
    "customer_id",
    "department_id",
    "lead_id",
    "status",
    "priority",
    "start_date",
    "end_date",
    "deadline",
    "billing_type",
    "hourly_rate",
    "budget_hours",
    "description",
    "created_by_id",
    "status_changed_at",
    "created_at",
    "updated_at",
]
MEMBER_COLUMNS = ("project_id", "employee_id", "hourly_rate", "created_at")


def project_rows(ctx: Context, projects: Sequence[Project]) -> Iterator[Sequence[object]]:
    rng = random.Random(SEED + 1)
    for p in projects:
        budget = Decimal(rng.choice((40, 80, 120, 200, 320, 480))) if rng.random() < 0.6 else None
        yield (
            p.id, p.number, p.title, p.customer_id, ctx.department_ids[p.department],
            ctx.employee_ids[p.lead], p.status, rng.choice(("low", "normal", "normal", "high")),
            p.start, p.end, p.end - timedelta(days=7), p.billing_type, p.hourly_rate, budget,
            "Ziele, Umfang und Ansprechpartner siehe Kick-off-Protokoll.",
            ctx.employee_ids[p.lead], p.created_at, p.created_at, p.created_at,
        )  # fmt: skip


def member_rows(ctx: Context, projects: Sequence[Project]) -> Iterator[Sequence[object]]:
    for p in projects:
        for member in p.members:
            yield (p.id, ctx.employee_ids[member], None, p.created_at)


ENTRY_COLUMNS = [
    "id",
    "employee_id",
    "project_id",
    "started_at",
    "ended_at",
    "time_zone",
    "description",
    "task_type",
    "billable",
    "source",
    "status",
    "submitted_at",
    "reviewed_at",
    "reviewed_by_id",
    "review_comment",
    "created_at",
    "updated_at",
]


def _assignments(ctx: Context, projects: Sequence[Project]) -> list[list[Project]]:
    """Per employee, the projects they lead or work on, in start order."""
    per_employee: list[list[Project]] = [[] for _ in ctx.employee_ids]
    for p in projects:
        if p.status in ("planned",):
            continue
        per_employee[p.lead].append(p)
        for member in p.members:
            per_employee[member].append(p)
    return per_employee


def _workdays(
    ctx: Context, projects: Sequence[Project]
) -> Iterator[tuple[date, int, list[Project]]]:
    """(day, employee, active projects) for every day someone works: weekdays in employment,
    minus about 8 % absence, up to yesterday (nothing is recorded in the future)."""
    assigned = _assignments(ctx, projects)
    pointers = [0] * len(assigned)
    active: list[list[Project]] = [[] for _ in assigned]
    absence = [random.Random(SEED * 7 + i) for i in range(len(assigned))]
    for day in working_days(ctx.first_day, ctx.today - timedelta(days=1)):
        for employee, mine in enumerate(assigned):
            current = active[employee]
            while pointers[employee] < len(mine) and mine[pointers[employee]].start <= day:
                current.append(mine[pointers[employee]])
                pointers[employee] += 1
            if (current and any(p.end < day for p in current[:4])) or day.weekday() == 0:
                current[:] = [p for p in current if p.end >= day]
            left = ctx.employee_left[employee]
            if day < ctx.employee_hired[employee] or (left is not None and day > left):
                continue
            if absence[employee].random() < 0.08 or not current:
                continue
            yield day, employee, current


def entry_rows(ctx: Context, projects: Sequence[Project]) -> Iterator[Sequence[object]]:
    available = sum(1 for _ in _workdays(ctx, projects))
    per_day = ctx.counts.time_entries / max(1, available)
    rng = random.Random(SEED + 2)
    midnights = {
        day: datetime.combine(day, time(0), UTC) - offset
        for day, offset in day_offsets(ctx.first_day, ctx.today).items()
    }
    this_monday = ctx.today - timedelta(days=ctx.today.weekday())
    for day, employee, current in _workdays(ctx, projects):
        count = int(per_day) + (1 if rng.random() < per_day % 1 else 0)
        if not count:
            continue
        weeks_ago = (this_monday - (day - timedelta(days=day.weekday()))).days // 7
        status, submitted, reviewed = _week_status(ctx, employee, weeks_ago, day)
        tasks = TASKS_BY_DEPARTMENT.get(ctx.employee_departments[employee], TASK_MIX)
        budget = (
            rng.randint(200, 300) if ctx.employee_part_time[employee] else rng.randint(400, 510)
        )
        minutes = rng.choice((450, 465, 480, 495, 510, 540, 570))  # local start 7:30 to 9:30
        base = budget / count
        midnight = midnights[day]
        employee_id = ctx.employee_ids[employee]
        for position in range(count):
            project = rng.choice(current)
            task = rng.choice(tasks)
            length = max(5, int(base * (0.6 + 0.8 * rng.random())) // 5 * 5)
            source = rng.choice(SOURCES)
            if source == "grid":  # a day entry of the week grid: no clock time, its day's start
                start = midnight
            else:
                start = midnight + timedelta(minutes=minutes)
                minutes += length + rng.choice((0, 0, 0, 5, 10, 15))
                if position == count // 2:
                    minutes += 30  # lunch
            end = start + timedelta(minutes=length)
            yield (
                new_uuid(rng), employee_id, project.id, start, end, ZONE_NAME,
                rng.choice(ENTRY_NOTES[task]), task,
                project.billing_type == "time_and_materials" and task != "other"
                and rng.random() > 0.08,
                source, status, submitted, reviewed,
                ctx.employee_ids[project.lead] if status == "approved" else None,
                "Bitte Beschreibung ergänzen." if status == "rejected" else None,
                end, reviewed or end,
            )  # fmt: skip


def _week_status(
    ctx: Context, employee: int, weeks_ago: int, day: date
) -> tuple[str, datetime | None, datetime | None]:
    """Older weeks are approved; the last ones are partly submitted, open or rejected."""
    monday = day - timedelta(days=day.weekday())
    friday = datetime.combine(monday + timedelta(days=4), time(16), UTC)
    if weeks_ago >= 3:
        return "approved", friday, friday + timedelta(days=3)
    if weeks_ago == 2:
        if employee % 17 == 6:
            return "rejected", friday, friday + timedelta(days=3)
        return "approved", friday, friday + timedelta(days=3)
    if weeks_ago == 1:
        return ("submitted", friday, None) if employee % 10 < 7 else ("open", None, None)
    return "open", None, None
