from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.models import Employee


def _cli(args: list[str], database_url: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WORKMATE_DATABASE_URL": database_url, "WORKMATE_ENV": "development"}
    return subprocess.run(
        [sys.executable, "-m", "workmate.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        # A guard against a hang, not a speed target: the demo load on a busy 2-core machine.
        timeout=240,
    )


def test_help_lists_commands(database_url: str) -> None:
    result = _cli(["--help"], database_url)
    assert result.returncode == 0
    for command in ("serve", "db", "user", "demo", "openapi"):
        assert command in result.stdout
    assert "--password-stdin" in _cli(["user", "create", "--help"], database_url).stdout


async def test_user_create_reads_password_from_stdin(
    database_url: str, session: AsyncSession
) -> None:
    result = _cli(
        ["user", "create", "--email", "Chefin@Example.org", "--name", "Chefin", "--role", "admin"],
        database_url,
        stdin="a-strong-password\n",
    )
    assert result.returncode == 0, result.stderr
    employee = (await session.scalars(select(Employee).where(Employee.name == "Chefin"))).one()
    assert employee.password_hash and employee.password_hash.startswith("$argon2id$")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--email", "bad", "--name", "X", "--role", "admin"], "a-strong-password\n", "email"),
        (
            ["--email", "a@example.org", "--name", "X", "--role", "pope"],
            "a-strong-password\n",
            "Unknown role",
        ),
        (["--email", "a@example.org", "--name", "X"], "short\n", "password"),
    ],
)
def test_user_create_rejects_bad_input(
    database_url: str, args: list[str], stdin: str, message: str
) -> None:
    result = _cli(["user", "create", *args], database_url, stdin=stdin)
    assert result.returncode != 0
    assert message in result.stderr + result.stdout


async def test_demo_loads_once(database_url: str, session: AsyncSession) -> None:
    first = _cli(["demo"], database_url)
    assert first.returncode == 0, first.stderr
    assert "10 employees" in first.stderr
    again = _cli(["demo"], database_url)
    assert "not loaded" in again.stderr
    admin = await session.scalar(select(Employee).where(Employee.email == "admin@workmate-demo.de"))
    assert admin is not None


def test_demo_is_refused_in_production(database_url: str) -> None:
    env = {
        **os.environ,
        "WORKMATE_DATABASE_URL": database_url,
        "WORKMATE_ENV": "production",
        "WORKMATE_SECRET_KEY": "s" * 40,
    }
    result = subprocess.run(
        [sys.executable, "-m", "workmate.cli", "demo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2 and "production" in result.stderr
