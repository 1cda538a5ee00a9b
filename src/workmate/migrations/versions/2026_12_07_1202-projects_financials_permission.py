"""The permission projects.financials for the built-in roles that see money

Rates, budget amounts and the value of time are now shown only with ``projects.financials``.
Default roles are created once and never overwritten, so existing installations get the new
permission here for Management, Accounting and Project lead (Admin holds everything anyway;
Employee does not get it). Custom roles are left alone: an administrator decides.

Revision ID: i12_0002
Revises: i12_0001
Create Date: 2026-12-07 12:02:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "i12_0002"
down_revision: str | None = "i12_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE roles SET permissions = array_append(permissions, 'projects.financials') "
        "WHERE builtin_key IN ('management', 'accounting', 'project_lead') "
        "AND NOT 'projects.financials' = ANY(permissions)"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE roles SET permissions = array_remove(permissions, 'projects.financials') "
        "WHERE builtin_key IN ('management', 'accounting', 'project_lead')"
    )
