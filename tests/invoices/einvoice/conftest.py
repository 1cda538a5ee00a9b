"""Rendering tests are pure (no database): skip the suite-wide per-test database cleanup."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def clean_database() -> None:
    """Overrides tests/conftest.py's autouse fixture so these tests never start PostgreSQL."""
