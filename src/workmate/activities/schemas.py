from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from workmate.auth.schemas import Ref
from workmate.core.inputs import Instant

ManualType = Literal["call", "email", "meeting", "note"]
ActivityType = Literal["call", "email", "meeting", "note", "event"]
Subject = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Body = Annotated[str, StringConstraints(max_length=50_000)]


class ActivityCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    customer_id: uuid.UUID
    contact_id: uuid.UUID | None = None
    type: ManualType
    subject: Subject
    body: Body | None = None
    occurred_at: Instant | None = None


class ActivityUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    contact_id: uuid.UUID | None = None
    type: ManualType | None = None
    subject: Subject | None = None
    body: Body | None = None
    occurred_at: Instant | None = None


class Activity(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    customer_id: uuid.UUID
    customer: Ref
    contact_id: uuid.UUID | None
    contact: Ref | None
    author: Ref | None
    type: ActivityType
    event: str | None
    subject: str
    body: str | None
    data: dict[str, Any]
    occurred_at: datetime
    created_at: datetime
