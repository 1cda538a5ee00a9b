"""Authentication and permission checks as dependency aliases (STYLE.md 6)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from workmate.auth import service
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.db import DbSession
from workmate.core.errors import Forbidden, Unauthenticated
from workmate.core.security import constant_time_equals
from workmate.core.settings_dep import SettingsDep

SESSION_COOKIE = "workmate_session"
CSRF_COOKIE = "workmate_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def get_principal(request: Request, session: DbSession, settings: SettingsDep) -> Principal:
    cached: Principal | None = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    authorization = request.headers.get("authorization", "")
    principal: Principal | None = None
    if authorization:
        scheme, _, secret = authorization.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthenticated("Use 'Authorization: Bearer <token>'.", code="invalid_token")
        principal = await service.principal_from_token(session, secret.strip())
        if principal is None:
            raise Unauthenticated(
                "The API token is invalid, expired or revoked.", code="invalid_token"
            )
        if principal.read_only and request.method not in SAFE_METHODS:
            raise Forbidden("This API token may only read.", code="token_read_only")
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        if not cookie:
            raise Unauthenticated("Please sign in.")
        found = await service.principal_from_session(session, settings, cookie)
        if found is None:
            raise Unauthenticated(
                "Your session has expired. Please sign in again.", code="session_expired"
            )
        principal, csrf_token = found
        if request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER, "")
            if not sent or not constant_time_equals(sent, csrf_token):
                raise Forbidden(
                    "The request lacks a valid CSRF token. Reload the page and try again.",
                    code="csrf_failed",
                )
    request.state.principal = principal
    return principal


CurrentUser = Annotated[Principal, Depends(get_principal)]


def require(*permissions: Permission) -> Any:
    """``Annotated[Principal, require(Permission.x)]``: 403 unless the caller has all of them."""

    async def checker(principal: CurrentUser) -> Principal:
        missing = [p.value for p in permissions if not principal.has(p)]
        if missing:
            raise Forbidden(
                f"Your role lacks the permission {', '.join(missing)}.",
                code="missing_permission",
                params={"permissions": missing},
            )
        return principal

    checker.required_permissions = tuple(permissions)  # type: ignore[attr-defined]
    return Depends(checker)
