from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from workmate.numbering.service import InvalidPattern, validate_pattern

RoundingMode = Literal["none", "up", "nearest", "down"]
RoundingMinutes = Literal[1, 5, 6, 10, 15, 30]
Rate = Annotated[Decimal, Field(ge=0, le=Decimal("99999.99"), max_digits=12, decimal_places=2)]


def _pattern(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return validate_pattern(value)
    except InvalidPattern as exc:
        raise ValueError(str(exc)) from exc


class CompanySettings(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    default_hourly_rate: Decimal
    default_payment_terms_days: int
    time_rounding_mode: RoundingMode
    time_rounding_minutes: RoundingMinutes
    customer_number_pattern: str
    project_number_pattern: str


class CompanySettingsUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    default_hourly_rate: Rate | None = None
    default_payment_terms_days: Annotated[int, Field(ge=0, le=365)] | None = None
    time_rounding_mode: RoundingMode | None = None
    time_rounding_minutes: RoundingMinutes | None = None
    customer_number_pattern: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    project_number_pattern: Annotated[str, Field(min_length=1, max_length=40)] | None = None

    _patterns = field_validator("customer_number_pattern", "project_number_pattern")(_pattern)
