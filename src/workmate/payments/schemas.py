from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from workmate.core.inputs import Day
from workmate.invoices.schemas import Payment as Payment

PaymentMethod = Literal["bank_transfer", "sepa_direct_debit", "card", "paypal", "cash", "other"]
PositiveAmount = Annotated[
    Decimal, Field(gt=0, le=Decimal("999999999999.99"), max_digits=14, decimal_places=2)
]
Reference = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Note = Annotated[str, StringConstraints(max_length=2_000)]


class PaymentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount: PositiveAmount
    paid_on: Day
    method: PaymentMethod = "bank_transfer"
    reference: Reference | None = None
    note: Note | None = None


class PaymentCreateFor(PaymentCreate):
    invoice_id: uuid.UUID


class PaymentUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount: PositiveAmount | None = None
    paid_on: Day | None = None
    method: PaymentMethod | None = None
    reference: Reference | None = None
    note: Note | None = None


class PaymentListItem(Payment):
    invoice_number: str | None
    customer_name: str
