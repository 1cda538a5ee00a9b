"""receivables by due date in the statistics aggregates

A new metric ``due``: every open receivable (an invoice finalized, sent or partially paid with an
outstanding amount) under the key of its due date (``YYYY-MM-DD``), with a = gross, b =
outstanding, c = net, d = paid like the ``status`` metric. Overdue figures are then the sum over
the keys before today: about a thousand aggregate rows instead of every overdue invoice. The
trigger also fires on a changed due date now. The statistics are rebuilt once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 00:15:31.529491
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECEIVABLE = "r.kind = 'invoice' AND r.status IN ('finalized', 'sent', 'partially_paid')"

INVOICE_ROWS = f"""
CREATE OR REPLACE FUNCTION workmate_invoice_stat_rows(r invoices, sign integer)
RETURNS TABLE (metric varchar, key varchar, count bigint, a numeric, b numeric, c numeric, d numeric)
LANGUAGE sql IMMUTABLE AS $$
    SELECT 'status'::varchar, (r.kind || ':' || r.status)::varchar, sign::bigint,
           sign * r.gross_total,
           sign * CASE WHEN {RECEIVABLE}
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
    UNION ALL
    SELECT 'due', to_char(r.due_date, 'YYYY-MM-DD'), sign, sign * r.gross_total,
           sign * (r.gross_total - r.paid_amount - r.skonto_granted), sign * r.net_total,
           sign * r.paid_amount
    WHERE {RECEIVABLE} AND r.due_date IS NOT NULL
      AND r.gross_total - r.paid_amount - r.skonto_granted > 0
$$
"""


def _previous() -> ModuleType:
    path = next(Path(__file__).parent.glob("*_0006-*.py"))
    spec = importlib.util.spec_from_file_location("workmate_migration_0006", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _invoice_trigger(previous: ModuleType, columns: tuple[str, ...]) -> str:
    sql: str = previous._trigger_function("invoices", "invoice", columns)
    return sql.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def upgrade() -> None:
    previous = _previous()
    op.execute(INVOICE_ROWS)
    op.execute(_invoice_trigger(previous, (*previous.INVOICE_COLUMNS, "due_date")))
    op.execute("SELECT workmate_rebuild_stats()")


def downgrade() -> None:
    previous = _previous()
    op.execute(previous.INVOICE_ROWS.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
    op.execute(_invoice_trigger(previous, previous.INVOICE_COLUMNS))
    op.execute("SELECT workmate_rebuild_stats()")
