"""Sizes, seeds and shared helpers of the generated demo data set.

Everything is derived from fixed seeds and the load date, so the same size loaded on the same
day gives the same rows (ids included): relations are built from ids computed in Python, never
read back from the database.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

ZONE_NAME = "Europe/Berlin"
ZONE = ZoneInfo(ZONE_NAME)
YEARS = 3


@dataclass(frozen=True)
class Counts:
    customers: int
    contacts: int
    employees: int
    departments: int
    projects: int
    time_entries: int
    invoices: int
    lines_per_invoice: int
    payments: int
    documents: int


LARGE = Counts(
    customers=100_000,
    contacts=150_000,
    employees=200,
    departments=10,
    projects=20_000,
    time_entries=2_000_000,
    invoices=250_000,
    lines_per_invoice=5,
    payments=300_000,
    documents=100_000,
)
MEDIUM = Counts(
    customers=10_000,
    contacts=15_000,
    employees=50,
    departments=10,
    projects=2_000,
    time_entries=200_000,
    invoices=25_000,
    lines_per_invoice=5,
    payments=30_000,
    documents=10_000,
)
SIZES = {"medium": MEDIUM, "large": LARGE}


def scaled(factor: float) -> Counts:
    """``LARGE`` times ``factor`` (tests use about 0.002), with enough people to be plausible."""

    def part(value: int, minimum: int) -> int:
        return max(minimum, round(value * factor))

    return Counts(
        customers=part(LARGE.customers, 20),
        contacts=part(LARGE.contacts, 30),
        employees=part(LARGE.employees, 12),
        departments=10 if factor >= 0.2 else 5,
        projects=part(LARGE.projects, 10),
        time_entries=part(LARGE.time_entries, 200),
        invoices=part(LARGE.invoices, 40),
        lines_per_invoice=5,
        payments=part(LARGE.payments, 48),
        documents=part(LARGE.documents, 30),
    )


def counts_for(size: str | float) -> Counts:
    if isinstance(size, str):
        return SIZES[size]
    return scaled(size)


def new_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from ``rng`` (deterministic, unlike ``uuid.uuid4``)."""
    value = rng.getrandbits(128)
    value &= ~(0xC000 << 48)
    value |= 0x8000 << 48
    value &= ~(0xF000 << 64)
    value |= 4 << 76
    return uuid.UUID(int=value)


def entity_rng(seed: int, index: int) -> random.Random:
    """The generator of one entity, so a later pass can rebuild it without storing it."""
    return random.Random(seed * 1_000_003 + index)


@dataclass
class Context:
    counts: Counts
    today: date
    first_day: date = field(init=False)
    # Employees: id, role key, department index (filled by the staff step).
    employee_ids: list[uuid.UUID] = field(default_factory=list)
    employee_roles: list[str] = field(default_factory=list)
    employee_departments: list[int] = field(default_factory=list)
    employee_hired: list[date] = field(default_factory=list)
    employee_left: list[date | None] = field(default_factory=list)
    employee_part_time: list[bool] = field(default_factory=list)
    employee_names: list[str] = field(default_factory=list)
    department_ids: list[uuid.UUID] = field(default_factory=list)
    role_ids: dict[str, uuid.UUID] = field(default_factory=dict)
    password_hash: str = ""
    product_ids: list[uuid.UUID] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.first_day = self.today - timedelta(days=365 * YEARS)

    @property
    def admin_id(self) -> uuid.UUID:
        return self.employee_ids[0]

    def staff_with(self, *roles: str) -> list[int]:
        return [i for i, role in enumerate(self.employee_roles) if role in roles]


def utc_at(day: date, hour: int, minute: int = 0) -> datetime:
    """Local wall-clock time in Berlin on ``day`` as an aware UTC datetime."""
    return datetime.combine(day, time(hour, minute), ZONE).astimezone(UTC)


def day_offsets(first: date, last: date) -> dict[date, timedelta]:
    """Berlin's UTC offset per day (DST), looked up once instead of per time entry."""
    offsets = {}
    day = first
    while day <= last:
        offset = datetime.combine(day, time(12), ZONE).utcoffset()
        assert offset is not None
        offsets[day] = offset
        day += timedelta(days=1)
    return offsets
