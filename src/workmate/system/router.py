"""Liveness and readiness (public routes)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text

from workmate import __version__
from workmate.core import clock
from workmate.core.db import Database
from workmate.core.logging import get_logger
from workmate.core.routing import Router
from workmate.migrations_state import head_revision

router = Router(tags=["system"])
log = get_logger(__name__)


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    time: datetime = Field(
        description="The server's clock (UTC); browser tests set their clock from it."
    )


class Readiness(BaseModel):
    status: Literal["ready", "not_ready"]
    database: bool
    migrations_current: bool
    current_revision: str | None
    head_revision: str | None


@router.get("/health", response_model=Health)
async def health() -> Health:
    """Liveness: the process answers."""
    return Health(status="ok", version=__version__, time=clock.now())


@router.get("/ready", response_model=Readiness, responses={503: {"model": Readiness}})
async def ready(request: Request) -> JSONResponse:
    """Readiness: the database answers and its schema is at the newest migration."""
    database: Database = request.app.state.db
    head = head_revision()
    current: str | None = None
    reachable = False
    try:
        async with database.engine.connect() as conn:
            reachable = True
            current = (
                await conn.execute(text("SELECT version_num FROM alembic_version LIMIT 1"))
            ).scalar_one_or_none()
    except Exception as exc:  # readiness reports failures, it does not raise
        log.warning("readiness_check_failed", error=str(exc))
    body = Readiness(
        status="ready" if reachable and current == head else "not_ready",
        database=reachable,
        migrations_current=current == head,
        current_revision=current,
        head_revision=head,
    )
    return JSONResponse(body.model_dump(), status_code=200 if body.status == "ready" else 503)
