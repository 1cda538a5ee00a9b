from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from workmate.auth.permissions import ALL_PERMISSIONS
from workmate.core.errors import invalid
from workmate.core.security import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from workmate.core.timeutil import is_valid_time_zone

Password = Annotated[str, Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Language = Literal["de", "en"]
Theme = Literal["light", "dark", "system"]


def check_time_zone(value: str | None) -> str | None:
    if value is not None and not is_valid_time_zone(value):
        raise invalid(
            "invalid_time_zone", "Unknown time zone; use an IANA name such as Europe/Berlin."
        )
    return value


class Ref(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str


class RoleRef(BaseModel):
    """A role as shown next to a person; ``builtin_key`` lets the UI translate default roles."""

    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    builtin_key: str | None = None


class LoginRequest(BaseModel):
    email: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=254)]
    password: Annotated[str, Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)]


class Me(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    email: str
    name: str
    employee_number: str
    phone: str | None
    role: RoleRef
    department: Ref | None
    permissions: list[str]
    language: Language
    theme: Theme
    time_zone: str


class LoginResponse(BaseModel):
    user: Me
    csrf_token: str


class MeUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name | None = None
    phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)] | None = None
    language: Language | None = None
    theme: Theme | None = None
    time_zone: Annotated[str, Field(max_length=64)] | None = None

    _tz = field_validator("time_zone")(check_time_zone)


class PasswordChange(BaseModel):
    current_password: Annotated[str, Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)]
    new_password: Password
    revoke_api_tokens: bool = Field(
        default=False,
        description="Also revoke all of your API tokens (after a leak); sessions on other "
        "devices end either way.",
    )


class DesktopLayout(BaseModel):
    layout: dict[str, Any]

    @field_validator("layout")
    @classmethod
    def _bounded(cls, value: dict[str, Any]) -> dict[str, Any]:
        import json

        if len(json.dumps(value)) > 64_000:
            raise invalid("layout_too_large", "The layout is too large.", max_kb=64)
        return value


class SessionInfo(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    ip_address: str | None
    user_agent: str | None
    current: bool = False


MAX_TOKEN_DAYS = 366


class ApiTokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    expires_in_days: Annotated[int, Field(ge=1, le=MAX_TOKEN_DAYS)] = Field(
        default=90, description="Every token expires: 90 days by default, a year at most."
    )
    scopes: Annotated[list[str], Field(max_length=100)] | None = Field(
        default=None,
        description="Permissions the token may use (each one you hold); null: all of yours.",
    )
    read_only: bool = Field(
        default=False, description="Only reading: the token cannot change anything."
    )

    @field_validator("scopes")
    @classmethod
    def _known_scopes(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        unknown = sorted(set(value) - ALL_PERMISSIONS)
        if unknown:
            raise ValueError(f"Unknown permission(s): {', '.join(unknown)}")
        if not value:
            raise ValueError("A token needs at least one permission (or null for all of yours)")
        return sorted(set(value))


class ApiTokenRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime
    scopes: list[str] | None = Field(description="Null: all of the owner's permissions.")
    read_only: bool


class ApiTokenCreated(BaseModel):
    token: ApiTokenRead
    secret: str = Field(description="Shown only once; send as `Authorization: Bearer <secret>`.")


class PermissionInfo(BaseModel):
    key: str
    module: str
    action: str
