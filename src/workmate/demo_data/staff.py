"""Departments, employees (the user accounts), company settings and products."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import psycopg

from workmate.core.security import hash_password
from workmate.demo import DEMO_ADMIN_EMAIL, DEMO_PASSWORD
from workmate.demo_data.context import ZONE_NAME, Context, new_uuid, utc_at
from workmate.demo_data.names import FIRST_NAMES, LAST_NAMES, slug
from workmate.invoices.demo import LETTERHEAD, PRODUCTS

SEED = 20270101
DEPARTMENTS = (
    ("Geschäftsführung", "GF"),
    ("Buchhaltung", "FIN"),
    ("Entwicklung", "DEV"),
    ("Design", "DES"),
    ("Beratung", "BER"),
    ("Vertrieb", "VT"),
    ("Support", "SUP"),
    ("Marketing", "MKT"),
    ("Projektmanagement", "PM"),
    ("Infrastruktur", "OPS"),
)
# The project number pattern for the big data sets: 20,000 projects need more than 3 digits.
PROJECT_NUMBER_PATTERN = "P-{year}-{seq:5}"
EMPLOYMENT = ("full_time",) * 14 + ("part_time", "part_time", "working_student", "freelancer")


def _roles(count: int) -> list[str]:
    """Two admins, a few management and accounting people, about 1 in 8 leads projects."""
    management = max(1, count // 50)
    accounting = max(1, count // 40)
    leads = max(2, count // 8)
    roles = ["admin", "admin"] + ["management"] * management + ["accounting"] * accounting
    roles += ["project_lead"] * leads
    return roles + ["employee"] * (count - len(roles))


def _department(role: str, index: int, departments: int) -> int:
    if role in ("admin", "management"):
        return 0
    if role == "accounting":
        return 1
    return 2 + index % (departments - 2)


def load_staff(conn: psycopg.Connection, ctx: Context) -> int:
    """Insert departments and employees; fills the context's employee lists."""
    rng = random.Random(SEED)
    ctx.role_ids = dict(
        conn.execute("SELECT builtin_key, id FROM roles WHERE builtin_key IS NOT NULL")
    )
    departments = DEPARTMENTS[: ctx.counts.departments]
    ctx.department_ids = [new_uuid(rng) for _ in departments]
    conn.cursor().executemany(
        "INSERT INTO departments (id, name, code) VALUES (%s, %s, %s)",
        [(i, name, code) for i, (name, code) in zip(ctx.department_ids, departments, strict=True)],
    )
    ctx.password_hash = hash_password(DEMO_PASSWORD)  # once: Argon2id is slow by design
    emails: set[str] = set()
    rows = []
    for index, role in enumerate(_roles(ctx.counts.employees)):
        if index == 0:
            name, email = "Katrin Vogel", DEMO_ADMIN_EMAIL
        else:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            email = _unique(f"{slug(name).replace('-', '.')}@workmate-demo.de", emails)
        emails.add(email)
        dept = _department(role, index, len(departments))
        kind = "full_time" if role != "employee" else rng.choice(EMPLOYMENT)
        hired = ctx.first_day - timedelta(days=rng.randint(30, 2000))
        if index > 10 and rng.random() < 0.3:
            hired = ctx.first_day + timedelta(days=rng.randint(0, 365 * 3 - 60))
        left = None
        if role == "employee" and rng.random() < 0.04:
            left = ctx.today - timedelta(days=rng.randint(30, 600))
            left = max(left, hired + timedelta(days=90))
        employee_id = new_uuid(rng)
        ctx.employee_ids.append(employee_id)
        ctx.employee_roles.append(role)
        ctx.employee_departments.append(dept)
        ctx.employee_hired.append(hired)
        ctx.employee_left.append(left)
        ctx.employee_part_time.append(kind != "full_time")
        ctx.employee_names.append(name)
        created = utc_at(max(hired - timedelta(days=14), ctx.first_day - timedelta(days=2200)), 9)
        rows.append(
            (
                employee_id,
                f"MA-{index + 1:05d}",
                name,
                email,
                f"+49 30 1234567-{index + 10}",
                ctx.department_ids[dept],
                ctx.role_ids[role],
                kind,
                hired,
                left,
                left is None,
                ZONE_NAME,
                "en" if rng.random() < 0.08 else "de",
                ctx.password_hash,
                created,
                created,
                created,
            )
        )
    conn.cursor().executemany(
        "INSERT INTO employees (id, employee_number, name, email, phone, department_id, role_id,"
        " employment_type, hire_date, leave_date, active, time_zone, language, password_hash,"
        " password_changed_at, created_at, updated_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        rows,
    )
    conn.execute("SELECT setval('employee_number_seq', %s)", (len(rows),))
    _managers(conn, ctx)
    return len(rows)


def _unique(email: str, taken: set[str]) -> str:
    local, domain = email.split("@")
    candidate, number = email, 2
    while candidate in taken:
        candidate, number = f"{local}{number}@{domain}", number + 1
    return candidate


def _managers(conn: psycopg.Connection, ctx: Context) -> None:
    """Each department is led by its first lead (management for GF and FIN)."""
    managers: dict[int, int] = {}
    for index, (role, dept) in enumerate(
        zip(ctx.employee_roles, ctx.employee_departments, strict=True)
    ):
        wanted = "project_lead" if dept >= 2 else ("admin" if dept == 0 else "accounting")
        if role == wanted and dept not in managers:
            managers[dept] = index
    for dept, index in managers.items():
        conn.execute(
            "UPDATE departments SET manager_id = %s WHERE id = %s",
            (ctx.employee_ids[index], ctx.department_ids[dept]),
        )
    pairs = []
    for index, dept in enumerate(ctx.employee_departments):
        manager = managers.get(dept, 0)
        if manager != index:
            pairs.append((ctx.employee_ids[manager], ctx.employee_ids[index]))
    conn.cursor().executemany("UPDATE employees SET manager_id = %s WHERE id = %s", pairs)


def load_company(conn: psycopg.Connection, ctx: Context) -> int:
    """The letterhead, a wider project number pattern, and the product catalogue."""
    values = dict(LETTERHEAD, project_number_pattern=PROJECT_NUMBER_PATTERN)
    columns = ", ".join(values)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in values)
    placeholders = ", ".join(["%s"] * len(values))
    sql = (
        f"INSERT INTO company_settings (id, {columns}) VALUES (1, {placeholders})"  # noqa: S608
        f" ON CONFLICT (id) DO UPDATE SET {updates}"
    )
    conn.execute(sql.encode(), list(values.values()))
    rng = random.Random(SEED + 1)
    ctx.product_ids = [new_uuid(rng) for _ in PRODUCTS]
    conn.cursor().executemany(
        "INSERT INTO products (id, name, unit_code, unit_price) VALUES (%s, %s, %s, %s)",
        [
            (pid, name, unit, Decimal(price))
            for pid, (name, unit, price) in zip(ctx.product_ids, PRODUCTS, strict=True)
        ],
    )
    return len(PRODUCTS)


def seller_snapshot(contact_name: str | None) -> dict[str, object]:
    keys = [
        "street",
        "postcode",
        "city",
        "country",
        "vat_id",
        "tax_number",
        "email",
        "phone",
        "website",
        "register_court",
        "register_number",
        "managing_directors",
    ]
    data: dict[str, object] = {"name": LETTERHEAD["company_name"]}
    data.update({key: LETTERHEAD[key] for key in keys})
    data.update(
        contact_name=contact_name,
        small_business=False,
        bank_holder=LETTERHEAD["bank_holder"],
        iban=LETTERHEAD["iban"],
        bic=LETTERHEAD["bic"],
        bank_name=LETTERHEAD["bank_name"],
        logo_png=None,
    )
    return data


def working_days(start: date, end: date) -> list[date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days
