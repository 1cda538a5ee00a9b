"""credit notes: the amount already paid on the cancelled invoice, owed back

Paid and partly paid invoices can now be cancelled. Their payments stay on the invoice; the
credit note records what had been paid and is to be refunded, and words itself by it.

Revision ID: i13_0003
Revises: i13_0002
Create Date: 2026-12-07 09:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i13_0003"
down_revision: str | None = "i13_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "invoices",
        sa.Column("refund_amount", sa.Numeric(14, 2), server_default="0", nullable=False),
    )
    op.create_check_constraint(
        op.f("ck_invoices_refund_not_negative"), "invoices", "refund_amount >= 0"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_invoices_refund_not_negative"), "invoices", type_="check")
    op.drop_column("invoices", "refund_amount")
