from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Computed,
    ForeignKey,
    Index,
    Sequence,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workmate.models.base import Base, Timestamps, UUIDPrimaryKey
from workmate.models.department import Department
from workmate.models.role import Role

EMPLOYMENT_TYPES = ("full_time", "part_time", "working_student", "intern", "freelancer", "mini_job")
LANGUAGES = ("de", "en")
THEMES = ("light", "dark", "system")

employee_number_seq = Sequence("employee_number_seq", metadata=Base.metadata)


class Employee(UUIDPrimaryKey, Timestamps, Base):
    """An employee is also the user account (DESIGN.md 4)."""

    __tablename__ = "employees"
    __table_args__ = (
        Index("uq_employees_lower_email", func.lower(text("email")), unique=True),
        Index(
            "ix_employees_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        CheckConstraint(
            "employment_type IN ('full_time','part_time','working_student','intern',"
            "'freelancer','mini_job')",
            name="employment_type",
        ),
        CheckConstraint("language IN ('de','en')", name="language"),
        CheckConstraint("theme IN ('light','dark','system')", name="theme"),
        CheckConstraint(
            "leave_date IS NULL OR hire_date IS NULL OR leave_date >= hire_date",
            name="leave_after_hire",
        ),
        CheckConstraint("manager_id IS NULL OR manager_id <> id", name="not_own_manager"),
    )

    employee_number: Mapped[str] = mapped_column(
        String(20),
        unique=True,
        server_default=text("'MA-' || lpad(nextval('employee_number_seq')::text, 5, '0')"),
    )
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    department_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("departments.id", ondelete="RESTRICT"), index=True
    )
    role_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("roles.id", ondelete="RESTRICT"), index=True
    )
    manager_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL"), index=True
    )
    employment_type: Mapped[str] = mapped_column(String(30), server_default="full_time")
    hire_date: Mapped[date | None]
    leave_date: Mapped[date | None]
    active: Mapped[bool] = mapped_column(server_default=text("true"), index=True)
    time_zone: Mapped[str] = mapped_column(String(64), server_default="Europe/Berlin")
    language: Mapped[str] = mapped_column(String(2), server_default="de")
    theme: Mapped[str] = mapped_column(String(10), server_default="system")
    password_hash: Mapped[str | None] = mapped_column(Text)
    password_changed_at: Mapped[datetime | None]
    # Lower-cased haystack for LIKE '%...%' search, served by a trigram index.
    search_text: Mapped[str] = mapped_column(
        Text, Computed("lower(name || ' ' || email || ' ' || employee_number)", persisted=True)
    )
    desktop_layout: Mapped[dict[str, Any]] = mapped_column(
        JSONB, server_default=text("'{}'::jsonb")
    )

    department: Mapped[Department | None] = relationship(foreign_keys=[department_id], lazy="raise")
    role: Mapped[Role] = relationship(lazy="raise")
    manager: Mapped[Employee | None] = relationship(remote_side="Employee.id", lazy="raise")
