"""The router's shortcut: a router whose routes cannot match the path's first segment is skipped,
without changing which route answers, 404 or 405."""

from __future__ import annotations

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Match
from starlette.types import Scope

from workmate.core.routing import API_PREFIX, Router


def _app() -> tuple[FastAPI, Router, Router, Router]:
    things = Router(prefix="/things")
    others = Router()
    open_ended = Router()

    @things.get("/{thing_id}")
    async def thing(thing_id: int) -> dict[str, object]:
        return {"thing": thing_id}

    @others.get("/others")
    async def list_others() -> dict[str, object]:
        return {"others": True}

    @others.post("/things/special")
    async def special() -> dict[str, object]:
        return {"special": True}

    @open_ended.get("/{anything}/deep")
    async def deep(anything: str) -> dict[str, object]:
        return {"deep": anything}

    app = FastAPI()
    for router in (things, others, open_ended):
        app.include_router(router, prefix=API_PREFIX)
    return app, things, others, open_ended


def test_first_segments() -> None:
    _, things, others, open_ended = _app()
    assert things.first_segments() == frozenset({"things"})
    assert others.first_segments() == frozenset({"others", "things"})
    assert open_ended.first_segments() is None  # a leading parameter: never skipped


def test_a_router_is_skipped_only_when_no_route_can_match(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, things, _, _ = _app()
    walked: list[str] = []

    def walk(self: APIRouter, scope: Scope) -> tuple[Match, Scope]:
        walked.append(scope["path"])
        return Match.NONE, {}

    monkeypatch.setattr(APIRouter, "matches", walk)
    for path in (f"{API_PREFIX}/others", f"{API_PREFIX}/things/1", "/elsewhere/things"):
        scope: Scope = {"type": "http", "path": path, "root_path": "", "method": "GET"}
        assert things.matches(scope) == (Match.NONE, {})
    # Only the paths its routes could match reach FastAPI's own matching.
    assert walked == [f"{API_PREFIX}/things/1", "/elsewhere/things"]


def test_routing_answers_are_unchanged() -> None:
    app, *_ = _app()
    client = TestClient(app)
    assert client.get(f"{API_PREFIX}/things/7").json() == {"thing": 7}
    assert client.get(f"{API_PREFIX}/others").json() == {"others": True}
    # Same first segment in two routers: the second one's route is still found.
    assert client.post(f"{API_PREFIX}/things/special").json() == {"special": True}
    assert client.get(f"{API_PREFIX}/x/deep").json() == {"deep": "x"}
    assert client.get(f"{API_PREFIX}/nothing").status_code == 404
    assert client.delete(f"{API_PREFIX}/others").status_code == 405


def test_every_api_router_can_skip_itself() -> None:
    from workmate import app as application

    routers = [application.system_router, application.auth_router.public_router]
    routers += list(application.PROTECTED_ROUTERS)
    assert all(isinstance(r, Router) for r in routers)
    # All start with a literal segment, so none has to be walked for a foreign path.
    assert all(r.first_segments() for r in routers)
