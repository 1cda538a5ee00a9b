"""Plans of invoices, credit notes, quotes and drafts: lines, totals, status and payments.

A document comes from a generator seeded by its index, so the invoice, line and payment passes
rebuild the same plan instead of keeping a quarter of a million documents in memory. Documents
come out in issue-date order, which makes the numbers gapless per kind and year.
"""

from __future__ import annotations

import bisect
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from workmate.demo_data.context import Context, entity_rng, new_uuid, utc_at
from workmate.demo_data.crm import Customer, first_index_after, make_customer
from workmate.demo_data.work import Project
from workmate.invoices.calculation import LineInput, LineResult, Totals, calculate

SEED = 20270404
PREFIXES = {"invoice": "RE", "credit_note": "GS", "quote": "AN"}
MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
WORK_LABELS = (
    "Entwicklung",
    "Konzeption",
    "Design",
    "Projektmanagement",
    "Beratung",
    "Support",
    "Abstimmungen und Meetings",
    "Qualitätssicherung",
)
# product index (staff/invoices demo PRODUCTS order), quantity range, in tenths for km
FLAT_ITEMS = ((3, 1, 3), (4, 20, 400), (2, 1, 2), (5, 1, 1), (0, 2, 16))
METHODS = ("bank_transfer",) * 15 + ("sepa_direct_debit",) * 3 + ("paypal", "card", "other")
DEFAULT_RATES = (Decimal("95.00"), Decimal("105.00"), Decimal("120.00"))
PRODUCT_PRICES = (
    Decimal("120.00"),
    Decimal("105.00"),
    Decimal("1200.00"),
    Decimal("89.00"),
    Decimal("0.30"),
    Decimal("450.00"),
)
PRODUCT_UNITS = ("HUR", "HUR", "DAY", "MON", "KMT", "LS")
PRODUCT_NAMES = (
    "Beratung",
    "Entwicklung",
    "Workshop",
    "Hosting & Wartung",
    "Fahrtkosten",
    "Einrichtungspauschale",
)


@dataclass(slots=True)
class Line:
    id: uuid.UUID
    description: str
    quantity: Decimal
    unit_code: str
    unit_price: Decimal
    discount_percent: Decimal | None
    vat_category: str
    vat_rate: Decimal
    service_from: date | None
    service_to: date | None
    product: int | None


@dataclass(slots=True)
class Payment:
    id: uuid.UUID
    amount: Decimal
    paid_on: date
    method: str


@dataclass(slots=True)
class Document:
    id: uuid.UUID
    kind: str
    status: str
    customer: Customer
    project: Project | None
    issue_date: date | None
    service_from: date | None
    service_to: date | None
    payment_terms_days: int
    lines: list[Line]
    totals: Totals
    clerk: int
    number: str | None = None
    due_date: date | None = None
    sent: bool = False
    cancelled_on: date | None = None
    decided_on: date | None = None
    cancels: uuid.UUID | None = None
    payments: list[Payment] = field(default_factory=list)

    @property
    def paid_amount(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal("0.00"))

    @property
    def line_results(self) -> tuple[LineResult, ...]:
        return self.totals.lines


class Planner:
    """Yields every document in issue-date order; ``next_numbers`` ends up as number_ranges."""

    def __init__(self, ctx: Context, projects: Sequence[Project]) -> None:
        self.ctx = ctx
        self.projects = [p for p in projects if p.status != "planned"]
        self.starts = [p.start for p in self.projects]
        self.customers: dict[int, Customer] = {}
        self.next_numbers: dict[str, int] = {}
        self.clerks = ctx.staff_with("accounting", "admin") or [0]

    def customer(self, index: int) -> Customer:
        found = self.customers.get(index)
        if found is None:
            found = self.customers[index] = make_customer(self.ctx, index)
        return found

    def documents(self) -> Iterator[Document]:
        self.next_numbers = {}
        count = self.ctx.counts.invoices
        first = self.ctx.first_day + timedelta(days=20)
        span = (self.ctx.today - first).days
        for index in range(count):
            rng = entity_rng(SEED, index)
            issue = first + timedelta(days=span * index // count)
            if issue.weekday() > 4:
                issue -= timedelta(days=issue.weekday() - 4)
            invoice = self._invoice(rng, issue)
            yield invoice
            if invoice.status == "cancelled":
                yield self._credit_note(rng, invoice)
            if rng.random() < 0.05:
                yield self._quote(rng, issue)
        for index in range(max(2, count // 250)):
            yield self._draft(entity_rng(SEED + 1, index))

    def _number(self, kind: str, day: date) -> str:
        key = f"{kind}:{day.year}"
        value = self.next_numbers.get(key, 1)
        self.next_numbers[key] = value + 1
        return f"{PREFIXES[kind]}-{day.year}-{value:05d}"

    def _pick(self, rng: random.Random, issue: date) -> tuple[Customer, Project | None]:
        if rng.random() < 0.85 and self.projects:
            high = bisect.bisect_right(self.starts, issue - timedelta(days=14))
            low = bisect.bisect_left(self.starts, issue - timedelta(days=400))
            for _ in range(6 if high > low else 0):
                project = self.projects[rng.randrange(low, high)]
                if project.end >= issue - timedelta(days=45):
                    return self.customer(project.customer_index), project
        existing = max(1, first_index_after(self.ctx, utc_at(issue, 0)))
        pick = rng.randrange(existing)
        return self.customer(pick - pick % 5), None

    def _lines(
        self, rng: random.Random, customer: Customer, project: Project | None, month: date
    ) -> list[Line]:
        last = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        category, rate = _vat(customer)
        period = f"{MONTHS[month.month - 1]} {month.year}"
        lines = []
        if project is not None and project.billing_type == "fixed_price":
            for part in range(rng.randint(2, 4)):
                price = Decimal(rng.randint(15, 300) * 100)
                text = f"Abschlag {part + 1}: {project.title} ({period})"
                lines.append(_line(rng, text, Decimal(1), "LS", price, category, rate, None))
        elif project is not None:
            price = project.hourly_rate or customer.hourly_rate or rng.choice(DEFAULT_RATES)
            for label in rng.sample(WORK_LABELS, k=rng.randint(2, 7)):
                hours = Decimal(rng.randint(2, 240)) / 4
                text = f"{label} {project.title} ({period})"
                lines.append(_line(rng, text, hours, "HUR", price, category, rate, None))
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3) if project else (2, 3, 4))):
            product, low, high = rng.choice(FLAT_ITEMS)
            quantity = Decimal(rng.randint(low, high))
            text = f"{PRODUCT_NAMES[product]} ({period})"
            unit, price = PRODUCT_UNITS[product], PRODUCT_PRICES[product]
            lines.append(_line(rng, text, quantity, unit, price, category, rate, product))
        for line in lines:
            line.service_from, line.service_to = month, last
        return lines

    def _document(
        self, rng: random.Random, kind: str, issue: date | None, lines_on: date
    ) -> Document:
        customer, project = self._pick(rng, issue or self.ctx.today)
        month = (lines_on.replace(day=1) - timedelta(days=1)).replace(day=1)
        lines = self._lines(rng, customer, project, month)
        terms = customer.payment_terms_days or 14
        return Document(
            id=new_uuid(rng),
            kind=kind,
            status="finalized",
            customer=customer,
            project=project,
            issue_date=issue,
            service_from=month,
            service_to=lines[0].service_to,
            payment_terms_days=30 if kind == "quote" else terms,
            lines=lines,
            totals=calculate([_input(line) for line in lines]),
            clerk=rng.choice(self.clerks),
        )

    def _invoice(self, rng: random.Random, issue: date) -> Document:
        doc = self._document(rng, "invoice", issue, issue)
        doc.number = self._number("invoice", issue)
        doc.due_date = issue + timedelta(days=doc.payment_terms_days)
        age = (self.ctx.today - issue).days
        if age >= 10 and rng.random() < 0.012:
            doc.status, doc.sent = "cancelled", True
            doc.cancelled_on = issue + timedelta(days=7)
            return doc
        if age <= 2 and rng.random() < 0.5:
            return doc  # finalized, not sent yet
        doc.sent = True
        doc.payments = _payments(rng, doc, self.ctx.today)
        paid = doc.paid_amount
        total = doc.totals.gross_total
        doc.status = "paid" if paid == total else "partially_paid" if paid else "sent"
        return doc

    def _credit_note(self, rng: random.Random, invoice: Document) -> Document:
        assert invoice.cancelled_on is not None
        lines = [
            Line(
                id=new_uuid(rng),
                description=line.description,
                quantity=-line.quantity,
                unit_code=line.unit_code,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
                vat_category=line.vat_category,
                vat_rate=line.vat_rate,
                service_from=line.service_from,
                service_to=line.service_to,
                product=line.product,
            )
            for line in invoice.lines
        ]
        return Document(
            id=new_uuid(rng),
            kind="credit_note",
            status="finalized",
            customer=invoice.customer,
            project=invoice.project,
            issue_date=invoice.cancelled_on,
            service_from=invoice.service_from,
            service_to=invoice.service_to,
            payment_terms_days=0,
            lines=lines,
            totals=calculate([_input(line) for line in lines]),
            clerk=invoice.clerk,
            number=self._number("credit_note", invoice.cancelled_on),
            cancels=invoice.id,
        )

    def _quote(self, rng: random.Random, issue: date) -> Document:
        doc = self._document(rng, "quote", issue, issue + timedelta(days=31))
        doc.number = self._number("quote", issue)
        doc.due_date = issue + timedelta(days=30)
        doc.sent, doc.status = True, "sent"
        age = (self.ctx.today - issue).days
        roll = rng.random()
        if age > 30 and roll > 0.75:
            doc.status = "expired"
        elif roll < 0.45 or (age > 30 and roll < 0.5):
            doc.status = "accepted"
        elif roll < 0.7:
            doc.status = "declined"
        if doc.status in ("accepted", "declined"):
            doc.decided_on = min(issue + timedelta(days=rng.randint(2, 25)), self.ctx.today)
        return doc

    def _draft(self, rng: random.Random) -> Document:
        doc = self._document(rng, "invoice", None, self.ctx.today)
        doc.status = "draft"
        return doc


def _vat(customer: Customer) -> tuple[str, Decimal]:
    """§ 13b UStG reverse charge for EU businesses, export outside the EU, else 19 %."""
    if customer.country in ("AT", "NL") and customer.vat_id:
        return "reverse_charge", Decimal("0.00")
    if customer.country == "CH" and customer.vat_id:
        return "export", Decimal("0.00")
    return "standard", Decimal("19.00")


def _line(
    rng: random.Random,
    description: str,
    quantity: Decimal,
    unit: str,
    price: Decimal,
    category: str,
    rate: Decimal,
    product: int | None,
) -> Line:
    discount = rng.choice((Decimal(5), Decimal(10))) if rng.random() < 0.05 else None
    return Line(
        id=new_uuid(rng),
        description=description,
        quantity=quantity,
        unit_code=unit,
        unit_price=price,
        discount_percent=discount,
        vat_category=category,
        vat_rate=rate,
        service_from=None,
        service_to=None,
        product=product,
    )


def _input(line: Line) -> LineInput:
    return LineInput(
        quantity=line.quantity,
        unit_price=line.unit_price,
        vat_category=line.vat_category,
        vat_rate=line.vat_rate,
        discount_percent=line.discount_percent,
    )


def _payments(rng: random.Random, doc: Document, today: date) -> list[Payment]:
    """Most customers pay in full (some in instalments, some late); a few never pay.
    Only payments made by today are recorded."""
    assert doc.issue_date is not None
    terms = doc.payment_terms_days
    roll = rng.random()
    if roll < 0.6:
        delay = rng.randint(3, max(3, terms))
    elif roll < 0.9:
        delay = terms + rng.randint(1, 45)
    elif roll < 0.96:
        delay = terms + rng.randint(45, 150)
    else:
        delay = -1  # pays part at most, never the rest
    total = doc.totals.gross_total
    parts = 3 if rng.random() < 0.05 else 2 if rng.random() < 0.2 or delay < 0 else 1
    amounts: list[Decimal] = []
    rest = total
    for _ in range(parts - 1):
        share = (rest * Decimal(rng.randint(30, 60)) / 100).quantize(Decimal("0.01"))
        if Decimal("0.00") < share < rest:
            amounts.append(share)
            rest -= share
    amounts.append(rest)
    if delay < 0:
        amounts = amounts[:1] if len(amounts) > 1 and rng.random() < 0.5 else []
        delay = terms + rng.randint(10, 60)
    payments = []
    for position, amount in enumerate(amounts):
        paid_on = doc.issue_date + timedelta(days=max(1, delay * (position + 1) // len(amounts)))
        if paid_on > today:
            break
        payments.append(Payment(new_uuid(rng), amount, paid_on, rng.choice(METHODS)))
    return payments
