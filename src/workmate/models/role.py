from __future__ import annotations

from sqlalchemy import Index, String, Text, func, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from workmate.models.base import Base, Timestamps, UUIDPrimaryKey


class Role(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "roles"
    __table_args__ = (Index("uq_roles_lower_name", func.lower(text("name")), unique=True),)

    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    permissions: Mapped[list[str]] = mapped_column(
        ARRAY(String(80)), default=list, server_default="{}"
    )
    # Set for the five default roles (admin, management, ...); the admin one is protected.
    builtin_key: Mapped[str | None] = mapped_column(String(40), unique=True)
