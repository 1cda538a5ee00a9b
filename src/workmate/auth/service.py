"""Login, sessions, API tokens and throttling. Services flush; the request commits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth import repository as repo
from workmate.auth.permissions import ALL_PERMISSIONS, READ_PERMISSIONS, Permission
from workmate.auth.schemas import ApiTokenCreate
from workmate.config import Settings
from workmate.core import clock
from workmate.core.errors import (
    BusinessRuleViolation,
    Forbidden,
    NotFound,
    TooManyRequests,
    Unauthenticated,
    field_error,
)
from workmate.core.security import (
    hash_password,
    needs_rehash,
    new_token,
    password_is_weak,
    token_digest,
    verify_password,
)
from workmate.models import ApiToken, AuthSession, Employee, LoginAttempt

TOKEN_PREFIX = "wm_"
SESSION_TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the employee (id, name, zone), their permissions and how they
    authenticated. Plain values, read with the session on every request; endpoints that need
    the whole employee load it (``repository.employee_with_role``)."""

    id: uuid.UUID
    name: str
    time_zone: str
    permissions: frozenset[str]
    session_id: uuid.UUID | None = None
    token_id: uuid.UUID | None = None
    read_only: bool = False

    @classmethod
    def of(
        cls,
        employee: Employee,
        permissions: frozenset[str],
        *,
        session_id: uuid.UUID | None = None,
        token_id: uuid.UUID | None = None,
        read_only: bool = False,
    ) -> Principal:
        return cls(
            employee.id,
            employee.name,
            employee.time_zone,
            permissions,
            session_id,
            token_id,
            read_only,
        )

    def has(self, permission: Permission | str) -> bool:
        return str(permission) in self.permissions


def permissions_of(role_permissions: list[str]) -> frozenset[str]:
    granted = frozenset(role_permissions) & ALL_PERMISSIONS
    if Permission.admin in granted:
        return ALL_PERMISSIONS
    return granted


def effective_permissions(employee: Employee) -> frozenset[str]:
    return permissions_of(employee.role.permissions)


def token_permissions(owner: frozenset[str], token: ApiToken) -> frozenset[str]:
    """What a token may do: its owner's current permissions, narrowed to its scopes and, for a
    read-only token, to reading. An owner who loses a permission takes it from the token too."""
    granted = owner
    if token.scopes is not None:
        granted &= permissions_of(token.scopes)
    if token.read_only:
        granted &= READ_PERMISSIONS
    return granted


@dataclass(frozen=True)
class NewSession:
    secret: str
    csrf_token: str
    record: AuthSession
    employee: Employee


async def _check_throttle(session: AsyncSession, settings: Settings, email: str, ip: str) -> None:
    now = clock.now()
    window = timedelta(minutes=settings.login_window_minutes)
    since = now - window
    checks = (
        ({"email": email}, settings.login_max_attempts_account, "this account"),
        ({"ip": ip}, settings.login_max_attempts_address, "this address"),
    )
    for where, limit, what in checks:
        if await repo.count_failures(session, since=since, **where) >= limit:
            oldest = await repo.oldest_failure(session, since=since, **where) or now
            retry = max(1, int((oldest + window - now).total_seconds()))
            minutes = max(1, (retry + 59) // 60)
            raise TooManyRequests(
                f"Too many failed sign-in attempts for {what}. Try again in {minutes} minute(s).",
                headers={"Retry-After": str(retry)},
                params={"minutes": minutes},
            )


async def login(
    session: AsyncSession,
    settings: Settings,
    *,
    email: str,
    password: str,
    ip: str,
    user_agent: str | None,
) -> NewSession:
    email_key = email.strip().lower()[:254]
    await _check_throttle(session, settings, email_key, ip)
    employee = await repo.employee_by_email(session, email_key)
    ok = verify_password(employee.password_hash if employee else None, password)
    if not ok or employee is None:
        # The failure must survive the error response, so it is written in its own transaction
        # by the router (see record_failure); here we only report it.
        raise Unauthenticated("E-mail or password is wrong.", code="invalid_credentials")
    if not employee.active:
        raise Forbidden(
            "This account is deactivated. Ask an administrator.", code="account_inactive"
        )
    await repo.clear_failures(session, email_key)
    await repo.prune_failures(session, clock.now() - timedelta(days=1))
    if employee.password_hash and needs_rehash(employee.password_hash):
        employee.password_hash = hash_password(password)
    secret, csrf = new_token(), new_token(24)
    now = clock.now()
    record = AuthSession(
        token_hash=token_digest(secret),
        csrf_token=csrf,
        employee_id=employee.id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(hours=settings.session_max_age_hours),
        ip_address=ip[:64],
        user_agent=(user_agent or "")[:300] or None,
    )
    session.add(record)
    await session.flush()
    return NewSession(secret=secret, csrf_token=csrf, record=record, employee=employee)


async def record_failure(session: AsyncSession, email: str, ip: str) -> None:
    session.add(LoginAttempt(email=email.strip().lower()[:254], ip_address=ip[:64]))
    await session.flush()


async def principal_from_session(
    session: AsyncSession, settings: Settings, secret: str
) -> tuple[Principal, str] | None:
    """The caller of a session cookie and the session's CSRF token; None if the session is
    unknown, expired or idle too long, or the employee is deactivated."""
    row = await repo.session_row(session, token_digest(secret))
    if row is None:
        return None
    now = clock.now()
    idle_limit = row.last_seen_at + timedelta(minutes=settings.session_idle_minutes)
    if row.expires_at <= now or idle_limit <= now:
        await repo.delete_session(session, row.id)
        return None
    if not row.active:
        return None
    if now - row.last_seen_at > SESSION_TOUCH_INTERVAL:
        await repo.touch_session(session, row.id, now)
    principal = Principal(
        row.employee_id,
        row.name,
        row.time_zone,
        permissions_of(row.permissions),
        session_id=row.id,
    )
    return principal, row.csrf_token


async def principal_from_token(session: AsyncSession, secret: str) -> Principal | None:
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = await repo.token_by_digest(session, token_digest(secret))
    now = clock.now()
    if token is None or token.revoked_at is not None:
        return None
    if token.expires_at <= now:
        return None
    employee = await repo.employee_with_role(session, token.employee_id)
    if employee is None or not employee.active:
        return None
    owner = effective_permissions(employee)
    if Permission.api_tokens_use not in owner:
        return None
    if token.last_used_at is None or now - token.last_used_at > SESSION_TOUCH_INTERVAL:
        await repo.touch_token(session, token.id, now)
    return Principal.of(
        employee, token_permissions(owner, token), token_id=token.id, read_only=token.read_only
    )


async def logout(session: AsyncSession, principal: Principal) -> None:
    if principal.session_id is not None:
        record = await session.get(AuthSession, principal.session_id)
        if record is not None:
            await session.delete(record)
            await session.flush()


async def logout_everywhere(session: AsyncSession, employee_id: uuid.UUID) -> None:
    await repo.delete_sessions(session, employee_id)


async def revoke_session(
    session: AsyncSession, principal: Principal, session_id: uuid.UUID
) -> None:
    record = await session.get(AuthSession, session_id)
    if record is None or record.employee_id != principal.id:
        raise NotFound("Session not found.")
    await session.delete(record)
    await session.flush()


async def change_password(
    session: AsyncSession,
    principal: Principal,
    current_password: str,
    new_password: str,
    *,
    revoke_api_tokens: bool,
) -> None:
    employee = await session.get(Employee, principal.id)
    if employee is None:
        raise Unauthenticated("Please sign in.")
    if not verify_password(employee.password_hash, current_password):
        raise BusinessRuleViolation(
            "The current password is wrong.",
            code="wrong_password",
            errors=[
                field_error("current_password", "The current password is wrong.", "wrong_password")
            ],
        )
    ensure_strong_password(new_password, "new_password", employee.email, employee.name)
    set_password(employee, new_password)
    # Other devices must sign in again with the new password. API tokens are the owner's
    # choice: integrations keep working unless they are revoked too (after a leak: revoke).
    await repo.delete_sessions(session, employee.id, keep=principal.session_id)
    if revoke_api_tokens:
        await repo.revoke_tokens(session, employee.id, clock.now())
    await session.flush()


async def end_access(session: AsyncSession, employee_id: uuid.UUID) -> None:
    """Sign the employee out everywhere and revoke their API tokens for good (deactivation,
    password reset by an administrator): nothing issued before works again, also not after a
    re-activation."""
    await repo.delete_sessions(session, employee_id)
    await repo.revoke_tokens(session, employee_id, clock.now())


def ensure_strong_password(password: str, field: str, *user_inputs: str | None) -> None:
    """422 ``weak_password`` on ``field`` when the password is common or easy to guess."""
    if password_is_weak(password, [value for value in user_inputs if value]):
        message = (
            "This password is too easy to guess (a common password, a pattern, or your name). "
            "Use a longer phrase of several unrelated words."
        )
        raise BusinessRuleViolation(
            message, code="weak_password", errors=[field_error(field, message, "weak_password")]
        )


def set_password(employee: Employee, new_password: str) -> None:
    employee.password_hash = hash_password(new_password)
    employee.password_changed_at = clock.now()


async def create_api_token(
    session: AsyncSession, principal: Principal, data: ApiTokenCreate
) -> tuple[ApiToken, str]:
    """A token for the caller; its scopes must be permissions the caller holds (a token made
    with another token cannot widen that one either)."""
    if data.scopes is not None:
        missing = permissions_of(data.scopes) - principal.permissions
        if missing:
            raise Forbidden(
                f"A token can only carry permissions you hold: {', '.join(sorted(missing))}.",
                code="permission_not_held",
                errors=[field_error("scopes", "Not yours.", "permission_not_held")],
            )
    elif principal.token_id is not None:
        # A token made with a scoped token carries at most that token's permissions.
        data = data.model_copy(update={"scopes": sorted(principal.permissions)})
    secret = TOKEN_PREFIX + new_token()
    now = clock.now()
    token = ApiToken(
        employee_id=principal.id,
        name=data.name,
        prefix=secret[:10],
        token_hash=token_digest(secret),
        created_at=now,
        expires_at=now + timedelta(days=data.expires_in_days),
        scopes=data.scopes,
        read_only=data.read_only,
    )
    session.add(token)
    await session.flush()
    return token, secret


async def revoke_api_token(
    session: AsyncSession, principal: Principal, token_id: uuid.UUID
) -> None:
    token = await session.get(ApiToken, token_id)
    if token is None or token.employee_id != principal.id or token.revoked_at is not None:
        raise NotFound("API token not found.")
    token.revoked_at = clock.now()
    await session.flush()


def session_expiry(record: AuthSession) -> datetime:
    return record.expires_at
