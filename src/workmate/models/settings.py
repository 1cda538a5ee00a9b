from __future__ import annotations

from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from workmate.models.base import Base, Timestamps

ROUNDING_MODES = ("none", "up", "nearest", "down")
ROUNDING_MINUTES = (1, 5, 6, 10, 15, 30)


class CompanySettings(Timestamps, Base):
    """The one row of company-wide settings (id is always 1)."""

    __tablename__ = "company_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(
            "time_rounding_mode IN ('none','up','nearest','down')", name="rounding_mode"
        ),
        CheckConstraint("time_rounding_minutes IN (1,5,6,10,15,30)", name="rounding_minutes"),
        CheckConstraint("default_hourly_rate >= 0", name="rate_not_negative"),
        CheckConstraint("default_payment_terms_days BETWEEN 0 AND 365", name="payment_terms"),
        CheckConstraint(
            "skonto_percent IS NULL OR (skonto_percent > 0 AND skonto_percent < 100 "
            "AND skonto_days IS NOT NULL AND skonto_days >= 0)",
            name="skonto",
        ),
        CheckConstraint("quote_validity_days BETWEEN 1 AND 365", name="quote_validity"),
        CheckConstraint("max_time_entry_hours BETWEEN 1 AND 168", name="max_time_entry_hours"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, server_default=text("1"))
    default_hourly_rate: Mapped[Decimal] = mapped_column(Numeric(12, 2), server_default="0")
    default_payment_terms_days: Mapped[int] = mapped_column(Integer, server_default="14")
    time_rounding_mode: Mapped[str] = mapped_column(String(10), server_default="none")
    time_rounding_minutes: Mapped[int] = mapped_column(Integer, server_default="15")
    customer_number_pattern: Mapped[str] = mapped_column(String(40), server_default="K-{seq:5}")
    project_number_pattern: Mapped[str] = mapped_column(
        String(40), server_default="P-{year}-{seq:3}"
    )
    invoice_number_pattern: Mapped[str] = mapped_column(
        String(40), server_default="RE-{year}-{seq:5}"
    )
    credit_note_number_pattern: Mapped[str] = mapped_column(
        String(40), server_default="GS-{year}-{seq:5}"
    )
    quote_number_pattern: Mapped[str] = mapped_column(
        String(40), server_default="AN-{year}-{seq:5}"
    )
    # The seller on every document (letterhead, footer, e-invoice BG-4).
    company_name: Mapped[str | None] = mapped_column(String(200))
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2), server_default="DE")
    vat_id: Mapped[str | None] = mapped_column(String(20))
    tax_number: Mapped[str | None] = mapped_column(String(30))
    register_court: Mapped[str | None] = mapped_column(String(100))
    register_number: Mapped[str | None] = mapped_column(String(40))
    managing_directors: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    website: Mapped[str | None] = mapped_column(String(200))
    bank_holder: Mapped[str | None] = mapped_column(String(200))
    iban: Mapped[str | None] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    bank_name: Mapped[str | None] = mapped_column(String(100))
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    # § 19 UStG: documents show no VAT and carry the small-business note.
    small_business: Mapped[bool] = mapped_column(server_default=text("false"))
    default_vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default="19")
    skonto_percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    skonto_days: Mapped[int | None] = mapped_column(Integer)
    quote_validity_days: Mapped[int] = mapped_column(Integer, server_default="30")
    invoice_intro_text: Mapped[str | None] = mapped_column(Text)
    invoice_closing_text: Mapped[str | None] = mapped_column(Text)
    # The longest one time entry may be (a forgotten timer, a typo in the year).
    max_time_entry_hours: Mapped[int] = mapped_column(Integer, server_default="24")
    # Approving one's own week: off (four eyes); a company of one turns it on.
    allow_self_approval: Mapped[bool] = mapped_column(server_default=text("false"))


class NumberRange(Base):
    """A counter per number range and period ('customer', 'project:2026', 'invoice:2026').

    Numbers are drawn with ``UPDATE ... RETURNING`` inside the caller's transaction: the row
    stays locked until commit, so concurrent draws queue up and a rollback returns the number.
    """

    __tablename__ = "number_ranges"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    next_value: Mapped[int] = mapped_column(BigInteger, server_default="1")
