"""Document categories: a configurable list, each with its retention period in years."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core.error_handlers import register_constraint, register_unique_constraint
from workmate.core.errors import NotFound, reject_nulls
from workmate.documents import repository as repo
from workmate.documents.schemas import Category, CategoryCreate, CategoryUpdate
from workmate.models import DocumentCategory

register_unique_constraint(
    "uq_document_categories_lower_name",
    code="category_name_taken",
    field="name",
    message="A category with this name exists already.",
)
register_constraint(
    "fk_documents_category_id_document_categories",
    code="category_in_use",
    message="Documents use this category. Move them to another category first.",
)


async def list_all(session: AsyncSession) -> list[Category]:
    return [
        Category(
            id=c.id,
            name=c.name,
            retention_years=c.retention_years,
            position=c.position,
            document_count=int(count),
        )
        for c, count in await repo.categories(session)
    ]


async def _get(session: AsyncSession, category_id: uuid.UUID) -> DocumentCategory:
    found = await repo.category(session, category_id)
    if found is None:
        raise NotFound("There is no such category.", code="category_not_found")
    return found


async def create(session: AsyncSession, data: CategoryCreate) -> Category:
    category = DocumentCategory(**data.model_dump())
    session.add(category)
    await session.flush()
    return Category.model_validate(category)


async def update(session: AsyncSession, category_id: uuid.UUID, data: CategoryUpdate) -> Category:
    category = await _get(session, category_id)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("name", "retention_years", "position"))
    for name, value in changes.items():
        setattr(category, name, value)
    await session.flush()
    return Category.model_validate(category)


async def delete(session: AsyncSession, category_id: uuid.UUID) -> None:
    await session.delete(await _get(session, category_id))
    await session.flush()  # documents still in it: 409 category_in_use (RESTRICT)
