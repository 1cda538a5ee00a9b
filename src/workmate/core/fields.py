"""Field types shared by the domains' schemas whose errors carry their own code."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic.networks import validate_email
from pydantic_core import PydanticCustomError

from workmate.core.errors import invalid


def _email(value: str) -> str:
    try:
        return validate_email(value)[1]
    except PydanticCustomError as exc:
        raise invalid("invalid_email", "This is not a valid e-mail address.") from exc


# An e-mail address (RFC 5322 via email-validator, like pydantic's EmailStr), answered with the
# code ``invalid_email`` rather than the generic ``value_error``.
Email = Annotated[
    str, Field(max_length=254, json_schema_extra={"format": "email"}), AfterValidator(_email)
]
