"""Dependencies and endpoints are coroutines: FastAPI runs a plain ``def`` (or a class) in the
thread pool, a thread hand-off on every request that showed up in the profile (issue 5)."""

from __future__ import annotations

import inspect

from fastapi.dependencies.models import Dependant

from tests.routes import endpoints
from workmate.app import create_app


def _sync_calls(dependant: Dependant) -> set[str]:
    found: set[str] = set()
    for dep in dependant.dependencies:
        call = dep.call
        if call is not None and not (
            inspect.iscoroutinefunction(call) or inspect.isasyncgenfunction(call)
        ):
            found.add(getattr(call, "__qualname__", repr(call)))
        found |= _sync_calls(dep)
    return found


def test_no_route_runs_code_in_the_thread_pool() -> None:
    sync: dict[str, set[str]] = {}
    checked = 0
    for endpoint in endpoints(create_app()):
        dependant = endpoint.route.dependant
        calls = _sync_calls(dependant)
        if not inspect.iscoroutinefunction(dependant.call):
            calls.add(f"endpoint {getattr(dependant.call, '__qualname__', '?')}")
        if calls:
            sync[str(endpoint)] = calls
        checked += 1
    assert checked > 100
    assert sync == {}
