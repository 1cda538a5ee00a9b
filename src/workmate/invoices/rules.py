"""Document state rules in one place: derived status, outstanding amount, allowed actions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from workmate.core.errors import BusinessRuleViolation, Conflict, field_error
from workmate.models import Invoice
from workmate.models.invoice import RECEIVABLE_STATUSES

ZERO = Decimal("0.00")
PAYABLE_STATUSES = RECEIVABLE_STATUSES


def outstanding(invoice: Invoice) -> Decimal:
    """What the customer still owes: only invoices in a receivable status owe anything."""
    if invoice.kind != "invoice" or invoice.status not in RECEIVABLE_STATUSES:
        return ZERO
    return max(invoice.gross_total - invoice.paid_amount - invoice.skonto_granted, ZERO)


def days_overdue(invoice: Invoice, today: date, owed: Decimal | None = None) -> int:
    """Days past the due date while something is owed; ``owed``: ``outstanding(invoice)`` if
    the caller has it already."""
    if owed is None:
        owed = outstanding(invoice)
    if invoice.due_date is None or owed <= 0:
        return 0
    return max((today - invoice.due_date).days, 0)


def is_overdue(invoice: Invoice, today: date) -> bool:
    return days_overdue(invoice, today) > 0


def settled_status(invoice: Invoice) -> str:
    """Status of a finalized invoice from its payments, both ways (paid -> partially -> sent)."""
    settled = invoice.paid_amount + invoice.skonto_granted
    if settled > 0 and settled >= invoice.gross_total:
        return "paid"
    if settled > 0:
        return "partially_paid"
    return "sent" if invoice.sent_at is not None else "finalized"


def allowed_actions(invoice: Invoice, *, converted: bool = False) -> list[str]:
    status, kind = invoice.status, invoice.kind
    if status == "draft":
        return ["update", "delete", "finalize", "preview", "validate", "recalculate"]
    actions = ["download_pdf"]
    if kind != "quote":
        actions.append("download_xml")
    if status == "finalized":
        actions.append("mark_sent")
    if kind == "invoice":
        if status in PAYABLE_STATUSES and outstanding(invoice) > 0:
            actions.append("add_payment")
        if status in ("finalized", "sent", "partially_paid", "paid"):
            actions.append("cancel")
    if kind == "quote":
        if status in ("finalized", "sent"):
            actions += ["accept", "decline", "expire"]
        if status == "accepted" and not converted:
            actions.append("convert")
    return actions


def ensure_draft(invoice: Invoice) -> None:
    if invoice.status != "draft":
        raise Conflict(
            f"Document {invoice.number} is finalized and can no longer be changed; "
            "correct it with a credit note.",
            code="document_locked",
            params={"number": invoice.number},
        )


def ensure_period(start: date | None, end: date | None) -> None:
    if start and end and start > end:
        raise BusinessRuleViolation(
            "The service period ends before it starts.",
            code="invalid_period",
            errors=[field_error("service_to", "Before service_from.", "invalid_period")],
        )
