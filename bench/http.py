"""A minimal HTTP/1.1 keep-alive client on asyncio streams, for the load driver.

httpx costs several hundred microseconds of CPU per request; on a 2-core machine shared with the
server that would throttle the driver, not the server. This client only writes the request and
reads status, headers and body (Content-Length or chunked), nothing else.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes | None = None
    content_type: str = "application/json"


@dataclass(frozen=True)
class Credentials:
    """A signed-in browser session: the cookies and the CSRF header for writes."""

    cookie: str
    csrf: str


class Connection:
    def __init__(self, host: str, port: int, credentials: Credentials | None) -> None:
        self.host = host
        self.port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._parked: list[asyncio.StreamWriter] = []
        head = f"Host: {host}:{port}\r\nUser-Agent: workmate-bench\r\nAccept: */*\r\n"
        if credentials is not None:
            head += f"Cookie: {credentials.cookie}\r\nX-CSRF-Token: {credentials.csrf}\r\n"
        self._head = head

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._reader is None or self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        return self._reader, self._writer

    async def close(self) -> None:
        for writer in [*self._parked, self._writer]:
            if writer is not None:
                writer.close()
                with contextlib.suppress(OSError):
                    await writer.wait_closed()
        self._reader = self._writer = None
        self._parked.clear()

    def local_port(self) -> int | None:
        if self._writer is None:
            return None
        return int(self._writer.get_extra_info("sockname")[1])

    def park(self) -> None:
        """Keep the current connection open but unused (closed with the connection); the next
        request opens a new one. Lets the driver reconnect until a chosen server process
        accepted it, without handing the parked one back to the accepting side."""
        if self._writer is not None:
            self._parked.append(self._writer)
        self._reader = self._writer = None

    async def close_parked(self) -> None:
        parked, self._parked = self._parked, []
        for writer in parked:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    def _encode(self, request: Request) -> bytes:
        lines = f"{request.method} {request.path} HTTP/1.1\r\n{self._head}"
        if request.body is not None:
            lines += (
                f"Content-Type: {request.content_type}\r\nContent-Length: {len(request.body)}\r\n"
            )
        elif request.method != "GET":
            lines += "Content-Length: 0\r\n"
        return (lines + "\r\n").encode("latin-1") + (request.body or b"")

    async def send(self, request: Request) -> tuple[int, bytes]:
        """Status and body; reconnects once if the server closed an idle keep-alive connection."""
        try:
            return await self._send(request)
        except (ConnectionError, asyncio.IncompleteReadError):
            await self.close()
            return await self._send(request)

    async def _send(self, request: Request) -> tuple[int, bytes]:
        reader, writer = await self._connect()
        writer.write(self._encode(request))
        status_line = await reader.readuntil(b"\r\n")
        if not status_line:
            raise ConnectionResetError("connection closed")
        status = int(status_line.split(b" ", 2)[1])
        length = -1
        chunked = close = False
        while True:
            line = await reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.partition(b":")
            key = name.strip().lower()
            if key == b"content-length":
                length = int(value)
            elif key == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif key == b"connection" and b"close" in value.lower():
                close = True
        if chunked:
            body = await _read_chunked(reader)
        elif length >= 0:
            body = await reader.readexactly(length)
        else:
            body = await reader.read()
            close = True
        if close:
            await self.close()
        return status, body


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            while await reader.readuntil(b"\r\n") != b"\r\n":
                pass
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)
