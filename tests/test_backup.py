"""`workmate backup` and `workmate restore` round-trip the database and every file: after a
restore into an empty database and an empty storage folder, every row and every file's
checksum are the same."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.documents.helpers import sample_pdf, sample_png, uploaded
from tests.factories import logged_in_as, make_customer
from tests.invoices.helpers import finalized, invoiceable_customer, setup_company
from workmate.core import embedded
from workmate.core.database_url import libpq_url, with_database
from workmate.storage import LocalStorage

TABLES = ("employees", "customers", "invoices", "documents", "document_versions",
          "document_links", "stored_files", "audit_log", "roles")  # fmt: skip


def _cli(args: list[str], url: str, storage: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "WORKMATE_DATABASE_URL": url,
        "WORKMATE_STORAGE_DIR": str(storage),
        "WORKMATE_ENV": "development",
        "COLUMNS": "200",
    }
    return subprocess.run(
        [sys.executable, "-m", "workmate.cli", *args],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip


def _snapshot(url: str) -> dict[str, list[tuple[object, ...]]]:
    with psycopg.connect(libpq_url(url)) as conn:
        return {
            table: sorted(
                conn.execute(f"SELECT * FROM {table}").fetchall(),
                key=repr,
            )
            for table in TABLES
        }


def _checksums(root: Path) -> dict[str, str]:
    files = [p for p in root.rglob("*") if p.is_file() and ".staging" not in p.parts]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture
def restore_url(server_url: str, worker_id: str) -> Iterator[str]:
    name = f"workmate_restore_{worker_id}"
    embedded.drop_database(server_url, name)
    embedded.create_database(server_url, name)
    yield with_database(server_url, name)
    embedded.drop_database(server_url, name)


async def test_backup_and_restore_round_trip(
    client: AsyncClient,
    session: AsyncSession,
    database_url: str,
    restore_url: str,
    file_storage: LocalStorage,
    tmp_path: Path,
    run_jobs,
) -> None:  # type: ignore[no-untyped-def]
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    other = await make_customer(session)
    await session.commit()
    invoice = await finalized(client, customer.id)
    assert (await client.get(f"/api/v1/invoices/{invoice['id']}/pdf")).status_code == 200
    contract = await uploaded(
        client, sample_pdf("Rahmenvertrag", "Laufzeit 2026"), "Rahmenvertrag.pdf",
        links=[f"customer:{customer.id}", f"invoice:{invoice['id']}"],
    )  # fmt: skip
    await uploaded(client, sample_png(3), "Foto Übergabe.png", links=[f"customer:{other.id}"])
    await run_jobs()  # texts and thumbnails (more files)
    before_rows = _snapshot(database_url)
    used = {sha for (sha, *_rest) in before_rows["stored_files"]}
    before_files = {
        sha: digest for sha, digest in _checksums(file_storage.root).items() if sha in used
    }
    assert len(before_files) >= 6  # invoice PDF and XML, 2 documents, 2 thumbnails

    archive = tmp_path / "backup.tar"
    made = _cli(["backup", "--output", str(archive)], database_url, file_storage.root)
    assert made.returncode == 0, made.stderr
    assert "Backup written" in made.stderr
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[:2] == ["manifest.json", "database.dump"]
    assert sorted(n.removeprefix("files/") for n in names[2:]) == sorted(used)

    restored_storage = tmp_path / "restored-files"
    done = _cli(["restore", str(archive)], restore_url, restored_storage)
    assert done.returncode == 0, done.stderr
    assert _snapshot(restore_url) == before_rows
    assert _checksums(restored_storage) == before_files
    assert all(sha == digest for sha, digest in before_files.items())

    # Restoring over data needs --force; a damaged archive member is reported, not stored.
    again = _cli(["restore", str(archive)], restore_url, restored_storage)
    assert again.returncode == 1 and "not empty" in again.stderr
    damaged = tmp_path / "damaged.tar"
    data = archive.read_bytes()
    position = data.index(b"Rahmenvertrag", data.index(b"files/"))
    damaged.write_bytes(data[:position] + b"Rahmenvertrog" + data[position + 13 :])
    broken = _cli(["restore", "--force", str(damaged)], restore_url, tmp_path / "third")
    assert broken.returncode == 1
    assert f"Damaged file (checksum differs): {contract['sha256']}" in broken.stderr.replace(
        "\n", ""
    )


def test_restore_refuses_what_is_no_backup(restore_url: str, tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar"
    with tarfile.open(junk, "w") as tar:
        tar.add(__file__, arcname="something.py")
    result = _cli(["restore", str(junk)], restore_url, tmp_path / "files")
    assert result.returncode == 1
    assert "not a Workmate backup" in result.stderr
