"""Rows of invoices, invoice lines and payments from the planner's documents (three passes)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from workmate.demo_data.billing_plan import Document, Planner
from workmate.demo_data.context import Context, utc_at
from workmate.demo_data.crm import Customer
from workmate.demo_data.staff import seller_snapshot
from workmate.invoices.demo import LETTERHEAD

INVOICE_COLUMNS = [
    "id",
    "kind",
    "status",
    "number",
    "customer_id",
    "project_id",
    "contact_id",
    "issue_date",
    "service_from",
    "service_to",
    "due_date",
    "payment_terms_days",
    "language",
    "title",
    "intro_text",
    "closing_text",
    "buyer_reference",
    "net_total",
    "vat_total",
    "gross_total",
    "paid_amount",
    "vat_breakdown",
    "cancels_invoice_id",
    "seller_snapshot",
    "buyer_snapshot",
    "einvoice_format",
    "render_status",
    "finalized_at",
    "finalized_by_id",
    "sent_at",
    "paid_at",
    "cancelled_at",
    "decided_at",
    "created_by_id",
    "created_at",
    "updated_at",
]
LINE_COLUMNS = [
    "id",
    "invoice_id",
    "position",
    "description",
    "quantity",
    "unit_code",
    "unit_price",
    "discount_percent",
    "vat_category",
    "vat_rate",
    "service_from",
    "service_to",
    "gross_amount",
    "discount_amount",
    "net_amount",
    "product_id",
]
PAYMENT_COLUMNS = [
    "id",
    "invoice_id",
    "amount",
    "paid_on",
    "method",
    "reference",
    "created_by_id",
    "created_at",
    "updated_at",
]
INTRO = {
    "de": LETTERHEAD["invoice_intro_text"],
    "en": "thank you for your order. We invoice the following services:",
}
CLOSING = {"de": LETTERHEAD["invoice_closing_text"], "en": "Kind regards\nWorkmate Demo GmbH"}
QUOTE_INTRO = {
    "de": "gerne bieten wir Ihnen folgende Leistungen an:",
    "en": "we are pleased to offer the following services:",
}


def buyer_snapshot(customer: Customer) -> dict[str, object]:
    """As ``invoices.documents.buyer_snapshot`` builds it, with the primary contact."""
    contact = customer.primary
    return {
        "name": customer.name,
        "customer_number": customer.number,
        "street": customer.street,
        "postcode": customer.postcode,
        "city": customer.city,
        "country": customer.country,
        "vat_id": customer.vat_id,
        "email": customer.email,
        "leitweg_id": customer.leitweg_id,
        "contact_name": contact.name if contact else None,
        "contact_email": contact.email if contact else None,
        "department": contact.department if contact else None,
    }


def vat_breakdown(doc: Document) -> str:
    """The JSON ``invoices.service.recalculate`` stores."""
    return json.dumps(
        [
            {
                "category": group.category,
                "rate": str(group.rate.quantize(Decimal("0.01"))),
                "taxable_amount": str(group.taxable_amount),
                "tax_amount": str(group.tax_amount),
            }
            for group in doc.totals.vat_groups
        ]
    )


class Rows:
    def __init__(self, ctx: Context, planner: Planner) -> None:
        self.ctx = ctx
        self.planner = planner
        self.sellers = {
            clerk: json.dumps(seller_snapshot(ctx.employee_names[clerk]), ensure_ascii=False)
            for clerk in planner.clerks
        }
        self.buyers: dict[int, str] = {}

    def _buyer(self, customer: Customer) -> str:
        found = self.buyers.get(customer.index)
        if found is None:
            found = json.dumps(buyer_snapshot(customer), ensure_ascii=False)
            self.buyers[customer.index] = found
        return found

    def invoices(self) -> Iterator[Sequence[object]]:
        for doc in self.planner.documents():
            yield self._invoice(doc)

    def _invoice(self, doc: Document) -> Sequence[object]:
        c, ctx = doc.customer, self.ctx
        clerk = ctx.employee_ids[doc.clerk]
        final = doc.status != "draft"
        issue = doc.issue_date
        created = (
            utc_at(issue - timedelta(days=1), 15)
            if issue
            else utc_at(ctx.today - timedelta(days=doc.clerk % 10 + 1), 11)
        )
        finalized = utc_at(issue, 9, doc.clerk % 50) if issue and final else None
        sent = finalized + timedelta(minutes=7) if finalized and doc.sent else None
        paid_at = max(p.paid_on for p in doc.payments) if doc.status == "paid" else None
        quote = doc.kind == "quote"
        format_ = None if quote or not final else "xrechnung" if c.leitweg_id else "facturx"
        title = f"{'Angebot' if quote else 'Rechnung'} {doc.project.title}" if doc.project else None
        if doc.kind == "credit_note":
            title = None
        intro = (QUOTE_INTRO if quote else INTRO)[c.language]
        if doc.cancels is not None:
            intro = "Stornierung: Falscher Leistungszeitraum"
        return (
            doc.id, doc.kind, doc.status, doc.number, c.id,
            doc.project.id if doc.project else None, c.primary.id if c.primary else None,
            issue, doc.service_from, doc.service_to, doc.due_date, doc.payment_terms_days,
            c.language, title, intro, CLOSING[c.language], c.leitweg_id,
            doc.totals.net_total, doc.totals.vat_total, doc.totals.gross_total,
            doc.paid_amount, vat_breakdown(doc), doc.cancels,
            self.sellers[doc.clerk] if final else None, self._buyer(c) if final else None,
            format_, "none", finalized, clerk if final else None, sent, paid_at,
            _moment(doc.cancelled_on), _moment(doc.decided_on), clerk, created,
            _latest(created, finalized, sent, paid_at, doc.cancelled_on, doc.decided_on),
        )  # fmt: skip

    def lines(self) -> Iterator[Sequence[object]]:
        products = self.ctx.product_ids
        for doc in self.planner.documents():
            for position, (line, result) in enumerate(
                zip(doc.lines, doc.line_results, strict=True), start=1
            ):
                yield (
                    line.id, doc.id, position, line.description, line.quantity, line.unit_code,
                    line.unit_price, line.discount_percent, line.vat_category, line.vat_rate,
                    line.service_from, line.service_to, result.gross_amount,
                    result.discount_amount, result.net_amount,
                    products[line.product] if line.product is not None else None,
                )  # fmt: skip

    def payments(self) -> Iterator[Sequence[object]]:
        for doc in self.planner.documents():
            for payment in doc.payments:
                moment = utc_at(payment.paid_on, 14)
                yield (
                    payment.id, doc.id, payment.amount, payment.paid_on, payment.method,
                    doc.number, self.ctx.employee_ids[doc.clerk], moment, moment,
                )  # fmt: skip


def _moment(day: date | None) -> datetime | None:
    return utc_at(day, 10) if day else None


def _latest(created: datetime, *moments: datetime | date | None) -> datetime:
    latest = created
    for moment in moments:
        if moment is None:
            continue
        value = moment if isinstance(moment, datetime) else utc_at(moment, 14)
        latest = max(latest, value)
    return latest
