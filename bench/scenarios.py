"""The endpoints under test: what each request looks like, its class and which session sends it.

Builders are plain functions of the setup context (JSON values found by ``bench.setup``) and a
sequence number that is unique across all slots and driver processes of one endpoint's run.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

from bench.http import Credentials, Request
from bench.stats import Kind

API = "/api/v1"
Ctx = dict[str, Any]


@dataclass(frozen=True)
class Endpoint:
    name: str
    kind: Kind
    label: str
    build: Callable[[Ctx, int, int], list[Request]]
    sessions: str = "admin"  # ctx key: "admin" (one shared session) or a list of sessions
    count_mode: bool = False  # a fixed number of requests (each consumes a prepared record)
    fixed_count: int | None = None  # count mode without prepared records: this many requests
    max_concurrency: int | None = None  # fewer in flight (10 MB uploads)

    def credentials(self, ctx: Ctx, slot: int) -> Credentials:
        found = ctx[self.sessions]
        one = found[slot % len(found)] if isinstance(found, list) else found
        return Credentials(cookie=one["cookie"], csrf=one["csrf"])


def _get(path: str, **params: Any) -> list[Request]:
    query = urlencode(params, doseq=True, quote_via=quote)
    return [Request("GET", f"{API}{path}" + (f"?{query}" if query else ""))]


def _post(path: str, body: dict[str, Any] | None = None) -> list[Request]:
    data = json.dumps(body).encode() if body is not None else None
    return [Request("POST", f"{API}{path}", data)]


def _pick(ctx: Ctx, key: str, seq: int) -> str:
    values: list[str] = ctx[key]
    return values[seq % len(values)]


def time_entry(ctx: Ctx, seq: int, slot: int) -> list[Request]:
    """1-minute entries in 2-minute slots far in the past: unique per sequence, never overlap."""
    start = datetime.fromisoformat(ctx["entry_base"]) + timedelta(minutes=2 * seq)
    body = {
        "project_id": ctx["entry_project_id"],
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=1)).isoformat(),
        "description": "bench",
    }
    return _post("/time-entries", body)


def timer_pair(ctx: Ctx, seq: int, slot: int) -> list[Request]:
    # Every slot signs in as its own employee (a timer is per person), with a project of theirs.
    sessions = ctx["timer_sessions"]
    project = sessions[slot % len(sessions)]["project_id"]
    start = _post("/time-entries/timer/start", {"project_id": project, "stop_running": True})
    return start + _post("/time-entries/timer/stop")


def payment(ctx: Ctx, seq: int, slot: int) -> list[Request]:
    invoice = _pick(ctx, "open_invoice_ids", seq)
    body = {"amount": "0.01", "paid_on": ctx["today"], "reference": f"bench {seq}"}
    return _post(f"/invoices/{invoice}/payments", body)


UPLOAD_MB = 10
UPLOAD_BOUNDARY = "workmate-bench-boundary"


@functools.cache
def _upload_body(megabytes: int) -> bytes:
    """A PDF padded with a comment to the size (the server checks the type from the start)."""
    head = b"%PDF-1.4\n"
    return head + b"%" + b"x" * (megabytes * 1_000_000 - len(head) - 2) + b"\n"


def multipart_file(name: str, data: bytes, fields: dict[str, str] | None = None) -> bytes:
    parts = [
        f'--{UPLOAD_BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
        for key, value in (fields or {}).items()
    ]
    head = (
        f'--{UPLOAD_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{name}"\r\nContent-Type: application/pdf\r\n\r\n'
    )
    return (
        "".join(parts).encode() + head.encode() + data + f"\r\n--{UPLOAD_BOUNDARY}--\r\n".encode()
    )


def upload(ctx: Ctx, seq: int, slot: int, megabytes: int = UPLOAD_MB) -> list[Request]:
    """A new 10 MB document each time (a unique first line: the same bytes would be answered
    as a duplicate), linked to a customer."""
    base = _upload_body(megabytes)
    unique = f"%bench {ctx['run']} {seq}\n".encode()
    data = base[:9] + unique + base[9 + len(unique) :]
    customer = _pick(ctx, "customer_ids", seq)
    body = multipart_file(f"bench-{seq}.pdf", data, {"links": f"customer:{customer}"})
    return [
        Request(
            "POST", f"{API}/documents", body, f"multipart/form-data; boundary={UPLOAD_BOUNDARY}"
        )
    ]


def _endpoints() -> list[Endpoint]:
    e = Endpoint
    return [
        e("health", "baseline", "GET /health", lambda c, s, _: _get("/health")),
        e(
            "customer_search",
            "list",
            "GET /customers?q=<fragment>",
            lambda c, s, _: _get("/customers", q=c["search_q"], limit=50),
        ),
        e(
            "customer_detail",
            "detail",
            "GET /customers/{id}",
            lambda c, s, _: _get(f"/customers/{_pick(c, 'customer_ids', s)}"),
        ),
        e(
            "customer_contacts",
            "detail",
            "GET /customers/{id}/contacts",
            lambda c, s, _: _get(f"/customers/{_pick(c, 'customer_ids', s)}/contacts"),
        ),
        e(
            "customer_timeline",
            "list",
            "GET /customers/{id}/timeline",
            lambda c, s, _: _get(f"/customers/{_pick(c, 'customer_ids', s)}/timeline", limit=50),
        ),
        e(
            "project_list",
            "list",
            "GET /projects?customer_id&status",
            lambda c, s, _: _get(
                "/projects", customer_id=_pick(c, "customer_ids", s), status=c["project_statuses"]
            ),
        ),
        e(
            "project_stats",
            "stats",
            "GET /projects/{id}/stats",
            lambda c, s, _: _get(f"/projects/{_pick(c, 'project_ids', s)}/stats"),
        ),
        e(
            "time_entries_month",
            "list",
            "GET /time-entries?employee_id&from&to (month, sums)",
            lambda c, s, _: _get(
                "/time-entries",
                employee_id=c["employee_id"],
                **{"from": c["month_from"]},
                to=c["month_to"],
                limit=50,
            ),
        ),
        e(
            "week_grid",
            "list",
            "GET /time-entries/summary (week grid)",
            lambda c, s, _: _get(
                "/time-entries/summary",
                group="day",
                by="project",
                employee_id=c["employee_id"],
                **{"from": c["week_from"]},
                to=c["week_to"],
            ),
        ),
        e(
            "invoice_list_overdue",
            "list",
            "GET /invoices?status=overdue",
            lambda c, s, _: _get("/invoices", status="overdue", limit=50),
        ),
        e(
            "invoice_list_customer",
            "list",
            "GET /invoices?customer_id",
            lambda c, s, _: _get("/invoices", customer_id=_pick(c, "customer_ids", s), limit=50),
        ),
        e(
            "invoice_detail",
            "detail",
            "GET /invoices/{id} (lines, payments)",
            lambda c, s, _: _get(f"/invoices/{_pick(c, 'invoice_ids', s)}"),
        ),
        e("invoice_stats", "stats", "GET /invoices/stats", lambda c, s, _: _get("/invoices/stats")),
        e("crm_stats", "stats", "GET /customers/stats", lambda c, s, _: _get("/customers/stats")),
        e("time_entry_create", "write", "POST /time-entries", time_entry),
        e(
            "timer_start_stop",
            "write",
            "POST /timer/start, /timer/stop (each)",
            timer_pair,
            sessions="timer_sessions",
        ),
        e("payment_create", "write", "POST /invoices/{id}/payments", payment),
        e(
            "invoice_finalize",
            "finalize",
            "POST /invoices/{id}/finalize (draft)",
            lambda c, s, _: _post(f"/invoices/{c['draft_ids'][s]}/finalize"),
            count_mode=True,
        ),
        e(
            "document_list_customer",
            "list",
            "GET /documents?record_type=customer&record_id",
            lambda c, s, _: _get(
                "/documents",
                record_type="customer",
                record_id=_pick(c, "document_customer_ids", s),
                limit=50,
            ),
        ),
        e(
            "document_search",
            "list",
            "GET /documents?q=<word> (full text, ranked, snippets)",
            lambda c, s, _: _get("/documents", q=_pick(c, "document_words", s), limit=50),
        ),
        e(
            "document_upload",
            "upload",
            f"POST /documents ({UPLOAD_MB} MB file, multipart)",
            upload,
            count_mode=True,
            fixed_count=24,
            max_concurrency=2,
        ),
        e(
            "invoice_pdf",
            "finalize",
            "GET /invoices/{id}/pdf (rendered)",
            lambda c, s, _: _get(f"/invoices/{_pick(c, 'pdf_invoice_ids', s)}/pdf"),
        ),
    ]


ENDPOINTS: dict[str, Endpoint] = {e.name: e for e in _endpoints()}
