from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, Integer, Numeric, String, text
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


class NumberRange(Base):
    """A counter per number range and period ('customer', 'project:2026', 'invoice:2026').

    Numbers are drawn with ``UPDATE ... RETURNING`` inside the caller's transaction: the row
    stays locked until commit, so concurrent draws queue up and a rollback returns the number.
    """

    __tablename__ = "number_ranges"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    next_value: Mapped[int] = mapped_column(BigInteger, server_default="1")
