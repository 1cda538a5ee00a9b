from __future__ import annotations

from typing import Annotated

from workmate.auth.dependencies import CurrentUser, require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.db import DbSession
from workmate.core.routing import Router
from workmate.settings import service
from workmate.settings.schemas import CompanySettings, CompanySettingsUpdate

router = Router(prefix="/settings", tags=["settings"])

Admin = Annotated[Principal, require(Permission.admin)]


@router.get("/company", response_model=CompanySettings)
async def read_company_settings(principal: CurrentUser, session: DbSession) -> CompanySettings:
    """Company-wide defaults (rounding, number patterns, letterhead); every signed-in user reads
    them, the default hourly rate only with projects.financials."""
    return service.to_read(principal, await service.get(session))


@router.patch("/company", response_model=CompanySettings)
async def update_company_settings(
    body: CompanySettingsUpdate, principal: Admin, session: DbSession
) -> CompanySettings:
    return service.to_read(principal, await service.update(session, body))
