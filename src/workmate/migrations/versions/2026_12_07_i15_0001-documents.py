"""documents

Documents with versions, categories (with retention years, seeded with the usual German
periods) and links to records of any registered type (one table, ``document_links``, its
``record_type`` checked against ``workmate.core.records.RecordType``). ``search_vector`` and
``name_text`` are generated columns (German full-text and trigram search over title, file name,
tags, notes and text). Deleting a linkable record removes its links by trigger (the link table
cannot have a foreign key per type); a later module with linkable records adds its trigger.

Revision ID: i15_0001
Revises: 0012
Create Date: 2026-12-07 01:30:57
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "i15_0001"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Immutable (a generated column needs it; array_to_string is only stable in general).
TAGS_TEXT = """
CREATE FUNCTION workmate_tags_text(tags varchar[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(array_to_string(tags, ' '), '') $$
"""
SEARCH_VECTOR = (
    "setweight(to_tsvector('german'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(file_name, '') || ' ' || "
    "workmate_tags_text(tags)), 'B') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(notes, '')), 'C') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(content_text, '')), 'D')"
)
NAME_TEXT = (
    "lower(coalesce(title, '') || ' ' || coalesce(file_name, '') || ' ' || "
    "workmate_tags_text(tags))"
)
FORGET_LINKS = """
CREATE FUNCTION workmate_forget_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM document_links WHERE record_id = OLD.id AND record_type = ANY (TG_ARGV);
    RETURN OLD;
END;
$$
"""
# table -> the record types its rows are
LINKABLE_TABLES = {
    "customers": ("customer",),
    "contacts": ("contact",),
    "projects": ("project",),
    "invoices": ("invoice", "credit_note", "quote"),
    "payments": ("payment",),
    "employees": ("employee",),
    "documents": ("document",),
}
# German retention periods (§ 147 (3) AO, § 257 HGB): booking receipts 8 years (since 2025),
# contracts 10 (when they are the basis of bookings), business letters 6.
CATEGORIES = [
    ("Rechnung / Beleg", 8),
    ("Vertrag", 10),
    ("Angebot", 6),
    ("Lieferschein", 6),
    ("Korrespondenz", 6),
    ("Personal", 0),
    ("Sonstiges", 0),
]


def upgrade() -> None:
    op.execute(TAGS_TEXT)
    op.create_table(
        "document_categories",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("retention_years", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "retention_years BETWEEN 0 AND 30", name=op.f("ck_document_categories_retention_years")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_categories")),
    )
    op.create_index(
        "uq_document_categories_lower_name",
        "document_categories",
        [sa.literal_column("lower(name)")],
        unique=True,
    )
    op.create_table(
        "documents",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("category_id", sa.UUID(), nullable=True),
        sa.Column(
            "tags", postgresql.ARRAY(sa.String(length=50)), server_default="{}", nullable=False
        ),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("confidential", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("uploaded_by_id", sa.UUID(), nullable=True),
        sa.Column("version_count", sa.Integer(), server_default="1", nullable=False),
        sa.Column("current_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("thumbnail_sha256", sa.String(length=64), nullable=True),
        sa.Column("content_text", sa.Text(), nullable=True),
        sa.Column(
            "search_vector",
            postgresql.TSVECTOR(),
            sa.Computed(SEARCH_VECTOR, persisted=True),
            nullable=False,
        ),
        sa.Column("name_text", sa.Text(), sa.Computed(NAME_TEXT, persisted=True), nullable=False),
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("size >= 0", name=op.f("ck_documents_size_not_negative")),
        sa.CheckConstraint("version_count >= 1", name=op.f("ck_documents_version_count")),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["document_categories.id"],
            name=op.f("fk_documents_category_id_document_categories"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["current_sha256"],
            ["stored_files.sha256"],
            name=op.f("fk_documents_current_sha256_stored_files"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["thumbnail_sha256"],
            ["stored_files.sha256"],
            name=op.f("fk_documents_thumbnail_sha256_stored_files"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["employees.id"],
            name=op.f("fk_documents_uploaded_by_id_employees"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index("ix_documents_category_id", "documents", ["category_id"], unique=False)
    op.create_index("ix_documents_created_at_id", "documents", ["created_at", "id"], unique=False)
    op.create_index("ix_documents_current_sha256", "documents", ["current_sha256"], unique=False)
    op.create_index(
        "ix_documents_name_text_trgm",
        "documents",
        ["name_text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"name_text": "gin_trgm_ops"},
    )
    op.create_index(
        "ix_documents_search_vector",
        "documents",
        ["search_vector"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        "ix_documents_tags", "documents", ["tags"], unique=False, postgresql_using="gin"
    )
    op.create_index(
        "ix_documents_thumbnail_sha256", "documents", ["thumbnail_sha256"], unique=False
    )
    op.create_index("ix_documents_uploaded_by_id", "documents", ["uploaded_by_id"], unique=False)
    op.create_table(
        "document_links",
        sa.Column("document_id", sa.UUID(), nullable=False),
        sa.Column("record_type", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.UUID(), nullable=False),
        sa.Column("created_by_id", sa.UUID(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "record_type IN ('customer','contact','project','invoice','credit_note','quote','payment','employee','document')",
            name=op.f("ck_document_links_record_type"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["employees.id"],
            name=op.f("fk_document_links_created_by_id_employees"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_links_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "record_type", "record_id", name=op.f("pk_document_links")
        ),
    )
    op.create_index(
        "ix_document_links_record",
        "document_links",
        ["record_type", "record_id", "document_id"],
        unique=False,
    )
    op.create_table(
        "document_versions",
        sa.Column("document_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("uploaded_by_id", sa.UUID(), nullable=True),
        sa.Column(
            "uploaded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("text_status", sa.String(length=12), server_default="pending", nullable=False),
        sa.Column("content_text", sa.Text(), nullable=True),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column(
            "thumbnail_status", sa.String(length=12), server_default="pending", nullable=False
        ),
        sa.Column("thumbnail_sha256", sa.String(length=64), nullable=True),
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.CheckConstraint(
            "text_status IN ('pending','done','needs_ocr','unsupported','failed')",
            name=op.f("ck_document_versions_text_status"),
        ),
        sa.CheckConstraint(
            "thumbnail_status IN ('pending','done','unsupported','failed')",
            name=op.f("ck_document_versions_thumbnail_status"),
        ),
        sa.CheckConstraint("number >= 1", name=op.f("ck_document_versions_number_positive")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_versions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["stored_files.sha256"],
            name=op.f("fk_document_versions_sha256_stored_files"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["thumbnail_sha256"],
            ["stored_files.sha256"],
            name=op.f("fk_document_versions_thumbnail_sha256_stored_files"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["employees.id"],
            name=op.f("fk_document_versions_uploaded_by_id_employees"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_versions")),
        sa.UniqueConstraint(
            "document_id", "number", name=op.f("uq_document_versions_document_id_number")
        ),
    )
    op.create_index("ix_document_versions_sha256", "document_versions", ["sha256"], unique=False)
    op.create_index(
        "ix_document_versions_thumbnail_sha256",
        "document_versions",
        ["thumbnail_sha256"],
        unique=False,
    )

    op.execute(FORGET_LINKS)
    for table, types in LINKABLE_TABLES.items():
        arguments = ", ".join(f"'{t}'" for t in types)
        op.execute(
            f"CREATE TRIGGER {table}_forget_links AFTER DELETE ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION workmate_forget_links({arguments})"
        )
    categories = sa.table(
        "document_categories",
        sa.column("name", sa.String),
        sa.column("retention_years", sa.SmallInteger),
        sa.column("position", sa.Integer),
    )
    op.bulk_insert(
        categories,
        [
            {"name": name, "retention_years": years, "position": (index + 1) * 10}
            for index, (name, years) in enumerate(CATEGORIES)
        ],
    )


def downgrade() -> None:
    for table in LINKABLE_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_forget_links ON {table}")
    op.execute("DROP FUNCTION IF EXISTS workmate_forget_links()")
    op.drop_table("document_versions")
    op.drop_table("document_links")
    op.drop_table("documents")
    op.drop_table("document_categories")
    op.execute("DROP FUNCTION IF EXISTS workmate_tags_text(varchar[])")
