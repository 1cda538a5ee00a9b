"""Projects: numbering, status transitions, members, who may edit, statistics."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate import links
from workmate.activities import events
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.error_handlers import register_constraint
from workmate.core.errors import (
    BusinessRuleViolation,
    Conflict,
    Forbidden,
    NotFound,
    field_error,
    reject_nulls,
)
from workmate.core.references import ensure_exists
from workmate.models import Customer, Department, Employee, Project, ProjectMember
from workmate.numbering.service import next_unused
from workmate.projects import financials
from workmate.projects import repository as repo
from workmate.projects.schemas import (
    MemberIn,
    ProjectCreate,
    ProjectUpdate,
    StatusChange,
)
from workmate.projects.schemas import Project as ProjectRead
from workmate.settings import service as settings_service

# planned -> active -> on_hold <-> active -> completed; any open state -> cancelled.
TRANSITIONS: dict[str, frozenset[str]] = {
    "planned": frozenset({"active", "cancelled"}),
    "active": frozenset({"on_hold", "completed", "cancelled"}),
    "on_hold": frozenset({"active", "cancelled"}),
    "completed": frozenset(),
    "cancelled": frozenset(),
}
OPEN = frozenset({"planned", "active", "on_hold"})

register_constraint(
    "uq_projects_number",
    code="number_taken",
    field="number",
    message="This project number is already in use.",
)
register_constraint(
    "pk_project_members",
    code="already_member",
    field="employee_id",
    message="This employee is already a member of the project.",
)
# A project with invoices (or quotes) is never deleted, also when the check below races.
register_constraint(
    "fk_invoices_project_id_projects",
    code="project_has_invoices",
    message="Documents have been written for this project, so it cannot be deleted. "
    "Cancel it instead.",
)


def can_edit(principal: Principal, project: Project) -> bool:
    """Lead of the project, or someone who sees all projects; both need projects.write."""
    if not principal.has(Permission.projects_write):
        return False
    return project.lead_id == principal.id or principal.has(Permission.projects_read_all)


def to_read(principal: Principal, project: Project, logged: int) -> ProjectRead:
    data: dict[str, Any] = {
        name: getattr(project, name)
        for name in ProjectRead.model_fields
        if name not in ("logged_minutes", "can_edit", "allowed_transitions")
    }
    data["logged_minutes"] = logged
    data["can_edit"] = can_edit(principal, project)
    data["allowed_transitions"] = sorted(TRANSITIONS[project.status])
    if not financials.sees_money(principal):
        data.update(dict.fromkeys(financials.MONEY_FIELDS))
        data["members"] = [
            {"employee_id": m.employee_id, "employee": m.employee, "hourly_rate": None}
            for m in project.members
        ]
    return ProjectRead.model_validate(data)


async def get_visible(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Project, int]:
    found = await repo.get(session, project_id, principal, for_update=for_update)
    if found is None:
        raise NotFound("Project not found.")
    return found


async def get_editable(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> Project:
    project, _ = await get_visible(session, principal, project_id, for_update=True)
    if not can_edit(principal, project):
        raise Forbidden(
            "Only the project lead or management may change this project.", code="not_project_lead"
        )
    return project


async def read(session: AsyncSession, principal: Principal, project_id: uuid.UUID) -> ProjectRead:
    project, logged = await get_visible(session, principal, project_id)
    return to_read(principal, project, logged)


async def _check_customer(session: AsyncSession, customer_id: uuid.UUID) -> None:
    archived = (
        await session.execute(
            select(Customer.archived_at, Customer.number).where(Customer.id == customer_id)
        )
    ).first()
    if archived is None:
        raise BusinessRuleViolation(
            "Unknown customer.",
            code="unknown_reference",
            errors=[
                field_error("customer_id", "No customer with this id exists.", "unknown_reference")
            ],
        )
    if archived[0] is not None:
        raise BusinessRuleViolation(
            "The customer is archived; restore it before starting a project for it.",
            code="customer_archived",
            params={"number": archived[1]},
            errors=[field_error("customer_id", "This customer is archived.", "customer_archived")],
        )


async def _check_employees(session: AsyncSession, ids: list[uuid.UUID], field: str) -> None:
    if not ids:
        return
    rows = (
        await session.execute(select(Employee.id, Employee.active).where(Employee.id.in_(ids)))
    ).all()
    known = {row[0]: row[1] for row in rows}
    for ident in ids:
        if ident not in known:
            raise BusinessRuleViolation(
                "Unknown employee.",
                code="unknown_reference",
                errors=[
                    field_error(field, "No employee with this id exists.", "unknown_reference")
                ],
            )
        if not known[ident]:
            raise BusinessRuleViolation(
                "The employee is deactivated.",
                code="employee_inactive",
                errors=[field_error(field, "This employee is deactivated.", "employee_inactive")],
            )


def _check_rounding(mode: str | None, minutes: int | None) -> None:
    if minutes is not None and mode is None:
        raise BusinessRuleViolation(
            "A rounding step needs a rounding mode.",
            code="rounding_incomplete",
            errors=[field_error("rounding_mode", "Choose up, nearest or down.", "required")],
        )
    if mode in ("up", "nearest", "down") and minutes is None:
        raise BusinessRuleViolation(
            "Rounding up, down or to the nearest step needs the step in minutes.",
            code="rounding_incomplete",
            errors=[field_error("rounding_minutes", "Choose 1, 5, 6, 10, 15 or 30.", "required")],
        )


def _check_dates(project: Project) -> None:
    if project.start_date is None:
        return
    for name in ("end_date", "deadline"):
        value = getattr(project, name)
        if value is not None and value < project.start_date:
            raise BusinessRuleViolation(
                f"The {name.replace('_', ' ')} must not be before the start date.",
                code="invalid_dates",
                params={"start": project.start_date},
                errors=[
                    field_error(
                        name,
                        "Must not be before start_date.",
                        "invalid_dates",
                        {"start": project.start_date},
                    )
                ],
            )


def _check_unique_members(members: list[MemberIn]) -> None:
    ids = [m.employee_id for m in members]
    if len(ids) != len(set(ids)):
        raise BusinessRuleViolation(
            "An employee is listed twice.",
            code="duplicate_member",
            errors=[field_error("members", "Each employee may appear once.", "duplicate_member")],
        )


async def create(
    session: AsyncSession, principal: Principal, data: ProjectCreate, company_zone: str
) -> ProjectRead:
    financials.ensure_may_set_money(
        principal, data.model_dump(include=set(financials.MONEY_FIELDS))
    )
    financials.ensure_may_set_member_rates(principal, data.members)
    await _check_customer(session, data.customer_id)
    await ensure_exists(session, Department, data.department_id, "department_id", "department")
    lead_id = data.lead_id or principal.id
    await _check_employees(session, [lead_id], "lead_id")
    _check_unique_members(data.members)
    await _check_employees(session, [m.employee_id for m in data.members], "members")
    _check_rounding(data.rounding_mode, data.rounding_minutes)
    settings = await settings_service.get(session)
    number = await next_unused(
        session, "project", settings.project_number_pattern, clock.today(company_zone), "projects"
    )
    values = data.model_dump(exclude={"members", "lead_id"})
    project = Project(
        **values,
        number=number,
        lead_id=lead_id,
        created_by_id=principal.id,
        status_changed_at=clock.now(),
    )
    project.members = [
        ProjectMember(employee_id=m.employee_id, hourly_rate=m.hourly_rate) for m in data.members
    ]
    session.add(project)
    await session.flush()
    await events.record_event(
        session,
        customer_id=project.customer_id,
        event=events.PROJECT_CREATED,
        subject=f"Project {project.number} created: {project.title}",
        author_id=principal.id,
        data={
            "project_id": str(project.id),
            "number": project.number,
            "title": project.title,
            "status": project.status,
        },
    )
    return await read(session, principal, project.id)


async def update(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, data: ProjectUpdate
) -> ProjectRead:
    project = await get_editable(session, principal, project_id)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("title", "customer_id", "priority", "billing_type"))
    financials.ensure_may_set_money(principal, changes)
    if not financials.sees_money(principal):
        for name in financials.MONEY_FIELDS:  # a null sent back from a read is no change
            changes.pop(name, None)
    if "customer_id" in changes and changes["customer_id"] != project.customer_id:
        await _check_customer(session, changes["customer_id"])
    if changes.get("department_id"):
        await ensure_exists(
            session, Department, changes["department_id"], "department_id", "department"
        )
    if changes.get("lead_id") and changes["lead_id"] != project.lead_id:
        await _check_employees(session, [changes["lead_id"]], "lead_id")
    for field, value in changes.items():
        setattr(project, field, value)
    mode_cleared = changes.get("rounding_mode", "x") in (None, "none")
    if mode_cleared and "rounding_minutes" not in changes:
        project.rounding_minutes = None
    _check_rounding(project.rounding_mode, project.rounding_minutes)
    _check_dates(project)
    await session.flush()
    return await read(session, principal, project.id)


async def change_status(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, data: StatusChange
) -> ProjectRead:
    project = await get_editable(session, principal, project_id)
    old, new = project.status, data.status
    if new not in TRANSITIONS[old]:
        allowed = ", ".join(sorted(TRANSITIONS[old])) or "none (final state)"
        raise Conflict(
            f"A project cannot go from '{old}' to '{new}'. Allowed from '{old}': {allowed}.",
            code="invalid_transition",
            params={"project_status": old, "project_status_to": new},
            errors=[field_error("status", f"Not allowed from '{old}'.", "invalid_transition")],
        )
    project.status = new
    project.status_changed_at = clock.now()
    await session.flush()
    payload: dict[str, Any] = {
        "project_id": str(project.id),
        "number": project.number,
        "from": old,
        "to": new,
    }
    if data.comment:
        payload["comment"] = data.comment
    await events.record_event(
        session,
        customer_id=project.customer_id,
        event=events.PROJECT_STATUS_CHANGED,
        subject=f"Project {project.number}: {old} -> {new}",
        author_id=principal.id,
        data=payload,
    )
    return await read(session, principal, project.id)


async def delete(session: AsyncSession, principal: Principal, project_id: uuid.UUID) -> None:
    project = await get_editable(session, principal, project_id)
    if await repo.has_time_entries(session, project.id):
        raise Conflict(
            "Time has been logged on this project, so it cannot be deleted. Cancel it instead.",
            code="project_has_time_entries",
        )
    await session.delete(project)
    await session.flush()  # RESTRICT from invoices becomes 409 project_has_invoices


async def replace_members(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, members: list[MemberIn]
) -> ProjectRead:
    project = await get_editable(session, principal, project_id)
    _check_unique_members(members)
    financials.ensure_may_set_member_rates(principal, members)
    current = {m.employee_id: m for m in project.members}
    new_ids = [m.employee_id for m in members if m.employee_id not in current]
    await _check_employees(session, new_ids, "members")
    wanted = {m.employee_id: m for m in members}
    for employee_id, member in list(current.items()):
        if employee_id not in wanted:
            project.members.remove(member)
        elif financials.sees_money(principal):  # without it the (hidden) rates stay as they are
            member.hourly_rate = wanted[employee_id].hourly_rate
    for m in members:
        if m.employee_id not in current:
            project.members.append(
                ProjectMember(employee_id=m.employee_id, hourly_rate=m.hourly_rate)
            )
    await session.flush()
    return await read(session, principal, project.id)


async def add_member(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, data: MemberIn
) -> ProjectRead:
    project = await get_editable(session, principal, project_id)
    financials.ensure_may_set_member_rates(principal, [data])
    if any(m.employee_id == data.employee_id for m in project.members):
        raise Conflict(
            "This employee is already a member of the project.",
            code="already_member",
            errors=[field_error("employee_id", "Already a member.", "already_member")],
        )
    await _check_employees(session, [data.employee_id], "employee_id")
    project.members.append(
        ProjectMember(employee_id=data.employee_id, hourly_rate=data.hourly_rate)
    )
    await session.flush()
    return await read(session, principal, project.id)


def _member(project: Project, employee_id: uuid.UUID) -> ProjectMember:
    for member in project.members:
        if member.employee_id == employee_id:
            return member
    raise NotFound("This employee is not a member of the project.", code="not_a_member")


async def update_member(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    employee_id: uuid.UUID,
    hourly_rate: Decimal | None,
) -> ProjectRead:
    project = await get_editable(session, principal, project_id)
    if not financials.sees_money(principal):
        raise Forbidden(
            "Member rates need the permission projects.financials.",
            code="financials_required",
            errors=[
                field_error("hourly_rate", "Needs projects.financials.", "financials_required")
            ],
        )
    _member(project, employee_id).hourly_rate = hourly_rate
    await session.flush()
    return await read(session, principal, project.id)


async def remove_member(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, employee_id: uuid.UUID
) -> ProjectRead:
    project = await get_editable(session, principal, project_id)
    project.members.remove(_member(project, employee_id))
    await session.flush()
    return await read(session, principal, project.id)


async def _visible_ids(
    session: AsyncSession, principal: Principal, ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    if not (principal.has(Permission.projects_read) or principal.has(Permission.projects_read_all)):
        return set()
    return await repo.visible_ids(session, principal, ids)


links.register(
    links.LinkableType(
        links.RecordType.project,
        _visible_ids,
        repo.labels,
        visible_sql=repo.visible_ids_sql,
    )
)


async def search(session: AsyncSession, principal: Principal, q: str, limit: int) -> list[Any]:
    """(id, number, title, status, customer name) of visible projects matching ``q``."""
    return await repo.search(session, principal, q, limit)
