from __future__ import annotations

import uuid
from datetime import date, datetime
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
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workmate.core import clock
from workmate.models.base import Base, Timestamps, UUIDPrimaryKey
from workmate.models.customer import Customer
from workmate.models.department import Department

if TYPE_CHECKING:
    from workmate.models.employee import Employee

PROJECT_STATUSES = ("planned", "active", "on_hold", "completed", "cancelled")
OPEN_STATUSES = ("planned", "active", "on_hold")
PRIORITIES = ("low", "normal", "high", "urgent")
BILLING_TYPES = ("time_and_materials", "fixed_price")


class Project(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "projects"
    __table_args__ = (
        CheckConstraint(
            "status IN ('planned','active','on_hold','completed','cancelled')", name="status"
        ),
        CheckConstraint("priority IN ('low','normal','high','urgent')", name="priority"),
        CheckConstraint(
            "billing_type IN ('time_and_materials','fixed_price')", name="billing_type"
        ),
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="end_after_start",
        ),
        CheckConstraint("hourly_rate IS NULL OR hourly_rate >= 0", name="rate_not_negative"),
        CheckConstraint("budget_hours IS NULL OR budget_hours >= 0", name="budget_hours"),
        CheckConstraint("budget_amount IS NULL OR budget_amount >= 0", name="budget_amount"),
        CheckConstraint(
            "rounding_mode IS NULL OR rounding_mode IN ('none','up','nearest','down')",
            name="rounding_mode",
        ),
        CheckConstraint(
            "rounding_minutes IS NULL OR rounding_minutes IN (1,5,6,10,15,30)",
            name="rounding_minutes",
        ),
        # An override names its mode; a step without a mode would be meaningless.
        CheckConstraint(
            "rounding_minutes IS NULL OR rounding_mode IS NOT NULL", name="rounding_complete"
        ),
        Index(
            "ix_projects_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        Index("ix_projects_status", "status"),
        Index("ix_projects_created_at", "created_at"),
    )

    number: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("customers.id", ondelete="RESTRICT"), index=True
    )
    department_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True
    )
    lead_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(12), server_default="planned")
    priority: Mapped[str] = mapped_column(String(10), server_default="normal")
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    deadline: Mapped[date | None]
    billing_type: Mapped[str] = mapped_column(String(20), server_default="time_and_materials")
    hourly_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    budget_hours: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    budget_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    description: Mapped[str | None] = mapped_column(Text)
    # NULL: the company's rounding rule applies.
    rounding_mode: Mapped[str | None] = mapped_column(String(10))
    rounding_minutes: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL")
    )
    status_changed_at: Mapped[datetime | None]
    search_text: Mapped[str] = mapped_column(
        Text, Computed("lower(title || ' ' || number)", persisted=True)
    )

    customer: Mapped[Customer] = relationship(lazy="raise")
    department: Mapped[Department | None] = relationship(lazy="raise")
    lead: Mapped[Employee | None] = relationship(foreign_keys=[lead_id], lazy="raise")
    members: Mapped[list[ProjectMember]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="ProjectMember.created_at"
    )


class ProjectMember(Base):
    """An employee on a project, optionally with their own hourly rate for it."""

    __tablename__ = "project_members"
    __table_args__ = (
        CheckConstraint("hourly_rate IS NULL OR hourly_rate >= 0", name="rate_not_negative"),
        # An employee's memberships with their rates, index-only: pricing a person's time
        # entries joins every membership of that person (time_tracking.pricing).
        Index(
            "ix_project_members_employee_id",
            "employee_id",
            "project_id",
            postgresql_include=["hourly_rate"],
        ),
    )

    project_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    employee_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), primary_key=True
    )
    hourly_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    created_at: Mapped[datetime] = mapped_column(default=clock.now, server_default=text("now()"))

    employee: Mapped[Employee] = relationship(lazy="raise")
