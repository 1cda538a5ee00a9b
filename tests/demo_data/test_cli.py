from __future__ import annotations

import os
import subprocess
import sys

import psycopg

from workmate.core.database_url import libpq_url


def _demo(size: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WORKMATE_DATABASE_URL": database_url, "WORKMATE_ENV": "development"}
    return subprocess.run(
        [sys.executable, "-m", "workmate.cli", "demo", "--size", size],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_demo_size_loads_a_generated_data_set_once(database_url: str) -> None:
    first = _demo("scale=0.001", database_url)
    assert first.returncode == 0, first.stderr
    assert "loaded in" in first.stderr
    with psycopg.connect(libpq_url(database_url)) as conn:
        row = conn.execute("SELECT count(*) FROM customers").fetchone()
    assert row == (100,)
    again = _demo("scale=0.001", database_url)
    assert again.returncode == 1
    assert "already has" in again.stderr


def test_demo_refuses_an_unknown_size(database_url: str) -> None:
    result = _demo("huge", database_url)
    assert result.returncode == 2
    assert "small, medium, large" in result.stderr
