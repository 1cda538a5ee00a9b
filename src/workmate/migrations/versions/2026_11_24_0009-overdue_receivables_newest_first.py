"""overdue receivables newest first

The overdue invoice list in its default order (newest first) walked ``ix_invoices_created_at``
and dropped ~7,000 newer invoices that were settled or not yet due, fetching each from the heap
(3 ms on the large demo set). This partial index holds only open receivables, with the due date
as a key column, so ``due_date < today`` is checked inside the index and only overdue invoices
are fetched (0.4 ms). The list renders kind and statuses as literals so that the planner can
match the index's predicate in every plan.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 03:13:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECEIVABLE = "kind = 'invoice' AND status IN ('finalized', 'sent', 'partially_paid')"


def upgrade() -> None:
    op.create_index(
        "ix_invoices_receivable_created_at",
        "invoices",
        [sa.literal_column("created_at DESC NULLS LAST"), "due_date"],
        unique=False,
        postgresql_where=sa.text(RECEIVABLE),
    )


def downgrade() -> None:
    op.drop_index("ix_invoices_receivable_created_at", table_name="invoices")
