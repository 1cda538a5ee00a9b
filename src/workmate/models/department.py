from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workmate.models.base import Base, Timestamps, UUIDPrimaryKey

if TYPE_CHECKING:
    from workmate.models.employee import Employee


class Department(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "departments"
    __table_args__ = (
        Index("uq_departments_lower_name", func.lower(text("name")), unique=True),
        Index("uq_departments_lower_code", func.lower(text("code")), unique=True),
    )

    name: Mapped[str] = mapped_column(String(120))
    code: Mapped[str] = mapped_column(String(20))
    manager_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL", use_alter=True), index=True
    )
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("departments.id", ondelete="RESTRICT"), index=True
    )

    manager: Mapped[Employee | None] = relationship(foreign_keys=[manager_id], lazy="raise")
    parent: Mapped[Department | None] = relationship(remote_side="Department.id", lazy="raise")
