"""Setting up a run through the API, like a client: sign in, find ids, prepare drafts.

Nothing here is measured. The result is a JSON context the request builders read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

API = "/api/v1"
ADMIN_EMAIL = "admin@workmate-demo.de"
DEMO_PASSWORD = "workmate-demo"
# Frequent German surname fragments; the one with most customer hits is searched.
SEARCH_FRAGMENTS = ["müller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner"]
OPEN_PROJECT_STATUSES = ["planned", "active", "on_hold"]


def login(base_url: str, email: str, password: str = DEMO_PASSWORD) -> dict[str, str] | None:
    """A session of ``email``: the cookies and the CSRF token (None if refused)."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        response = client.post(f"{API}/auth/login", json={"email": email, "password": password})
        if response.status_code != 200:
            return None
        cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
        return {"cookie": cookie, "csrf": response.json()["csrf_token"], "email": email}


class Api:
    def __init__(self, base_url: str, session: dict[str, str]) -> None:
        self.client = httpx.Client(
            base_url=base_url + API,
            timeout=120,
            headers={"Cookie": session["cookie"], "X-CSRF-Token": session["csrf"]},
        )

    def get(self, path: str, **params: Any) -> Any:
        response = self.client.get(path, params=params)
        response.raise_for_status()
        return response.json()

    def post(self, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        return self.client.post(path, json=body)


def prepare(base_url: str, *, drafts: int, timer_sessions: int) -> dict[str, Any]:
    admin = login(base_url, ADMIN_EMAIL)
    if admin is None:
        raise SystemExit(f"Cannot sign in as {ADMIN_EMAIL}: is the demo data loaded?")
    api = Api(base_url, admin)
    me = api.get("/auth/me")
    customers = _customers(api)
    ctx: dict[str, Any] = {
        "admin": admin,
        "today": date.today().isoformat(),
        "search_q": _search_fragment(api),
        "customer_ids": customers,
        "project_statuses": OPEN_PROJECT_STATUSES,
        "project_ids": _projects(api, customers),
        "invoice_ids": _invoices(api, customers),
        "open_invoice_ids": _open_invoices(api),
        "pdf_invoice_ids": _rendered_invoices(api),
    }
    ctx["run"] = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    ctx["document_customer_ids"] = _document_customers(api, customers)
    ctx["document_words"] = _document_words(api, ctx["search_q"])
    ctx.update(_employee_month(api))
    ctx.update(_entry_slots(api, me["id"]))
    ctx["timer_sessions"] = _timer_sessions(base_url, api, me["id"], timer_sessions)
    ctx["draft_ids"] = _drafts(api, customers[0], drafts) if drafts else []
    return ctx


def _document_customers(api: Api, customers: list[str]) -> list[str]:
    """The customers (of the biggest ones) with most documents: their Documents tab."""
    counts = {
        c: api.get("/documents", record_type="customer", record_id=c, limit=1)["total"]
        for c in customers
    }
    ranked = sorted((c for c in customers if counts[c]), key=lambda c: -counts[c])
    return ranked[:20] or customers[:1]


# Words people search documents for: a customer's name (the surname fragment with most
# customers), a kind of document, a word inside the text.
DOCUMENT_WORDS = ["wartungsvertrag", "lieferschein", "protokoll"]


def _document_words(api: Api, surname: str) -> list[str]:
    words = [w for w in [surname, *DOCUMENT_WORDS] if api.get("/documents", q=w, limit=1)["total"]]
    return words or [surname]


def _search_fragment(api: Api) -> str:
    hits = {q: api.get("/customers", q=q, limit=1)["total"] for q in SEARCH_FRAGMENTS}
    best = max(hits, key=lambda q: hits[q])
    if hits[best]:
        return best
    return str(api.get("/customers", limit=1)["items"][0]["name"])[:4].lower()


def _customers(api: Api) -> list[str]:
    """The customers with most revenue (and so most invoices, projects and events)."""
    top = [c["id"] for c in api.get("/customers/stats")["top_by_revenue"]][:10]
    return top or [c["id"] for c in api.get("/customers", limit=10)["items"]]


def _projects(api: Api, customers: list[str]) -> list[str]:
    found: list[dict[str, Any]] = []
    for customer in customers:
        found += api.get("/projects", customer_id=customer, limit=50)["items"]
    found.sort(key=lambda p: p["logged_minutes"] or 0, reverse=True)
    return [p["id"] for p in found[:20]] or [p["id"] for p in api.get("/projects")["items"][:20]]


def _invoices(api: Api, customers: list[str]) -> list[str]:
    ids: list[str] = []
    for customer in customers[:5]:
        ids += [i["id"] for i in api.get("/invoices", customer_id=customer, limit=20)["items"]]
    return ids


def _open_invoices(api: Api) -> list[str]:
    """Open invoices with enough outstanding for many 0.01 payments: the longest due, spread
    over many customers. (The newest open invoices were the benchmark's own finalized drafts of
    the top customer, whose timeline then grew by one payment event per request, run after run:
    40,880 events after ~20 runs on one data dir.)"""
    items = api.get("/invoices", status="open", sort="due_date", limit=200)["items"]
    return [i["id"] for i in items if Decimal(i["outstanding"]) >= 100] or ["missing"]


def _rendered_invoices(api: Api) -> list[str]:
    """Finalized invoices whose PDF exists; the first download renders a missing one."""
    items = api.get("/invoices", status="paid", kind="invoice", limit=20)["items"]
    ids = [i["id"] for i in items]
    for invoice_id in ids:
        api.client.get(f"/invoices/{invoice_id}/pdf").raise_for_status()
    return ids


def _employee_month(api: Api) -> dict[str, Any]:
    """The employee with most time in the last full month (else this month), and a week of it."""
    today = date.today()
    first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    for start in (first, today.replace(day=1)):
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        rows = api.get(
            "/time-entries/summary",
            group="month",
            by="employee",
            to=end.isoformat(),
            **{"from": start.isoformat()},
        )["rows"]
        if rows:
            best = max(rows, key=lambda r: r["minutes"])
            monday = start + timedelta(days=7 - start.weekday())
            return {
                "employee_id": best["id"],
                "month_from": start.isoformat(),
                "month_to": end.isoformat(),
                "week_from": monday.isoformat(),
                "week_to": (monday + timedelta(days=6)).isoformat(),
            }
    raise SystemExit("No time entries in the last two months: load the demo data first.")


def _entry_slots(api: Api, admin_id: str) -> dict[str, Any]:
    """Where the admin's bench entries go: after the last one before 2000 (never overlapping)."""
    before = api.get("/time-entries", employee_id=admin_id, to="1999-12-31", limit=1)["items"]
    base = datetime(1990, 1, 1, tzinfo=UTC)
    if before:
        base = datetime.fromisoformat(before[0]["ended_at"]) + timedelta(minutes=2)
    project = api.get("/projects", status="active", limit=1)["items"][0]["id"]
    return {"entry_base": base.isoformat(), "entry_project_id": project}


def _timer_sessions(base_url: str, api: Api, admin_id: str, wanted: int) -> list[dict[str, str]]:
    """Signed-in employees (demo password) who can start and stop a timer on one of their
    projects: one per concurrent slot, as a timer belongs to one person."""
    sessions: list[dict[str, str]] = []
    refused = 0
    for employee in api.get("/employees", limit=200)["items"]:
        if len(sessions) >= wanted or refused >= 3:  # stay clear of the login throttle
            break
        if employee["id"] == admin_id or not employee["active"]:
            continue
        projects = api.get("/projects", member_id=employee["id"], status="active", limit=1)
        if not projects["items"]:
            continue
        session = login(base_url, employee["email"])
        if session is None:
            refused += 1
            continue
        probe = Api(base_url, session)
        body = {"project_id": projects["items"][0]["id"], "stop_running": True}
        started = probe.post("/time-entries/timer/start", body).status_code == 201
        if started and probe.post("/time-entries/timer/stop").status_code == 200:
            sessions.append({**session, "project_id": projects["items"][0]["id"]})
    if not sessions:
        raise SystemExit("No employee could start a timer (demo password, project membership).")
    return sessions


def _drafts(api: Api, customer_id: str, count: int) -> list[str]:
    """Draft invoices of five lines for last month, ready to finalize (§ 14 UStG complete)."""
    end = date.today().replace(day=1) - timedelta(days=1)
    period = {"service_from": end.replace(day=1).isoformat(), "service_to": end.isoformat()}
    lines = [
        {"description": f"Consulting, work package {n}", "quantity": str(n), "unit_price": "95.00"}
        | period
        for n in range(1, 6)
    ]
    ids = []
    for _ in range(count):
        response = api.post("/invoices", {"customer_id": customer_id, "lines": lines})
        response.raise_for_status()
        ids.append(response.json()["id"])
    return ids
