from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Identity, Index, String, func, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from workmate.core import clock
from workmate.models.base import Base, UUIDPrimaryKey


class AuthSession(UUIDPrimaryKey, Base):
    """A server-side login session; the cookie carries a secret whose digest is stored here."""

    __tablename__ = "auth_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    employee_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=clock.now, server_default=func.now())
    last_seen_at: Mapped[datetime] = mapped_column(default=clock.now, server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(index=True)
    ip_address: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))


class ApiToken(UUIDPrimaryKey, Base):
    """A personal API token (Bearer); the secret is shown once and stored as a digest."""

    __tablename__ = "api_tokens"

    employee_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now, server_default=func.now())
    last_used_at: Mapped[datetime | None]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    # The token acts with the owner's current permissions narrowed to these (null: all of them)
    # and, when read-only, to reading: a token never holds more than its owner.
    scopes: Mapped[list[str] | None] = mapped_column(ARRAY(String(40)))
    read_only: Mapped[bool] = mapped_column(server_default=text("false"))


class LoginAttempt(Base):
    """Failed logins, counted per account and per address for throttling."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_created_at", "email", "created_at"),
        Index("ix_login_attempts_ip_address_created_at", "ip_address", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    ip_address: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=clock.now, server_default=func.now())
