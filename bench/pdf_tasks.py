"""The benchmark's job: the product's render job plus the e-invoice validation, per invoice.

Loaded by `workmate worker` through ``WORKMATE_EXTRA_TASK_MODULES=bench.pdf_tasks``. It renders
and stores the PDF/A-3 with the embedded XML exactly as ``render_invoice_documents`` does, then
validates the CII XML (XSD + EN 16931 schematron), and appends its timing to a JSON-lines file.
"""

from __future__ import annotations

import json
import os
import time
import uuid

import anyio

from workmate.invoices import rendering, service
from workmate.invoices.einvoice import build_xml, validate
from workmate.jobs import context
from workmate.jobs.queue import task
from workmate.storage.service import store

TASK_NAME = "bench.render_and_validate"
# Before the product's own jobs that may wait in the same queue (finalize enqueues renders).
PRIORITY = 100


@task(name=TASK_NAME, priority=PRIORITY)
async def render_and_validate(invoice_id: str, log_path: str) -> None:
    started = time.perf_counter()
    async with context.transaction() as session:
        invoice = await service.get(session, uuid.UUID(invoice_id), for_update=True)
        if invoice.xml_sha is None:
            # Generated data may lack the stored e-invoice that finalizing writes: write it the
            # same way, so the PDF embeds it as in the product.
            generated = build_xml(await rendering.snapshot_document(session, invoice))
            invoice.xml_sha = (await store(session, generated, rendering.XML)).sha256
            await session.flush()
        invoice = await rendering.render_and_store(session, invoice.id)
        xml = await rendering.stored_xml(session, invoice)
        assert xml is not None
        rendered_s = time.perf_counter() - started
    findings = await anyio.to_thread.run_sync(validate, xml)
    record = {
        "id": invoice_id,
        "pid": os.getpid(),
        "ms": round((time.perf_counter() - started) * 1000, 2),
        "render_ms": round(rendered_s * 1000, 2),
        "errors": sum(1 for f in findings if f.severity == "error"),
        "status": invoice.render_status,
    }
    # One short line per write with O_APPEND: lines of concurrent jobs do not interleave.
    async with await anyio.open_file(log_path, "a", encoding="utf-8") as out:
        await out.write(json.dumps(record) + "\n")
