"""The S3 backend against a real S3-compatible server on loopback (moto's standalone server,
which speaks the S3 HTTP protocol), not a mocked client; and documents stored through it."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import boto3
import pytest
from httpx import AsyncClient
from moto.server import ThreadedMotoServer
from sqlalchemy.ext.asyncio import AsyncSession

from tests.documents.helpers import URL, sample_pdf, uploaded
from tests.factories import logged_in_as
from workmate.config import Settings
from workmate.storage import LocalStorage, configure_storage, purge, store_stream
from workmate.storage.s3 import S3Storage

BUCKET = "workmate-test"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client(
        "s3", endpoint_url=endpoint, region_name="eu-central-1",
        aws_access_key_id="test", aws_secret_access_key="test",
    ).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})  # fmt: skip
    yield endpoint
    server.stop()


@pytest.fixture
def s3(s3_endpoint: str, tmp_path: Path) -> S3Storage:
    settings = Settings(
        env="test",
        data_dir=tmp_path,
        storage_url=f"s3://{BUCKET}/files-{tmp_path.name}",
        s3_endpoint_url=s3_endpoint,
        s3_region="eu-central-1",
        s3_access_key_id="test",
        s3_secret_access_key="test",
    )
    return S3Storage.from_settings(settings)


async def _chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def test_put_get_stream_list_delete(s3: S3Storage) -> None:
    data = b"Rechnung RE-2026-0001 " * 1000
    sha = await s3.put(data, "text/plain")
    assert sha == hashlib.sha256(data).hexdigest()
    assert await s3.get(sha) == data
    assert b"".join([c async for c in s3.stream(sha, chunk_size=1000)]) == data
    assert await s3.exists(sha)
    head = s3.client.head_object(Bucket=BUCKET, Key=s3.key(sha), ChecksumMode="ENABLED")
    assert head["ContentType"] == "text/plain"
    assert [b.sha256 async for b in s3.list_blobs()] == [sha]
    assert (await s3.put(data, "text/plain")) == sha  # idempotent
    await s3.delete(sha)
    assert not await s3.exists(sha)
    with pytest.raises(FileNotFoundError):
        await s3.get(sha)
    with pytest.raises(FileNotFoundError):
        _ = [c async for c in s3.stream(sha)]


async def test_staged_bytes_are_hashed_as_written_and_checked_by_the_server(s3: S3Storage) -> None:
    parts = [b"a" * 300_000, b"b" * 300_000, b"c"]
    staged = await s3.stage(_chunks(*parts), "application/pdf")
    expected = hashlib.sha256(b"".join(parts)).hexdigest()
    assert staged.sha256 == expected and staged.size == 600_001
    assert not await s3.exists(expected)  # invisible until committed
    await staged.commit()
    assert await s3.get(expected) == b"".join(parts)
    assert not list(s3.staging.iterdir())


async def test_failed_streams_leave_nothing(s3: S3Storage) -> None:
    async def broken() -> AsyncIterator[bytes]:
        yield b"half"
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        await s3.stage(broken())
    assert not list(s3.staging.iterdir())
    assert [b async for b in s3.list_blobs()] == []


async def test_index_and_purge_through_s3(s3: S3Storage, session: AsyncSession) -> None:
    stored = await store_stream(session, _chunks(b"%PDF-1.7 x"), "application/pdf", storage=s3)
    await session.commit()
    assert await s3.exists(stored.sha256)
    assert await purge(session, stored.sha256, storage=s3)
    await session.commit()
    assert not await s3.exists(stored.sha256)


async def test_documents_on_s3(
    client: AsyncClient, session: AsyncSession, s3: S3Storage, file_storage: LocalStorage, run_jobs
) -> None:  # type: ignore[no-untyped-def]
    configure_storage(s3)
    try:
        await logged_in_as(client, session, "admin")
        data = sample_pdf("Liefervertrag", "Mit Lieferung frei Haus")
        document = await uploaded(client, data, "liefervertrag.pdf")
        assert await s3.get(document["sha256"]) == data
        assert (await client.get(f"{URL}/{document['id']}/content")).content == data
        await run_jobs()
        found = (await client.get(URL, params={"q": "Lieferung"})).json()
        assert [i["id"] for i in found["items"]] == [document["id"]]
        assert (await client.get(f"{URL}/{document['id']}/thumbnail")).status_code == 200
        assert (await client.delete(f"{URL}/{document['id']}")).status_code == 204
        await run_jobs()
        assert not await s3.exists(document["sha256"])
    finally:
        configure_storage(file_storage)


def test_storage_url_must_name_a_bucket(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="s3://bucket"):
        S3Storage.from_settings(Settings(env="test", data_dir=tmp_path, storage_url="http://x"))
