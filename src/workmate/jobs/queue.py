"""The job queue: one procrastinate app, tasks registered by domains, transactional enqueue.

Domains declare handlers in their own ``tasks.py`` with ``@task(name="<domain>.<action>")`` and
list the module in ``TASK_MODULES``. Handlers take ids (JSON values), are idempotent and open
their own short sessions (``workmate.jobs.context``), STYLE.md 10.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
from typing import Any

import procrastinate
from procrastinate.tasks import Task
from pydantic_core import to_jsonable_python
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core.database_url import libpq_url

log = logging.getLogger(__name__)

# Modules whose import registers tasks. A listed module that does not exist (yet) is skipped.
TASK_MODULES = ["workmate.invoices.tasks", "workmate.documents.tasks"]

# The connector is a placeholder until a worker opens the queue with the app's database URL
# (`open_queue`); enqueueing never goes through it, it uses the caller's session.
queue = procrastinate.App(connector=procrastinate.PsycopgConnector())

#: Decorator registering a job handler: ``@task(name="invoices.render_pdf")``. Arguments are
#: procrastinate's (``retry``, ``queue``, ``lock``, ``queueing_lock``, ``pass_context``...).
task = queue.task

_loaded = False


class UnknownTask(LookupError):
    pass


def load_task_modules() -> None:
    """Import the domains' task modules once, so their tasks are registered."""
    global _loaded
    if _loaded:
        return
    # Extra modules from the environment (comma-separated), e.g. the benchmark's task module.
    extra = [m.strip() for m in os.environ.get("WORKMATE_EXTRA_TASK_MODULES", "").split(",")]
    for module in TASK_MODULES + [m for m in extra if m]:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            # Only the listed module (or its package) missing is fine; a broken import inside
            # an existing task module is a bug and must surface.
            if exc.name is None or not (module + ".").startswith(exc.name + "."):
                raise
            log.debug("task module %s not found, skipped", module)
    _loaded = True


def get_task(name: str) -> Task[Any, Any, Any]:
    load_task_modules()
    try:
        return queue.tasks[name]
    except KeyError:
        raise UnknownTask(f"No job task named {name!r} is registered.") from None


def connector_for(
    url: str, *, min_size: int = 1, max_size: int = 4
) -> procrastinate.PsycopgConnector:
    """A psycopg connector for the app's database URL (also the embedded ``host=<socket dir>``)."""
    return procrastinate.PsycopgConnector(
        conninfo=libpq_url(url),
        min_size=min_size,
        max_size=max_size,
        kwargs={"application_name": "workmate-worker"},
    )


# procrastinate's own SQL API (procrastinate/sql/queries.sql, `defer_jobs`), run on the caller's
# connection so the job row commits or rolls back with the request's work.
_DEFER = text(
    """
    SELECT unnest(procrastinate_defer_jobs_v1(ARRAY[ROW(
        CAST(:queue_name AS varchar), CAST(:task_name AS varchar), CAST(:priority AS integer),
        CAST(:lock AS text), CAST(:queueing_lock AS text), CAST(:args AS jsonb),
        CAST(:scheduled_at AS timestamptz)
    )::procrastinate_job_to_defer_v1])) AS id
    """
)


async def enqueue(session: AsyncSession, task_name: str, /, **kwargs: Any) -> int:
    """Queue ``task_name(**kwargs)`` inside the session's transaction; return the queue job id.

    Workers see the job only once the transaction commits; if it rolls back, there is no job.
    Keyword arguments must be JSON values; UUIDs, dates and decimals are sent as strings.
    """
    registered = get_task(task_name)
    args = to_jsonable_python(kwargs)
    job_id = await session.scalar(
        _DEFER,
        {
            "queue_name": registered.queue,
            "task_name": registered.name,
            "priority": registered.priority,
            "lock": registered.lock,
            "queueing_lock": registered.queueing_lock,
            "args": json.dumps(args),
            "scheduled_at": None,
        },
    )
    assert job_id is not None
    return int(job_id)
