from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from workmate.core.fields import Email
from workmate.models.customer import Salutation

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)]


class ContactSort(StrEnum):
    name = "name"
    name_desc = "-name"
    created_at = "created_at"
    created_at_desc = "-created_at"


class _ContactFields(BaseModel):
    model_config = ConfigDict(extra="forbid")
    salutation: Salutation | None = Field(
        default=None, description="ms / mr: letters open with 'Sehr geehrte Frau ...'."
    )
    academic_title: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None
    ) = Field(default=None, description="e.g. Dr., Prof. Dr.; used in the salutation.")
    position: Short | None = None
    department: Short | None = None
    email: Email | None = None
    phone: Phone | None = None
    mobile: Phone | None = None
    notes: Annotated[str, StringConstraints(max_length=20_000)] | None = None

    @field_validator(
        "position",
        "department",
        "phone",
        "mobile",
        "notes",
        "email",
        "academic_title",
        "salutation",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


class ContactFields(_ContactFields):
    """A contact created under a customer (the customer comes from the URL)."""

    name: Name
    is_primary: bool = False


class ContactCreate(ContactFields):
    customer_id: uuid.UUID


class ContactUpdate(_ContactFields):
    name: Name | None = None
    is_primary: bool | None = Field(
        default=None, description="true moves the primary flag here; false clears it"
    )


class Contact(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    customer_id: uuid.UUID
    name: str
    salutation: Salutation | None
    academic_title: str | None
    position: str | None
    department: str | None
    email: str | None
    phone: str | None
    mobile: str | None
    notes: str | None
    is_primary: bool
    created_at: datetime
    updated_at: datetime
