"""project members by employee with their rates

Pricing a person's time entries joins every project membership of that person for the member
rate. The old index on ``employee_id`` alone made that a bitmap heap scan (one heap block per
membership: ~300 for a busy employee); with ``project_id`` as a key and ``hourly_rate``
included it is an index-only scan (month of one employee's entries: 2.2 → 1.8 ms of
PostgreSQL on the large demo set).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24 04:55:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_project_members_employee_id", table_name="project_members")
    op.create_index(
        "ix_project_members_employee_id",
        "project_members",
        ["employee_id", "project_id"],
        unique=False,
        postgresql_include=["hourly_rate"],
    )


def downgrade() -> None:
    op.drop_index("ix_project_members_employee_id", table_name="project_members")
    op.create_index(
        "ix_project_members_employee_id", "project_members", ["employee_id"], unique=False
    )
