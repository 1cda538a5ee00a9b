from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from workmate.auth.permissions import ALL_PERMISSIONS
from workmate.core.errors import invalid

RoleName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]


def _known(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    unknown = sorted(set(values) - ALL_PERMISSIONS)
    if unknown:
        raise invalid(
            "unknown_permission", "Unknown permission(s): {permissions}.", permissions=unknown
        )
    return sorted(set(values))


class RoleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: RoleName
    description: Description = ""
    permissions: Annotated[list[str], Field(max_length=200)] = []

    _perms = field_validator("permissions")(_known)


class RoleUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: RoleName | None = None
    description: Description | None = None
    permissions: Annotated[list[str], Field(max_length=200)] | None = None

    _perms = field_validator("permissions")(_known)


class Role(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    description: str
    permissions: list[str]
    is_builtin: bool
    builtin_key: str | None
    member_count: int
    created_at: datetime
    updated_at: datetime
