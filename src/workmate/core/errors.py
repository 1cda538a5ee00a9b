"""One error hierarchy, rendered in one JSON shape with a stable code (STYLE.md 7, DESIGN.md 3).

Shape (``application/problem+json``)::

    {"type": "https://workmate.dev/errors/<code>", "title": ..., "status": ..., "detail": ...,
     "code": "<code>", "errors": [{"field": ..., "message": ..., "code": ...}], "request_id": ...}
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class FieldError(BaseModel):
    field: str
    message: str
    code: str


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[FieldError] = []
    request_id: str | None = None


class WorkmateError(Exception):
    status_code = 400
    code = "bad_request"
    title = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        code: str | None = None,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code
        self.errors = errors or []
        self.headers = headers or {}

    def to_problem(self, request_id: str | None = None) -> Problem:
        return problem(
            self.status_code, self.code, self.title, self.detail, self.errors, request_id
        )


class Unauthenticated(WorkmateError):
    status_code = 401
    code = "unauthenticated"
    title = "Not signed in"


class Forbidden(WorkmateError):
    status_code = 403
    code = "forbidden"
    title = "Not allowed"


class NotFound(WorkmateError):
    status_code = 404
    code = "not_found"
    title = "Not found"


class Conflict(WorkmateError):
    status_code = 409
    code = "conflict"
    title = "Conflict"


class BusinessRuleViolation(WorkmateError):
    status_code = 422
    code = "business_rule_violation"
    title = "Not possible"


class PayloadTooLarge(WorkmateError):
    status_code = 413
    code = "payload_too_large"
    title = "Too large"


class TooManyRequests(WorkmateError):
    status_code = 429
    code = "too_many_attempts"
    title = "Too many attempts"


def problem(
    status: int,
    code: str,
    title: str,
    detail: str,
    errors: list[FieldError] | None = None,
    request_id: str | None = None,
) -> Problem:
    return Problem(
        type=f"https://workmate.dev/errors/{code}",
        title=title,
        status=status,
        detail=detail,
        code=code,
        errors=errors or [],
        request_id=request_id,
    )


def field_error(field: str, message: str, code: str = "invalid") -> FieldError:
    return FieldError(field=field, message=message, code=code)


def reject_nulls(changes: dict[str, Any], required: tuple[str, ...]) -> None:
    """A PATCH may omit a required field but not set it to null (422 naming the field)."""
    for name in required:
        if name in changes and changes[name] is None:
            raise BusinessRuleViolation(
                f"'{name}' cannot be empty.",
                code="required",
                errors=[field_error(name, "This field is required.", "required")],
            )


def responses(*errors: type[WorkmateError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` for the business errors a route documents."""
    out: dict[int | str, dict[str, Any]] = {}
    for err in errors:
        out[err.status_code] = {"model": Problem, "description": err.title}
    return out
