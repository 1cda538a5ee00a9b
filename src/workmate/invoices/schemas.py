from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from workmate.auth.schemas import Ref
from workmate.core.errors import Params, invalid
from workmate.core.inputs import Day

DocumentKind = Literal["invoice", "credit_note", "quote"]
DocumentStatus = Literal[
    "draft",
    "finalized",
    "sent",
    "partially_paid",
    "paid",
    "cancelled",
    "accepted",
    "declined",
    "expired",
]
StatusFilter = Literal[DocumentStatus, "overdue", "open"]
UnitCode = Literal["HUR", "DAY", "H87", "MON", "KMT", "LS"]
VatCategory = Literal[
    "standard", "zero", "exempt", "reverse_charge", "intra_eu", "export", "small_business"
]
Grouping = Literal["task_type", "employee", "month", "entry"]
Language = Literal["de", "en"]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
LongText = Annotated[str, StringConstraints(max_length=5_000)]
LineText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)]
Quantity = Annotated[
    Decimal, Field(ge=Decimal("-99999999"), le=Decimal("99999999"), decimal_places=4)
]
UnitPrice = Annotated[
    Decimal, Field(ge=Decimal("-9999999999"), le=Decimal("9999999999"), decimal_places=4)
]
Percent = Annotated[Decimal, Field(gt=0, le=100, decimal_places=2)]
VatRate = Annotated[Decimal, Field(ge=0, lt=100, decimal_places=2)]
SkontoPercent = Annotated[Decimal, Field(gt=0, lt=100, decimal_places=2)]
Days = Annotated[int, Field(ge=0, le=365)]


class InvoiceSort(StrEnum):
    number = "number"
    number_desc = "-number"
    issue_date = "issue_date"
    issue_date_desc = "-issue_date"
    due_date = "due_date"
    due_date_desc = "-due_date"
    customer = "customer"
    customer_desc = "-customer"
    gross_total = "gross_total"
    gross_total_desc = "-gross_total"
    status = "status"
    status_desc = "-status"
    created_at = "created_at"
    created_at_desc = "-created_at"


def _period_end(value: date | None, info: ValidationInfo) -> date | None:
    """The end of a period (``service_to``, ``date_to``) is not before its start."""
    start = info.data.get("service_from", info.data.get("date_from"))
    if value is not None and start is not None and value < start:
        raise invalid("date_before_start", "Must not be before the start.", start=start)
    return value


class LineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: LineText
    quantity: Quantity = Decimal(1)
    unit_code: UnitCode = "HUR"
    unit_price: UnitPrice
    discount_percent: Percent | None = None
    vat_category: VatCategory | None = Field(
        default=None, description="Default: the company's (standard, or small_business for §19)."
    )
    vat_rate: VatRate | None = Field(default=None, description="Default: the company rate (19).")
    service_from: Day | None = None
    service_to: Annotated[Day | None, AfterValidator(_period_end)] = None
    product_id: uuid.UUID | None = None


class LineUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: LineText | None = None
    quantity: Quantity | None = None
    unit_code: UnitCode | None = None
    unit_price: UnitPrice | None = None
    discount_percent: Percent | None = None
    vat_category: VatCategory | None = None
    vat_rate: VatRate | None = None
    service_from: Day | None = None
    service_to: Day | None = None
    position: Annotated[int, Field(ge=1, le=10_000)] | None = Field(
        default=None, description="Move the line to this position; the others renumber."
    )


class LineOrder(BaseModel):
    model_config = ConfigDict(extra="forbid")
    line_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=2_000)]


class Line(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    position: int
    description: str
    quantity: Decimal
    unit_code: str
    unit_price: Decimal
    discount_percent: Decimal | None
    vat_category: str
    vat_rate: Decimal
    service_from: date | None
    service_to: date | None
    gross_amount: Decimal
    discount_amount: Decimal
    net_amount: Decimal
    product_id: uuid.UUID | None
    time_entry_count: int = 0


class _Header(BaseModel):
    project_id: uuid.UUID | None = None
    contact_id: uuid.UUID | None = None
    issue_date: Day | None = Field(default=None, description="Default: the day of finalizing.")
    service_date: Day | None = None
    service_from: Day | None = None
    service_to: Annotated[Day | None, AfterValidator(_period_end)] = None
    payment_terms_days: Days | None = Field(
        default=None, description="Default: the customer's, else the company's terms."
    )
    skonto_percent: SkontoPercent | None = None
    skonto_days: Days | None = None
    currency: Currency | None = None
    language: Language | None = Field(default=None, description="Default: the customer's.")
    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    intro_text: LongText | None = None
    closing_text: LongText | None = None
    buyer_reference: ShortText | None = Field(
        default=None, description="BT-10; the Leitweg-ID for public authorities."
    )
    order_reference: ShortText | None = Field(default=None, description="Purchase order (BT-13)")
    internal_note: LongText | None = None
    with_timesheet: bool | None = None


class InvoiceCreate(_Header):
    model_config = ConfigDict(extra="forbid")
    kind: DocumentKind = "invoice"
    customer_id: uuid.UUID
    lines: Annotated[list[LineIn], Field(max_length=500)] = []


class InvoiceUpdate(_Header):
    model_config = ConfigDict(extra="forbid")
    customer_id: uuid.UUID | None = None


class VatGroupOut(BaseModel):
    category: str
    rate: Decimal
    taxable_amount: Decimal
    tax_amount: Decimal


class InvoiceSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    kind: DocumentKind
    status: DocumentStatus
    number: str | None
    customer: Ref
    project_id: uuid.UUID | None
    issue_date: date | None
    due_date: date | None
    currency: str
    net_total: Decimal
    gross_total: Decimal
    paid_amount: Decimal
    outstanding: Decimal
    overdue: bool
    days_overdue: int
    created_at: datetime


class Payment(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    invoice_id: uuid.UUID
    amount: Decimal
    skonto_amount: Decimal
    paid_on: date
    method: str
    reference: str | None
    note: str | None
    created_at: datetime


class SkontoOffer(BaseModel):
    percent: Decimal
    days: int
    until: date
    amount: Decimal
    payable: Decimal = Field(description="Gross total less the discount.")
    remaining: Decimal = Field(description="What is left to pay now to settle with the discount.")
    available: bool = Field(description="Today is inside the discount window and it is still open.")


class Invoice(InvoiceSummary):
    contact_id: uuid.UUID | None
    project: Ref | None
    service_date: date | None
    service_from: date | None
    service_to: date | None
    payment_terms_days: int
    skonto_percent: Decimal | None
    skonto_days: int | None
    skonto: SkontoOffer | None
    skonto_granted: Decimal
    language: Language
    title: str | None
    intro_text: str | None
    closing_text: str | None
    buyer_reference: str | None
    order_reference: str | None
    internal_note: str | None
    with_timesheet: bool
    vat_total: Decimal
    vat_breakdown: list[VatGroupOut]
    lines: list[Line]
    payments: list[Payment]
    cancels_invoice: Ref | None = Field(description="Credit notes: the invoice it cancels.")
    refund_amount: Decimal = Field(
        description="Credit notes: what had been paid on the cancelled invoice (owed back)."
    )
    cancelled_by: Ref | None = Field(description="The credit note that cancelled this document.")
    quote_id: uuid.UUID | None
    converted_invoice: Ref | None = Field(description="Quotes: the invoice made from it.")
    einvoice_format: str | None
    render_status: str
    seller: dict[str, Any] | None
    buyer: dict[str, Any] | None
    finalized_at: datetime | None
    sent_at: datetime | None
    paid_at: date | None
    cancelled_at: datetime | None
    updated_at: datetime
    legal_notes: list[str]
    allowed_actions: list[str] = Field(
        description="Transitions the current state allows: finalize, mark_sent, cancel, ..."
    )


class ListTotals(BaseModel):
    count: int
    net_total: Decimal
    gross_total: Decimal
    paid_amount: Decimal
    outstanding: Decimal


class InvoicePage(BaseModel):
    items: list[InvoiceSummary]
    total: int
    limit: int
    offset: int
    totals: ListTotals


class Finding(BaseModel):
    code: str = Field(
        description="Our code; `einvoice_rule` for a rule of the e-invoice standard (the rule "
        "id, e.g. BR-CO-15, in params.rule and its official text in params.text)"
    )
    field: str | None = Field(description="The field to fix, e.g. lines[2].service_from")
    message: str
    params: Params = {}
    source: Literal["workmate", "xsd", "schematron"]
    severity: Literal["error", "warning"] = "error"


class ValidationReport(BaseModel):
    ok: bool
    findings: list[Finding]


class FromTimeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project_id: uuid.UUID | None = None
    customer_id: uuid.UUID | None = Field(
        default=None, description="All projects of this customer (when no project is given)."
    )
    date_from: Day | None = Field(
        default=None, description="First day (company zone); none: all unbilled time up to date_to."
    )
    date_to: Annotated[Day, AfterValidator(_period_end)]
    grouping: Grouping = "task_type"
    with_timesheet: bool = False

    @model_validator(mode="after")
    def _scope(self) -> FromTimeRequest:
        if self.project_id is None and self.customer_id is None:
            raise invalid("project_or_customer_required", "Give a project_id or a customer_id.")
        return self


class TimePreviewLine(BaseModel):
    description: str
    quantity: Decimal
    unit_price: Decimal
    net_amount: Decimal
    service_from: date
    service_to: date
    entry_count: int


class TimePreview(BaseModel):
    customer: Ref
    entry_count: int
    hours: Decimal
    net_total: Decimal
    lines: list[TimePreviewLine]


class BulkRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=1_000)]


class BulkItemResult(BaseModel):
    id: uuid.UUID
    number: str | None
    ok: bool
    code: str | None = None
    message: str | None = None


class BulkResult(BaseModel):
    succeeded: int
    failed: int
    results: list[BulkItemResult]


class JobAccepted(BaseModel):
    job_id: uuid.UUID
    status_url: str


class QuoteDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["accepted", "declined", "expired"]


BackdateReason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=500)
]


class FinalizeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    backdate_reason: BackdateReason | None = Field(
        default=None,
        description="Why the issue date is before the newest document of the number range "
        "(otherwise 422 issue_date_out_of_order); written to the audit log.",
    )


class CancelRequest(FinalizeRequest):
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None
    issue_date: Day | None = None


class AuditEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    occurred_at: datetime
    actor_id: uuid.UUID | None
    actor_name: str | None
    entity_type: str
    entity_id: uuid.UUID
    action: str
    changes: dict[str, Any]


class MonthRevenue(BaseModel):
    month: str = Field(description="YYYY-MM in the company time zone")
    net: Decimal
    gross: Decimal


class StatusBucket(BaseModel):
    status: str
    count: int
    gross_total: Decimal


class TopCustomer(BaseModel):
    customer: Ref
    net: Decimal


class InvoiceStats(BaseModel):
    currency: str
    revenue_by_month: list[MonthRevenue]
    revenue_net_12m: Decimal
    revenue_gross_12m: Decimal
    open_receivables: Decimal
    open_count: int
    overdue_count: int
    overdue_amount: Decimal
    average_days_to_payment: Decimal | None
    top_customers: list[TopCustomer]
    by_status: list[StatusBucket]
    drafts: int
