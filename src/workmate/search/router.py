"""One search for the command palette: records the caller may see, across modules."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from workmate.auth.dependencies import CurrentUser
from workmate.core.db import DbSession
from workmate.core.routing import Router
from workmate.search import service
from workmate.search.schemas import SearchResult

router = Router(tags=["search"])


@router.get("/search", response_model=SearchResult)
async def search(
    principal: CurrentUser,
    session: DbSession,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SearchResult:
    """Invoices, credit notes and quotes by number, projects by number or title, customers,
    contacts, employees, departments and documents: each only where the caller's permissions and
    visibility rules allow."""
    return SearchResult(items=await service.search(session, principal, q.strip(), limit))
