"""stored files referenced by invoices

The PDF, e-invoice XML and timesheet of an invoice point at ``stored_files`` by foreign key
(RESTRICT), like documents do: a stored file is deleted only when nothing references it
(``storage.purge``). Partial indexes keep that check from scanning every invoice. Invoices
whose file row is missing are set to render again.

Revision ID: i15_0002
Revises: i15_0001
Create Date: 2026-12-07 01:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i15_0002"
down_revision: str | None = "i15_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("pdf_sha", "xml_sha", "timesheet_sha")


def upgrade() -> None:
    for column in COLUMNS:
        op.execute(
            f"UPDATE invoices SET {column} = NULL, render_status = 'none' "
            f"WHERE {column} IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM stored_files f WHERE f.sha256 = invoices.{column})"
        )
        op.create_index(
            f"ix_invoices_{column}",
            "invoices",
            [column],
            postgresql_where=sa.text(f"{column} IS NOT NULL"),
        )
        op.create_foreign_key(
            op.f(f"fk_invoices_{column}_stored_files"),
            "invoices",
            "stored_files",
            [column],
            ["sha256"],
            ondelete="RESTRICT",
        )


def downgrade() -> None:
    for column in COLUMNS:
        op.drop_constraint(
            op.f(f"fk_invoices_{column}_stored_files"), "invoices", type_="foreignkey"
        )
        op.drop_index(f"ix_invoices_{column}", table_name="invoices")
