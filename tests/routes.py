"""Enumerate the API's routes for the tests that walk all of them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    route: Any  # fastapi RouteContext of an APIRoute: effective path and dependant

    def url(self, ident: str | None = None) -> str:
        path = self.path
        for name in self.route.param_convertors:
            path = path.replace("{" + name + "}", ident or str(uuid.uuid4()))
        return path

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def endpoints(app: FastAPI) -> Iterator[Endpoint]:
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute):
            continue
        path = context.path or ""
        if path.startswith("/api/v1"):
            for method in sorted((context.methods or set()) - {"HEAD", "OPTIONS"}):
                yield Endpoint(method, path, context)


def required_permissions(dependant: Dependant) -> set[str]:
    found: set[str] = set()
    for dep in dependant.dependencies:
        perms = getattr(dep.call, "required_permissions", None)
        if perms:
            found |= {str(p) for p in perms}
        found |= required_permissions(dep)
    return found
