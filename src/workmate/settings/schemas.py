from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from stdnum import bic, iban
from stdnum.exceptions import ValidationError

from workmate.core.errors import invalid
from workmate.core.fields import Email
from workmate.customers import validation
from workmate.numbering.service import InvalidPattern, validate_pattern

RoundingMode = Literal["none", "up", "nearest", "down"]
RoundingMinutes = Literal[1, 5, 6, 10, 15, 30]
Pattern = Annotated[str, Field(min_length=1, max_length=40)]
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Rate = Annotated[Decimal, Field(ge=0, le=Decimal("99999.99"), max_digits=12, decimal_places=2)]


def _pattern(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return validate_pattern(value)
    except InvalidPattern as exc:
        raise invalid(exc.code, str(exc)) from exc


class CompanySettings(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    default_hourly_rate: Decimal | None = Field(description="Null without projects.financials.")
    default_payment_terms_days: int
    time_rounding_mode: RoundingMode
    time_rounding_minutes: RoundingMinutes
    customer_number_pattern: str
    project_number_pattern: str
    invoice_number_pattern: str
    credit_note_number_pattern: str
    quote_number_pattern: str
    company_name: str | None
    street: str | None
    postcode: str | None
    city: str | None
    country: str
    vat_id: str | None
    tax_number: str | None
    register_court: str | None
    register_number: str | None
    managing_directors: str | None
    email: str | None
    phone: str | None
    website: str | None
    bank_holder: str | None
    iban: str | None
    bic: str | None
    bank_name: str | None
    has_logo: bool = False
    small_business: bool
    default_vat_rate: Decimal
    skonto_percent: Decimal | None
    skonto_days: int | None
    quote_validity_days: int
    invoice_intro_text: str | None
    invoice_closing_text: str | None
    max_time_entry_hours: int = Field(description="The longest one time entry may be.")
    allow_self_approval: bool

    @model_validator(mode="before")
    @classmethod
    def _logo(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            logo = getattr(data, "logo_png", None)
            data = {name: getattr(data, name, None) for name in cls.model_fields}
            data["has_logo"] = logo is not None
        return data


class CompanySettingsUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    default_hourly_rate: Rate | None = None
    default_payment_terms_days: Annotated[int, Field(ge=0, le=365)] | None = None
    time_rounding_mode: RoundingMode | None = None
    time_rounding_minutes: RoundingMinutes | None = None
    customer_number_pattern: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    project_number_pattern: Annotated[str, Field(min_length=1, max_length=40)] | None = None

    invoice_number_pattern: Pattern | None = None
    credit_note_number_pattern: Pattern | None = None
    quote_number_pattern: Pattern | None = None
    company_name: Text200 | None = None
    street: Text200 | None = None
    postcode: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] | None = None
    city: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    vat_id: Annotated[str, Field(max_length=30)] | None = None
    tax_number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=30)] | None = (
        None
    )
    register_court: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None
    ) = None
    register_number: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None
    ) = None
    managing_directors: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None
    ) = None
    email: Email | None = None
    phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)] | None = None
    website: Text200 | None = None
    bank_holder: Text200 | None = None
    iban: Annotated[str, Field(max_length=42)] | None = None
    bic: Annotated[str, Field(max_length=11)] | None = None
    bank_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = (
        None
    )
    small_business: bool | None = None
    default_vat_rate: Annotated[Decimal, Field(gt=0, lt=100, decimal_places=2)] | None = None
    skonto_percent: Annotated[Decimal, Field(gt=0, lt=100, decimal_places=2)] | None = None
    skonto_days: Annotated[int, Field(ge=0, le=365)] | None = None
    quote_validity_days: Annotated[int, Field(ge=1, le=365)] | None = None
    invoice_intro_text: Annotated[str, StringConstraints(max_length=5_000)] | None = None
    invoice_closing_text: Annotated[str, StringConstraints(max_length=5_000)] | None = None
    max_time_entry_hours: Annotated[int, Field(ge=1, le=168)] | None = None
    allow_self_approval: bool | None = Field(
        default=None, description="Whether people may approve their own week (default: no)."
    )

    _patterns = field_validator(
        "customer_number_pattern",
        "project_number_pattern",
        "invoice_number_pattern",
        "credit_note_number_pattern",
        "quote_number_pattern",
    )(_pattern)

    @field_validator("vat_id")
    @classmethod
    def _vat_id(cls, value: str | None) -> str | None:
        return validation.vat_id(value) if value else value

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str | None) -> str | None:
        if not value:
            return value
        try:
            return iban.validate(value)
        except ValidationError as exc:
            raise invalid("invalid_iban", "This is not a valid IBAN.") from exc

    @field_validator("bic")
    @classmethod
    def _bic(cls, value: str | None) -> str | None:
        if not value:
            return value
        try:
            return bic.validate(value)
        except ValidationError as exc:
            raise invalid("invalid_bic", "This is not a valid BIC.") from exc
