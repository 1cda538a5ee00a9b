from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from workmate.auth.schemas import Ref

DepartmentName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)
]
DepartmentCode = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_-]+$"
    ),
]


class DepartmentSort(StrEnum):
    name = "name"
    name_desc = "-name"
    code = "code"
    code_desc = "-code"
    created_at = "created_at"
    created_at_desc = "-created_at"


class DepartmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: DepartmentName
    code: DepartmentCode
    manager_id: uuid.UUID | None = None
    parent_id: uuid.UUID | None = None


class DepartmentUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: DepartmentName | None = None
    code: DepartmentCode | None = None
    manager_id: uuid.UUID | None = None
    parent_id: uuid.UUID | None = None


class Department(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    code: str
    manager_id: uuid.UUID | None
    manager: Ref | None
    parent_id: uuid.UUID | None
    parent: Ref | None
    member_count: int
    created_at: datetime
    updated_at: datetime
