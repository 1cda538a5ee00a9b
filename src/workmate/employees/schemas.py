from __future__ import annotations

import uuid
from datetime import date, datetime
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

from workmate.auth.schemas import Language, Password, Ref, RoleRef, Theme, check_time_zone
from workmate.core.errors import invalid
from workmate.core.fields import Email
from workmate.core.inputs import Day

EmploymentType = Literal[
    "full_time", "part_time", "working_student", "intern", "freelancer", "mini_job"
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)]


class EmployeeSort(StrEnum):
    name = "name"
    name_desc = "-name"
    email = "email"
    email_desc = "-email"
    employee_number = "employee_number"
    employee_number_desc = "-employee_number"
    hire_date = "hire_date"
    hire_date_desc = "-hire_date"
    created_at = "created_at"
    created_at_desc = "-created_at"


class _Dates(BaseModel):
    hire_date: Day | None = None
    leave_date: Day | None = None

    @field_validator("leave_date")
    @classmethod
    def _leave_after_hire(cls, value: date | None, info: ValidationInfo) -> date | None:
        hired = info.data.get("hire_date")
        if value is not None and hired is not None and value < hired:
            raise invalid("date_before_start", "Must not be before the hire date.", start=hired)
        return value


class EmployeeCreate(_Dates):
    model_config = ConfigDict(extra="forbid")
    name: Name
    email: Email
    password: Password | None = Field(
        default=None, description="Without a password the employee cannot sign in yet."
    )
    phone: Phone | None = None
    department_id: uuid.UUID | None = None
    role_id: uuid.UUID
    manager_id: uuid.UUID | None = None
    employment_type: EmploymentType = "full_time"
    time_zone: Annotated[str, Field(max_length=64)] = "Europe/Berlin"
    language: Language = "de"
    theme: Theme = "system"

    _tz = field_validator("time_zone")(check_time_zone)


class EmployeeUpdate(_Dates):
    model_config = ConfigDict(extra="forbid")
    name: Name | None = None
    email: Email | None = None
    phone: Phone | None = None
    department_id: uuid.UUID | None = None
    role_id: uuid.UUID | None = None
    manager_id: uuid.UUID | None = None
    employment_type: EmploymentType | None = None
    time_zone: Annotated[str, Field(max_length=64)] | None = None
    language: Language | None = None
    theme: Theme | None = None

    _tz = field_validator("time_zone")(check_time_zone)


class PasswordReset(BaseModel):
    new_password: Password


class EmployeeSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    employee_number: str
    name: str
    email: str
    phone: str | None
    department: Ref | None
    role: RoleRef
    employment_type: EmploymentType
    active: bool
    hire_date: date | None


class Employee(EmployeeSummary):
    department_id: uuid.UUID | None
    role_id: uuid.UUID
    manager_id: uuid.UUID | None
    manager: Ref | None
    leave_date: date | None
    time_zone: str
    language: Language
    theme: Theme
    can_sign_in: bool
    created_at: datetime
    updated_at: datetime
