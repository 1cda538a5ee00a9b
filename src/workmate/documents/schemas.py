from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from workmate.auth.schemas import Ref
from workmate.core.records import RecordType


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refused here, before an upload is committed to storage.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_no_nul),
]
Tag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=50),
    AfterValidator(_no_nul),
]
Notes = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(_no_nul)]
Tags = Annotated[list[Tag], Field(max_length=20)]
DocumentDate = Annotated[date, Field(ge=date(1900, 1, 1), le=date(2999, 12, 31))]
CategoryName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=80),
    AfterValidator(_no_nul),
]


class DocumentSort(StrEnum):
    created_at = "created_at"
    created_at_desc = "-created_at"
    title_asc = "title"
    title_desc = "-title"
    document_date = "document_date"
    document_date_desc = "-document_date"
    size = "size"
    size_desc = "-size"
    relevance = "relevance"


class LinkRef(BaseModel):
    """A record to link a document to: ``{"type": "customer", "id": "..."}``."""

    model_config = ConfigDict(extra="forbid")
    type: RecordType
    id: uuid.UUID


class _DocumentFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category_id: uuid.UUID | None = None
    tags: Tags | None = None
    document_date: DocumentDate | None = None
    notes: Notes | None = None
    confidential: bool | None = None

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str] | None) -> list[str] | None:
        return list(dict.fromkeys(value)) if value is not None else None

    @field_validator("notes", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


class DocumentCreate(_DocumentFields):
    """The form fields of an upload (``multipart/form-data`` beside the part ``file``)."""

    title: Title | None = Field(default=None, description="Default: the file name")
    links: Annotated[list[LinkRef], Field(max_length=20)] = []


class DocumentUpdate(_DocumentFields):
    title: Title | None = None


class LinkedRecord(BaseModel):
    type: RecordType
    id: uuid.UUID
    number: str | None
    title: str
    # GoBD: this record keeps the document as it is (finalized invoice, payment).
    locked: bool


class VersionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    number: int
    file_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: Ref | None
    text_status: str
    thumbnail_status: str
    page_count: int | None


class CategoryRef(BaseModel):
    id: uuid.UUID
    name: str


class Snippet(BaseModel):
    """A piece of the matching text; ``match`` pieces are the search words (shown highlighted).
    Plain text, never HTML."""

    text: str
    match: bool


class DocumentSummary(BaseModel):
    id: uuid.UUID
    title: str
    file_name: str
    content_type: str
    size: int
    category: CategoryRef | None
    tags: list[str]
    document_date: date | None
    confidential: bool
    version_count: int
    has_thumbnail: bool
    uploaded_by: Ref | None
    created_at: datetime
    updated_at: datetime
    links: list[LinkedRecord]
    snippet: list[Snippet] | None = None


class Document(DocumentSummary):
    notes: str | None
    sha256: str
    text_status: str
    retention_until: date | None
    # GoBD: linked to a locked record (finalized invoice, credit note, payment): the file cannot
    # be deleted or replaced, and those links cannot be removed.
    locked: bool
    can_edit: bool
    can_delete: bool
    versions: list[VersionRead]


class DocumentUploadResult(BaseModel):
    document: Document
    # The same bytes were stored already (as ``duplicate_of_version`` of this document): the
    # upload answers with that document instead of storing the file twice.
    duplicate: bool
    duplicate_of_version: int | None = None


class CategoryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: CategoryName
    retention_years: Annotated[int, Field(ge=0, le=30)] = 0
    position: Annotated[int, Field(ge=0, le=1000)] = 0


class CategoryUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: CategoryName | None = None
    retention_years: Annotated[int, Field(ge=0, le=30)] | None = None
    position: Annotated[int, Field(ge=0, le=1000)] | None = None


class Category(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    retention_years: int
    position: int
    document_count: int = 0


class TagCount(BaseModel):
    tag: str
    count: int


class HistoryEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    occurred_at: datetime
    actor_name: str | None
    action: str
    changes: dict[str, object]


class IntegrityReport(BaseModel):
    """The outcome of one integrity check of the file storage."""

    job_id: uuid.UUID
    status: str
    checked: int
    mismatched: list[str]
    missing: list[str]
    orphaned: list[str]
    started_at: datetime | None
    finished_at: datetime | None
