"""Checks that ids sent in a body point at existing rows (422 naming the field, never a 500)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
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


async def ids_among(
    session: AsyncSession, id_column: Any, ids: Collection[uuid.UUID], *conditions: Any
) -> set[uuid.UUID]:
    """The ids among ``ids`` whose rows exist and meet ``conditions``."""
    stmt = select(id_column).where(id_column.in_(list(ids)), *conditions)
    return set((await session.scalars(stmt)).all())


async def labels_among(
    session: AsyncSession,
    id_column: Any,
    number: Any,
    title: Any,
    ids: Collection[uuid.UUID],
    *conditions: Any,
) -> dict[uuid.UUID, tuple[str | None, str]]:
    """Number and title of each existing row among ``ids`` (how a linked record is shown)."""
    stmt = select(id_column, number, title).where(id_column.in_(list(ids)), *conditions)
    return {row[0]: (row[1], row[2]) for row in (await session.execute(stmt)).all()}
