from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel


class JobItemError(BaseModel):
    id: str | None = None
    label: str | None = None
    message: str


class JobRead(BaseModel):
    id: uuid.UUID
    kind: str
    status: Literal["queued", "running", "succeeded", "failed"]
    total: int
    done: int
    failed: int
    progress: int
    errors: list[JobItemError]
    message: str | None
    result_filename: str | None
    download_url: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
