"""The command palette's search: records of every module the caller may see, each found through
its own domain (its visibility rule included)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.references import like_pattern
from workmate.customers.repository import matching_ids
from workmate.documents import listing as documents
from workmate.employees.repository import SEARCH_EXPRESSION
from workmate.invoices import service as invoice_service
from workmate.models import Contact, Customer, Department, Employee
from workmate.projects import service as project_service
from workmate.search.schemas import SearchHit


async def search(
    session: AsyncSession, principal: Principal, q: str, limit: int
) -> list[SearchHit]:
    hits: list[SearchHit] = []
    if principal.has(Permission.invoices_read):
        hits += await _documents(session, q, limit)
    if principal.has(Permission.projects_read):
        hits += await _projects(session, principal, q, limit)
    if principal.has(Permission.customers_read):
        hits += await _customers(session, q, limit)
    if principal.has(Permission.employees_read):
        hits += await _employees(session, q, limit)
    if principal.has(Permission.departments_read) and principal.has(Permission.departments_write):
        hits += await _departments(session, q, limit)
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
    return hits[: limit * 3]


async def _documents(session: AsyncSession, q: str, limit: int) -> list[SearchHit]:
    """Invoices, credit notes and quotes by number ("RE-2026-00012", or just "12")."""
    return [
        SearchHit(
            kind=r.kind,
            id=r.id,
            title=r.number,
            subtitle=r.name,
            app="invoices",
            window="invoice",
            status=r.status,
        )
        for r in await invoice_service.search_numbers(session, q, limit)
    ]


async def _projects(
    session: AsyncSession, principal: Principal, q: str, limit: int
) -> list[SearchHit]:
    return [
        SearchHit(
            kind="project",
            id=r.id,
            title=f"{r.number} · {r.title}",
            subtitle=r.name,
            app="projects",
            window="project",
            status=r.status,
        )
        for r in await project_service.search(session, principal, q, limit)
    ]


async def _employees(session: AsyncSession, q: str, limit: int) -> list[SearchHit]:
    rows = await session.execute(
        select(Employee.id, Employee.name, Employee.email, Employee.employee_number)
        .where(SEARCH_EXPRESSION.like(like_pattern(q)))
        .order_by(Employee.active.desc(), func.lower(Employee.name))
        .limit(limit)
    )
    return [
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


async def _departments(session: AsyncSession, q: str, limit: int) -> list[SearchHit]:
    pattern = like_pattern(q)
    rows = await session.execute(
        select(Department.id, Department.name, Department.code)
        .where(
            func.lower(Department.name).like(pattern) | func.lower(Department.code).like(pattern)
        )
        .order_by(func.lower(Department.name))
        .limit(limit)
    )
    return [
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


async def _customers(session: AsyncSession, q: str, limit: int) -> list[SearchHit]:
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
