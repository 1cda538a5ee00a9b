"""One search for the command palette: records the caller may see, across modules."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import func, select

from workmate.auth.dependencies import CurrentUser
from workmate.auth.permissions import Permission
from workmate.core.db import DbSession
from workmate.core.references import like_pattern
from workmate.core.routing import Router
from workmate.customers.repository import matching_ids
from workmate.documents import listing as documents
from workmate.employees.repository import SEARCH_EXPRESSION
from workmate.models import Contact, Customer, Department, Employee

router = Router(tags=["search"])


class SearchHit(BaseModel):
    kind: str
    id: uuid.UUID
    title: str
    subtitle: str
    app: str
    window: str


class SearchResult(BaseModel):
    items: list[SearchHit]


@router.get("/search", response_model=SearchResult)
async def search(
    principal: CurrentUser,
    session: DbSession,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SearchResult:
    pattern = like_pattern(q.strip())
    hits: list[SearchHit] = []
    if principal.has(Permission.employees_read):
        rows = await session.execute(
            select(Employee.id, Employee.name, Employee.email, Employee.employee_number)
            .where(SEARCH_EXPRESSION.like(pattern))
            .order_by(Employee.active.desc(), func.lower(Employee.name))
            .limit(limit)
        )
        hits += [
            SearchHit(
                kind="employee",
                id=r.id,
                title=r.name,
                subtitle=f"{r.employee_number} · {r.email}",
                app="employees",
                window="detail",
            )
            for r in rows
        ]
    if principal.has(Permission.departments_read) and principal.has(Permission.departments_write):
        rows = await session.execute(
            select(Department.id, Department.name, Department.code)
            .where(
                func.lower(Department.name).like(pattern)
                | func.lower(Department.code).like(pattern)
            )
            .order_by(func.lower(Department.name))
            .limit(limit)
        )
        hits += [
            SearchHit(
                kind="department",
                id=r.id,
                title=r.name,
                subtitle=r.code,
                app="admin",
                window="department",
            )
            for r in rows
        ]
    if principal.has(Permission.customers_read):
        hits += await _customers(session, q.strip(), limit)
    if principal.has(Permission.documents_read):
        hits += [
            SearchHit(
                kind="document",
                id=ident,
                title=title,
                subtitle=file_name,
                app="documents",
                window="document",
            )
            for ident, title, file_name in await documents.quick_search(
                session, principal, q, limit
            )
        ]
    return SearchResult(items=hits[: limit * 3])


async def _customers(session: DbSession, q: str, limit: int) -> list[SearchHit]:
    """Customers by name, number, e-mail, city or a contact's name (opens the customer)."""
    pattern = like_pattern(q)
    rows = await session.execute(
        select(Customer.id, Customer.name, Customer.number, Customer.city)
        .where(Customer.id.in_(matching_ids(pattern)), Customer.archived_at.is_(None))
        .order_by(func.lower(Customer.name))
        .limit(limit)
    )
    hits = [
        SearchHit(
            kind="customer",
            id=r.id,
            title=r.name,
            subtitle=" · ".join(filter(None, [r.number, r.city])),
            app="crm",
            window="customer",
        )
        for r in rows
    ]
    contacts = await session.execute(
        select(Contact.customer_id, Contact.name, Customer.name.label("customer_name"))
        .join(Customer, Customer.id == Contact.customer_id)
        .where(Contact.search_text.like(pattern), Customer.archived_at.is_(None))
        .order_by(func.lower(Contact.name))
        .limit(limit)
    )
    hits += [
        SearchHit(
            kind="contact",
            id=r.customer_id,
            title=r.name,
            subtitle=r.customer_name,
            app="crm",
            window="customer",
        )
        for r in contacts
    ]
    return hits
