"""SQL for sessions, tokens and login attempts."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from workmate.models import ApiToken, AuthSession, Employee, LoginAttempt


def _with_role_and_department() -> tuple[object, ...]:
    # Joined in the same statement: this runs on every authenticated request.
    return (joinedload(Employee.role, innerjoin=True), joinedload(Employee.department))


async def employee_by_email(session: AsyncSession, email: str) -> Employee | None:
    stmt = (
        select(Employee)
        .where(func.lower(Employee.email) == email.strip().lower())
        .options(*_with_role_and_department())  # type: ignore[arg-type]
    )
    return (await session.scalars(stmt)).first()


async def employee_with_role(session: AsyncSession, employee_id: uuid.UUID) -> Employee | None:
    stmt = (
        select(Employee).where(Employee.id == employee_id).options(*_with_role_and_department())  # type: ignore[arg-type]
    )
    return (await session.scalars(stmt)).first()


# Built once: a statement object memoizes its cache key, so the hot path skips rebuilding it.
_SESSION_WITH_EMPLOYEE = (
    select(AuthSession, Employee)
    .join(Employee, Employee.id == AuthSession.employee_id)
    .where(AuthSession.token_hash == bindparam("digest"))
    .options(*_with_role_and_department())  # type: ignore[arg-type]
)


async def session_with_employee(
    session: AsyncSession, digest: str
) -> tuple[AuthSession, Employee] | None:
    """The session of a cookie digest and its employee (role, department) in one statement."""
    row = (await session.execute(_SESSION_WITH_EMPLOYEE, {"digest": digest})).first()
    return None if row is None else (row[0], row[1])


async def token_by_digest(session: AsyncSession, digest: str) -> ApiToken | None:
    return (await session.scalars(select(ApiToken).where(ApiToken.token_hash == digest))).first()


async def count_failures(
    session: AsyncSession, *, since: datetime, email: str | None = None, ip: str | None = None
) -> int:
    stmt = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.created_at >= since)
    if email is not None:
        stmt = stmt.where(LoginAttempt.email == email)
    if ip is not None:
        stmt = stmt.where(LoginAttempt.ip_address == ip)
    return int(await session.scalar(stmt) or 0)


async def oldest_failure(
    session: AsyncSession, *, since: datetime, email: str | None = None, ip: str | None = None
) -> datetime | None:
    stmt = select(func.min(LoginAttempt.created_at)).where(LoginAttempt.created_at >= since)
    if email is not None:
        stmt = stmt.where(LoginAttempt.email == email)
    if ip is not None:
        stmt = stmt.where(LoginAttempt.ip_address == ip)
    return await session.scalar(stmt)


async def clear_failures(session: AsyncSession, email: str) -> None:
    await session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))


async def prune_failures(session: AsyncSession, before: datetime) -> None:
    await session.execute(delete(LoginAttempt).where(LoginAttempt.created_at < before))


async def delete_sessions(
    session: AsyncSession, employee_id: uuid.UUID, *, keep: uuid.UUID | None = None
) -> None:
    stmt = delete(AuthSession).where(AuthSession.employee_id == employee_id)
    if keep is not None:
        stmt = stmt.where(AuthSession.id != keep)
    await session.execute(stmt)


async def sessions_of(
    session: AsyncSession, employee_id: uuid.UUID, now: datetime
) -> list[AuthSession]:
    stmt = (
        select(AuthSession)
        .where(AuthSession.employee_id == employee_id, AuthSession.expires_at > now)
        .order_by(AuthSession.last_seen_at.desc())
        .limit(100)
    )
    return list((await session.scalars(stmt)).all())


async def tokens_of(session: AsyncSession, employee_id: uuid.UUID) -> list[ApiToken]:
    stmt = (
        select(ApiToken)
        .where(ApiToken.employee_id == employee_id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc())
        .limit(200)
    )
    return list((await session.scalars(stmt)).all())


async def touch_token(session: AsyncSession, token_id: uuid.UUID, now: datetime) -> None:
    await session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
