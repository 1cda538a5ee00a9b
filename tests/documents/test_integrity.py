"""The integrity check re-hashes every stored file: a tampered, a missing and an orphaned file
are reported, as audit events and in the documents' history."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.documents.helpers import URL, sample_pdf, uploaded
from tests.factories import logged_in_as
from workmate.jobs.queue import load_task_modules, queue
from workmate.models import AuditEntry
from workmate.storage import LocalStorage, configure_storage, sha256_hex

OLD = 1_600_000_000  # 2020: older than any grace period


@pytest.fixture
def own_storage(tmp_path: Path, file_storage: LocalStorage) -> Iterator[LocalStorage]:
    storage = LocalStorage(tmp_path / "files")
    configure_storage(storage)
    yield storage
    configure_storage(file_storage)


async def test_a_tampered_file_is_reported(
    client: AsyncClient, session: AsyncSession, run_jobs, own_storage: LocalStorage
) -> None:  # type: ignore[no-untyped-def]
    await logged_in_as(client, session, "admin")
    tampered = await uploaded(client, sample_pdf("Vertrag", "Betrag: 1.000 EUR"), "vertrag.pdf")
    missing = await uploaded(client, sample_pdf("Quittung"), "quittung.pdf")
    intact = await uploaded(client, sample_pdf("Intakt"), "intakt.pdf")
    await run_jobs()  # text and thumbnails: more files to check

    path = own_storage.path(tampered["sha256"])
    path.write_bytes(path.read_bytes().replace(b"1.000", b"9.000"))
    own_storage.path(missing["sha256"]).unlink()
    orphan = b"left behind by a rolled-back upload"
    orphan_path = own_storage.path(sha256_hex(orphan))
    orphan_path.parent.mkdir(parents=True, exist_ok=True)
    orphan_path.write_bytes(orphan)
    os.utime(orphan_path, (OLD, OLD))
    young = b"an upload still in its transaction"
    young_path = own_storage.path(sha256_hex(young))
    young_path.parent.mkdir(parents=True, exist_ok=True)
    young_path.write_bytes(young)

    started = await client.post(f"{URL}/integrity-checks")
    assert started.status_code == 202, started.text
    assert started.json()["status"] == "queued"
    await run_jobs()
    report = (await client.get(f"{URL}/integrity-checks/latest")).json()
    assert report["status"] == "succeeded"
    assert report["mismatched"] == [tampered["sha256"]]
    assert report["missing"] == [missing["sha256"]]
    assert report["orphaned"] == [sha256_hex(orphan)]
    assert report["checked"] >= 6  # three files, their thumbnails

    actions = (
        await session.execute(
            select(AuditEntry.action, AuditEntry.entity_type, AuditEntry.changes).where(
                AuditEntry.action.like("file_%")
            )
        )
    ).all()
    by_store = {(a, c["sha256"]) for a, t, c in actions if t == "file_storage"}
    assert by_store == {
        ("file_mismatch", tampered["sha256"]),
        ("file_missing", missing["sha256"]),
        ("file_orphan", sha256_hex(orphan)),
    }
    history = (await client.get(f"{URL}/{tampered['id']}/history")).json()
    assert history[0]["action"] == "file_mismatch"
    assert history[0]["changes"]["found_sha256"] != tampered["sha256"]
    assert [h["action"] for h in (await client.get(f"{URL}/{intact['id']}/history")).json()] == [
        "uploaded"
    ]
    # The damaged file is not served as if it were the document.
    gone = await client.get(f"{URL}/{missing['id']}/content")
    assert gone.status_code == 409 and gone.json()["code"] == "file_missing"


async def test_only_administrators_run_it(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "management")
    assert (await client.post(f"{URL}/integrity-checks")).status_code == 403
    await logged_in_as(client, session, "admin")
    none_yet = await client.get(f"{URL}/integrity-checks/latest")
    assert none_yet.status_code == 404 and none_yet.json()["code"] == "no_integrity_check"


def test_the_check_is_scheduled_daily() -> None:
    load_task_modules()
    scheduled = [
        p
        for p in queue.periodic_registry.periodic_tasks.values()
        if p.task.name == "documents.scheduled_integrity_check"
    ]
    assert len(scheduled) == 1
    assert scheduled[0].cron == "30 3 * * *"


async def test_the_scheduled_run_reports_like_the_manual_one(
    client: AsyncClient,
    session: AsyncSession,
    database_url: str,
    database,
    own_storage: LocalStorage,
) -> None:  # type: ignore[no-untyped-def]
    from workmate.documents.tasks import scheduled_integrity_check
    from workmate.jobs import context

    await logged_in_as(client, session, "admin")
    document = await uploaded(client, sample_pdf("Nachts"), "nachts.pdf")
    own_storage.path(document["sha256"]).write_bytes(b"changed at night")
    context.configure(database)
    try:
        await scheduled_integrity_check(timestamp=1_767_000_000)
    finally:
        await context.reset()
    report = (await client.get(f"{URL}/integrity-checks/latest")).json()
    assert report["mismatched"] == [document["sha256"]]
