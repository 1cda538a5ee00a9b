"""API tokens: scopes, read-only, a mandatory expiry; tokens of deactivated accounts revoked

Tokens used to carry every permission of their owner, never expired by default and came back
to life when a deactivated account was re-activated. From now on every token expires (tokens
without an expiry get 90 days from this migration, or from their creation if that is later),
can be narrowed to some of the owner's permissions and to reading, and tokens of accounts that
are deactivated now are revoked for good (deactivation revokes them from now on).

Revision ID: i12_0001
Revises: i15_0004
Create Date: 2026-12-07 12:01:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "i12_0001"
down_revision: str | None = "i15_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("api_tokens", sa.Column("scopes", postgresql.ARRAY(sa.String(40))))
    op.add_column(
        "api_tokens",
        sa.Column("read_only", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )
    op.execute(
        "UPDATE api_tokens SET expires_at = greatest(now(), created_at) + interval '90 days' "
        "WHERE expires_at IS NULL"
    )
    op.alter_column("api_tokens", "expires_at", nullable=False)
    op.execute(
        "UPDATE api_tokens t SET revoked_at = now() FROM employees e "
        "WHERE e.id = t.employee_id AND NOT e.active AND t.revoked_at IS NULL"
    )


def downgrade() -> None:
    op.alter_column("api_tokens", "expires_at", nullable=True)
    op.drop_column("api_tokens", "read_only")
    op.drop_column("api_tokens", "scopes")
