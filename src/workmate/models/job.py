"""Background jobs as people see them (progress, errors, result file) and the file index.

The queue itself is procrastinate's (`procrastinate_jobs`, created by migration 0004); a `Job` row
is the user-facing record a task updates while it runs (DESIGN.md 2).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from workmate.core import clock
from workmate.models.base import Base, Timestamps, UUIDPrimaryKey

JOB_STATUSES = ("queued", "running", "succeeded", "failed")
FINISHED_STATUSES = ("succeeded", "failed")


class StoredFile(Base):
    """One file in the content-addressed storage; the bytes live in the storage backend."""

    __tablename__ = "stored_files"
    __table_args__ = (
        CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="sha256_hex"),
        CheckConstraint("size >= 0", name="size_not_negative"),
    )

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    content_type: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=clock.now, server_default=text("now()"))


class Job(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("status IN ('queued','running','succeeded','failed')", name="status"),
        CheckConstraint("total >= 0 AND done >= 0 AND failed >= 0", name="counts_not_negative"),
        CheckConstraint("done + failed <= total", name="counts_within_total"),
        CheckConstraint(
            "(finished_at IS NOT NULL) = (status IN ('succeeded','failed'))", name="finished_at"
        ),
        CheckConstraint(
            "result_sha IS NULL OR (result_filename IS NOT NULL AND status = 'succeeded')",
            name="result_complete",
        ),
        CheckConstraint("jsonb_typeof(errors) = 'array'", name="errors_array"),
        Index("ix_jobs_owner_id_created_at", "owner_id", "created_at"),
    )

    kind: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(12), server_default="queued")
    owner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL")
    )
    total: Mapped[int] = mapped_column(Integer, server_default="0")
    done: Mapped[int] = mapped_column(Integer, server_default="0")
    failed: Mapped[int] = mapped_column(Integer, server_default="0")
    # Per failed item: {"id": ..., "label": ..., "message": ...}, shown to the owner as is.
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    params: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    result_sha: Mapped[str | None] = mapped_column(
        ForeignKey("stored_files.sha256", ondelete="RESTRICT"), index=True
    )
    result_filename: Mapped[str | None] = mapped_column(String(255))
    result_content_type: Mapped[str | None] = mapped_column(String(255))
    message: Mapped[str | None] = mapped_column(String(2000))
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
