"""The product catalogue behind the invoice editor's line picker."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from fastapi import Depends, Query, status
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import func, select

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.db import DbSession
from workmate.core.error_handlers import register_constraint
from workmate.core.errors import Conflict, NotFound, responses
from workmate.core.pagination import Page, PageParams, page_params, paginate
from workmate.core.references import like_pattern
from workmate.core.routing import Router
from workmate.invoices.schemas import UnitCode, VatCategory, VatRate
from workmate.models import Product as ProductModel

router = Router(prefix="/products", tags=["products"])
Reader = Annotated[Principal, require(Permission.invoices_read)]
Writer = Annotated[Principal, require(Permission.invoices_write)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Price = Annotated[Decimal, Field(ge=0, le=Decimal("9999999999"), decimal_places=4)]

register_constraint(
    "uq_products_name",
    code="product_name_taken",
    message="A product with this name exists already.",
    field="name",
    status=409,
)


class ProductCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    description: Annotated[str, StringConstraints(max_length=2_000)] | None = None
    unit_code: UnitCode = "HUR"
    unit_price: Price
    vat_category: VatCategory = "standard"
    vat_rate: VatRate = Decimal("19")


class ProductUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name | None = None
    description: Annotated[str, StringConstraints(max_length=2_000)] | None = None
    unit_code: UnitCode | None = None
    unit_price: Price | None = None
    vat_category: VatCategory | None = None
    vat_rate: VatRate | None = None
    archived: bool | None = None


class Product(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    description: str | None
    unit_code: str
    unit_price: Decimal
    vat_category: str
    vat_rate: Decimal
    archived_at: datetime | None


@router.get("", response_model=Page[Product])
async def list_products(
    _: Reader,
    session: DbSession,
    paging: Annotated[PageParams, Depends(page_params)],
    q: Annotated[str | None, Query(max_length=200)] = None,
    include_archived: bool = False,
) -> Page[Product]:
    stmt = select(ProductModel)
    if not include_archived:
        stmt = stmt.where(ProductModel.archived_at.is_(None))
    if q and q.strip():
        stmt = stmt.where(func.lower(ProductModel.name).like(like_pattern(q.strip())))
    rows, total = await paginate(session, stmt, paging, [ProductModel.name, ProductModel.id])
    return Page(
        items=[Product.model_validate(p) for p in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.post(
    "", response_model=Product, status_code=status.HTTP_201_CREATED, responses=responses(Conflict)
)
async def create_product(body: ProductCreate, _: Writer, session: DbSession) -> Product:
    product = ProductModel(**body.model_dump())
    if product.vat_category != "standard":
        product.vat_rate = Decimal("0")
    session.add(product)
    await session.flush()
    await session.refresh(product)
    return Product.model_validate(product)


@router.patch("/{product_id}", response_model=Product, responses=responses(NotFound, Conflict))
async def update_product(
    product_id: uuid.UUID, body: ProductUpdate, _: Writer, session: DbSession
) -> Product:
    product = await session.get(ProductModel, product_id)
    if product is None:
        raise NotFound("This product does not exist.", code="product_not_found")
    changes = body.model_dump(exclude_unset=True)
    archived = changes.pop("archived", None)
    for key, value in changes.items():
        if value is not None:
            setattr(product, key, value)
    if archived is not None:
        product.archived_at = clock.now() if archived else None
    if product.vat_category != "standard":
        product.vat_rate = Decimal("0")
    await session.flush()
    await session.refresh(product)
    return Product.model_validate(product)
