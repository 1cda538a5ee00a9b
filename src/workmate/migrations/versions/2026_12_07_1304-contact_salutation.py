"""contacts: salutation and academic title for the letter's opening line

Invoices, credit notes and quotes open with "Sehr geehrte Frau Dr. Weber," (or a neutral line);
the contact person says which.

Revision ID: i13_0004
Revises: i13_0003
Create Date: 2026-12-07 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i13_0004"
down_revision: str | None = "i13_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("contacts", sa.Column("salutation", sa.String(2), nullable=True))
    op.add_column("contacts", sa.Column("academic_title", sa.String(40), nullable=True))
    op.create_check_constraint(
        op.f("ck_contacts_salutation"), "contacts", "salutation IN ('ms','mr')"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_contacts_salutation"), "contacts", type_="check")
    op.drop_column("contacts", "academic_title")
    op.drop_column("contacts", "salutation")
