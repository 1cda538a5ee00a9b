"""One error hierarchy, rendered in one JSON shape with a stable code (STYLE.md 7, DESIGN.md 3).

Shape (``application/problem+json``)::

    {"type": "https://workmate.dev/errors/<code>", "title": ..., "status": ..., "detail": ...,
     "code": "<code>", "params": {...},
     "errors": [{"field": ..., "message": ..., "code": ..., "params": {...}}], "request_id": ...}

``code`` is what the UI translates; ``params`` are the numbers and names its text needs, as JSON
strings (amounts and dates in their API form: ``"8556.93"``, ``"2026-12-31"``) or integers, so
the UI can format them for the reader's locale. ``detail`` and ``message`` are English fallbacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails, PydanticCustomError

ParamValue = str | int
Params = dict[str, ParamValue]


class FieldError(BaseModel):
    field: str
    message: str
    code: str
    params: Params = {}


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    code: str
    params: Params = {}
    errors: list[FieldError] = []
    request_id: str | None = None


def param_value(value: object) -> ParamValue:
    """One parameter as JSON the UI can format: integers stay numbers, everything else a string
    in its API form (decimals without exponent, ISO dates, enum values, lists comma-joined)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else format(Decimal(str(value)), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(param_value(v)) for v in value)
    return str(value)


def to_params(values: Mapping[str, object] | None) -> Params:
    """Parameters without the ones that carry no text (None, exceptions)."""
    if not values:
        return {}
    return {
        key: param_value(value)
        for key, value in values.items()
        if value is not None and not isinstance(value, BaseException)
    }


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
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code
        self.errors = errors or []
        self.headers = headers or {}
        self.params = to_params(params)

    def to_problem(self, request_id: str | None = None) -> Problem:
        return problem(
            self.status_code,
            self.code,
            self.title,
            self.detail,
            self.errors,
            request_id,
            self.params,
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
    params: Params | None = None,
) -> Problem:
    return Problem(
        type=f"https://workmate.dev/errors/{code}",
        title=title,
        status=status,
        detail=detail,
        code=code,
        params=params or {},
        errors=errors or [],
        request_id=request_id,
    )


def field_error(
    field: str, message: str, code: str = "invalid", params: Mapping[str, object] | None = None
) -> FieldError:
    return FieldError(field=field, message=message, code=code, params=to_params(params))


def invalid(code: str, message: str, **params: object) -> PydanticCustomError:
    """A validation error with its own code (a validator raises it instead of ``ValueError``, so
    the UI can say what is wrong: ``invalid_vat_id`` rather than ``value_error``)."""
    return PydanticCustomError(code, message, {k: param_value(v) for k, v in params.items()})


def field_violation(exc: PydanticCustomError, field: str) -> BusinessRuleViolation:
    """A check that runs in a service (it needs stored data) answers like the schema would."""
    message = exc.message()
    return BusinessRuleViolation(
        message,
        code=exc.type,
        errors=[field_error(field, message, exc.type, exc.context)],
        params=exc.context,
    )


_LOCATIONS = ("body", "query", "path", "header", "cookie")


def validation_field(loc: Iterable[Any]) -> str:
    """The JSON name of the field a validation error is about (``lines.0.quantity``); the
    location itself (``body``) when the error is about the whole of it."""
    loc = list(loc)
    parts = [str(p) for p in loc if p not in _LOCATIONS]
    return ".".join(parts) or str(loc[0] if loc else "request")


def validation_field_errors(errors: Iterable[ErrorDetails]) -> list[FieldError]:
    """Pydantic's errors as field errors: its type is the code, its context the params."""
    return [
        FieldError(
            field=validation_field(e.get("loc", ())),
            message=str(e.get("msg", "Invalid value")).removeprefix("Value error, "),
            code=str(e.get("type", "invalid")),
            params=to_params(e.get("ctx")),
        )
        for e in errors
    ]


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
