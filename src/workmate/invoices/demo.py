"""Demo invoices: the last months' approved time billed per customer, some paid, one partially,
one overdue, one cancelled by a credit note, quotes and a draft (development only).

Everything goes through the real services, so the demo numbers, snapshots, audit entries and
timeline events are exactly what the product creates.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.service import Principal
from workmate.core.errors import WorkmateError
from workmate.invoices import finalize, from_time, lifecycle, service
from workmate.invoices.schemas import FromTimeRequest, InvoiceCreate, LineIn
from workmate.models import CompanySettings, Customer, Employee, Product
from workmate.payments import service as payments
from workmate.payments.schemas import PaymentCreate

LETTERHEAD = {
    "company_name": "Workmate Demo GmbH",
    "street": "Torstraße 140",
    "postcode": "10119",
    "city": "Berlin",
    "country": "DE",
    "vat_id": "DE811569869",
    "tax_number": "37/123/45678",
    "register_court": "Amtsgericht Charlottenburg",
    "register_number": "HRB 234567 B",
    "managing_directors": "Katrin Vogel, Thomas Berger",
    "email": "buchhaltung@workmate-demo.de",
    "phone": "+49 30 1234567-0",
    "website": "www.workmate-demo.de",
    "bank_holder": "Workmate Demo GmbH",
    "iban": "DE02100500000054540402",
    "bic": "BELADEBEXXX",
    "bank_name": "Berliner Sparkasse",
    "invoice_intro_text": "vielen Dank für Ihren Auftrag. Wir berechnen Ihnen folgende Leistungen:",
    "invoice_closing_text": "Mit freundlichen Grüßen\nWorkmate Demo GmbH",
}

PRODUCTS = [
    ("Beratung (Stunde)", "HUR", "120.00"),
    ("Entwicklung (Stunde)", "HUR", "105.00"),
    ("Workshop (Tag)", "DAY", "1200.00"),
    ("Hosting & Wartung (Monat)", "MON", "89.00"),
    ("Fahrtkosten (km)", "KMT", "0.30"),
    ("Einrichtungspauschale", "LS", "450.00"),
]
ZONE = "Europe/Berlin"


def _month_start(day: date, back: int) -> date:
    year, month = day.year, day.month - back
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1)


async def load(session: AsyncSession, today: date) -> int:
    """Create the demo documents; returns how many were finalized."""
    await session.execute(update(CompanySettings).where(CompanySettings.id == 1).values(LETTERHEAD))
    session.add_all(
        Product(name=name, unit_code=unit, unit_price=Decimal(price))
        for name, unit, price in PRODUCTS
    )
    admin = await session.scalar(select(Employee).order_by(Employee.employee_number).limit(1))
    assert admin is not None
    principal = Principal.of(admin, frozenset())
    customers = (
        await session.scalars(
            select(Customer).where(Customer.archived_at.is_(None)).order_by(Customer.number)
        )
    ).all()
    finalized: list[tuple[str, date]] = []
    for back in (3, 2, 1):
        start = _month_start(today, back)
        end = _month_start(today, back - 1) - timedelta(days=1)
        issued = 0
        for index, customer in enumerate(customers):
            if back == 1 and index % 2:
                continue  # leave last month of some customers to bill in the wizard
            request = FromTimeRequest(
                customer_id=customer.id,
                date_from=start,
                date_to=end,
                grouping="task_type",
                with_timesheet=back == 1,
            )
            try:
                draft = await from_time.create(session, principal, request, ZONE)
            except WorkmateError:
                continue  # no approved time for this customer in that month
            # Issued in the first days after the month, in number order (numbers follow dates)
            # and never after today.
            draft.issue_date = min(end + timedelta(days=1 + min(issued, 2)), today)
            await session.flush()
            try:
                invoice = await finalize.finalize(session, principal, draft.id, ZONE)
            except WorkmateError:
                await service.delete_draft(session, principal, draft.id)
                continue
            finalized.append((str(invoice.id), invoice.issue_date or today))
            issued += 1
    await _payments(session, principal, finalized, today)
    await _extras(session, principal, customers, today)
    return len(finalized)


async def _payments(
    session: AsyncSession, principal: Principal, docs: list[tuple[str, date]], today: date
) -> None:
    import uuid

    # The two newest stay open whatever today's date is (one sent, one partly paid), so the
    # demo always shows receivables; the rest are paid by age.
    newest = sorted(range(len(docs)), key=lambda i: (docs[i][1], i), reverse=True)[:2]
    for index, (invoice_id, issued) in enumerate(docs):
        invoice = await service.get(session, uuid.UUID(invoice_id))
        await lifecycle.mark_sent(session, principal, invoice.id)
        age = (today - issued).days
        if index == 0 and len(docs) > 3:
            await lifecycle.cancel(
                session, principal, invoice.id, ZONE, "Falscher Leistungszeitraum"
            )
            continue
        if newest and index == newest[0]:
            continue
        partly = bool(newest) and index == newest[-1]
        if not partly and (age > 45 or (age > 20 and index % 3 != 0)):
            paid_on = min(issued + timedelta(days=9 + index % 12), today)
            amount = invoice.gross_total
            await payments.create(
                session,
                principal,
                invoice.id,
                PaymentCreate(amount=amount, paid_on=paid_on, reference=invoice.number),
            )
        elif partly or index % 4 == 1:
            half = (invoice.gross_total / 2).quantize(Decimal("0.01"))
            await payments.create(
                session,
                principal,
                invoice.id,
                PaymentCreate(
                    amount=half,
                    paid_on=min(issued + timedelta(days=7), today),
                    reference=f"Teilzahlung {invoice.number}",
                ),
            )


async def _extras(
    session: AsyncSession, principal: Principal, customers: object, today: date
) -> None:
    rows = list(customers)  # type: ignore[call-overload]
    if len(rows) < 3:
        return
    quote = await service.create(
        session,
        principal,
        InvoiceCreate(
            kind="quote",
            customer_id=rows[1].id,
            title="Angebot Relaunch Website",
            intro_text="gerne bieten wir Ihnen folgende Leistungen an:",
            lines=[
                LineIn(
                    description="Konzeption und Workshop",
                    quantity=Decimal(2),
                    unit_code="DAY",
                    unit_price=Decimal("1200"),
                ),
                LineIn(
                    description="Umsetzung Frontend",
                    quantity=Decimal(60),
                    unit_code="HUR",
                    unit_price=Decimal("105"),
                ),
                LineIn(
                    description="Einrichtungspauschale Hosting",
                    quantity=Decimal(1),
                    unit_code="LS",
                    unit_price=Decimal("450"),
                ),
            ],
        ),
    )
    await finalize.finalize(session, principal, quote.id, ZONE)
    await service.create(
        session,
        principal,
        InvoiceCreate(
            customer_id=rows[2].id,
            service_date=today,
            skonto_percent=Decimal(2),
            skonto_days=10,
            lines=[
                LineIn(
                    description="Hosting & Wartung",
                    quantity=Decimal(3),
                    unit_code="MON",
                    unit_price=Decimal("89"),
                ),
                LineIn(
                    description="Fahrtkosten Vor-Ort-Termin",
                    quantity=Decimal(84),
                    unit_code="KMT",
                    unit_price=Decimal("0.30"),
                ),
            ],
        ),
    )
