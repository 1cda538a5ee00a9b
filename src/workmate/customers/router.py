from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, File, Query, Request, UploadFile, status
from fastapi.responses import StreamingResponse
from pydantic import TypeAdapter

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.db import Database, DbSession
from workmate.core.errors import (
    BusinessRuleViolation,
    Conflict,
    Forbidden,
    NotFound,
    responses,
)
from workmate.core.pagination import (
    Page,
    PageParams,
    page_params,
    paginate,
    paginate_matches,
    sort_clauses,
)
from workmate.core.routing import Router
from workmate.core.settings_dep import SettingsDep
from workmate.customers import csv_io, importing, service
from workmate.customers import repository as repo
from workmate.customers.importing import Entity, ImportResult
from workmate.customers.schemas import (
    Customer,
    CustomerCreate,
    CustomerSort,
    CustomerStats,
    CustomerSummary,
    CustomerUpdate,
    Kind,
    Status,
)
from workmate.customers.stats import customer_stats
from workmate.models import Customer as CustomerModel

router = Router(prefix="/customers", tags=["customers"])

Reader = Annotated[Principal, require(Permission.customers_read)]
Writer = Annotated[Principal, require(Permission.customers_write)]


class ListFilters:
    def __init__(
        self,
        q: str | None,
        status: list[Status] | None,
        kind: list[Kind] | None,
        tag: list[str] | None,
        archived: bool | None,
    ) -> None:
        self.q = q.strip() if q and q.strip() else None
        self.statuses = status
        self.kinds = kind
        self.tags = tag
        self.archived = archived


async def _list_filters(
    q: Annotated[
        str | None, Query(max_length=200, description="Name, number, e-mail, city or contact")
    ] = None,
    status: Annotated[list[Status] | None, Query(max_length=4)] = None,
    kind: Annotated[list[Kind] | None, Query(max_length=3)] = None,
    tag: Annotated[list[Annotated[str, Query(max_length=50)]] | None, Query(max_length=10)] = None,
    archived: Annotated[bool | None, Query(description="Default: only active records")] = False,
) -> ListFilters:
    # A coroutine: FastAPI runs plain functions (and classes) in the thread pool.
    return ListFilters(q, status, kind, tag, archived)


Filters = Annotated[ListFilters, Depends(_list_filters)]


_SUMMARIES = TypeAdapter(list[CustomerSummary])


def _summary(row: tuple[CustomerModel, str | None]) -> CustomerSummary:
    customer, primary_name = row
    return CustomerSummary.model_validate(
        {
            **{
                n: getattr(customer, n)
                for n in CustomerSummary.model_fields
                if n not in ("archived", "primary_contact_name")
            },
            "archived": customer.archived_at is not None,
            "primary_contact_name": primary_name,
        }
    )


@router.get("", response_model=Page[CustomerSummary])
async def list_customers(
    _: Reader,
    session: DbSession,
    filters: Filters,
    paging: Annotated[PageParams, Depends(page_params)],
    sort: CustomerSort = CustomerSort.name,
) -> Page[CustomerSummary]:
    if (
        filters.q
        and sort is CustomerSort.name
        and filters.archived is False
        and not (filters.statuses or filters.kinds or filters.tags)
    ):
        # The search box: one statement that need not read every match (see the repository).
        found, total = await repo.search_page(session, filters.q, paging.limit, paging.offset)
        return Page(
            items=_SUMMARIES.validate_python([dict(row._mapping) for row in found]),
            total=total,
            limit=paging.limit,
            offset=paging.offset,
        )
    stmt = repo.list_statement(
        q=filters.q,
        statuses=filters.statuses,
        kinds=filters.kinds,
        tags=filters.tags,
        archived=filters.archived,
    )
    order = sort_clauses(sort.value, repo.SORTABLE, "name", CustomerModel.id)
    if filters.q:
        rows, total = await paginate_matches(session, stmt, paging, order)
    else:
        rows, total = await paginate(session, stmt, paging, order, scalars=False)
    return Page(
        items=[_summary((r[0], r[1])) for r in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.get("/stats", response_model=CustomerStats)
async def read_customer_stats(
    _: Reader, session: DbSession, settings: SettingsDep
) -> CustomerStats:
    """Counts by status and kind, new customers per month (12), top by revenue, open leads."""
    return await customer_stats(session, settings.company_time_zone)


@router.get("/export.csv", response_class=StreamingResponse)
async def export_customers(
    principal: Reader,
    request: Request,
    filters: Filters,
    settings: SettingsDep,
    sort: CustomerSort = CustomerSort.name,
) -> StreamingResponse:
    """The current list filter as CSV for Excel (UTF-8 with BOM, ';', decimal comma). The
    hourly rate column stays empty without projects.financials."""
    rates = service.shows_rates(principal)
    stmt = repo.list_statement(
        q=filters.q,
        statuses=filters.statuses,
        kinds=filters.kinds,
        tags=filters.tags,
        archived=filters.archived,
    ).order_by(*sort_clauses(sort.value, repo.SORTABLE, "name", CustomerModel.id))
    database: Database = request.app.state.db

    async def rows() -> AsyncIterator[str]:
        # Its own session: the request's session ends before the body streams.
        async with database.sessionmaker() as session:
            result = await session.stream(stmt.execution_options(yield_per=1000))
            header_done = False
            async for partition in result.partitions():
                records = [
                    {
                        **{
                            c: getattr(r[0], c)
                            for c, _ in csv_io.EXPORT_COLUMNS
                            if c != "primary_contact"
                        },
                        "primary_contact": r[1],
                        "hourly_rate": r[0].hourly_rate if rates else None,
                    }
                    for r in partition
                ]
                for line in csv_io.export_lines(records):
                    if line.startswith("\ufeff"):
                        if header_done:
                            continue
                        header_done = True
                    yield line
            if not header_done:
                for line in csv_io.export_lines([]):
                    yield line

    filename = f"kunden-{clock.today(settings.company_time_zone).isoformat()}.csv"
    return StreamingResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/import",
    response_model=ImportResult,
    responses=responses(BusinessRuleViolation),
)
async def import_csv(
    principal: Writer,
    session: DbSession,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="CSV file (';' or ',', UTF-8 or Windows-1252)")],
    entity: Annotated[Entity, Query(description="What the rows are")] = "customers",
    dry_run: Annotated[bool, Query(description="Only check and preview; write nothing")] = True,
) -> ImportResult:
    """Import customers or contacts (by customer number). All rows or none are written."""
    data = await file.read(csv_io.MAX_BYTES + 1)
    return await importing.run_import(
        session,
        data,
        entity,
        dry_run=dry_run,
        principal=principal,
        zone=settings.company_time_zone,
    )


@router.post(
    "",
    response_model=Customer,
    status_code=status.HTTP_201_CREATED,
    responses=responses(BusinessRuleViolation, Forbidden),
)
async def create_customer(
    body: CustomerCreate, principal: Writer, session: DbSession, settings: SettingsDep
) -> Customer:
    """The hourly rate needs projects.financials (403 ``financials_required``)."""
    service.ensure_may_set_rate(principal, body.hourly_rate)
    customer = await service.create(session, body, principal.id, settings.company_time_zone)
    return await service.to_read(session, principal, customer)


@router.get("/{customer_id}", response_model=Customer, responses=responses(NotFound))
async def read_customer(customer_id: uuid.UUID, principal: Reader, session: DbSession) -> Customer:
    customer = await service.get_or_404(session, customer_id)
    return await service.to_read(session, principal, customer)


@router.patch(
    "/{customer_id}",
    response_model=Customer,
    responses=responses(NotFound, BusinessRuleViolation, Forbidden),
)
async def update_customer(
    customer_id: uuid.UUID, body: CustomerUpdate, principal: Writer, session: DbSession
) -> Customer:
    customer = await service.update(session, principal, customer_id, body)
    return await service.to_read(session, principal, customer)


@router.post("/{customer_id}/archive", response_model=Customer, responses=responses(NotFound))
async def archive_customer(
    customer_id: uuid.UUID, principal: Writer, session: DbSession
) -> Customer:
    customer = await service.archive(session, customer_id, principal.id)
    return await service.to_read(session, principal, customer)


@router.post("/{customer_id}/restore", response_model=Customer, responses=responses(NotFound))
async def restore_customer(
    customer_id: uuid.UUID, principal: Writer, session: DbSession
) -> Customer:
    customer = await service.restore(session, customer_id, principal.id)
    return await service.to_read(session, principal, customer)


@router.delete(
    "/{customer_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(NotFound, Conflict),
)
async def delete_customer(customer_id: uuid.UUID, _: Writer, session: DbSession) -> None:
    """Only customers without projects or invoices; others are archived instead (409)."""
    await service.delete(session, customer_id)
