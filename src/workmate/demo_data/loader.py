"""Load a generated data set in one transaction, then ANALYZE (see the package docstring)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date

import psycopg

from workmate.core.database_url import libpq_url
from workmate.demo_data import billing, crm, documents, work
from workmate.demo_data.billing_plan import Planner
from workmate.demo_data.context import Context, counts_for
from workmate.demo_data.copy import NoProgress, Progress, Timings, copy_rows, restore, set_aside
from workmate.demo_data.staff import load_company, load_staff
from workmate.storage import Storage, get_storage

# Tables filled by COPY: their indexes and constraints are set aside during the load.
BULK_TABLES = (
    "customers",
    "contacts",
    "activities",
    "projects",
    "project_members",
    "invoices",
    "invoice_lines",
    "payments",
    "time_entries",
    "stored_files",
    "documents",
    "document_versions",
    "document_links",
)
CHECKED_TABLES = ("employees", *BULK_TABLES)


class DemoDataExists(Exception):
    """The database already holds data; demo data goes only into an empty one."""


STATS_TRIGGERS = ("invoices", "customers")


def load(
    url: str,
    size: str | float,
    *,
    progress: Progress | None = None,
    today: date | None = None,
    storage: Storage | None = None,
) -> Timings:
    """Write the data set of ``size`` ('medium', 'large', or a fraction of large); document
    files go to ``storage`` (default: the configured one)."""
    ctx = Context(counts_for(size), today=today or date.today())
    shown = progress or NoProgress()
    timings = Timings()
    with psycopg.connect(libpq_url(url)) as conn:
        _refuse_data(conn)
        conn.execute("SET LOCAL synchronous_commit = off")
        _step(timings, "employees", lambda: load_staff(conn, ctx))
        _step(timings, "company settings, products", lambda: load_company(conn, ctx))
        started = time.perf_counter()
        saved = set_aside(conn, BULK_TABLES)
        conn.execute(f"TRUNCATE {', '.join(BULK_TABLES)}")
        timings.add("set indexes aside", 0, time.perf_counter() - started)
        # Row triggers that maintain the statistics would add a delta per row; they are off
        # during the load and the aggregates are rebuilt once at the end (same transaction).
        for table in STATS_TRIGGERS:
            conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_stats")
        _copy_all(conn, ctx, shown, timings)
        _copy_documents(conn, ctx, storage or get_storage(), shown, timings)
        restore(conn, saved, timings, shown)
        started = time.perf_counter()
        for table in STATS_TRIGGERS:
            conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_stats")
        conn.execute("SELECT workmate_rebuild_stats()")
        timings.add("statistics", 0, time.perf_counter() - started)
    started = time.perf_counter()
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        # VACUUM also sets the visibility map, so covering indexes answer without heap visits.
        conn.execute("VACUUM (ANALYZE)")
    timings.add("vacuum analyze", 0, time.perf_counter() - started)
    return timings


def _refuse_data(conn: psycopg.Connection) -> None:
    for table in CHECKED_TABLES:
        sql = f"SELECT EXISTS (SELECT 1 FROM {table})"  # noqa: S608 - fixed table names
        row = conn.execute(sql.encode()).fetchone()
        if row and row[0]:
            raise DemoDataExists(f"The database already has {table}; demo data was not loaded.")


def _step(timings: Timings, name: str, work_: Callable[[], int]) -> None:
    started = time.perf_counter()
    rows = work_()
    timings.add(name, rows, time.perf_counter() - started)


def _copy_all(conn: psycopg.Connection, ctx: Context, progress: Progress, timings: Timings) -> None:
    counts = ctx.counts
    projects = work.make_projects(ctx)
    planner = Planner(ctx, projects)
    rows = billing.Rows(ctx, planner)
    documents = counts.invoices + counts.invoices // 20
    plan: list[tuple[str, Sequence[str], Iterable[Sequence[object]], int]] = [
        ("customers", crm.CUSTOMER_COLUMNS, crm.customer_rows(ctx), counts.customers),
        ("contacts", crm.CONTACT_COLUMNS, crm.contact_rows(ctx), counts.contacts),
        ("activities", crm.ACTIVITY_COLUMNS, crm.activity_rows(ctx), counts.customers * 2),
        ("projects", work.PROJECT_COLUMNS, work.project_rows(ctx, projects), counts.projects),
        (
            "project_members",
            work.MEMBER_COLUMNS,
            work.member_rows(ctx, projects),
            counts.projects * 4,
        ),
        (
            "time_entries",
            work.ENTRY_COLUMNS,
            work.entry_rows(ctx, projects),
            counts.time_entries,
        ),
        ("invoices", billing.INVOICE_COLUMNS, rows.invoices(), documents),
        (
            "invoice_lines",
            billing.LINE_COLUMNS,
            rows.lines(),
            documents * counts.lines_per_invoice,
        ),
        ("payments", billing.PAYMENT_COLUMNS, rows.payments(), counts.payments),
    ]
    for table, columns, generated, expected in plan:
        started = time.perf_counter()
        written = copy_rows(
            conn, table, columns, generated, progress=progress, total=expected, freeze=True
        )
        timings.add(table, written, time.perf_counter() - started)
    _number_ranges(conn, ctx, projects, planner)


def _copy_documents(
    conn: psycopg.Connection, ctx: Context, storage: Storage, progress: Progress, timings: Timings
) -> None:
    started = time.perf_counter()
    generated = documents.generate(ctx, documents.targets(conn), storage, progress)
    timings.add("document files", len(generated.documents), time.perf_counter() - started)
    categories = documents.categories(conn)
    count = len(generated.documents)
    plan: list[tuple[str, Sequence[str], Iterable[Sequence[object]], int]] = [
        ("stored_files", documents.FILE_COLUMNS, documents.file_rows(ctx, generated), count),
        (
            "documents",
            documents.DOCUMENT_COLUMNS,
            documents.document_rows(generated, categories),
            count,
        ),
        ("document_versions", documents.VERSION_COLUMNS, documents.version_rows(generated), count),
        ("document_links", documents.LINK_COLUMNS, documents.link_rows(generated), count * 2),
    ]
    for table, columns, rows, expected in plan:
        started = time.perf_counter()
        written = copy_rows(
            conn, table, columns, rows, progress=progress, total=expected, freeze=True
        )
        timings.add(table, written, time.perf_counter() - started)


def _number_ranges(
    conn: psycopg.Connection, ctx: Context, projects: Sequence[work.Project], planner: Planner
) -> None:
    """Continue every sequence after the generated numbers."""
    ranges = {"customer": ctx.counts.customers + 1}
    ranges.update(work.next_project_numbers(projects))
    ranges.update(planner.next_numbers)
    conn.cursor().executemany(
        "INSERT INTO number_ranges (key, next_value) VALUES (%s, %s)"
        " ON CONFLICT (key) DO UPDATE SET next_value = EXCLUDED.next_value",
        sorted(ranges.items()),
    )
