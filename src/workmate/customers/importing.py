"""Import customers or contacts from CSV: a dry run reports row errors, a real run writes all
rows or none."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.service import Principal
from workmate.contacts import service as contact_service
from workmate.contacts.schemas import ContactFields
from workmate.core.errors import BusinessRuleViolation, Params, field_error
from workmate.customers import csv_io
from workmate.customers import service as customer_service
from workmate.customers.schemas import CustomerCreate
from workmate.models import Customer

Entity = Literal["customers", "contacts"]
PREVIEW_ROWS = 20


class ImportRowError(BaseModel):
    row: int
    field: str
    message: str
    code: str = "invalid"
    params: Params = {}


class ImportResult(BaseModel):
    entity: Entity
    dry_run: bool
    encoding: str
    delimiter: str
    rows_total: int
    rows_valid: int
    created: int
    errors: list[ImportRowError]
    unknown_columns: list[str]
    preview: list[dict[str, Any]]


async def run_import(
    session: AsyncSession,
    data: bytes,
    entity: Entity,
    *,
    dry_run: bool,
    principal: Principal,
    zone: str,
) -> ImportResult:
    author_id = principal.id
    try:
        parsed = csv_io.parse(data, entity)
    except csv_io.CsvFormatError as exc:
        raise BusinessRuleViolation(
            str(exc), code="invalid_csv", errors=[field_error("file", str(exc), "invalid_csv")]
        ) from exc
    valid = csv_io.validate_rows(parsed, entity)
    if not customer_service.shows_rates(principal):
        valid = _without_rates(parsed, valid)
    customer_ids: dict[str, uuid.UUID] = {}
    if entity == "contacts":
        customer_ids = await _resolve_customers(session, parsed, valid)
        valid = [v for v in valid if v[2].get("customer_number") in customer_ids]
    errors = sorted(parsed.errors, key=lambda e: (e.row, e.field))
    result = ImportResult(
        entity=entity,
        dry_run=dry_run,
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
        rows_total=len(parsed.rows),
        rows_valid=len(valid),
        created=0,
        errors=[
            ImportRowError(
                row=e.row, field=e.field, message=e.message, code=e.code, params=e.params
            )
            for e in errors[:500]
        ],
        unknown_columns=parsed.unknown_columns,
        preview=[
            {"row": row, **model.model_dump(mode="json", exclude_none=True)}
            for row, model, _ in valid[:PREVIEW_ROWS]
        ],
    )
    if dry_run:
        return result
    if errors:
        raise BusinessRuleViolation(
            f"{len(errors)} problem(s) in the file; nothing was imported. "
            "Fix the rows and try again (a dry run lists them).",
            code="import_has_errors",
            errors=[
                field_error(
                    f"row {e.row}: {e.field}", e.message, e.code, {**e.params, "row": e.row}
                )
                for e in errors[:200]
            ],
        )
    if not valid:
        raise BusinessRuleViolation("The file has no rows to import.", code="import_empty")
    for _row, model, raw in valid:
        if entity == "customers":
            assert isinstance(model, CustomerCreate)
            await customer_service.create(session, model, author_id, zone)
        else:
            assert isinstance(model, ContactFields)
            await contact_service.create(
                session, customer_ids[raw["customer_number"]], model, author_id
            )
    return result.model_copy(update={"created": len(valid)})


async def _resolve_customers(
    session: AsyncSession, parsed: csv_io.ParsedFile, valid: list[tuple[int, Any, dict[str, Any]]]
) -> dict[str, uuid.UUID]:
    numbers = {raw.get("customer_number") for _, _, raw in valid if raw.get("customer_number")}
    found = (
        dict(
            (
                await session.execute(
                    select(Customer.number, Customer.id).where(Customer.number.in_(numbers))
                )
            ).all()
        )
        if numbers
        else {}
    )
    for row, _model, raw in valid:
        number = raw.get("customer_number")
        if not number:
            parsed.errors.append(
                csv_io.RowError(
                    row, "customer_number", "Customer number is missing", code="missing"
                )
            )
        elif number not in found:
            parsed.errors.append(
                csv_io.RowError(
                    row,
                    "customer_number",
                    f"No customer with number {number}",
                    code="unknown_customer",
                    params={"number": number},
                )
            )
    return found


def _without_rates(parsed: csv_io.ParsedFile, valid: list[Any]) -> list[Any]:
    """Rows that set an hourly rate become row errors for someone without projects.financials
    (the rate would be hidden from them afterwards)."""
    kept = []
    for row, model, raw in valid:
        if getattr(model, "hourly_rate", None) is not None:
            parsed.errors.append(
                csv_io.RowError(
                    row,
                    "hourly_rate",
                    "Needs the permission projects.financials.",
                    "financials_required",
                )
            )
        else:
            kept.append((row, model, raw))
    return kept
