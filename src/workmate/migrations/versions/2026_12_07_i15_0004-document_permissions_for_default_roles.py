"""document permissions for the default roles

Default roles are created once and never overwritten (``bootstrap``); existing installations
get the new documents permissions here, as ``auth.permissions.DEFAULT_ROLES`` gives them to new
ones. Roles an administrator made stay as they are.

Revision ID: i15_0004
Revises: i15_0003
Create Date: 2026-12-07 01:42:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "i15_0004"
down_revision: str | None = "i15_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READ_WRITE = ("documents.read", "documents.write")
GRANTS = {
    "admin": (*READ_WRITE, "documents.delete", "documents.read_all", "documents.confidential"),
    "management": (*READ_WRITE, "documents.delete", "documents.read_all", "documents.confidential"),
    "accounting": (*READ_WRITE, "documents.delete", "documents.read_all"),
    "project_lead": (*READ_WRITE, "documents.delete"),
    "employee": READ_WRITE,
}
ALL = sorted({p for grants in GRANTS.values() for p in grants})


def upgrade() -> None:
    for key, permissions in GRANTS.items():
        values = ", ".join(f"'{p}'" for p in permissions)
        op.execute(
            "UPDATE roles SET permissions = ARRAY(SELECT DISTINCT unnest(permissions || "
            f"ARRAY[{values}]::varchar[]) ORDER BY 1) WHERE builtin_key = '{key}'"
        )


def downgrade() -> None:
    values = ", ".join(f"'{p}'" for p in ALL)
    op.execute(
        "UPDATE roles SET permissions = ARRAY(SELECT p FROM unnest(permissions) AS p "
        f"WHERE p <> ALL (ARRAY[{values}]::varchar[]) ORDER BY 1)"
    )
