"""An S3-compatible object store as storage backend (AWS S3, MinIO, Ceph, Garage, ...).

Objects are ``<prefix>/<sha256>``. Uploads are staged in a local temporary file (hashing the
bytes written, bounded memory), then sent once with ``ChecksumSHA256``: the server verifies the
digest of what it received, so the address is the hash of the bytes stored there, not only of
the bytes we sent. Calls go through boto3 (ADR 0007) in worker threads.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import anyio.to_thread
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from workmate.config import Settings
from workmate.storage.backend import CHUNK_SIZE, BlobInfo, Staged, checked, is_sha256

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


def _missing(exc: ClientError) -> bool:
    code = str(exc.response.get("Error", {}).get("Code", ""))
    return code in ("404", "NoSuchKey", "NotFound")


class S3Staged:
    def __init__(
        self, storage: S3Storage, temporary: Path, sha: str, size: int, content_type: str
    ) -> None:
        self.storage = storage
        self.temporary = temporary
        self.sha256 = sha
        self.size = size
        self.content_type = content_type

    async def commit(self) -> None:
        try:
            if not await self.storage.exists(self.sha256):
                await anyio.to_thread.run_sync(self._upload)
        finally:
            await self.discard()

    def _upload(self) -> None:
        checksum = base64.b64encode(bytes.fromhex(self.sha256)).decode()
        with self.temporary.open("rb") as body:
            self.storage.client.put_object(
                Bucket=self.storage.bucket,
                Key=self.storage.key(self.sha256),
                Body=body,
                ContentLength=self.size,
                ContentType=self.content_type,
                ChecksumSHA256=checksum,
            )

    async def discard(self) -> None:
        await anyio.to_thread.run_sync(lambda: self.temporary.unlink(missing_ok=True))


class S3Storage:
    def __init__(self, client: S3Client, bucket: str, prefix: str, staging: Path) -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.staging = staging

    @classmethod
    def from_settings(cls, settings: Settings) -> S3Storage:
        assert settings.storage_url
        parsed = urlparse(settings.storage_url)
        if parsed.scheme != "s3" or not parsed.netloc:
            raise ValueError("WORKMATE_STORAGE_URL must look like s3://bucket/prefix")
        secret = settings.s3_secret_access_key
        client = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            region_name=settings.s3_region,
            aws_access_key_id=settings.s3_access_key_id,
            aws_secret_access_key=secret.get_secret_value() if secret else None,
            config=Config(
                retries={"max_attempts": 5, "mode": "standard"},
                # Path-style addressing works with every S3-compatible server.
                s3={"addressing_style": "path"},
            ),
        )
        return cls(client, parsed.netloc, parsed.path, settings.data_dir / "tmp")

    def key(self, sha: str) -> str:
        name = checked(sha)
        return f"{self.prefix}/{name}" if self.prefix else name

    async def put(self, data: bytes, content_type: str = "application/octet-stream") -> str:
        async def chunks() -> AsyncIterator[bytes]:
            yield data

        staged = await self.stage(chunks(), content_type)
        await staged.commit()
        return staged.sha256

    async def stage(
        self, chunks: AsyncIterable[bytes], content_type: str = "application/octet-stream"
    ) -> Staged:
        fd, name = await anyio.to_thread.run_sync(self._temporary)
        temporary = Path(name)
        digest = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as handle:
                async for chunk in chunks:
                    await anyio.to_thread.run_sync(handle.write, chunk)
                    digest.update(chunk)
                    size += len(chunk)
        except BaseException:
            # Also on cancellation, where nothing can be awaited any more.
            temporary.unlink(missing_ok=True)  # noqa: ASYNC240
            raise
        return S3Staged(self, temporary, digest.hexdigest(), size, content_type)

    def _temporary(self) -> tuple[int, str]:
        self.staging.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(dir=self.staging, prefix="s3-upload-")

    async def get(self, sha: str) -> bytes:
        def read() -> bytes:
            try:
                response = self.client.get_object(Bucket=self.bucket, Key=self.key(sha))
            except ClientError as exc:
                if _missing(exc):
                    raise FileNotFoundError(sha) from exc
                raise
            return response["Body"].read()

        return await anyio.to_thread.run_sync(read)

    async def stream(self, sha: str, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        def open_body() -> Any:
            try:
                return self.client.get_object(Bucket=self.bucket, Key=self.key(sha))["Body"]
            except ClientError as exc:
                if _missing(exc):
                    raise FileNotFoundError(sha) from exc
                raise

        body = await anyio.to_thread.run_sync(open_body)
        try:
            while chunk := await anyio.to_thread.run_sync(body.read, chunk_size):
                yield chunk
        finally:
            await anyio.to_thread.run_sync(body.close)

    async def exists(self, sha: str) -> bool:
        def head() -> bool:
            try:
                self.client.head_object(Bucket=self.bucket, Key=self.key(sha))
            except ClientError as exc:
                if _missing(exc):
                    return False
                raise
            return True

        return await anyio.to_thread.run_sync(head)

    async def delete(self, sha: str) -> None:
        key = self.key(sha)
        await anyio.to_thread.run_sync(
            lambda: self.client.delete_object(Bucket=self.bucket, Key=key)
        )

    async def list_blobs(self) -> AsyncIterator[BlobInfo]:
        prefix = f"{self.prefix}/" if self.prefix else ""
        token: str | None = None
        while True:
            page = await anyio.to_thread.run_sync(self._list_page, prefix, token)
            for item in page.get("Contents", []):
                name = item["Key"][len(prefix) :]
                if is_sha256(name):
                    yield BlobInfo(name, int(item["Size"]), item["LastModified"])
            if not page.get("IsTruncated"):
                return
            token = page.get("NextContinuationToken")

    def _list_page(self, prefix: str, token: str | None) -> Any:
        arguments: dict[str, Any] = {"Bucket": self.bucket, "Prefix": prefix, "MaxKeys": 1000}
        if token:
            arguments["ContinuationToken"] = token
        return self.client.list_objects_v2(**arguments)
