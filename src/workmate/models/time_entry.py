from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Computed,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workmate.models.base import Base, Timestamps, UUIDPrimaryKey
from workmate.models.project import Project

if TYPE_CHECKING:
    from workmate.models.employee import Employee

TASK_TYPES = ("development", "design", "meeting", "consulting", "support", "travel", "other")
ENTRY_STATUSES = ("open", "submitted", "approved", "rejected")
ENTRY_SOURCES = ("manual", "timer", "grid")
# Entries of the week grid are day entries: a duration on a day, without clock times. They are
# stored at the first instant of their day, and the overlap rule skips them.
DAY_ENTRY_SOURCE = "grid"

OVERLAP_CONSTRAINT = "ex_time_entries_no_overlap"
ONE_RUNNING_INDEX = "uq_time_entries_one_running"


class TimeEntry(UUIDPrimaryKey, Timestamps, Base):
    """Recorded working time. ``ended_at`` is NULL while the timer runs (DESIGN.md 6)."""

    __tablename__ = "time_entries"
    __table_args__ = (
        CheckConstraint("ended_at IS NULL OR ended_at > started_at", name="end_after_start"),
        CheckConstraint(
            "task_type IN ('development','design','meeting','consulting','support','travel',"
            "'other')",
            name="task_type",
        ),
        CheckConstraint("status IN ('open','submitted','approved','rejected')", name="status"),
        CheckConstraint("source IN ('manual','timer','grid')", name="source"),
        CheckConstraint("hourly_rate IS NULL OR hourly_rate >= 0", name="rate_not_negative"),
        # No two entries of one employee with clock times overlap; a running entry reaches to
        # infinity. Day entries of the week grid have no clock times and take no part.
        ExcludeConstraint(
            (text("employee_id"), "="),
            (text("tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz))"), "&&"),
            name=OVERLAP_CONSTRAINT,
            using="gist",
            where=text(f"source <> '{DAY_ENTRY_SOURCE}'"),
        ),
        # At most one running timer per employee.
        Index(
            ONE_RUNNING_INDEX,
            "employee_id",
            unique=True,
            postgresql_where=text("ended_at IS NULL"),
        ),
        Index("ix_time_entries_employee_id_started_at", "employee_id", "started_at"),
        Index("ix_time_entries_project_id_started_at", "project_id", "started_at"),
        Index("ix_time_entries_started_at", "started_at"),
        Index(
            "ix_time_entries_submitted",
            "employee_id",
            postgresql_where=text("status = 'submitted'"),
        ),
    )

    employee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employees.id", ondelete="RESTRICT"))
    project_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("projects.id", ondelete="RESTRICT"))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    # The IANA zone of the employee when the entry was made: decides its day, week and month.
    time_zone: Mapped[str] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(Text)
    task_type: Mapped[str] = mapped_column(String(20), server_default="other")
    billable: Mapped[bool] = mapped_column(server_default=text("true"))
    hourly_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    source: Mapped[str] = mapped_column(String(10), server_default="manual")
    duration_seconds: Mapped[int | None] = mapped_column(
        Integer,
        Computed("(extract(epoch from (ended_at - started_at)))::integer", persisted=True),
    )
    status: Mapped[str] = mapped_column(String(10), server_default="open")
    submitted_at: Mapped[datetime | None]
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL")
    )
    review_comment: Mapped[str | None] = mapped_column(Text)
    # Linked to a draft's line when a draft is built from time (released when the draft or line
    # goes); invoiced_at is set when that invoice is finalized and locks the entry for everyone.
    invoiced_at: Mapped[datetime | None]
    invoice_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="SET NULL"), index=True
    )
    invoice_line_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("invoice_lines.id", ondelete="SET NULL"), index=True
    )

    employee: Mapped[Employee] = relationship(foreign_keys=[employee_id], lazy="raise")
    project: Mapped[Project] = relationship(lazy="raise")
