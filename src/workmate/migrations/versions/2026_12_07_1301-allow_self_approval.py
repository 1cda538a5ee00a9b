"""company setting: allow approving one's own week

Anyone with ``time.approve`` and ``time.read_all`` could submit and approve their own week. The
four-eyes rule now holds for everyone unless the company turns this on (a company of one has
nobody else to ask).

Revision ID: i13_0001
Revises: i15_0004
Create Date: 2026-12-07 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i13_0001"
down_revision: str | None = "i12_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "company_settings",
        sa.Column(
            "allow_self_approval", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
    )


def downgrade() -> None:
    op.drop_column("company_settings", "allow_self_approval")
