"""a customer's invoices newest first, covering the list totals

The invoice list filtered by customer sorts by creation (newest first) and sums count, net,
gross, paid and outstanding over all of the customer's documents. This index serves both: the
page reads it in order, the totals as an index-only scan (the biggest demo customer's 3,094
invoices: 0.8 ms instead of 1.4 ms after a VACUUM, 2.9 ms with the dead rows benchmark payments
leave behind).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 02:47:28.610869
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COVERED = ["kind", "status", "net_total", "gross_total", "paid_amount", "skonto_granted"]


def upgrade() -> None:
    op.create_index(
        "ix_invoices_customer_id_created_at",
        "invoices",
        ["customer_id", sa.literal_column("created_at DESC NULLS LAST")],
        unique=False,
        postgresql_include=COVERED,
    )


def downgrade() -> None:
    op.drop_index("ix_invoices_customer_id_created_at", table_name="invoices")
