"""SQL for sessions, tokens and login attempts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from workmate.models import ApiToken, AuthSession, Employee, LoginAttempt, Role


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


# Built once from table columns (no ORM entities): this runs on every authenticated request,
# and a Core row costs about half the CPU of the session, employee and role as entities.
_sessions = cast(Table, AuthSession.__table__)
_employees, _roles = Employee.__table__, Role.__table__
_SESSION_ROW = (
    select(
        _sessions.c.id,
        _sessions.c.csrf_token,
        _sessions.c.last_seen_at,
        _sessions.c.expires_at,
        _employees.c.id.label("employee_id"),
        _employees.c.name,
        _employees.c.time_zone,
        _employees.c.active,
        _roles.c.permissions,
    )
    .join(_employees, _employees.c.id == _sessions.c.employee_id)
    .join(_roles, _roles.c.id == _employees.c.role_id)
    .where(_sessions.c.token_hash == bindparam("digest"))
)
_TOUCH = (
    update(_sessions)
    .where(_sessions.c.id == bindparam("session_id"))
    .values(last_seen_at=bindparam("now"))
)
_DELETE = delete(_sessions).where(_sessions.c.id == bindparam("session_id"))


async def session_row(session: AsyncSession, digest: str) -> Any:
    """The session of a cookie digest with its employee's id, name, zone, state and role
    permissions, in one statement."""
    connection = await session.connection()
    return (await connection.execute(_SESSION_ROW, {"digest": digest})).first()


async def touch_session(session: AsyncSession, session_id: uuid.UUID, now: datetime) -> None:
    connection = await session.connection()
    await connection.execute(_TOUCH, {"session_id": session_id, "now": now})


async def delete_session(session: AsyncSession, session_id: uuid.UUID) -> None:
    connection = await session.connection()
    await connection.execute(_DELETE, {"session_id": session_id})


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


async def revoke_tokens(session: AsyncSession, employee_id: uuid.UUID, now: datetime) -> None:
    await session.execute(
        update(ApiToken)
        .where(ApiToken.employee_id == employee_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
