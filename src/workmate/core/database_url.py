"""Normalising database URLs: the app uses asyncpg, tools use psycopg."""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url


def async_url(url: str) -> URL:
    return make_url(url).set(drivername="postgresql+asyncpg")


def sync_url(url: str) -> URL:
    return make_url(url).set(drivername="postgresql+psycopg")


def libpq_url(url: str | URL) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def with_database(url: str | URL, database: str) -> str:
    return libpq_url(make_url(url).set(database=database))
