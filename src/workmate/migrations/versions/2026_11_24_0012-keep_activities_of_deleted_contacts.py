"""keep activities of deleted contacts

Deleting a contact deleted every call, e-mail, meeting and note logged with that contact
(``ON DELETE CASCADE`` on the composite foreign key): the customer's history lost entries
without a trace. The foreign key now clears only ``contact_id`` (PostgreSQL 15+: ``SET NULL``
with a column list; ``customer_id`` stays), so the activities stay on the customer's timeline.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-24 05:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "fk_activities_contact_of_customer"


def _foreign_key(ondelete: str) -> None:
    op.drop_constraint(NAME, "activities", type_="foreignkey")
    op.create_foreign_key(
        NAME,
        "activities",
        "contacts",
        ["contact_id", "customer_id"],
        ["id", "customer_id"],
        ondelete=ondelete,
    )


def upgrade() -> None:
    _foreign_key("SET NULL (contact_id)")


def downgrade() -> None:
    _foreign_key("CASCADE")
