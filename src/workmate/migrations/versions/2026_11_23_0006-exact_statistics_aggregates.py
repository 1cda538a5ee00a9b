"""exact statistics aggregates maintained by triggers (see workmate.models.stats)

Delta rows are appended by row triggers on invoices and customers; readers add the compacted
totals and the deltas; workmate_compact_stats() folds deltas into totals; workmate_rebuild_stats()
recomputes everything from the source tables and runs here once for existing data.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 21:58:36.289099
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


INVOICE_ROWS = """
CREATE FUNCTION workmate_invoice_stat_rows(r invoices, sign integer)
RETURNS TABLE (metric varchar, key varchar, count bigint, a numeric, b numeric, c numeric, d numeric)
LANGUAGE sql IMMUTABLE AS $$
    SELECT 'status'::varchar, (r.kind || ':' || r.status)::varchar, sign::bigint,
           sign * r.gross_total,
           sign * CASE WHEN r.kind = 'invoice' AND r.status IN ('finalized', 'sent', 'partially_paid')
                       THEN r.gross_total - r.paid_amount - r.skonto_granted ELSE 0 END,
           sign * r.net_total, sign * r.paid_amount
    WHERE r.id IS NOT NULL
    UNION ALL
    SELECT 'revenue', to_char(r.issue_date, 'YYYY-MM'), sign, sign * r.net_total, sign * r.gross_total,
           0, 0
    WHERE r.kind IN ('invoice', 'credit_note') AND r.status <> 'draft' AND r.issue_date IS NOT NULL
    UNION ALL
    SELECT 'customer', r.customer_id::text, sign, sign * r.net_total, sign * r.gross_total, 0, 0
    WHERE r.kind IN ('invoice', 'credit_note') AND r.status <> 'draft'
    UNION ALL
    SELECT 'paid_days', to_char(r.paid_at, 'YYYY-MM'), sign, sign * (r.paid_at - r.issue_date), 0,
           0, 0
    WHERE r.kind = 'invoice' AND r.status = 'paid' AND r.paid_at IS NOT NULL
      AND r.issue_date IS NOT NULL
$$
"""

CUSTOMER_ROWS = """
CREATE FUNCTION workmate_customer_stat_rows(r customers, sign integer)
RETURNS TABLE (metric varchar, key varchar, count bigint, a numeric, b numeric, c numeric, d numeric)
LANGUAGE sql IMMUTABLE AS $$
    SELECT 'customers'::varchar,
           (r.status || ':' || r.kind || ':' || (r.archived_at IS NOT NULL)::text)::varchar,
           sign::bigint, 0::numeric, 0::numeric, 0::numeric, 0::numeric
    WHERE r.id IS NOT NULL
$$
"""

# One trigger function per table; unchanged contributions cancel out in the GROUP BY.
TRIGGER_FUNCTION = """
CREATE FUNCTION workmate_{table}_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND ({columns_old}) IS NOT DISTINCT FROM ({columns_new}) THEN
        RETURN NULL;
    END IF;
    INSERT INTO stat_deltas (metric, key, count, a, b, c, d)
    SELECT d.metric, d.key, sum(d.count), sum(d.a), sum(d.b), sum(d.c), sum(d.d)
    FROM (
        SELECT * FROM workmate_{row}_stat_rows(CASE WHEN TG_OP <> 'INSERT' THEN OLD END, -1)
        UNION ALL
        SELECT * FROM workmate_{row}_stat_rows(CASE WHEN TG_OP <> 'DELETE' THEN NEW END, 1)
    ) d
    GROUP BY d.metric, d.key
    HAVING sum(d.count) <> 0 OR sum(d.a) <> 0 OR sum(d.b) <> 0 OR sum(d.c) <> 0
        OR sum(d.d) <> 0;
    RETURN NULL;
END
$$
"""
INVOICE_COLUMNS = (
    "kind",
    "status",
    "gross_total",
    "net_total",
    "paid_amount",
    "skonto_granted",
    "issue_date",
    "paid_at",
    "customer_id",
)
CUSTOMER_COLUMNS = ("status", "kind", "archived_at")

COMPACT = """
CREATE FUNCTION workmate_compact_stats() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    moved bigint;
BEGIN
    -- One compaction at a time; a second caller simply skips.
    IF NOT pg_try_advisory_xact_lock(hashtext('workmate_compact_stats')) THEN
        RETURN 0;
    END IF;
    WITH moved AS (DELETE FROM stat_deltas RETURNING metric, key, count, a, b, c, d),
    s AS (SELECT metric, key, sum(count) AS count, sum(a) AS a, sum(b) AS b, sum(c) AS c,
                 sum(d) AS d
          FROM moved GROUP BY metric, key),
    up AS (
        INSERT INTO stat_totals AS t (metric, key, count, a, b, c, d)
        SELECT metric, key, count, a, b, c, d FROM s
        ON CONFLICT (metric, key) DO UPDATE
        SET count = t.count + EXCLUDED.count, a = t.a + EXCLUDED.a, b = t.b + EXCLUDED.b,
            c = t.c + EXCLUDED.c, d = t.d + EXCLUDED.d
        RETURNING 1
    )
    SELECT count(*) INTO moved FROM up;
    RETURN moved;
END
$$
"""

# For maintenance without concurrent writers (migrations, bulk loads).
REBUILD = """
CREATE FUNCTION workmate_rebuild_stats() RETURNS void LANGUAGE sql AS $$
    DELETE FROM stat_deltas;
    DELETE FROM stat_totals;
    INSERT INTO stat_totals (metric, key, count, a, b, c, d)
    SELECT d.metric, d.key, sum(d.count), sum(d.a), sum(d.b), sum(d.c), sum(d.d)
    FROM invoices i, LATERAL workmate_invoice_stat_rows(i, 1) d
    GROUP BY d.metric, d.key;
    INSERT INTO stat_totals (metric, key, count, a, b, c, d)
    SELECT d.metric, d.key, sum(d.count), sum(d.a), sum(d.b), sum(d.c), sum(d.d)
    FROM customers c, LATERAL workmate_customer_stat_rows(c, 1) d
    GROUP BY d.metric, d.key;
$$
"""


def _trigger_function(table: str, row: str, columns: tuple[str, ...]) -> str:
    return TRIGGER_FUNCTION.format(
        table=table,
        row=row,
        columns_old=", ".join(f"OLD.{c}" for c in columns),
        columns_new=", ".join(f"NEW.{c}" for c in columns),
    )


def upgrade() -> None:
    op.create_table(
        "stat_deltas",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("metric", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("count", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("a", sa.Numeric(precision=18, scale=2), server_default="0", nullable=False),
        sa.Column("b", sa.Numeric(precision=18, scale=2), server_default="0", nullable=False),
        sa.Column("c", sa.Numeric(precision=18, scale=2), server_default="0", nullable=False),
        sa.Column("d", sa.Numeric(precision=18, scale=2), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_deltas")),
    )
    op.create_index("ix_stat_deltas_metric_key", "stat_deltas", ["metric", "key"], unique=False)
    op.create_table(
        "stat_totals",
        sa.Column("metric", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("count", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("a", sa.Numeric(precision=18, scale=2), server_default="0", nullable=False),
        sa.Column("b", sa.Numeric(precision=18, scale=2), server_default="0", nullable=False),
        sa.Column("c", sa.Numeric(precision=18, scale=2), server_default="0", nullable=False),
        sa.Column("d", sa.Numeric(precision=18, scale=2), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("metric", "key", name=op.f("pk_stat_totals")),
    )
    op.create_index(
        "ix_stat_totals_metric_a",
        "stat_totals",
        ["metric", sa.literal_column("a DESC")],
        unique=False,
    )
    op.create_index("ix_invoices_created_at", "invoices", [sa.text("created_at DESC NULLS LAST")])
    op.create_index("ix_invoices_issue_date", "invoices", [sa.text("issue_date DESC NULLS LAST")])
    op.create_index(
        "ix_invoices_receivable_due_date",
        "invoices",
        ["due_date"],
        postgresql_where=sa.text(
            "kind = 'invoice' AND status IN ('finalized', 'sent', 'partially_paid')"
        ),
        postgresql_include=[
            "gross_total",
            "paid_amount",
            "skonto_granted",
            "net_total",
            "kind",
            "status",
        ],
    )
    op.execute(INVOICE_ROWS)
    op.execute(CUSTOMER_ROWS)
    op.execute(_trigger_function("invoices", "invoice", INVOICE_COLUMNS))
    op.execute(_trigger_function("customers", "customer", CUSTOMER_COLUMNS))
    for table in ("invoices", "customers"):
        op.execute(
            f"CREATE TRIGGER {table}_stats AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION workmate_{table}_stats()"
        )
    op.execute(COMPACT)
    op.execute(REBUILD)
    op.execute("SELECT workmate_rebuild_stats()")


def downgrade() -> None:
    op.drop_index("ix_invoices_receivable_due_date", table_name="invoices")
    op.drop_index("ix_invoices_issue_date", table_name="invoices")
    op.drop_index("ix_invoices_created_at", table_name="invoices")
    for table in ("invoices", "customers"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_stats ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS workmate_{table}_stats()")
    op.execute("DROP FUNCTION IF EXISTS workmate_rebuild_stats()")
    op.execute("DROP FUNCTION IF EXISTS workmate_compact_stats()")
    op.execute("DROP FUNCTION IF EXISTS workmate_invoice_stat_rows(invoices, integer)")
    op.execute("DROP FUNCTION IF EXISTS workmate_customer_stat_rows(customers, integer)")
    op.drop_index("ix_stat_totals_metric_a", table_name="stat_totals")
    op.drop_table("stat_totals")
    op.drop_index("ix_stat_deltas_metric_key", table_name="stat_deltas")
    op.drop_table("stat_deltas")
