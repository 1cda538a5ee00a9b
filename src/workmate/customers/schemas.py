from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from workmate.auth.schemas import Ref
from workmate.core.fields import Email
from workmate.customers import validation

Kind = Literal["business", "private", "authority"]
Status = Literal["lead", "active", "inactive", "blocked"]
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Rate = Annotated[Decimal, Field(ge=0, le=Decimal("99999.99"), max_digits=7, decimal_places=2)]
Notes = Annotated[str, StringConstraints(max_length=20_000)]


class CustomerSort(StrEnum):
    name = "name"
    name_desc = "-name"
    number = "number"
    number_desc = "-number"
    city = "city"
    city_desc = "-city"
    created_at = "created_at"
    created_at_desc = "-created_at"
    status = "status"
    status_desc = "-status"


class _CustomerFields(BaseModel):
    """Fields shared by create and update, with their checks (stdnum, pycountry)."""

    model_config = ConfigDict(extra="forbid")

    # Before postcode and tax number: their checks depend on the country.
    country: Annotated[str, Field(min_length=2, max_length=2)] | None = None
    street: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    postcode: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] | None = None
    city: Short | None = None
    email: Email | None = None
    phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)] | None = None
    website: Annotated[str, Field(max_length=200)] | None = None
    vat_id: Annotated[str, Field(max_length=30)] | None = None
    tax_number: Annotated[str, Field(max_length=30)] | None = None
    leitweg_id: Annotated[str, Field(max_length=46)] | None = None
    payment_terms_days: Annotated[int, Field(ge=0, le=365)] | None = None
    language: Literal["de", "en"] | None = Field(
        default=None, description="Language of invoices and quotes (default de)."
    )
    hourly_rate: Rate | None = None
    notes: Notes | None = None
    tags: Annotated[list[Tag], Field(max_length=20)] | None = None

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return validation.country_code(value) if value is not None else None

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None, info: ValidationInfo) -> str | None:
        return validation.postcode(value, info.data.get("country"))

    @field_validator("tax_number")
    @classmethod
    def _tax_number(cls, value: str | None, info: ValidationInfo) -> str | None:
        country = info.data.get("country")
        if not value or country is None:
            return value or None
        return validation.tax_number(value, country)

    @field_validator("vat_id")
    @classmethod
    def _vat_id(cls, value: str | None) -> str | None:
        return validation.vat_id(value) if value else None

    @field_validator("leitweg_id")
    @classmethod
    def _leitweg(cls, value: str | None) -> str | None:
        return validation.leitweg_id(value) if value else None

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str | None:
        return validation.website(value) if value else None

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str] | None) -> list[str] | None:
        return list(dict.fromkeys(value)) if value is not None else None

    @field_validator("street", "postcode", "city", "phone", "notes", "email", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


class CustomerCreate(_CustomerFields):
    name: Text200
    kind: Kind = "business"
    status: Status = "active"
    country: Annotated[str, Field(min_length=2, max_length=2)] = "DE"
    tags: Annotated[list[Tag], Field(max_length=20)] | None = None


class CustomerUpdate(_CustomerFields):
    name: Text200 | None = None
    kind: Kind | None = None
    status: Status | None = None


class PrimaryContact(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    email: str | None
    phone: str | None


class CustomerSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    number: str
    name: str
    kind: Kind
    status: Status
    city: str | None
    country: str
    email: str | None
    phone: str | None
    tags: list[str]
    archived: bool
    primary_contact_name: str | None = None
    created_at: datetime


class Customer(CustomerSummary):
    street: str | None
    postcode: str | None
    website: str | None
    vat_id: str | None
    tax_number: str | None
    leitweg_id: str | None
    payment_terms_days: int | None
    language: str
    hourly_rate: Decimal | None
    notes: str | None
    archived_at: datetime | None
    created_by: Ref | None
    primary_contact: PrimaryContact | None
    contact_count: int
    updated_at: datetime


class CountByKey(BaseModel):
    key: str
    count: int


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM in the company time zone")
    count: int


class TopCustomer(BaseModel):
    id: uuid.UUID
    number: str
    name: str
    revenue: Decimal


class CustomerStats(BaseModel):
    total: int
    archived: int
    by_status: list[CountByKey]
    by_kind: list[CountByKey]
    new_per_month: list[MonthCount]
    top_by_revenue: list[TopCustomer]
    open_leads: int
