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
from workmate.core.inputs import Day, Instant
from workmate.projects.schemas import ProjectRef
from workmate.settings.schemas import Rate

TaskType = Literal["development", "design", "meeting", "consulting", "support", "travel", "other"]
EntryStatus = Literal["open", "submitted", "approved", "rejected"]
Source = Literal["manual", "timer", "grid"]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Comment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
WeekState = Literal["empty", "open", "submitted", "approved", "rejected", "partly_approved"]


class EntrySort(StrEnum):
    started_at = "started_at"
    started_at_desc = "-started_at"
    duration = "duration"
    duration_desc = "-duration"
    employee = "employee"
    employee_desc = "-employee"
    project = "project"
    project_desc = "-project"
    created_at = "created_at"
    created_at_desc = "-created_at"


def _after_start(value: datetime | None, info: ValidationInfo) -> datetime | None:
    start = info.data.get("started_at")
    if value is not None and start is not None and value <= start:
        raise invalid("end_not_after_start", "Must be after the start.", start=start)
    return value


class TimeEntryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project_id: uuid.UUID
    employee_id: uuid.UUID | None = Field(
        default=None, description="Defaults to the caller; others need time.write_all."
    )
    started_at: Instant
    ended_at: Instant = Field(description="Running entries are made with the timer.")
    description: Description | None = None
    task_type: TaskType = "other"
    billable: bool | None = Field(
        default=None, description="Default: true on time-and-materials projects, else false."
    )
    hourly_rate: Rate | None = Field(
        default=None, description="Rate override for this entry (needs time.write_all)."
    )

    _end = field_validator("ended_at")(_after_start)


class TimeEntryUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project_id: uuid.UUID | None = None
    started_at: Instant | None = None
    ended_at: Instant | None = None
    description: Description | None = None
    task_type: TaskType | None = None
    billable: bool | None = None
    hourly_rate: Rate | None = None

    _end = field_validator("ended_at")(_after_start)


class TimerStart(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project_id: uuid.UUID
    description: Description | None = None
    task_type: TaskType = "other"
    billable: bool | None = None
    stop_running: bool = Field(
        default=False, description="Stop a running timer in the same step instead of a 409."
    )


class TimeEntry(BaseModel):
    id: uuid.UUID
    employee_id: uuid.UUID
    employee: Ref
    project_id: uuid.UUID
    project: ProjectRef
    customer: Ref
    started_at: datetime
    ended_at: datetime | None
    time_zone: str = Field(description="IANA zone of the employee when the entry was made.")
    local_date: date = Field(description="Day of the start in the entry's time zone.")
    has_times: bool = Field(
        description="False for a day entry of the week grid: a duration on `local_date` without "
        "clock times (its started_at is the start of that day, ended_at that plus the duration)."
    )
    running: bool
    description: str | None
    task_type: TaskType
    billable: bool
    hourly_rate: Decimal | None = Field(description="Rate override of this entry, if any.")
    source: Source
    status: EntryStatus
    submitted_at: datetime | None
    reviewed_at: datetime | None
    review_comment: str | None
    invoiced_at: datetime | None
    invoice_id: uuid.UUID | None
    duration_minutes: int | None = Field(description="Recorded duration; null while running.")
    billable_minutes: int | None = Field(
        description="Rounded billable minutes (0 when not billable); null while running."
    )
    # Money (hourly_rate, rate, value) is null without projects.financials.
    rate: Decimal | None = Field(description="Resolved hourly rate.")
    value: Decimal | None = Field(description="billable_minutes x rate / 60, to the cent.")
    created_at: datetime
    updated_at: datetime


class Sums(BaseModel):
    entries: int
    minutes: int
    billable_minutes: int
    hours: Decimal
    billable_hours: Decimal
    value: Decimal | None


class TimeEntryPage(BaseModel):
    items: list[TimeEntry]
    total: int
    limit: int
    offset: int
    sums: Sums = Field(description="Over all entries matching the filter, not just this page.")


class WeekReview(BaseModel):
    model_config = ConfigDict(extra="forbid")
    employee_id: uuid.UUID
    comment: Comment | None = None


class WeekRejection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    employee_id: uuid.UUID
    comment: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class WeekCounts(BaseModel):
    open: int = 0
    submitted: int = 0
    approved: int = 0
    rejected: int = 0


class Week(BaseModel):
    employee_id: uuid.UUID
    week_start: date
    status: WeekState
    counts: WeekCounts
    minutes: int
    running: bool
    review_comment: str | None = Field(description="Latest reviewer comment in this week.")


class ReviewResult(BaseModel):
    changed: int = Field(description="Entries whose status changed.")
    week: Week


class PendingWeekSort(StrEnum):
    submitted_at = "submitted_at"
    submitted_at_desc = "-submitted_at"
    week_start = "week_start"
    week_start_desc = "-week_start"
    employee = "employee"
    employee_desc = "-employee"


class PendingWeek(BaseModel):
    employee: Ref
    week_start: date
    entries: int
    minutes: int
    billable_minutes: int
    submitted_at: datetime | None


class GridCell(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project_id: uuid.UUID
    date: Day
    minutes: Annotated[int, Field(ge=0, le=1440)] = Field(
        description="Total minutes this project should have on this day."
    )
    employee_id: uuid.UUID | None = None
    description: Description | None = None
    task_type: TaskType = "other"


class GridCellResult(BaseModel):
    project_id: uuid.UUID
    date: date
    minutes: int = Field(description="Total recorded minutes of the project on the day.")
    entry: TimeEntry | None = Field(description="The grid-made entry, if any.")


SummaryGroup = Literal["day", "week", "month"]
SummaryBy = Literal["project", "employee"]


class SummaryRow(BaseModel):
    period: date = Field(description="First day of the day/week/month in the entry's zone.")
    id: uuid.UUID
    label: str
    minutes: int
    billable_minutes: int
    value: Decimal | None


class Summary(BaseModel):
    group: SummaryGroup
    by: SummaryBy
    from_date: date
    to_date: date
    rows: list[SummaryRow]
    sums: Sums
