"""Every error leaves the API in the one Problem shape (DESIGN.md 3)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from workmate.core.errors import (
    FieldError,
    Params,
    WorkmateError,
    problem,
    validation_field_errors,
)
from workmate.core.logging import get_logger

log = get_logger("workmate.errors")
MEDIA_TYPE = "application/problem+json"

_HTTP_CODES = {
    400: ("bad_request", "Bad request"),
    401: ("unauthenticated", "Not signed in"),
    403: ("forbidden", "Not allowed"),
    404: ("not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    413: ("payload_too_large", "Payload too large"),
    415: ("unsupported_media_type", "Unsupported media type"),
}


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def _respond(
    request: Request,
    status: int,
    code: str,
    title: str,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    params: Params | None = None,
) -> JSONResponse:
    body = problem(status, code, title, detail, errors, _request_id(request), params)
    return JSONResponse(
        body.model_dump(), status_code=status, media_type=MEDIA_TYPE, headers=headers
    )


async def _workmate_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, WorkmateError)
    return _respond(
        request,
        exc.status_code,
        exc.code,
        exc.title,
        exc.detail,
        exc.errors,
        exc.headers,
        exc.params,
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = validation_field_errors(exc.errors())
    names = ", ".join(dict.fromkeys(e.field for e in errors))
    return _respond(
        request,
        422,
        "validation_error",
        "Invalid input",
        f"Please check: {names}." if names else "The request is malformed.",
        errors,
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code, title = _HTTP_CODES.get(exc.status_code, ("http_error", "Error"))
    detail = exc.detail if isinstance(exc.detail, str) else title
    if exc.status_code == 404 and detail == "Not Found":
        detail = "There is nothing at this address."
    return _respond(
        request, exc.status_code, code, title, detail, headers=getattr(exc, "headers", None)
    )


# Constraints whose violation (e.g. by two requests racing, or a row still referenced) has a
# domain meaning: unique (23505), foreign key (23503), exclusion (23P01) or check (23514).
# Domains register theirs at import time; core never imports a domain.
_MEANINGS: dict[str, tuple[int, str, str | None, str]] = {}


def register_constraint(
    name: str, *, code: str, message: str, field: str | None = None, status: int = 409
) -> None:
    _MEANINGS[name] = (status, code, field, message)


def register_unique_constraint(name: str, *, code: str, field: str, message: str) -> None:
    register_constraint(name, code=code, field=field, message=message)


def _constraint(exc: DBAPIError) -> str:
    orig = getattr(exc, "orig", None)
    name = getattr(orig, "constraint_name", None) or getattr(
        getattr(orig, "__cause__", None), "constraint_name", None
    )
    return str(name or "")


async def _integrity_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, IntegrityError)
    sqlstate = getattr(exc.orig, "sqlstate", None) or getattr(
        getattr(exc.orig, "__cause__", None), "sqlstate", ""
    )
    constraint = _constraint(exc)
    log.info("integrity_error", sqlstate=sqlstate, constraint=constraint)
    if constraint in _MEANINGS:
        status, code, field, message = _MEANINGS[constraint]
        errors = [FieldError(field=field, message=message, code=code)] if field else []
        title = "Conflict" if status == 409 else "Not possible"
        return _respond(request, status, code, title, message, errors)
    if sqlstate == "23505":
        return _respond(
            request,
            409,
            "conflict",
            "Conflict",
            "This record conflicts with an existing one (it must be unique).",
        )
    if sqlstate == "23503":
        return _respond(
            request,
            409,
            "reference_conflict",
            "Conflict",
            "This record is referenced by or refers to a record that does not exist.",
        )
    if sqlstate in ("23P01",):
        return _respond(request, 409, "overlap", "Conflict", "This overlaps an existing record.")
    return _respond(
        request,
        422,
        "constraint_violation",
        "Not possible",
        "The data breaks a rule of the database.",
    )


async def _data_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    sqlstate = getattr(exc.orig, "sqlstate", None) or ""
    if str(sqlstate).startswith("22"):
        return _respond(
            request, 422, "invalid_value", "Invalid input", "A value is out of range or malformed."
        )
    if str(sqlstate) in ("40001", "40P01"):
        return _respond(
            request,
            409,
            "concurrent_update",
            "Conflict",
            "Someone else changed this at the same time. Please try again.",
        )
    return await _unexpected(request, exc)


def internal_error(request_id: str | None) -> JSONResponse:
    """The answer to a bug: 500 ``internal_error`` with the request id (which is in the log)."""
    body = problem(
        500,
        "internal_error",
        "Internal error",
        "Something went wrong on our side. The error was logged.",
        None,
        request_id,
    )
    return JSONResponse(body.model_dump(), status_code=500, media_type=MEDIA_TYPE)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled_error", exc_info=exc)
    return internal_error(_request_id(request))


def install(app: FastAPI) -> None:
    app.add_exception_handler(WorkmateError, _workmate_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(DBAPIError, _data_error)
    # Any other exception is answered by ``core.middleware`` (see there why not here).
