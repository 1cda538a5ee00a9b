"""procrastinate's own database objects, which its package (not our models) defines."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

PREFIX = "procrastinate_"


def include_name(name: str | None, type_: Any, parent_names: MutableMapping[Any, Any]) -> bool:
    """Alembic hook: leave procrastinate's tables out of autogenerate and the drift test."""
    return not (type_ == "table" and name is not None and name.startswith(PREFIX))
