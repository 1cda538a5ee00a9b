"""The ``workmate`` command line (Typer + Rich)."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import json
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.panel import Panel
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.config import Settings, get_settings

app = typer.Typer(help="Workmate: back office for small service companies.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema migrations.", no_args_is_help=True)
user_app = typer.Typer(help="User accounts.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")
console = Console(stderr=True)

T = TypeVar("T")


def _settings() -> Settings:
    try:
        return get_settings()
    except Exception as exc:
        console.print(f"[red]Configuration error:[/red] {exc}")
        raise typer.Exit(2) from exc


def resolve_database_url(settings: Settings) -> str:
    """The external URL, or the embedded server's (started here, stopped when we exit)."""
    if settings.database_url:
        return settings.database_url
    from workmate.core import embedded

    try:
        url = embedded.start(settings.data_dir)
    except embedded.EmbeddedPostgresError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    # Worker processes and child commands reuse this server instead of starting their own.
    os.environ["WORKMATE_DATABASE_URL"] = url
    get_settings.cache_clear()
    return url


def _run_in_session(url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    from workmate.core.db import Database

    async def runner() -> T:
        database = Database(url, pool_size=2)
        try:
            async with database.transaction() as session:
                return await work(session)
        finally:
            await database.dispose()

    return asyncio.run(runner())


def _upgrade(url: str) -> None:
    from workmate.bootstrap import ensure_default_roles
    from workmate.migrations_state import upgrade

    upgrade(url)
    _run_in_session(url, ensure_default_roles)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations and make sure the default roles exist."""
    url = resolve_database_url(_settings())
    _upgrade(url)
    console.print("[green]Database is up to date.[/green]")


@db_app.command("downgrade")
def db_downgrade(revision: str) -> None:
    """Revert migrations down to REVISION (e.g. 'base' or '-1')."""
    from workmate.migrations_state import downgrade

    downgrade(resolve_database_url(_settings()), revision)


@db_app.command("current")
def db_current() -> None:
    """Show the database's migration revision and the newest one."""
    from sqlalchemy import create_engine, text

    from workmate.core.database_url import sync_url
    from workmate.migrations_state import head_revision

    url = resolve_database_url(_settings())
    engine = create_engine(sync_url(url))
    with engine.connect() as conn:
        try:
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception:
            current = None
    engine.dispose()
    typer.echo(f"current: {current}\nhead:    {head_revision()}")


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != password:
            console.print("[red]The passwords differ.[/red]")
            raise typer.Exit(2)
    return password


@user_app.command("create")
def user_create(
    email: Annotated[str, typer.Option(help="E-mail address, used to sign in")],
    name: Annotated[str, typer.Option(help="Full name")],
    role: Annotated[str, typer.Option(help="Role key or name, e.g. admin, employee")] = "admin",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input")
    ] = False,
) -> None:
    """Create an employee who can sign in. Non-interactive: pipe the password on stdin."""
    from pydantic import ValidationError

    from workmate.employees.schemas import EmployeeCreate

    password = _read_password(password_stdin)
    url = resolve_database_url(_settings())
    _upgrade(url)

    async def work(session: AsyncSession) -> str:
        from sqlalchemy import func, or_, select

        from workmate.employees import service
        from workmate.models import Role

        found = await session.scalar(
            select(Role).where(or_(Role.builtin_key == role, func.lower(Role.name) == role.lower()))
        )
        if found is None:
            names = ", ".join((await session.scalars(select(Role.name))).all())
            raise typer.BadParameter(f"Unknown role '{role}'. Roles: {names}", param_hint="--role")
        data = EmployeeCreate(email=email, name=name, role_id=found.id, password=password)
        employee = await service.create(session, data)
        return employee.employee_number

    try:
        number = _run_in_session(url, work)
    except ValidationError as exc:
        for err in exc.errors():
            console.print(f"[red]{'.'.join(map(str, err['loc']))}: {err['msg']}[/red]")
        raise typer.Exit(2) from exc
    except Exception as exc:
        from workmate.core.errors import WorkmateError

        if isinstance(exc, WorkmateError):
            console.print(f"[red]{exc.detail}[/red]")
            raise typer.Exit(1) from exc
        raise
    console.print(f"[green]Created {email} ({number}) with role {role}.[/green]")


@app.command()
def demo(
    size: Annotated[
        str, typer.Option(help="Data set size: small, medium (~10k customers), large (~100k)")
    ] = "small",
) -> None:
    """Load a demo company into an empty database (development only)."""
    settings = _settings()
    if not settings.is_development:
        console.print("[red]Demo data has known passwords and is refused in production.[/red]")
        raise typer.Exit(2)
    sizes = ("small", "medium", "large")
    scale: float | None = None
    if size.startswith("scale="):  # hidden, for tests: a fraction of the large data set
        scale = float(size.removeprefix("scale="))
    elif size not in sizes:
        console.print(f"[red]Unknown size '{size}'. Available: {', '.join(sizes)}.[/red]")
        raise typer.Exit(2)
    url = resolve_database_url(settings)
    _upgrade(url)
    if size == "small":
        _load_demo(url)
    else:
        _load_generated(url, scale if scale is not None else size)


def _load_generated(url: str, size: str | float) -> None:
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
    from rich.table import Table

    from workmate.demo_data import DemoDataExists, load
    from workmate.demo_data.progress import RichProgress

    started = time.perf_counter()
    columns = (
        "{task.description:<16}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=console) as progress:
            timings = load(url, size, progress=RichProgress(progress))
    except DemoDataExists as exc:
        console.print(str(exc))
        raise typer.Exit(1) from exc
    table = Table("step", "rows", "seconds")
    for name, rows, seconds in timings.steps:
        table.add_row(name, f"{rows:,}", f"{seconds:.1f}")
    console.print(table)
    console.print(
        f"[green]Demo data ({size}) loaded in {time.perf_counter() - started:.0f} s.[/green]"
    )


def _load_demo(url: str) -> int:
    from workmate.demo import load_demo

    created: int = _run_in_session(url, load_demo)
    if created:
        console.print(f"[green]Demo company loaded: {created} employees.[/green]")
    else:
        console.print("The database already has employees; demo data was not loaded.")
    return created


def _file_progress() -> Any:
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TimeElapsedColumn,
        TransferSpeedColumn,
    )

    return Progress(
        "{task.description:<10}",
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeElapsedColumn(),
        console=console,
    )


@app.command()
def backup(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Archive to write [workmate-backup-<time>.tar]"),
    ] = None,
) -> None:
    """Write the database and every stored file into one archive (a consistent snapshot)."""
    from workmate.backup import service as backups
    from workmate.core import clock
    from workmate.demo_data.progress import RichProgress
    from workmate.storage import storage_from_settings

    settings = _settings()
    url = resolve_database_url(settings)
    stamp = clock.now().strftime("%Y-%m-%dT%H-%M-%SZ")
    target = output or Path(f"workmate-backup-{stamp}.tar")
    storage = storage_from_settings(settings)
    try:
        with _file_progress() as progress:
            outcome = asyncio.run(backups.create(url, storage, target, RichProgress(progress)))
    except backups.BackupError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    _report_files(outcome, "in the archive")
    console.print(f"[green]Backup written to {target} ({target.stat().st_size:,} bytes).[/green]")
    if outcome.damaged or outcome.missing:
        raise typer.Exit(1)


@app.command()
def restore(
    archive: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Backup archive")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace everything in a database that is not empty")
    ] = False,
) -> None:
    """Restore a backup: the database, then every file (checked against its checksum)."""
    from workmate.backup import service as backups
    from workmate.demo_data.progress import RichProgress
    from workmate.migrations_state import known_revision
    from workmate.storage import storage_from_settings

    settings = _settings()
    url = resolve_database_url(settings)
    try:
        manifest = backups.read_manifest(archive)
        revision = manifest.get("schema_revision")
        if revision and not known_revision(str(revision)):
            raise backups.BackupError(
                f"The backup was made by a newer Workmate (schema {revision}); update first."
            )
        with _file_progress() as progress:
            outcome = asyncio.run(
                backups.restore(
                    url, storage_from_settings(settings), archive, RichProgress(progress),
                    force=force,
                )
            )  # fmt: skip
    except backups.BackupError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    _upgrade(url)
    _report_files(outcome, "restored")
    console.print(f"[green]Restored {archive} (made {manifest.get('created_at')}).[/green]")
    if outcome.damaged or outcome.missing:
        raise typer.Exit(1)


def _report_files(outcome: Any, where: str) -> None:
    console.print(f"{outcome.files:,} files ({outcome.bytes:,} bytes) {where}.")
    for sha in outcome.damaged:
        console.print(f"[red]Damaged file (checksum differs): {sha}[/red]")
    for sha in outcome.missing:
        console.print(f"[red]Missing file: {sha}[/red]")


@app.command()
def openapi() -> None:
    """Print the OpenAPI document (used to generate the UI's API client)."""
    from workmate.app import create_app

    os.environ.setdefault("WORKMATE_LOG_LEVEL", "warning")
    document: dict[str, Any] = create_app(Settings(env="development")).openapi()
    typer.echo(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address [WORKMATE_HOST]")] = None,
    port: Annotated[int | None, typer.Option(help="Port [WORKMATE_PORT]")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes [WORKMATE_WORKERS]")] = None,
    migrate: Annotated[bool, typer.Option(help="Apply migrations before serving")] = False,
    load_demo: Annotated[
        bool, typer.Option("--demo", help="Load demo data if the database is empty")
    ] = False,
    worker: Annotated[
        bool | None,
        typer.Option(
            "--worker/--no-worker",
            help="Run background jobs in each server process [WORKMATE_RUN_WORKER_IN_PROCESS]",
        ),
    ] = None,
) -> None:
    """Serve the API and the UI (and, by default, run background jobs in the same process)."""
    settings = _settings()
    _require_libmagic()
    if worker is not None:
        # The server processes read their settings from the environment.
        os.environ["WORKMATE_RUN_WORKER_IN_PROCESS"] = "true" if worker else "false"
        get_settings.cache_clear()
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    url = resolve_database_url(settings)
    if migrate:
        _upgrade(url)
    if load_demo and settings.is_development:
        _load_demo(url)
    _announce(settings, host, port)
    # uvicorn shuts down gracefully on SIGTERM and then re-raises it; exiting through Python
    # (not the default handler) lets atexit stop the embedded PostgreSQL too.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        _run_uvicorn(host, port, workers, settings)
    console.print("Workmate stopped.")


@app.command()
def worker(
    concurrency: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Jobs run at once [WORKMATE_WORKER_CONCURRENCY]"),
    ] = None,
) -> None:
    """Run background jobs until stopped (Ctrl-C / SIGTERM let running jobs finish first)."""
    from workmate.core.logging import configure_logging
    from workmate.jobs.worker import run_worker
    from workmate.storage import configure_storage, storage_from_settings

    settings = _settings()
    configure_logging(settings.log_level, json=settings.log_json)
    url = resolve_database_url(settings)
    configure_storage(storage_from_settings(settings))
    concurrency = concurrency or settings.worker_concurrency
    console.print(f"Workmate worker runs {concurrency} job(s) at a time. Stop with Ctrl-C.")
    # procrastinate's signal handlers turn SIGINT/SIGTERM into a graceful stop.
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            run_worker(
                url,
                concurrency=concurrency,
                install_signal_handlers=True,
                shutdown_grace_seconds=WORKER_SHUTDOWN_GRACE_SECONDS,
                name="workmate-worker",
            )
        )
    console.print("Workmate worker stopped.")


WORKER_SHUTDOWN_GRACE_SECONDS = 30.0


def _require_libmagic() -> None:
    """Stop with a clear message (not a traceback in a worker process) when libmagic is missing."""
    try:
        import workmate.documents.filetypes  # noqa: F401
    except RuntimeError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _run_uvicorn(host: str, port: int, workers: int, settings: Settings) -> None:
    import uvicorn

    uvicorn.run(
        "workmate.app:create_server_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        timeout_graceful_shutdown=5,
    )


def _announce(settings: Settings, host: str, port: int) -> None:
    from workmate.demo import DEMO_ADMIN_EMAIL, DEMO_PASSWORD

    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    lines = [f"Workmate runs at [bold]http://{shown}:{port}[/bold]"]
    if settings.embedded:
        lines.append(f"Embedded PostgreSQL in {settings.data_dir.resolve() / 'pg'}")
    if settings.is_development:
        lines.append(f"Demo login: [bold]{DEMO_ADMIN_EMAIL}[/bold] / [bold]{DEMO_PASSWORD}[/bold]")
    lines.append("Stop with Ctrl-C.")
    console.print(Panel("\n".join(lines), title="Workmate", expand=False))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
