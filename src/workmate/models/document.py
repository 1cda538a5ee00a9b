"""Documents: files linked to any record, with versions, categories and full-text search.

A ``Document`` is what people name, tag and link; its bytes live in versions (``DocumentVersion``),
each pointing at one content-addressed file (``stored_files``). The list shows the current
version; older versions stay (GoBD). Links to records of other domains go through the registry
``workmate.links`` and are stored in one table, ``document_links``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    Date,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from workmate.core.records import RecordType
from workmate.models.base import Base, Timestamps, UUIDPrimaryKey


class ExtractionStatus(StrEnum):
    """Where a version stands in the text pipeline (``documents.pipeline``)."""

    pending = "pending"
    done = "done"
    # A PDF without a text layer (a scan): OCR, which comes with the expenses module, picks
    # these up.
    needs_ocr = "needs_ocr"
    unsupported = "unsupported"
    failed = "failed"


class ThumbnailStatus(StrEnum):
    pending = "pending"
    done = "done"
    unsupported = "unsupported"
    failed = "failed"


def in_values(column: str, values: type[StrEnum]) -> str:
    """A CHECK expression built from a StrEnum (one definition per set of states)."""
    return f"{column} IN ({','.join(repr(v.value) for v in values)})"


# Text of a version that is indexed and kept for snippets; a tsvector holds at most 1 MB.
CONTENT_TEXT_MAX = 200_000

# The search document: title (A), file name, category and tags (B), notes (C), content (D).
# German configuration: stems (Verträge -> vertrag), folds umlauts (Müller, Mueller -> mull).
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('german'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(file_name, '') || ' ' || "
    "workmate_tags_text(tags)), 'B') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(notes, '')), 'C') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(content_text, '')), 'D')"
)
# Names and tags for partial words (``rechnung`` in "Stromrechnung"): a trigram index.
NAME_TEXT_SQL = (
    "lower(coalesce(title, '') || ' ' || coalesce(file_name, '') || ' ' || "
    "workmate_tags_text(tags))"
)


class DocumentCategory(UUIDPrimaryKey, Timestamps, Base):
    """A configurable category with its retention period (GoBD, § 147 AO)."""

    __tablename__ = "document_categories"
    __table_args__ = (
        CheckConstraint("retention_years BETWEEN 0 AND 30", name="retention_years"),
        Index("uq_document_categories_lower_name", func.lower(text("name")), unique=True),
    )

    name: Mapped[str] = mapped_column(String(80))
    retention_years: Mapped[int] = mapped_column(SmallInteger, server_default="0")
    position: Mapped[int] = mapped_column(Integer, server_default="0")


class Document(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint("version_count >= 1", name="version_count"),
        CheckConstraint("size >= 0", name="size_not_negative"),
        Index("ix_documents_search_vector", "search_vector", postgresql_using="gin"),
        Index(
            "ix_documents_name_text_trgm",
            "name_text",
            postgresql_using="gin",
            postgresql_ops={"name_text": "gin_trgm_ops"},
        ),
        Index("ix_documents_tags", "tags", postgresql_using="gin"),
        Index("ix_documents_created_at_id", "created_at", "id"),
        Index("ix_documents_uploaded_by_id", "uploaded_by_id"),
        Index("ix_documents_category_id", "category_id"),
        Index("ix_documents_current_sha256", "current_sha256"),
        Index("ix_documents_thumbnail_sha256", "thumbnail_sha256"),
    )

    title: Mapped[str] = mapped_column(String(300))
    category_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("document_categories.id", ondelete="RESTRICT")
    )
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(50)), server_default="{}")
    document_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    confidential: Mapped[bool] = mapped_column(Boolean, server_default="false")
    uploaded_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL")
    )
    # The current version, copied here so that a list page reads one row per document.
    version_count: Mapped[int] = mapped_column(Integer, server_default="1")
    current_sha256: Mapped[str] = mapped_column(
        ForeignKey("stored_files.sha256", ondelete="RESTRICT")
    )
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    thumbnail_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("stored_files.sha256", ondelete="RESTRICT")
    )
    content_text: Mapped[str | None] = mapped_column(Text)
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR, Computed(SEARCH_VECTOR_SQL, persisted=True)
    )
    name_text: Mapped[str] = mapped_column(Text, Computed(NAME_TEXT_SQL, persisted=True))


class DocumentVersion(UUIDPrimaryKey, Base):
    """One uploaded file of a document. Versions are never changed or deleted while their
    document exists (GoBD: a replaced file stays)."""

    __tablename__ = "document_versions"
    __table_args__ = (
        UniqueConstraint("document_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint(in_values("text_status", ExtractionStatus), name="text_status"),
        CheckConstraint(in_values("thumbnail_status", ThumbnailStatus), name="thumbnail_status"),
        Index("ix_document_versions_sha256", "sha256"),
        Index("ix_document_versions_thumbnail_sha256", "thumbnail_sha256"),
    )

    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_files.sha256", ondelete="RESTRICT"))
    size: Mapped[int] = mapped_column(BigInteger)
    content_type: Mapped[str] = mapped_column(String(255))
    file_name: Mapped[str] = mapped_column(String(255))
    uploaded_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL")
    )
    uploaded_at: Mapped[datetime] = mapped_column(server_default=func.now())
    text_status: Mapped[str] = mapped_column(String(12), server_default="pending")
    content_text: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int | None] = mapped_column(Integer)
    thumbnail_status: Mapped[str] = mapped_column(String(12), server_default="pending")
    thumbnail_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("stored_files.sha256", ondelete="RESTRICT")
    )


class DocumentLink(Base):
    """A document linked to a record of any registered type (``workmate.links``)."""

    __tablename__ = "document_links"
    __table_args__ = (
        PrimaryKeyConstraint("document_id", "record_type", "record_id"),
        CheckConstraint(in_values("record_type", RecordType), name="record_type"),
        Index("ix_document_links_record", "record_type", "record_id", "document_id"),
    )

    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    record_type: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[uuid.UUID]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


__all__ = [
    "CONTENT_TEXT_MAX",
    "Document",
    "DocumentCategory",
    "DocumentLink",
    "DocumentVersion",
    "ExtractionStatus",
    "ThumbnailStatus",
]
