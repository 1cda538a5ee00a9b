"""audit log by entity

The history of one record of any kind (a document) reads the audit log by ``entity_id``.

Revision ID: i15_0003
Revises: i15_0002
Create Date: 2026-12-07 01:41:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "i15_0003"
down_revision: str | None = "i15_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_log_entity_id_id", "audit_log", ["entity_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_entity_id_id", table_name="audit_log")
