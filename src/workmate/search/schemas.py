from __future__ import annotations

import uuid

from pydantic import BaseModel, Field


class SearchHit(BaseModel):
    kind: str = Field(
        description="employee, department, customer, contact, project, invoice, credit_note, quote"
    )
    id: uuid.UUID
    title: str
    subtitle: str
    app: str
    window: str
    status: str | None = Field(default=None, description="Projects and documents: their status.")


class SearchResult(BaseModel):
    items: list[SearchHit]
