"""A server process freezes its startup objects out of the garbage collector's full runs."""

from __future__ import annotations

import gc
from typing import Any

import pytest
import uvicorn

from workmate import cli
from workmate.app import create_app
from workmate.config import Settings
from workmate.core.db import Database


async def test_started_server_app_freezes_what_is_alive(
    settings: Settings, database: Database
) -> None:
    gc.unfreeze()
    app = create_app(settings, start_worker=False, freeze_startup_objects=True)
    app.state.db = database
    try:
        async with app.router.lifespan_context(app):
            assert gc.get_freeze_count() > 10_000  # the app's routes, schemas and models
    finally:
        gc.unfreeze()


async def test_an_app_for_tests_freezes_nothing(settings: Settings, database: Database) -> None:
    gc.unfreeze()
    app = create_app(settings, start_worker=False)
    app.state.db = database
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() == 0


def test_serve_runs_the_freezing_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: seen.update(target=target, **kw))
    cli._run_uvicorn("127.0.0.1", 0, 2, Settings(env="development"))
    assert seen["target"] == "workmate.app:create_server_app"
    assert seen["factory"] is True
