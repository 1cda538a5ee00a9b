"""projects and time tracking

Projects with members, time entries with the no-overlap exclusion constraint (btree_gist, created
in 0001) and the one-running-timer partial unique index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 19:32:37.800793
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("customer_id", sa.UUID(), nullable=False),
        sa.Column("department_id", sa.UUID(), nullable=True),
        sa.Column("lead_id", sa.UUID(), nullable=True),
        sa.Column("status", sa.String(length=12), server_default="planned", nullable=False),
        sa.Column("priority", sa.String(length=10), server_default="normal", nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column(
            "billing_type",
            sa.String(length=20),
            server_default="time_and_materials",
            nullable=False,
        ),
        sa.Column("hourly_rate", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("budget_hours", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("budget_amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("rounding_mode", sa.String(length=10), nullable=True),
        sa.Column("rounding_minutes", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.UUID(), nullable=True),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "search_text",
            sa.Text(),
            sa.Computed("lower(title || ' ' || number)", persisted=True),
            nullable=False,
        ),
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "billing_type IN ('time_and_materials','fixed_price')",
            name=op.f("ck_projects_billing_type"),
        ),
        sa.CheckConstraint(
            "priority IN ('low','normal','high','urgent')", name=op.f("ck_projects_priority")
        ),
        sa.CheckConstraint(
            "rounding_mode IS NULL OR rounding_mode IN ('none','up','nearest','down')",
            name=op.f("ck_projects_rounding_mode"),
        ),
        sa.CheckConstraint(
            "status IN ('planned','active','on_hold','completed','cancelled')",
            name=op.f("ck_projects_status"),
        ),
        sa.CheckConstraint(
            "budget_amount IS NULL OR budget_amount >= 0", name=op.f("ck_projects_budget_amount")
        ),
        sa.CheckConstraint(
            "budget_hours IS NULL OR budget_hours >= 0", name=op.f("ck_projects_budget_hours")
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_projects_end_after_start"),
        ),
        sa.CheckConstraint(
            "hourly_rate IS NULL OR hourly_rate >= 0", name=op.f("ck_projects_rate_not_negative")
        ),
        sa.CheckConstraint(
            "rounding_minutes IS NULL OR rounding_minutes IN (1,5,6,10,15,30)",
            name=op.f("ck_projects_rounding_minutes"),
        ),
        sa.CheckConstraint(
            "rounding_minutes IS NULL OR rounding_mode IS NOT NULL",
            name=op.f("ck_projects_rounding_complete"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["employees.id"],
            name=op.f("fk_projects_created_by_id_employees"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_projects_customer_id_customers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_projects_department_id_departments"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["employees.id"],
            name=op.f("fk_projects_lead_id_employees"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
        sa.UniqueConstraint("number", name=op.f("uq_projects_number")),
    )
    op.create_index("ix_projects_created_at", "projects", ["created_at"], unique=False)
    op.create_index(op.f("ix_projects_customer_id"), "projects", ["customer_id"], unique=False)
    op.create_index(op.f("ix_projects_department_id"), "projects", ["department_id"], unique=False)
    op.create_index(op.f("ix_projects_lead_id"), "projects", ["lead_id"], unique=False)
    op.create_index(
        "ix_projects_search_text_trgm",
        "projects",
        ["search_text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.create_index("ix_projects_status", "projects", ["status"], unique=False)
    op.create_table(
        "project_members",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("employee_id", sa.UUID(), nullable=False),
        sa.Column("hourly_rate", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "hourly_rate IS NULL OR hourly_rate >= 0",
            name=op.f("ck_project_members_rate_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_project_members_employee_id_employees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_members_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "employee_id", name=op.f("pk_project_members")),
    )
    op.create_index(
        op.f("ix_project_members_employee_id"), "project_members", ["employee_id"], unique=False
    )
    op.create_table(
        "time_entries",
        sa.Column("employee_id", sa.UUID(), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("task_type", sa.String(length=20), server_default="other", nullable=False),
        sa.Column("billable", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("hourly_rate", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("source", sa.String(length=10), server_default="manual", nullable=False),
        sa.Column(
            "duration_seconds",
            sa.Integer(),
            sa.Computed("(extract(epoch from (ended_at - started_at)))::integer", persisted=True),
            nullable=True,
        ),
        sa.Column("status", sa.String(length=10), server_default="open", nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by_id", sa.UUID(), nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=True),
        sa.Column("invoiced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("invoice_id", sa.UUID(), nullable=True),
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        postgresql.ExcludeConstraint(
            (sa.text("employee_id"), "="),
            (sa.text("tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz))"), "&&"),
            using="gist",
            name="ex_time_entries_no_overlap",
        ),
        sa.CheckConstraint(
            "source IN ('manual','timer','grid')", name=op.f("ck_time_entries_source")
        ),
        sa.CheckConstraint(
            "status IN ('open','submitted','approved','rejected')",
            name=op.f("ck_time_entries_status"),
        ),
        sa.CheckConstraint(
            "task_type IN ('development','design','meeting','consulting','support','travel','other')",
            name=op.f("ck_time_entries_task_type"),
        ),
        sa.CheckConstraint(
            "ended_at IS NULL OR ended_at > started_at",
            name=op.f("ck_time_entries_end_after_start"),
        ),
        sa.CheckConstraint(
            "hourly_rate IS NULL OR hourly_rate >= 0",
            name=op.f("ck_time_entries_rate_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_time_entries_employee_id_employees"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_time_entries_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["employees.id"],
            name=op.f("fk_time_entries_reviewed_by_id_employees"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_entries")),
    )
    op.create_index(
        "ix_time_entries_employee_id_started_at",
        "time_entries",
        ["employee_id", "started_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_time_entries_invoice_id"), "time_entries", ["invoice_id"], unique=False
    )
    op.create_index(
        "ix_time_entries_project_id_started_at",
        "time_entries",
        ["project_id", "started_at"],
        unique=False,
    )
    op.create_index("ix_time_entries_started_at", "time_entries", ["started_at"], unique=False)
    op.create_index(
        "ix_time_entries_submitted",
        "time_entries",
        ["employee_id"],
        unique=False,
        postgresql_where=sa.text("status = 'submitted'"),
    )
    op.create_index(
        "uq_time_entries_one_running",
        "time_entries",
        ["employee_id"],
        unique=True,
        postgresql_where=sa.text("ended_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_time_entries_one_running",
        table_name="time_entries",
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.drop_index(
        "ix_time_entries_submitted",
        table_name="time_entries",
        postgresql_where=sa.text("status = 'submitted'"),
    )
    op.drop_index("ix_time_entries_started_at", table_name="time_entries")
    op.drop_index("ix_time_entries_project_id_started_at", table_name="time_entries")
    op.drop_index(op.f("ix_time_entries_invoice_id"), table_name="time_entries")
    op.drop_index("ix_time_entries_employee_id_started_at", table_name="time_entries")
    op.drop_table("time_entries")
    op.drop_index(op.f("ix_project_members_employee_id"), table_name="project_members")
    op.drop_table("project_members")
    op.drop_index("ix_projects_status", table_name="projects")
    op.drop_index(
        "ix_projects_search_text_trgm",
        table_name="projects",
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.drop_index(op.f("ix_projects_lead_id"), table_name="projects")
    op.drop_index(op.f("ix_projects_department_id"), table_name="projects")
    op.drop_index(op.f("ix_projects_customer_id"), table_name="projects")
    op.drop_index("ix_projects_created_at", table_name="projects")
    op.drop_table("projects")
