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

# The branch added to 0006's workmate_invoice_stat_rows (the rest of the function is unchanged).
DUE_BRANCH = f"""    UNION ALL
    SELECT 'due', to_char(r.due_date, 'YYYY-MM-DD'), sign, sign * r.gross_total,
           sign * (r.gross_total - r.paid_amount - r.skonto_granted), sign * r.net_total,
           sign * r.paid_amount
    WHERE {RECEIVABLE} AND r.due_date IS NOT NULL
      AND r.gross_total - r.paid_amount - r.skonto_granted > 0
"""


def _previous() -> ModuleType:
    path = next(Path(__file__).parent.glob("*_0006-*.py"))
    spec = importlib.util.spec_from_file_location("workmate_migration_0006", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _replace(sql: str) -> str:
    return sql.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def _invoice_rows(previous: ModuleType) -> str:
    """0006's function with the ``due`` branch before its closing ``$$``."""
    body, closing, rest = previous.INVOICE_ROWS.rpartition("$$")
    assert closing, "0006's function body ends with $$"
    return _replace(body + DUE_BRANCH + closing + rest)


def _invoice_trigger(previous: ModuleType, columns: tuple[str, ...]) -> str:
    return _replace(previous._trigger_function("invoices", "invoice", columns))


def upgrade() -> None:
    previous = _previous()
    op.execute(_invoice_rows(previous))
    op.execute(_invoice_trigger(previous, (*previous.INVOICE_COLUMNS, "due_date")))
    op.execute("SELECT workmate_rebuild_stats()")


def downgrade() -> None:
    previous = _previous()
    op.execute(_replace(previous.INVOICE_ROWS))
    op.execute(_invoice_trigger(previous, previous.INVOICE_COLUMNS))
    op.execute("SELECT workmate_rebuild_stats()")
