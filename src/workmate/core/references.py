"""Checks that ids sent in a body point at existing rows (422 naming the field, never a 500)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core.errors import BusinessRuleViolation, field_error


async def ensure_exists(
    session: AsyncSession, model: type[Any], ident: uuid.UUID | None, field: str, label: str
) -> None:
    if ident is None:
        return
    found = await session.scalar(select(model.id).where(model.id == ident))
    if found is None:
        raise BusinessRuleViolation(
            f"Unknown {label}.",
            code="unknown_reference",
            errors=[field_error(field, f"No {label} with this id exists.", "unknown_reference")],
        )


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with LIKE's wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"
