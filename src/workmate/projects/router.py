from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, status

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.schemas import Ref
from workmate.auth.service import Principal
from workmate.core.db import DbSession
from workmate.core.errors import BusinessRuleViolation, Conflict, Forbidden, NotFound, responses
from workmate.core.pagination import Page, PageParams, page_params, paginate, sort_clauses
from workmate.core.routing import Router
from workmate.core.settings_dep import SettingsDep
from workmate.models import Project as ProjectModel
from workmate.projects import financials, service
from workmate.projects import repository as repo
from workmate.projects import stats as stats_service
from workmate.projects.schemas import (
    MemberIn,
    MemberList,
    MemberUpdate,
    Priority,
    Project,
    ProjectCreate,
    ProjectSort,
    ProjectStats,
    ProjectStatus,
    ProjectSummary,
    ProjectUpdate,
    StatusChange,
)

router = Router(prefix="/projects", tags=["projects"])

Reader = Annotated[Principal, require(Permission.projects_read)]
Writer = Annotated[Principal, require(Permission.projects_write)]
SUMMARY_FIELDS = [name for name in ProjectSummary.model_fields if name != "logged_minutes"]
EDIT_ERRORS = responses(NotFound, Forbidden, BusinessRuleViolation)


@router.get("", response_model=Page[ProjectSummary])
async def list_projects(
    principal: Reader,
    session: DbSession,
    paging: Annotated[PageParams, Depends(page_params)],
    q: Annotated[str | None, Query(max_length=200, description="Title or number")] = None,
    customer_id: uuid.UUID | None = None,
    status: Annotated[list[ProjectStatus] | None, Query(max_length=5)] = None,
    lead_id: uuid.UUID | None = None,
    member_id: uuid.UUID | None = None,
    department_id: uuid.UUID | None = None,
    priority: Priority | None = None,
    sort: ProjectSort = ProjectSort.number_desc,
) -> Page[ProjectSummary]:
    """Projects the caller may see (all with projects.read_all, else led or joined ones)."""
    stmt = repo.list_statement(
        principal,
        q=q.strip() if q else None,
        customer_id=customer_id,
        statuses=status,
        lead_id=lead_id,
        member_id=member_id,
        department_id=department_id,
        priority=priority,
    )
    order = sort_clauses(sort.value, repo.SORTABLE, "-number", ProjectModel.id)
    rows, total = await paginate(session, stmt, paging, order, scalars=False)
    items = [
        ProjectSummary(
            id=r.id,
            number=r.number,
            title=r.title,
            customer=Ref(id=r.customer_id, name=r.customer_name),
            lead=Ref(id=r.lead_id, name=r.lead_name) if r.lead_name is not None else None,
            department=Ref(id=r.department_id, name=r.department_name)
            if r.department_name is not None
            else None,
            status=r.status,
            priority=r.priority,
            start_date=r.start_date,
            end_date=r.end_date,
            deadline=r.deadline,
            billing_type=r.billing_type,
            budget_hours=r.budget_hours,
            budget_amount=financials.shown(principal, r.budget_amount),
            logged_minutes=r.logged_minutes,
            created_at=r.created_at,
        )
        for r in rows
    ]
    return Page(items=items, total=total, limit=paging.limit, offset=paging.offset)


@router.post(
    "",
    response_model=Project,
    status_code=status.HTTP_201_CREATED,
    responses=responses(BusinessRuleViolation, Conflict, Forbidden),
)
async def create_project(
    body: ProjectCreate, principal: Writer, session: DbSession, settings: SettingsDep
) -> Project:
    """Numbered from the company's pattern; the lead defaults to the caller. Rates and budget
    amounts need projects.financials (403 ``financials_required``)."""
    return await service.create(session, principal, body, settings.company_time_zone)


@router.get("/{project_id}", response_model=Project, responses=responses(NotFound))
async def read_project(project_id: uuid.UUID, principal: Reader, session: DbSession) -> Project:
    return await service.read(session, principal, project_id)


@router.patch("/{project_id}", response_model=Project, responses=EDIT_ERRORS)
async def update_project(
    project_id: uuid.UUID, body: ProjectUpdate, principal: Writer, session: DbSession
) -> Project:
    """The status changes only through ``POST /projects/{id}/status``."""
    return await service.update(session, principal, project_id, body)


@router.delete(
    "/{project_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(NotFound, Forbidden, Conflict),
)
async def delete_project(project_id: uuid.UUID, principal: Writer, session: DbSession) -> None:
    """Only while no time is logged on it (409 ``project_has_time_entries``; cancel instead)."""
    await service.delete(session, principal, project_id)


@router.post(
    "/{project_id}/status",
    response_model=Project,
    responses=responses(NotFound, Forbidden, Conflict),
)
async def change_project_status(
    project_id: uuid.UUID, body: StatusChange, principal: Writer, session: DbSession
) -> Project:
    """planned -> active -> on_hold <-> active -> completed; any open state -> cancelled.

    Anything else is 409 ``invalid_transition``. Writes an event to the customer's timeline.
    """
    return await service.change_status(session, principal, project_id, body)


@router.get("/{project_id}/stats", response_model=ProjectStats, responses=responses(NotFound))
async def project_stats(
    project_id: uuid.UUID, principal: Reader, session: DbSession, settings: SettingsDep
) -> ProjectStats:
    """Logged hours and values at resolved rates, budget use, by member and by month."""
    return await stats_service.stats(session, principal, project_id, settings.company_time_zone)


@router.put("/{project_id}/members", response_model=Project, responses=EDIT_ERRORS)
async def replace_members(
    project_id: uuid.UUID, body: MemberList, principal: Writer, session: DbSession
) -> Project:
    """Set the whole member list (added, updated and removed in one step)."""
    return await service.replace_members(session, principal, project_id, body.members)


@router.post(
    "/{project_id}/members",
    response_model=Project,
    status_code=status.HTTP_201_CREATED,
    responses={**EDIT_ERRORS, **responses(Conflict)},
)
async def add_member(
    project_id: uuid.UUID, body: MemberIn, principal: Writer, session: DbSession
) -> Project:
    return await service.add_member(session, principal, project_id, body)


@router.patch("/{project_id}/members/{employee_id}", response_model=Project, responses=EDIT_ERRORS)
async def update_member(
    project_id: uuid.UUID,
    employee_id: uuid.UUID,
    body: MemberUpdate,
    principal: Writer,
    session: DbSession,
) -> Project:
    return await service.update_member(
        session, principal, project_id, employee_id, body.hourly_rate
    )


@router.delete("/{project_id}/members/{employee_id}", response_model=Project, responses=EDIT_ERRORS)
async def remove_member(
    project_id: uuid.UUID, employee_id: uuid.UUID, principal: Writer, session: DbSession
) -> Project:
    """Past entries of the member stay; their rate falls back to the project's."""
    return await service.remove_member(session, principal, project_id, employee_id)
