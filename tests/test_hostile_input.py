"""Values PostgreSQL or date arithmetic would reject, sent to every route: NUL characters, lone
surrogates, bytes that are not UTF-8, days in year 1 and 9999. Each is a 422 with a field error
(``core.input_guard``, ``core.inputs``), never a 500 and never a 2xx."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, login
from tests.routes import Endpoint, endpoints

FAR_DAYS = ["0001-01-01", "9999-12-31"]
FAR_INSTANTS = ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59Z"]
SKIPPED = ("/logout", "/logout-all")


def _operation(openapi: dict[str, Any], endpoint: Endpoint) -> dict[str, Any]:
    found: dict[str, Any] = openapi["paths"][endpoint.path][endpoint.method.lower()]
    return found


def _format(schema: dict[str, Any]) -> str | None:
    for option in [schema, *schema.get("anyOf", [])]:
        if option.get("format") in ("date", "date-time"):
            return str(option["format"])
    return None


def _far_values(schema: dict[str, Any]) -> list[str]:
    kind = _format(schema)
    return FAR_DAYS if kind == "date" else FAR_INSTANTS if kind == "date-time" else []


def _body_properties(openapi: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = content.get("schema", {}).get("$ref")
    if not ref:
        return {}
    schema = openapi["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return dict(schema.get("properties", {}))


def _path_with(endpoint: Endpoint, name: str, value: str) -> str:
    path = endpoint.path
    for param in endpoint.route.param_convertors:
        path = path.replace("{" + param + "}", value if param == name else str(uuid.uuid4()))
    return path


def _refused(response: Any, field: str, context: str) -> None:
    assert response.status_code == 422, (context, response.status_code, response.text[:400])
    body = response.json()
    assert body["code"] == "validation_error", (context, body)
    fields = [e["field"] for e in body["errors"]]
    assert any(f == field or f.endswith(f".{field}") for f in fields), (context, body)


async def test_every_route_refuses_far_dates_nul_and_bad_unicode(
    client: AsyncClient, session: AsyncSession, app: Any
) -> None:
    admin = await logged_in_as(client, session, "admin")
    openapi = app.openapi()
    checked = 0
    for endpoint in endpoints(app):
        if endpoint.path.endswith(SKIPPED):
            continue
        operation = _operation(openapi, endpoint)
        url = endpoint.url()
        for parameter in operation.get("parameters", []):
            name, where = parameter["name"], parameter["in"]
            values = [*_far_values(parameter["schema"])]
            if where == "query":
                values.append("a\x00b")
            for value in values:
                if where == "path":
                    if not _far_values(parameter["schema"]):
                        continue
                    target = _path_with(endpoint, name, value)
                    response = await client.request(endpoint.method, target, json={})
                else:
                    response = await client.request(
                        endpoint.method, url, params={name: value}, json={}
                    )
                _refused(response, name, f"{endpoint} {where} {name}={value!r}")
                checked += 1
        for name, schema in _body_properties(openapi, operation).items():
            for value in _far_values(schema):
                response = await client.request(endpoint.method, url, json={name: value})
                _refused(response, name, f"{endpoint} body {name}={value!r}")
                checked += 1
            if schema.get("type") == "string" or any(
                o.get("type") == "string" for o in schema.get("anyOf", [])
            ):
                for raw in ('"nul\\u0000byte"', '"\\ud800"'):
                    response = await client.request(
                        endpoint.method,
                        url,
                        content=f'{{"{name}": {raw}}}'.encode(),
                        headers={"content-type": "application/json"},
                    )
                    _refused(response, name, f"{endpoint} body {name}={raw}")
                    checked += 1
        if endpoint.method in ("POST", "PUT", "PATCH"):
            response = await client.request(
                endpoint.method,
                url,
                content=b'{"name": "K\xf6ln"}',  # Latin-1, not UTF-8
                headers={"content-type": "application/json"},
            )
            _refused(response, "body", f"{endpoint} latin-1 body")
            checked += 1
        if (await client.get("/api/v1/auth/me")).status_code == 401:
            await login(client, admin.email)  # a password change ended the session
    assert checked > 200


@pytest.mark.parametrize(
    ("method", "url", "field"),
    [
        ("GET", "/api/v1/customers/export.csv?q=%00", "q"),
        ("GET", "/api/v1/customers/export.csv?tag=a%00b", "tag"),
        ("GET", "/api/v1/time-entries?from=0001-01-01&to=0001-01-02", "from"),
        ("GET", "/api/v1/time-entries/summary?from=9999-12-30&to=9999-12-31", "from"),
        ("POST", "/api/v1/time-entries/weeks/0001-01-01/submit", "week_start"),
        ("GET", "/api/v1/time-entries/weeks/9999-12-27", "week_start"),
    ],
)
async def test_the_reported_500s_are_422s(
    client: AsyncClient, session: AsyncSession, method: str, url: str, field: str
) -> None:
    await logged_in_as(client, session, "employee")
    response = await client.request(method, url)
    _refused(response, field, url)
    assert response.headers["content-type"].startswith("application/problem+json")
    json.loads(response.text)
