"""Uploading through the API, and small files of each kind."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient, Response

from workmate.documents.samples import pdf, png

URL = "/api/v1/documents"


def sample_pdf(*lines: str) -> bytes:
    return pdf(list(lines) or ["Vertrag", "Ein Beispiel"])


def sample_png(seed: int = 0) -> bytes:
    return png(40, 30, (20, 120, 200), seed)


async def upload(
    client: AsyncClient,
    data: bytes,
    name: str = "vertrag.pdf",
    *,
    links: list[str] | None = None,
    expect: int | None = 201,
    **fields: Any,
) -> Response:
    form: dict[str, Any] = {k: v for k, v in fields.items() if v is not None}
    if links:
        form["links"] = links
    response = await client.post(
        URL, files={"file": (name, data, "application/octet-stream")}, data=form
    )
    if expect is not None:
        assert response.status_code == expect, response.text
    return response


async def uploaded(
    client: AsyncClient, data: bytes, name: str = "vertrag.pdf", **kw: Any
) -> dict[str, Any]:
    body: dict[str, Any] = (await upload(client, data, name, **kw)).json()["document"]
    return body
