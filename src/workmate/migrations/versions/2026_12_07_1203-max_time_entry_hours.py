"""Company setting: the longest one time entry may be (default 24 hours)

A single entry from 2000 to 2010 (87,000 hours) was accepted. Entries longer than this setting
are refused; a timer that ran longer must be given its real end.

Revision ID: i12_0003
Revises: i12_0002
Create Date: 2026-12-07 12:03:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i12_0003"
down_revision: str | None = "i12_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "company_settings",
        sa.Column("max_time_entry_hours", sa.Integer(), server_default="24", nullable=False),
    )
    op.create_check_constraint(
        op.f("ck_company_settings_max_time_entry_hours"),
        "company_settings",
        "max_time_entry_hours BETWEEN 1 AND 168",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_company_settings_max_time_entry_hours"), "company_settings")
    op.drop_column("company_settings", "max_time_entry_hours")
