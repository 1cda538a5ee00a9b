"""Login, logout, own account, sessions and personal API tokens."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth import repository, service
from workmate.auth.dependencies import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    CurrentUser,
    client_ip,
    require,
)
from workmate.auth.permissions import Permission
from workmate.auth.repository import employee_with_role
from workmate.auth.schemas import (
    ApiTokenCreate,
    ApiTokenCreated,
    ApiTokenRead,
    DesktopLayout,
    LoginRequest,
    LoginResponse,
    Me,
    MeUpdate,
    PasswordChange,
    PermissionInfo,
    SessionInfo,
)
from workmate.auth.service import Principal
from workmate.config import Settings
from workmate.core import clock
from workmate.core.db import Database, DbSession
from workmate.core.errors import (
    BusinessRuleViolation,
    Forbidden,
    NotFound,
    TooManyRequests,
    Unauthenticated,
    reject_nulls,
    responses,
)
from workmate.core.routing import Router
from workmate.core.settings_dep import SettingsDep
from workmate.models import Employee

public_router = Router(prefix="/auth", tags=["auth"])
router = Router(prefix="/auth", tags=["auth"])
meta_router = Router(tags=["auth"])


def me_of(e: Employee, permissions: frozenset[str]) -> Me:
    """The signed-in employee's profile (``e`` loaded with role and department)."""
    return Me.model_validate(
        {
            "id": e.id,
            "email": e.email,
            "name": e.name,
            "employee_number": e.employee_number,
            "phone": e.phone,
            "role": e.role,
            "department": e.department,
            "permissions": sorted(permissions),
            "language": e.language,
            "theme": e.theme,
            "time_zone": e.time_zone,
        }
    )


def _set_cookies(response: Response, settings: Settings, secret: str, csrf: str) -> None:
    max_age = settings.session_max_age_hours * 3600
    common = {"max_age": max_age, "secure": settings.cookie_secure, "samesite": "lax", "path": "/"}
    response.set_cookie(SESSION_COOKIE, secret, httponly=True, **common)  # type: ignore[arg-type]
    # Readable by the UI, which echoes it in X-CSRF-Token (double submit, checked server-side).
    response.set_cookie(CSRF_COOKIE, csrf, httponly=False, **common)  # type: ignore[arg-type]


def _clear_cookies(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


@public_router.post(
    "/login",
    response_model=LoginResponse,
    responses=responses(Unauthenticated, Forbidden, TooManyRequests),
)
async def login(
    body: LoginRequest,
    request: Request,
    response: Response,
    session: DbSession,
    settings: SettingsDep,
) -> LoginResponse:
    ip = client_ip(request)
    try:
        new = await service.login(
            session,
            settings,
            email=body.email,
            password=body.password,
            ip=ip,
            user_agent=request.headers.get("user-agent"),
        )
    except Unauthenticated:
        database: Database = request.app.state.db
        async with database.transaction() as own:
            await service.record_failure(own, body.email, ip)
        raise
    _set_cookies(response, settings, new.secret, new.csrf_token)
    return LoginResponse(
        user=me_of(new.employee, service.effective_permissions(new.employee)),
        csrf_token=new.csrf_token,
    )


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(principal: CurrentUser, session: DbSession, response: Response) -> None:
    await service.logout(session, principal)
    _clear_cookies(response)


@router.post("/logout-all", status_code=status.HTTP_204_NO_CONTENT)
async def logout_everywhere(principal: CurrentUser, session: DbSession, response: Response) -> None:
    """Revoke every session of the caller, on every device."""
    await service.logout_everywhere(session, principal.id)
    _clear_cookies(response)


async def _me(session: AsyncSession, principal: Principal) -> Employee:
    employee = await employee_with_role(session, principal.id)
    if employee is None:  # deleted while signed in
        raise Unauthenticated("Please sign in.")
    return employee


@router.get("/me", response_model=Me)
async def read_me(principal: CurrentUser, session: DbSession) -> Me:
    return me_of(await _me(session, principal), principal.permissions)


@router.patch("/me", response_model=Me)
async def update_me(body: MeUpdate, principal: CurrentUser, session: DbSession) -> Me:
    employee = await _me(session, principal)
    changes = body.model_dump(exclude_unset=True)
    reject_nulls(changes, ("name", "language", "theme", "time_zone"))
    for field, value in changes.items():
        setattr(employee, field, value)
    await session.flush()
    return me_of(employee, principal.permissions)


@router.post(
    "/me/password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(BusinessRuleViolation),
)
async def change_password(body: PasswordChange, principal: CurrentUser, session: DbSession) -> None:
    await service.change_password(
        session,
        principal,
        body.current_password,
        body.new_password,
        revoke_api_tokens=body.revoke_api_tokens,
    )


@router.get("/me/layout", response_model=DesktopLayout)
async def read_layout(principal: CurrentUser, session: DbSession) -> DesktopLayout:
    employee = await _me(session, principal)
    return DesktopLayout(layout=employee.desktop_layout or {})


@router.put("/me/layout", response_model=DesktopLayout)
async def save_layout(
    body: DesktopLayout, principal: CurrentUser, session: DbSession
) -> DesktopLayout:
    employee = await _me(session, principal)
    employee.desktop_layout = body.layout
    await session.flush()
    return body


@router.get("/sessions", response_model=list[SessionInfo])
async def list_sessions(principal: CurrentUser, session: DbSession) -> list[SessionInfo]:
    records = await repository.sessions_of(session, principal.id, clock.now())
    return [
        SessionInfo.model_validate(r).model_copy(update={"current": r.id == principal.session_id})
        for r in records
    ]


@router.delete(
    "/sessions/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(NotFound),
)
async def revoke_session(session_id: uuid.UUID, principal: CurrentUser, session: DbSession) -> None:
    await service.revoke_session(session, principal, session_id)


@router.get("/tokens", response_model=list[ApiTokenRead])
async def list_tokens(principal: CurrentUser, session: DbSession) -> list[ApiTokenRead]:
    _require_tokens(principal)
    return [
        ApiTokenRead.model_validate(t) for t in await repository.tokens_of(session, principal.id)
    ]


@router.post(
    "/tokens",
    response_model=ApiTokenCreated,
    status_code=status.HTTP_201_CREATED,
    responses=responses(Forbidden),
)
async def create_token(
    body: ApiTokenCreate, principal: CurrentUser, session: DbSession
) -> ApiTokenCreated:
    _require_tokens(principal)
    token, secret = await service.create_api_token(session, principal, body)
    return ApiTokenCreated(token=ApiTokenRead.model_validate(token), secret=secret)


@router.delete(
    "/tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(NotFound),
)
async def revoke_token(token_id: uuid.UUID, principal: CurrentUser, session: DbSession) -> None:
    _require_tokens(principal)
    await service.revoke_api_token(session, principal, token_id)


def _require_tokens(principal: Principal) -> None:
    if not principal.has(Permission.api_tokens_use):
        raise Forbidden(
            "Your role may not use API tokens.",
            code="missing_permission",
            params={"permissions": Permission.api_tokens_use.value},
        )


@meta_router.get(
    "/permissions", response_model=list[PermissionInfo], responses=responses(Forbidden)
)
async def list_permissions(
    _: Annotated[Principal, require(Permission.roles_read)],
) -> list[PermissionInfo]:
    """The permission catalogue (for the role editor)."""
    return [PermissionInfo(key=p.value, module=p.module, action=p.action) for p in Permission]
