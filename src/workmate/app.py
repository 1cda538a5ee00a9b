"""The FastAPI application: API under /api/v1, the built UI at /."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from workmate import __version__
from workmate.activities.router import router as activities_router
from workmate.auth import router as auth_router
from workmate.auth.dependencies import get_principal
from workmate.config import Settings, get_settings
from workmate.contacts.router import router as contacts_router
from workmate.core import embedded, error_handlers
from workmate.core.db import Database
from workmate.core.logging import configure_logging
from workmate.core.middleware import RequestContextMiddleware
from workmate.core.routing import API_PREFIX
from workmate.customers.router import router as customers_router
from workmate.departments.router import router as departments_router
from workmate.documents.router import router as documents_router
from workmate.employees.router import router as employees_router
from workmate.invoices.downloads import router as invoice_files_router
from workmate.invoices.einvoice import isolated as einvoice_validator
from workmate.invoices.router import router as invoices_router
from workmate.jobs.router import router as jobs_router
from workmate.jobs.worker import InProcessWorker
from workmate.payments.router import router as payments_router
from workmate.products.router import router as products_router
from workmate.projects.router import router as projects_router
from workmate.roles.router import router as roles_router
from workmate.search.router import router as search_router
from workmate.settings.router import router as settings_router
from workmate.storage import configure_storage, storage_from_settings
from workmate.system.router import router as system_router
from workmate.time_tracking.router import router as time_entries_router

# The only routes reachable without signing in. Everything else is authenticated by default.
PUBLIC_PATHS = frozenset(
    {f"{API_PREFIX}/health", f"{API_PREFIX}/ready", f"{API_PREFIX}/auth/login"}
)


# Signed-in only: each gets the principal dependency (authentication, CSRF on writes).
PROTECTED_ROUTERS = (
    auth_router.router,
    auth_router.meta_router,
    employees_router,
    departments_router,
    roles_router,
    search_router,
    settings_router,
    projects_router,
    time_entries_router,
    customers_router,
    contacts_router,
    activities_router,
    jobs_router,
    invoices_router,
    invoice_files_router,
    payments_router,
    products_router,
    documents_router,
)


def include_api(app: FastAPI) -> None:
    """Every domain router directly under the app, one level deep.

    FastAPI resolves nested ``include_router`` levels at request time, walking each level's
    routes again; one level measured ~0.25 ms less per request than api -> protected -> domain.
    """
    app.include_router(system_router, prefix=API_PREFIX)
    app.include_router(auth_router.public_router, prefix=API_PREFIX)
    for router in PROTECTED_ROUTERS:
        app.include_router(router, prefix=API_PREFIX, dependencies=[Depends(get_principal)])


def default_ui_dist() -> Path:
    return Path(__file__).resolve().parents[2] / "ui" / "dist"


def create_server_app() -> FastAPI:
    """The app as ``workmate serve`` runs it: uvicorn's factory, once per server process."""
    return create_app(freeze_startup_objects=True)


def create_app(
    settings: Settings | None = None,
    *,
    start_worker: bool = True,
    freeze_startup_objects: bool = False,
) -> FastAPI:
    """The app; ``start_worker=False`` keeps the job worker out (tests run jobs themselves).

    ``freeze_startup_objects``: once started, move everything alive into the garbage collector's
    permanent generation (``gc.freeze``). A server process holds ~230,000 objects after start
    (models, schemas, routes); every full collection walked all of them, a 170-350 ms pause of
    the process every few hundred requests (the benchmark's p99 spikes). Only for a server
    process: frozen objects are never collected, so a process creating many apps (the tests)
    would keep them all."""
    settings = settings or get_settings()
    configure_logging(settings.log_level, json=settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "db", None) is None:
            url = settings.database_url or embedded.start(settings.data_dir)
            app.state.db = Database(url, pool_size=settings.db_pool_size)
            owned = True
        else:
            owned = False
        configure_storage(storage_from_settings(settings))
        # The e-invoice validator lives in a helper process (memory, GIL); start it now.
        einvoice_validator.warm_up()
        worker = None
        if start_worker and settings.run_worker_in_process:
            # One worker per server process; with several processes they share the queue
            # safely (procrastinate locks each job), see ADR 0006.
            worker = InProcessWorker(app.state.db.url, app.state.db, settings.worker_concurrency)
            worker.start()
        if freeze_startup_objects:
            gc.collect()
            gc.freeze()
        yield
        if worker is not None:
            await worker.stop()
        await anyio.to_thread.run_sync(einvoice_validator.shutdown)
        if owned:
            await app.state.db.dispose()

    app = FastAPI(
        title="Workmate API",
        version=__version__,
        description="Back office for small service companies. Errors use one Problem shape.",
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = None
    error_handlers.install(app)
    app.add_middleware(RequestContextMiddleware)
    include_api(app)
    ui_dist = settings.ui_dist or default_ui_dist()
    if (ui_dist / "index.html").exists():
        app.mount("/", StaticFiles(directory=ui_dist, html=True), name="ui")
    return app
