"""Malformed input to every route gives a 4xx in the Problem shape, never a 500."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.error_catalogue import catalogue
from tests.factories import logged_in_as, login
from tests.routes import endpoints

BAD_IDS = [
    "not-a-uuid",
    "0",
    "' OR 1=1 --",
    "x" * 3000,
    "%00",
    "12345678-1234-1234-1234-12345678901Z",
]
HUGE = "x" * 200_000


def _wrong_values(schema: dict[str, Any]) -> list[Any]:
    kind = schema.get("type")
    values: list[Any] = [None, {"nested": "object"}, [1, 2]]
    if kind == "string" or "anyOf" in schema:
        values += [12345, HUGE, "nul\x00byte", True]
    if kind in ("integer", "number"):
        values += ["abc", 10**40, -(10**40), 1.5]
    if kind == "boolean":
        values += ["maybe", 2]
    if kind == "array":
        values += ["not-a-list", [HUGE], [None]]
    return values


def _body_schemas(openapi: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    operation = openapi["paths"].get(path, {}).get(method.lower(), {})
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = content.get("schema", {}).get("$ref")
    if not ref:
        return {}
    schema = openapi["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return dict(schema.get("properties", {}))


def _bodies(properties: dict[str, Any]) -> list[Any]:
    bodies: list[Any] = [
        [],
        "text",
        42,
        None,
        {"unexpected": "field"},
        dict.fromkeys(properties, HUGE),
    ]
    for name, schema in properties.items():
        for value in _wrong_values(schema):
            bodies.append({name: value})
    return bodies


SEEN_CODES: set[str] = set()


async def _check(client: AsyncClient, method: str, url: str, **kwargs: Any) -> int:
    response = await client.request(method, url, **kwargs)
    assert response.status_code < 500, (method, url, kwargs.get("json"), response.text[:500])
    if response.status_code >= 400:
        body = response.json()
        assert {"type", "title", "status", "detail", "code", "params"} <= set(body), body
        SEEN_CODES.add(body["code"])
        SEEN_CODES.update(e["code"] for e in body["errors"])
    return response.status_code


async def test_no_route_answers_malformed_input_with_500(
    client: AsyncClient, session: AsyncSession, app
) -> None:  # type: ignore[no-untyped-def]
    admin = await logged_in_as(client, session, "admin")
    openapi = app.openapi()
    calls = 0
    for endpoint in endpoints(app):
        if endpoint.path.endswith(("/logout", "/logout-all")):
            continue
        urls = [endpoint.url(bad) for bad in BAD_IDS] if endpoint.route.param_convertors else []
        for url in urls:
            await _check(client, endpoint.method, url, json={})
            calls += 1
        url = endpoint.url()
        for body in _bodies(_body_schemas(openapi, endpoint.path, endpoint.method)):
            status = await _check(client, endpoint.method, url, json=body)
            calls += 1
            if status == 401:  # e.g. a password change ended other sessions: sign in again
                await login(client, admin.email)
        await _check(
            client,
            endpoint.method,
            url,
            content=b"{not json",
            headers={"content-type": "application/json"},
        )
        for param in endpoint.route.dependant.query_params:
            for value in ("x" * 5000, "-1", "not-a-bool", "\x00"):
                await _check(client, endpoint.method, url, params={param.alias: value})
                calls += 1
    assert calls > 300
    # What really came back is what the error-text catalogue predicts (tests/test_error_texts.py).
    assert SEEN_CODES - set(catalogue(app).codes) == set()
