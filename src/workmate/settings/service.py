from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic_core import PydanticCustomError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.errors import BusinessRuleViolation, field_error, field_violation, reject_nulls
from workmate.customers import validation
from workmate.models import CompanySettings
from workmate.settings.schemas import CompanySettings as CompanySettingsRead
from workmate.settings.schemas import CompanySettingsUpdate

# Settings that always have a value; the letterhead fields and Skonto may be cleared with null.
REQUIRED = (
    "default_hourly_rate",
    "default_payment_terms_days",
    "time_rounding_mode",
    "time_rounding_minutes",
    "customer_number_pattern",
    "project_number_pattern",
    "invoice_number_pattern",
    "credit_note_number_pattern",
    "quote_number_pattern",
    "country",
    "small_business",
    "default_vat_rate",
    "quote_validity_days",
    "max_time_entry_hours",
    "allow_self_approval",
)


def max_entry_interval() -> Any:
    """SQL: the longest a time entry may be, as an interval (a subquery statements embed)."""
    hours = select(CompanySettings.max_time_entry_hours).where(CompanySettings.id == 1)
    return func.make_interval(0, 0, 0, 0, hours.scalar_subquery())


async def max_entry_duration(session: AsyncSession) -> timedelta:
    hours = await session.scalar(
        select(CompanySettings.max_time_entry_hours).where(CompanySettings.id == 1)
    )
    return timedelta(hours=hours or 24)


def to_read(principal: Principal, settings: CompanySettings) -> CompanySettingsRead:
    """Everyone signed in reads the company settings; the default hourly rate only with
    ``projects.financials`` (null otherwise), like every other rate."""
    read = CompanySettingsRead.model_validate(settings)
    if not principal.has(Permission.projects_financials):
        read = read.model_copy(update={"default_hourly_rate": None})
    return read


async def get(session: AsyncSession, *, for_update: bool = False) -> CompanySettings:
    stmt = select(CompanySettings).where(CompanySettings.id == 1)
    if for_update:
        stmt = stmt.with_for_update()
    found = (await session.scalars(stmt)).first()
    if found is None:  # the migration inserts the row; recreate it if someone deleted it
        found = CompanySettings(id=1)
        session.add(found)
        await session.flush()
        await session.refresh(found)
    return found


async def update(session: AsyncSession, data: CompanySettingsUpdate) -> CompanySettings:
    current = await get(session, for_update=True)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, REQUIRED)
    for field, value in changes.items():
        setattr(current, field, value)
    if "postcode" in changes or "country" in changes:
        try:
            validation.postcode(current.postcode, current.country)
        except PydanticCustomError as exc:
            raise field_violation(exc, "postcode") from exc
    if (current.skonto_percent is None) != (current.skonto_days is None):
        raise BusinessRuleViolation(
            "Give both the cash discount percentage and its days, or neither.",
            code="skonto_incomplete",
            errors=[field_error("skonto_days", "Needed with skonto_percent.", "skonto_incomplete")],
        )
    await session.flush()
    await session.refresh(current)
    return current
