from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from workmate.auth.schemas import Ref
from workmate.core.errors import invalid
from workmate.core.inputs import Day
from workmate.settings.schemas import Rate, RoundingMinutes, RoundingMode

ProjectStatus = Literal["planned", "active", "on_hold", "completed", "cancelled"]
InitialStatus = Literal["planned", "active"]
Priority = Literal["low", "normal", "high", "urgent"]
BillingType = Literal["time_and_materials", "fixed_price"]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(max_length=20_000)]
Hours = Annotated[Decimal, Field(ge=0, le=Decimal("99999999.99"), max_digits=10, decimal_places=2)]
Amount = Annotated[
    Decimal, Field(ge=0, le=Decimal("999999999999.99"), max_digits=14, decimal_places=2)
]


class ProjectSort(StrEnum):
    number = "number"
    number_desc = "-number"
    title_asc = "title"
    title_desc = "-title"
    customer = "customer"
    customer_desc = "-customer"
    status = "status"
    status_desc = "-status"
    priority = "priority"
    priority_desc = "-priority"
    start_date = "start_date"
    start_date_desc = "-start_date"
    end_date = "end_date"
    end_date_desc = "-end_date"
    deadline = "deadline"
    deadline_desc = "-deadline"
    created_at = "created_at"
    created_at_desc = "-created_at"


class MemberIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    employee_id: uuid.UUID
    hourly_rate: Rate | None = Field(
        default=None, description="This member's rate on this project; null: project rate."
    )


class MemberUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    hourly_rate: Rate | None = None


class MemberList(BaseModel):
    model_config = ConfigDict(extra="forbid")
    members: Annotated[list[MemberIn], Field(max_length=500)]


class Member(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    employee_id: uuid.UUID
    employee: Ref
    hourly_rate: Decimal | None


def _not_before_start(value: date | None, info: ValidationInfo) -> date | None:
    start = info.data.get("start_date")
    if value is not None and start is not None and value < start:
        raise invalid("date_before_start", "Must not be before the start date.", start=start)
    return value


class _Rounding(BaseModel):
    rounding_mode: RoundingMode | None = Field(
        default=None, description="Override of the company rounding rule; null: company rule."
    )
    rounding_minutes: RoundingMinutes | None = Field(
        default=None, description="Step for up/nearest/down; required with those modes."
    )


class ProjectCreate(_Rounding):
    model_config = ConfigDict(extra="forbid")
    title: Title
    customer_id: uuid.UUID
    department_id: uuid.UUID | None = None
    lead_id: uuid.UUID | None = Field(default=None, description="Defaults to the creating user.")
    members: Annotated[list[MemberIn], Field(max_length=500)] = []
    status: InitialStatus = "planned"
    priority: Priority = "normal"
    start_date: Day | None = None
    end_date: Day | None = None
    deadline: Day | None = None
    billing_type: BillingType = "time_and_materials"
    hourly_rate: Rate | None = None
    budget_hours: Hours | None = None
    budget_amount: Amount | None = None
    description: Description | None = None

    _end = field_validator("end_date", "deadline")(_not_before_start)


class ProjectUpdate(_Rounding):
    model_config = ConfigDict(extra="forbid")
    title: Title | None = None
    customer_id: uuid.UUID | None = None
    department_id: uuid.UUID | None = None
    lead_id: uuid.UUID | None = None
    priority: Priority | None = None
    start_date: Day | None = None
    end_date: Day | None = None
    deadline: Day | None = None
    billing_type: BillingType | None = None
    hourly_rate: Rate | None = None
    budget_hours: Hours | None = None
    budget_amount: Amount | None = None
    description: Description | None = None

    _end = field_validator("end_date", "deadline")(_not_before_start)


class StatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: ProjectStatus
    comment: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = None


class ProjectRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    number: str
    title: str


class ProjectSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    number: str
    title: str
    customer: Ref
    lead: Ref | None
    department: Ref | None
    status: ProjectStatus
    priority: Priority
    start_date: date | None
    end_date: date | None
    deadline: date | None
    billing_type: BillingType
    budget_hours: Decimal | None
    budget_amount: Decimal | None
    logged_minutes: int = Field(description="Recorded minutes of finished entries.")
    created_at: datetime


class Project(ProjectSummary):
    customer_id: uuid.UUID
    department_id: uuid.UUID | None
    lead_id: uuid.UUID | None
    hourly_rate: Decimal | None
    description: str | None
    rounding_mode: RoundingMode | None
    rounding_minutes: RoundingMinutes | None
    members: list[Member]
    status_changed_at: datetime | None
    updated_at: datetime
    can_edit: bool = Field(description="Whether the caller may edit, change status and members.")
    allowed_transitions: list[ProjectStatus]


# Money fields are null without projects.financials (see projects.service.sees_money).
class Breakdown(BaseModel):
    minutes: int
    billable_minutes: int
    value: Decimal | None = Field(description="Billable value at resolved rates.")
    work_value: Decimal | None = Field(description="All recorded time at resolved rates.")


class MemberStats(Breakdown):
    employee: Ref


class MonthStats(Breakdown):
    month: date = Field(description="First day of the month, in the company time zone.")


class ProjectStats(BaseModel):
    project_id: uuid.UUID
    minutes: int = Field(description="All finished entries, recorded minutes.")
    billable_minutes: int = Field(description="Billable minutes after rounding.")
    not_invoiced_minutes: int = Field(description="Billable minutes not yet invoiced.")
    hours: Decimal
    billable_hours: Decimal
    not_invoiced_hours: Decimal
    value: Decimal | None = Field(description="Billable value at resolved rates.")
    not_invoiced_value: Decimal | None
    work_value: Decimal | None = Field(description="All recorded time at resolved rates.")
    running_entries: int
    budget_hours: Decimal | None
    budget_amount: Decimal | None
    budget_hours_used_percent: Decimal | None = Field(description="hours / budget_hours x 100")
    budget_amount_used_percent: Decimal | None = Field(
        description="work_value / budget_amount x 100"
    )
    by_member: list[MemberStats] = Field(
        description="Every member for the lead and those who see all projects or all time; "
        "otherwise only the caller's own share."
    )
    by_month: list[MonthStats]
